"""The extractor on other provinces' planning texts: the corpus of tests/extraction/corpus
(README.md there), its two splits, and the figures on each (docs/extraction.md, "How well
it does").

The goal of issue 12 is recall ≥ 0.95 and precision ≥ 0.98 on every field of the held-out
split. It is not reached yet: the test of the goal is an expected failure (strict, so that
it fails the day the goal is met and its marker must go), and the figures measured stand as
a floor that must not fall.
"""

import json
from pathlib import Path

import pytest

from plantrack.extraction.evaluation import FIELDS, evaluate, load_labelled, reliability

CORPUS = Path(__file__).resolve().parent / "corpus"
DEV, HELD_OUT = CORPUS / "dev.jsonl", CORPUS / "heldout.jsonl"
GOAL_FIELDS = ("indicator", "comparator", "value", "upper_value", "unit", "period")
PRECISION_GOAL, RECALL_GOAL = 0.98, 0.95
# Measured once on the held-out split now (the tenth: labelled before the extractor was ever
# run on it; docs/extraction.md), as the floor of that split: a new split is a new text, and
# its floors are what was first measured on it, never more.
HELD_OUT_FLOOR = {
    "target": (0.850, 0.919),
    "indicator": (0.701, 0.758),
    "comparator": (0.835, 0.903),
    "value": (0.850, 0.919),
    "upper_value": (0.850, 0.919),
    "unit": (0.850, 0.919),
    "kind": (0.791, 0.854),
    "period": (0.761, 0.822),
}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _print(name, scores):
    print(f"\n{name}\n" + scores.table())
    for mistake in scores.mistakes:
        print("  " + mistake)


def test_corpus_files_are_built_from_their_sources():
    from corpus.build_corpus import SPLITS, parse, to_jsonl  # the builder of the .jsonl

    for source, built in SPLITS.items():
        assert (CORPUS / built).read_text(encoding="utf-8") == to_jsonl(parse(CORPUS / source))


def test_corpus_covers_ten_other_provinces_and_the_held_out_documents_are_not_in_dev():
    """The held-out split's documents are none of dev's; its provinces may be.

    Until the eighth split, each held-out split was of provinces not in dev. Every province
    but Cao Bằng is in the corpus now, so the ninth and tenth take other documents (other plans,
    resolutions and reports) of provinces already seen: what is held out is the text, and a
    passage's source (its address) is what must not be in dev. A weaker test than new
    provinces, and docs/extraction.md says so.
    """
    dev, held_out = _records(DEV), _records(HELD_OUT)
    dev_provinces = {record["province"] for record in dev} - {"(national)"}
    held_out_provinces = {record["province"] for record in held_out}

    assert "Cao Bằng" not in dev_provinces | held_out_provinces
    assert len(dev_provinces | held_out_provinces) >= 10
    assert len(held_out_provinces) >= 10
    dev_addresses = {_address(record) for record in dev}
    assert {_address(record) for record in held_out}.isdisjoint(dev_addresses)
    assert {record["text"] for record in held_out}.isdisjoint(record["text"] for record in dev)
    assert sum(len(record["targets"]) for record in dev + held_out) >= 150
    assert sum(1 for record in dev + held_out if not record["targets"]) >= 10  # results
    assert all("http" in record["source"] for record in dev + held_out)
    load_labelled(DEV), load_labelled(HELD_OUT)  # every label is found in its passage


def test_the_next_held_out_split_is_labelled_from_documents_never_used(tmp_path):
    """``next_heldout.txt``, labelled for the next round, is read as text only (never by the
    extractor, so that its first measurement stays a first look): it parses, every label is
    found in its passage, and none of its sources or passages is in dev or the held-out split.
    """
    from corpus.build_corpus import parse, to_jsonl

    upcoming = parse(CORPUS / "next_heldout.txt")
    used = _records(DEV) + _records(HELD_OUT)
    built = tmp_path / "next_heldout.jsonl"
    built.write_text(to_jsonl(upcoming), encoding="utf-8")

    assert len({record["province"] for record in upcoming}) >= 10
    assert {_address(record) for record in upcoming}.isdisjoint(_address(r) for r in used)
    assert {record["text"] for record in upcoming}.isdisjoint(record["text"] for record in used)
    assert sum(len(record["targets"]) for record in upcoming) >= 40
    load_labelled(built)  # every label is found in its passage (nothing is extracted)


def _address(record: dict) -> str:
    """Return the address a passage was copied from: the last part of its source."""
    return record["source"].rsplit("http", 1)[1]


def test_the_dev_split_reaches_the_goal_on_every_field():
    scores = evaluate(load_labelled(DEV))

    _print("Dev split (tests/extraction/corpus/dev.jsonl)", scores)
    assert {name: scores.precision(name) for name in GOAL_FIELDS if scores.precision(name) <
            PRECISION_GOAL} == {}  # fmt: skip
    assert {name: scores.recall(name) for name in GOAL_FIELDS if scores.recall(name) <
            RECALL_GOAL} == {}  # fmt: skip


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 not done: held-out precision 0.70–0.85, recall 0.76–0.92 (docs/extraction.md)",
)
def test_the_held_out_split_reaches_the_goal_on_every_field():
    scores = evaluate(load_labelled(HELD_OUT))

    for name in GOAL_FIELDS:
        assert scores.precision(name) >= PRECISION_GOAL, name
        assert scores.recall(name) >= RECALL_GOAL, name


def test_the_held_out_figures_do_not_fall():
    scores = evaluate(load_labelled(HELD_OUT))

    _print("Held-out split (tests/extraction/corpus/heldout.jsonl)", scores)
    low = {
        name: (round(scores.precision(name), 3), round(scores.recall(name), 3))
        for name in FIELDS
        if scores.precision(name) < HELD_OUT_FLOOR[name][0]
        or scores.recall(name) < HELD_OUT_FLOOR[name][1]
    }
    assert low == {}


def test_the_reliability_table_counts_every_candidate_once():
    passages = load_labelled(DEV)

    table = reliability(passages)

    assert sum(cell.count for cell in table) == evaluate(passages).extracted
    assert all(cell.right <= cell.count for cell in table)
