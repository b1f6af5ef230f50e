"""Shared data and helpers for the extraction tests: the seed article, the labelled set,
small files.

The seed article (tests/data/extraction-seed-article.txt) is a copy of
../shared/seed/000_59b5c3e094bc478f.txt: the press report of Decision 1486/QĐ-TTg that
PlanTrack started from.
"""

import io
from pathlib import Path

import docx

from plantrack.extraction.extractor import Candidate, extract_targets

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_PATH = DATA / "extraction-seed-article.txt"
LABELLED_PATH = DATA / "extraction-labelled.jsonl"
HOLDOUT_PATH = DATA / "extraction-holdout.jsonl"

SEED_TARGETS_PARAGRAPH = (
    "Mục tiêu, chỉ tiêu cụ thể, về kinh tế tốc độ tăng trưởng kinh tế (GRDP) bình quân "
    "thời kỳ 2021 - 2030 đạt 9,72%/năm. GRDP bình quân/người khoảng 102 triệu đồng/người "
    "(giá hiện hành). Thu ngân sách tăng bình quân trên 12%/năm. Tỷ lệ hộ nghèo đa chiều "
    "giai đoạn 2021 - 2025 giảm bình quân trên 4,0%/năm; duy trì mức giảm tỷ lệ hộ nghèo "
    "đến năm 2030…"
)


def only(text: str) -> Candidate:
    """Return the one candidate of ``text``; fail if there is not exactly one."""
    candidates = extract_targets(text)
    assert len(candidates) == 1, [c.as_record() for c in candidates]
    return candidates[0]


def read_fields(text: str) -> list[tuple]:
    """Return each candidate of ``text`` as (indicator phrase, comparator, value, upper
    value, unit, kind, (period start, period end, target year))."""
    return [
        (
            text[c.indicator_span[0] : c.indicator_span[1]],
            c.comparator,
            c.value,
            c.upper_value,
            c.unit,
            c.kind,
            (c.period_start, c.period_end, c.target_year),
        )
        for c in extract_targets(text)
    ]


def phrase_of(text: str, candidate: Candidate) -> str:
    return text[candidate.span[0] : candidate.span[1]]


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """Return a .docx written by python-docx with these paragraphs (and a table)."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def candidate_form(candidate, action: str, **changes) -> dict:
    """Return the POST data of a candidate's review form: its values, edited by ``changes``
    (field name → value), and the button pressed (``accept``, ``save`` or ``reject``)."""
    values = {
        "indicator": candidate.indicator_id or "",
        "new_indicator_code": candidate.new_indicator_code,
        "new_indicator_name": candidate.new_indicator_name,
        "kind": candidate.kind,
        "comparator": candidate.comparator,
        "value": candidate.value,
        "upper_value": candidate.upper_value,
        "unit": candidate.unit,
        "period_start": candidate.period_start,
        "period_end": candidate.period_end,
        "target_year": candidate.target_year,
        "action": action,
    } | changes
    prefix = f"c{candidate.pk}"
    return {f"{prefix}-{name}": "" if value is None else value for name, value in values.items()}
