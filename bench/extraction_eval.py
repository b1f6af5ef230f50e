"""Score the target extractor on every labelled set and print the figures (issue 12).

Pure: no database, no Django. For each set it prints precision, recall and F1 per field
(``extraction.evaluation.FIELDS``), then the reliability table of the confidence (per bin:
candidates, mean confidence, share right). The figures in docs/extraction.md ("How well it
does") are this script's output.

    .venv/bin/python bench/extraction_eval.py              # every set
    .venv/bin/python bench/extraction_eval.py --mistakes   # also list each disagreement
    .venv/bin/python bench/extraction_eval.py --only dev   # one set: dev, heldout,
                                                           # labelled, holdout

The sets: the other-provinces corpus, split into ``dev`` (rules tuned on it) and
``heldout`` (never used to tune a rule; tests/extraction/corpus/README.md), and Cao Bằng's
``labelled`` set and its ``holdout`` (tests/data/).
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from plantrack.extraction.evaluation import (  # noqa: E402 (after the path is set)
    evaluate,
    load_labelled,
    reliability,
    reliability_table,
)

SETS = {
    "dev": ROOT / "tests/extraction/corpus/dev.jsonl",
    "heldout": ROOT / "tests/extraction/corpus/heldout.jsonl",
    "labelled": ROOT / "tests/data/extraction-labelled.jsonl",
    "holdout": ROOT / "tests/data/extraction-holdout.jsonl",
}


def report(name: str, path: Path, mistakes: bool) -> str:
    """Return the figures of one labelled set as text."""
    passages = load_labelled(path)
    scores = evaluate(passages)
    lines = [f"## {name} ({path.relative_to(ROOT)})", scores.table(), ""]
    lines.append(reliability_table(reliability(passages)))
    if mistakes:
        lines.extend(["", *(f"  {mistake}" for mistake in scores.mistakes)])
    return "\n".join(lines) + "\n"


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SETS))
    parser.add_argument("--mistakes", action="store_true")
    options = parser.parse_args(arguments)
    names = [options.only] if options.only else list(SETS)
    print("\n".join(report(name, SETS[name], options.mistakes) for name in names))


if __name__ == "__main__":
    main(sys.argv[1:])
