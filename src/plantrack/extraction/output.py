"""Write candidates as JSON Lines, CSV or an aligned text table (pure).

The JSON Lines form is fixed (docs/extraction.md, "Output"): one candidate a line, in
text order, with the fields of ``extractor.RECORD_FIELDS`` in that order, so that others
can score the extractor. CSV has the same columns, the span split into two.
"""

import csv
import io
import json

from plantrack.extraction.extractor import RECORD_FIELDS, Candidate

__all__ = ["to_csv", "to_jsonl", "to_table"]


def to_jsonl(candidates: list[Candidate]) -> str:
    """Return one JSON object per line, UTF-8 text kept as is ("tỷ lệ", not "t\\u1ef7")."""
    return "".join(
        json.dumps(candidate.as_record(), ensure_ascii=False) + "\n" for candidate in candidates
    )


CSV_COLUMNS = [name for name in RECORD_FIELDS if name != "span"] + ["span_start", "span_end"]


def to_csv(candidates: list[Candidate]) -> str:
    """Return a CSV with a header row; empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for candidate in candidates:
        record = candidate.as_record()
        start, end = record.pop("span")
        writer.writerow({**record, "span_start": start, "span_end": end})
    return buffer.getvalue()


def to_table(candidates: list[Candidate], text: str) -> str:
    """Return a text table for reading in a terminal: phrase, kind, value, years."""
    header = ("#", "Nguyên văn", "Loại", "So sánh", "Giá trị", "Đơn vị", "Năm", "Tin cậy")
    rows = []
    for number, candidate in enumerate(candidates, start=1):
        phrase = " ".join(text[candidate.span[0] : candidate.span[1]].split())
        if len(phrase) > 60:
            phrase = phrase[:59] + "…"
        value = str(candidate.value)
        if candidate.upper_value is not None:
            value += f"–{candidate.upper_value}"
        years = str(candidate.target_year or "")
        if candidate.period_start:
            years = f"{candidate.period_start}–{candidate.period_end}"
        rows.append(
            (
                str(number),
                phrase,
                candidate.kind,
                candidate.comparator,
                value,
                candidate.unit,
                years,
                f"{candidate.confidence:.2f}",
            )
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines) + "\n"
