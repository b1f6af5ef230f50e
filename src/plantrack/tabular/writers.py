"""Write tables to CSV and XLSX, with every text a spreadsheet could run neutralised.

CSV is UTF-8 with a BOM, numbers written plainly with a dot; a text that starts like a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a quote in front in CSV and
Excel's quote-prefix flag in XLSX, numbers and dates never. The exports of figures, tasks and
projects write through here.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from plantrack.tabular.checks import IllustratedRecord, illustrative_labels
from plantrack.tabular.numbers import format_number
from plantrack.tabular.text import FORMULA_TRIGGERS

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    SDMX_CSV = "sdmx-csv", gettext_lazy("SDMX-CSV (dữ liệu mở)")


@dataclass(frozen=True)
class FormatInfo:
    content_type: str
    extension: str


FORMAT_INFO = {
    ExportFormat.CSV: FormatInfo("text/csv; charset=utf-8", "csv"),
    ExportFormat.XLSX: FormatInfo(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    ),
    ExportFormat.SDMX_CSV: FormatInfo("text/csv; charset=utf-8", "sdmx.csv"),
}


class ExportError(ValueError):
    """A selection that cannot be made: an unknown code; ``code`` is machine-readable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def neutralise(text: str) -> str:
    """Return ``text`` with a single quote in front when a spreadsheet could run it as a
    formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)."""
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def number_text(value: Decimal, *, unambiguous: bool = False) -> str:
    """Return ``value`` written plainly: ``-2.5``, ``6700.3``, ``1000`` (no exponent, no
    trailing zeros). With ``unambiguous``, three decimals get a fourth zero: ``1.2340``, as
    ``1.234`` could be read as one thousand two hundred and thirty-four."""
    text = format_number(Decimal(value).normalize(), "en", grouping=False)
    integer, _dot, decimals = text.lstrip("-").partition(".")
    if unambiguous and len(decimals) == 3 and len(integer) <= 3:
        text += "0"
    return text


def text_cell(sheet: WriteOnlyWorksheet, text: str, cell_class: Callable[..., Cell]) -> Cell | None:
    """Return an XLSX text cell; one a spreadsheet could run is flagged as quoted text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    clean = ILLEGAL_CHARACTERS_RE.sub("", text or "")
    if not clean:
        return None
    cell = cell_class(sheet, value=None)
    cell.value = clean
    # openpyxl turns a text starting with "=" into a formula: say it is text, always.
    cell.data_type = "s"
    if clean.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


# CSV and XLSX only: SDMX-CSV is for statistical figures.
TABLE_FORMATS = (ExportFormat.CSV, ExportFormat.XLSX)


def table_format(name: str | None, default: str = ExportFormat.CSV) -> ExportFormat:
    """Return the export format ``name`` names (csv, xlsx), or raise ``ExportError``."""
    if not name:
        return ExportFormat(default)
    if name not in TABLE_FORMATS:
        raise ExportError(
            _("Định dạng “%(format)s” không hỗ trợ: dùng %(choices)s.")
            % {"format": name, "choices": ", ".join(TABLE_FORMATS)},
            "unknown_format",
        )
    return ExportFormat(name)


def content_type(file_format: str) -> str:
    return FORMAT_INFO[ExportFormat(file_format)].content_type


@dataclass(frozen=True)
class Sheet:
    """One table to write: its title (the XLSX sheet's name), headers, rows, column widths."""

    title: str
    headers: list[str]
    rows: Iterable[Sequence[object]]
    widths: tuple[int, ...] = ()


def write_table(sheets: list[Sheet], file_format: str, out: BinaryIO) -> int:
    """Write ``sheets`` to the binary stream ``out``; return the rows of the first sheet.

    XLSX gets every sheet; CSV the first only (a CSV file holds one table). Cells: text
    (neutralised), ``Decimal`` and ``int`` (numbers), ``datetime.date`` (a date cell in XLSX,
    ``2025-06-30`` in CSV), None (empty).
    """
    if ExportFormat(file_format) == ExportFormat.XLSX:
        return _write_xlsx(sheets, out)
    return _write_csv(sheets[0], out)


def _write_csv(sheet: Sheet, out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(sheet.headers)
        count = 0
        for row in sheet.rows:
            writer.writerow([_csv_cell(cell) for cell in row])
            count += 1
    finally:
        text.detach()  # leave ``out`` open for the caller
    return count


def _csv_cell(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, int | Decimal | float):
        return number_text(Decimal(str(cell)), unambiguous=True)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return neutralise(str(cell))


def _write_xlsx(sheets: list[Sheet], out: BinaryIO) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    first_count: int | None = None
    for sheet in sheets:
        page = workbook.create_sheet(sheet.title)
        for index, width in enumerate(sheet.widths, start=1):
            page.column_dimensions[get_column_letter(index)].width = width
        page.freeze_panes = "C2"
        header: list[Cell] = []
        for name in sheet.headers:
            cell = WriteOnlyCell(page, value=name)
            cell.font = bold
            header.append(cell)
        page.append(header)
        count = 0
        for row in sheet.rows:
            page.append([_xlsx_cell(page, cell, WriteOnlyCell) for cell in row])
            count += 1
        if first_count is None:
            first_count = count
    workbook.save(out)
    return first_count or 0


def _xlsx_cell(
    page: WriteOnlyWorksheet, cell: object, cell_class: Callable[..., Cell]
) -> Cell | int | Decimal | float | None:
    if cell is None:
        return None
    if isinstance(cell, datetime.date):
        written = cell_class(page, value=cell)
        written.number_format = "DD/MM/YYYY"
        return written
    if isinstance(cell, int | Decimal | float) and not isinstance(cell, bool):
        return cell
    return text_cell(page, str(cell), cell_class)


def illustrative_text(item: IllustratedRecord) -> str:
    """Return the illustrative fields of a task or project in Vietnamese: "thời hạn; tình
    trạng" (the importer reads it back)."""
    labels = illustrative_labels(item._meta.model)
    return "; ".join(labels.get(name, name) for name in item.illustrative_fields or [])


def vietnamese_label(choices: type[models.TextChoices], value: str) -> str:
    if not value:
        return ""
    with override("vi"):
        return str(choices(value).label)
