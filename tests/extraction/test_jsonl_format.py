"""The JSON Lines form is fixed: one candidate a line, in text order, fields in order, and
each span slices the exact phrase out of the file's text."""

import json

from django.core.management import call_command
from extraction_helpers import SEED_PATH

from plantrack.extraction.readers import read_text

FIELDS = [
    "indicator_text",
    "indicator",
    "comparator",
    "value",
    "upper_value",
    "unit",
    "scale",
    "kind",
    "period_start",
    "period_end",
    "target_year",
    "scope",
    "span",
    "confidence",
]
COMPARATORS = {">=", ">", "<=", "<", "~", "="}
KINDS = {"level", "average_growth", "annual_change", "cumulative", "share", "rank", "qualitative"}

DECISION = (
    "Mục tiêu đến năm 2030:\n"
    "- Tỷ lệ đô thị hóa của thành phố Cao Bằng đạt 100%;\n"
    "- Cơ cấu kinh tế các ngành nông nghiệp, công nghiệp - xây dựng, dịch vụ tương ứng "
    "20 - 30 - 50%;\n"
    "- Giai đoạn 2026 - 2030, thu ngân sách tăng bình quân 8 - 9%/năm.\n"
)

# The three shares share one phrase (and one highlight on the review screen).
SHARES = (
    "Cơ cấu kinh tế các ngành nông nghiệp, công nghiệp - xây dựng, dịch vụ tương ứng 20 - 30 - 50%"
)


def _records(path, capsys, *options) -> list[dict]:
    call_command("extract", str(path), *options)
    lines = capsys.readouterr().out.splitlines()
    return [json.loads(line) for line in lines]


def test_every_line_has_the_fixed_fields_in_order(capsys):
    for record in _records(SEED_PATH, capsys, "--format", "jsonl"):
        assert list(record) == FIELDS
        assert record["comparator"] in COMPARATORS
        assert record["kind"] in KINDS
        assert isinstance(record["value"], int | float)
        assert 0 <= record["confidence"] <= 1


def test_candidates_come_in_text_order_and_spans_slice_the_phrase(tmp_path, capsys):
    path = tmp_path / "quyet-dinh.txt"
    path.write_text(DECISION, encoding="utf-8")

    records = _records(path, capsys)
    text = read_text(path.name, path.read_bytes())

    assert [text[slice(*r["span"])] for r in records] == [
        "Tỷ lệ đô thị hóa của thành phố Cao Bằng đạt 100%",
        *[SHARES] * 3,
        "thu ngân sách tăng bình quân 8 - 9%/năm",
    ]
    assert [r["span"][0] for r in records] == sorted(r["span"][0] for r in records)
    assert records[0]["scope"] == "thành phố Cao Bằng"
    assert records[0]["indicator"] == "tỷ lệ đô thị hóa"
    assert [r["indicator_text"] for r in records[1:4]] == [
        "nông nghiệp",
        "công nghiệp - xây dựng",
        "dịch vụ",
    ]
    assert [r["value"] for r in records[1:4]] == [20, 30, 50]
    assert (records[4]["value"], records[4]["upper_value"]) == (8, 9)


def test_spans_count_characters_of_the_decoded_text_not_bytes(tmp_path, capsys):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + DECISION.encode("utf-8"))

    first = _records(path, capsys)[0]

    assert DECISION[slice(*first["span"])].startswith("Tỷ lệ đô thị hóa")


def test_csv_has_the_same_columns_with_the_span_split(capsys):
    call_command("extract", str(SEED_PATH), "--format", "csv")
    header, *rows = capsys.readouterr().out.splitlines()

    assert header.split(",") == [f for f in FIELDS if f != "span"] + ["span_start", "span_end"]
    assert len(rows) == 4


def test_the_table_is_for_reading(capsys):
    call_command("extract", str(SEED_PATH), "--format", "table")
    out = capsys.readouterr().out

    assert "Nguyên văn" in out and "average_growth" in out and "2021–2025" in out
