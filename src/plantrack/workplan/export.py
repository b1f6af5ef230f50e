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

import datetime
import io
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils.translation import override

from plantrack.accounts.models import Agency
from plantrack.tabular.writers import Sheet, illustrative_text, vietnamese_label, write_table
from plantrack.workplan.choices import DeadlineState, Priority, TaskStatus

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
