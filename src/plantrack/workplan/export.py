"""Export tasks to XLSX and CSV in the importer's layout, so the file imports again as is.

One row a task, with Vietnamese headers the task importer (``workplan.importing``) reads
back: the code, the title, the agencies by code, the dates, the status as its Vietnamese
label, and "Thông tin minh họa", the fields the demo assigned (in Vietnamese), so the label
travels with the data. A few columns are there for people and are ignored on import (the
agencies' names, the original deadline, the deadline state as of the export's date).

The cells are written as ``observations.export`` writes figures, with its helpers: CSV in
UTF-8 with a BOM, numbers plainly with a dot; a text a spreadsheet could run as a formula is
neutralised (a quote in front in CSV, Excel's quote-prefix flag in XLSX), numbers and dates
never. ``write_table`` is shared with the projects' export (``investment.export``).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import override

from plantrack.accounts.models import Agency
from plantrack.observations.export import (
    FORMAT_INFO,
    ExportFormat,
    neutralise,
    number_text,
    text_cell,
)
from plantrack.workplan.choices import DeadlineState, Priority, TaskStatus
from plantrack.workplan.importing import illustrative_labels

# CSV and XLSX only: SDMX-CSV is for statistical figures.
TABLE_FORMATS = (ExportFormat.CSV, ExportFormat.XLSX)


class ExportError(ValueError):
    """An export that cannot be made (an unknown format); ``code`` is machine-readable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


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
    rows: Iterable[list]
    widths: tuple[int, ...] = ()


def write_table(sheets: list[Sheet], file_format: str, out) -> int:
    """Write ``sheets`` to the binary stream ``out``; return the rows of the first sheet.

    XLSX gets every sheet; CSV the first only (a CSV file holds one table). Cells: text
    (neutralised), ``Decimal`` and ``int`` (numbers), ``datetime.date`` (a date cell in XLSX,
    ``2025-06-30`` in CSV), None (empty).
    """
    if ExportFormat(file_format) == ExportFormat.XLSX:
        return _write_xlsx(sheets, out)
    return _write_csv(sheets[0], out)


def _write_csv(sheet: Sheet, out) -> int:
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


def _csv_cell(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, int | Decimal | float):
        return number_text(Decimal(str(cell)), unambiguous=True)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return neutralise(str(cell))


def _write_xlsx(sheets: list[Sheet], out) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    first_count = None
    for sheet in sheets:
        page = workbook.create_sheet(sheet.title)
        for index, width in enumerate(sheet.widths, start=1):
            page.column_dimensions[get_column_letter(index)].width = width
        page.freeze_panes = "C2"
        header = []
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


def _xlsx_cell(page, cell, cell_class):
    if cell is None:
        return None
    if isinstance(cell, datetime.date):
        written = cell_class(page, value=cell)
        written.number_format = "DD/MM/YYYY"
        return written
    if isinstance(cell, int | Decimal | float) and not isinstance(cell, bool):
        return cell
    return text_cell(page, str(cell), cell_class)


def illustrative_text(item) -> str:
    """Return the illustrative fields of a task or project in Vietnamese: "thời hạn; tình
    trạng" (the importer reads it back)."""
    labels = illustrative_labels(type(item))
    return "; ".join(labels.get(name, name) for name in item.illustrative_fields or [])


def vietnamese_label(choices, value: str) -> str:
    if not value:
        return ""
    with override("vi"):
        return str(choices(value).label)


# --- tasks ----------------------------------------------------------------------------------


def task_headers(as_of: datetime.date) -> list[str]:
    return [
        "Mã",
        "Nhiệm vụ",
        "Mô tả",
        "Căn cứ",
        "Quy hoạch, kế hoạch (mã)",
        "Cơ quan chủ trì",
        "Tên cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Sản phẩm",
        "Ngày bắt đầu",
        "Thời hạn",
        "Thời hạn ban đầu",
        f"Tình trạng thời hạn (tính đến {as_of:%d/%m/%Y})",
        "Tình trạng",
        "Tiến độ (%)",
        "Ngày hoàn thành",
        "Mức ưu tiên",
        "Nguồn",
        "Thông tin minh họa (không có trong văn bản công bố, bản minh họa gán)",
    ]


TASK_WIDTHS = (10, 60, 30, 30, 18, 12, 28, 18, 40, 13, 13, 13, 16, 16, 10, 13, 12, 40, 36)


def select_tasks(tasks, *, as_of: datetime.date):
    """Return ``tasks`` ready to export: their deadline state as of ``as_of``, relations read
    in a fixed number of queries, in the list's order."""
    return (
        tasks.with_deadline_state(as_of)
        .select_related("lead_agency", "plan")
        .prefetch_related(
            Prefetch("cooperating_agencies", queryset=Agency.objects.order_by("code"))
        )
        .order_by("deadline", "code")
    )


def task_rows(tasks) -> Iterable[list]:
    states = dict(DeadlineState.choices)
    for task in tasks:
        yield [
            task.code,
            task.title,
            task.description,
            task.legal_basis,
            task.plan.code if task.plan else None,
            task.lead_agency.code if task.lead_agency else None,
            task.lead_agency.name if task.lead_agency else None,
            "; ".join(agency.code for agency in task.cooperating_agencies.all()),
            task.expected_product,
            task.start_date,
            task.deadline,
            task.original_deadline,
            str(states.get(task.deadline_state, "")),
            vietnamese_label(TaskStatus, task.status),
            task.percent_complete,
            task.completed_on,
            vietnamese_label(Priority, task.priority),
            task.source,
            illustrative_text(task),
        ]


def export_tasks(tasks, file_format: str, out, *, as_of: datetime.date) -> int:
    """Write ``tasks`` (a Task queryset the user may see) to ``out``; return how many."""
    with override("vi"):
        sheet = Sheet(
            "Nhiệm vụ",
            task_headers(as_of),
            task_rows(select_tasks(tasks, as_of=as_of)),
            TASK_WIDTHS,
        )
        return write_table([sheet], file_format, out)


def export_tasks_bytes(tasks, file_format: str, *, as_of: datetime.date) -> bytes:
    buffer = io.BytesIO()
    export_tasks(tasks, file_format, buffer, as_of=as_of)
    return buffer.getvalue()
