"""Build the labelled JSON Lines of the other-provinces corpus from its readable sources.

``dev.txt`` and ``heldout.txt`` hold the passages as copied, with their sources and one
line per labelled target (README.md describes the form). This script writes ``dev.jsonl``
and ``heldout.jsonl`` in the labelled-set format that ``extraction.evaluation`` reads
(the same as tests/data/extraction-labelled.jsonl), plus a ``province`` field.

    python tests/extraction/corpus/build_corpus.py          # write both .jsonl files
    python tests/extraction/corpus/build_corpus.py --draft dev.txt
        # print the passages with the extractor's candidates as draft target lines, for
        # labelling by hand (a draft is corrected, never taken as it is)

``test_corpus_files_are_built_from_their_sources`` checks that the .jsonl files are what
this script writes.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = {"dev.txt": "dev.jsonl", "heldout.txt": "heldout.jsonl"}
TARGET_MARK = "=> "
NULL = "-"


def _split_occurrence(written: str) -> tuple[str, int]:
    """Return ("9,72%", 1) for "9,72%#1": the text and which occurrence of it is meant."""
    if "#" in written:
        text, number = written.rsplit("#", 1)
        if number.isdigit():
            return text, int(number)
    return written, 0


def _number_or_null(written: str):
    return None if written == NULL else written


def _year_or_null(written: str):
    return None if written == NULL else int(written)


def _target(line: str, where: str) -> dict:
    fields = [field.strip() for field in line[len(TARGET_MARK) :].split(" | ")]
    if len(fields) != 10:
        raise ValueError(f"{where}: a target line has 10 fields, not {len(fields)}: {line}")
    indicator, value_at, comparator, value, upper, unit, kind, start, end, year = fields
    indicator_text, indicator_occurrence = _split_occurrence(indicator)
    value_text, value_occurrence = _split_occurrence(value_at)
    return {
        "indicator_text": indicator_text,
        "indicator_occurrence": indicator_occurrence,
        "value_at": value_text,
        "value_occurrence": value_occurrence,
        "comparator": comparator,
        "value": value,
        "upper_value": _number_or_null(upper),
        "unit": "" if unit == NULL else unit,
        "kind": kind,
        "period_start": _year_or_null(start),
        "period_end": _year_or_null(end),
        "target_year": _year_or_null(year),
    }


def parse(path: Path) -> list[dict]:
    """Return the passages of a source file, each with id, province, source, text, targets."""
    passages: list[dict] = []
    current = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name} line {number}"
        if raw.startswith("#"):
            continue
        if raw.startswith("@ "):
            identifier, province, source, link = (part.strip() for part in raw[2:].split(" | "))
            current = {
                "id": identifier,
                "province": province,
                "source": f"{source} <{link}>",
                "lines": [],
                "targets": [],
            }
            passages.append(current)
        elif raw.startswith(TARGET_MARK):
            current["targets"].append(_target(raw, where))
        elif raw.strip():
            if current["targets"]:
                raise ValueError(f"{where}: text after the targets of {current['id']}")
            current["lines"].append(raw)
    return [
        {
            "id": passage["id"],
            "province": passage["province"],
            "source": passage["source"],
            "text": "\n".join(passage["lines"]),
            "targets": passage["targets"],
        }
        for passage in passages
    ]


def to_jsonl(passages: list[dict]) -> str:
    return "".join(json.dumps(passage, ensure_ascii=False) + "\n" for passage in passages)


def _occurrence(text: str, needle: str, position: int) -> int:
    count, found = 0, text.find(needle)
    while 0 <= found < position:
        count += 1
        found = text.find(needle, found + 1)
    return count


def _written(text: str, needle: str, position: int) -> str:
    occurrence = _occurrence(text, needle, position)
    return f"{needle}#{occurrence}" if occurrence else needle


def _show(value) -> str:
    return NULL if value is None else str(value)


def draft(path: Path) -> str:
    """Return the source file's passages with the extractor's candidates as target lines."""
    from plantrack.extraction.extractor import extract_targets

    lines = []
    for passage in parse(path):
        text = passage["text"]
        lines.append(f"@ {passage['id']}")
        lines.append(text)
        for candidate in extract_targets(text):
            start, end = candidate.indicator_span
            value_start = candidate.value_span[0]
            value_text = text[value_start : max(candidate.value_span[1], candidate.span[1])]
            value_text = value_text[:24].rstrip()
            fields = [
                _written(text, text[start:end], start),
                _written(text, value_text, value_start),
                candidate.comparator,
                _show(candidate.value),
                _show(candidate.upper_value),
                candidate.unit or NULL,
                candidate.kind,
                _show(candidate.period_start),
                _show(candidate.period_end),
                _show(candidate.target_year),
            ]
            lines.append(TARGET_MARK + " | ".join(fields))
        lines.append("")
    return "\n".join(lines)


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--draft"]:
        print(draft(HERE / arguments[1]))
        return
    for source, target in SPLITS.items():
        (HERE / target).write_text(to_jsonl(parse(HERE / source)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
