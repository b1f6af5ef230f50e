"""Read the task appendix of an implementation plan (XLSX or CSV) into checked rows.

The layout is the one provincial implementation plans use for their appendix of tasks
("Phụ lục: Danh mục nhiệm vụ"): STT, Nhiệm vụ (Nội dung nhiệm vụ), Cơ quan chủ trì, Cơ quan
phối hợp, Sản phẩm (Kết quả đầu ra), Thời gian hoàn thành (Thời hạn), and optionally Mã and
the columns PlanTrack's own export adds. Headers are matched without diacritics and case; a
header naming two things ("Sản phẩm / Kết quả đầu ra") matches either; a unit in brackets
("Tổng mức đầu tư (tỷ đồng)") is read apart.

The first half of the module is the table reader shared with the projects' importer
(``investment.importing``): file formats, header rows, numbering rows, section headings,
agencies by code or name, and the ``Problem`` of the observations importer for every thing
wrong, said where (file, sheet, row, column, value). The second half checks task rows.
No writes here: ``services.import_tasks`` writes every row or none. docs/workplan.md,
"Importing tasks and projects", describes the layout for users.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from plantrack.accounts.agencies import Agencies, agency_column, agency_message
from plantrack.plans.checks import plan_column
from plantrack.plans.models import Plan
from plantrack.tabular.checks import (
    Check,
    RecordChecker,
    RecordRow,
    choice_column,
    illustrative_column,
    required_text,
    text_column,
)
from plantrack.tabular.numbers import whole_number
from plantrack.tabular.problems import Problem
from plantrack.tabular.readers import Layout, Table, columns
from plantrack.tabular.text import key, plain, resolve_list, text_of
from plantrack.workplan.choices import Priority, TaskStatus
from plantrack.workplan.models import Task

_CODE_LENGTH = Task._meta.get_field("code").max_length


# --- cells ----------------------------------------------------------------------------------


# --- agencies and plans ---------------------------------------------------------------------


# --- deadlines ------------------------------------------------------------------------------


class DeadlineError(ValueError):
    """A deadline cell that cannot be read."""


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ONGOING = {
    "thuong_xuyen",
    "hang_nam",
    "hang_quy",
    "hang_thang",
    "lien_tuc",
    "hang_nam_thuong_xuyen",
}
_LEAD_WORDS = re.compile(
    r"^(?:hoan thanh |thoi han |han )?(?:truoc ngay |truoc |cham nhat la ngay |cham nhat ngay "
    r"|cham nhat la |cham nhat |trong nam |trong |ngay |nam )?"
)
_DATE_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(?:thang\s*)?(\d{1,2})\s*(?:[/.\-]|\s+nam\s+)\s*(\d{4})$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(?:quy|q)\s*(iv|i{1,3}|[1-4])\s*(?:[/.\-]|\s+nam\s+|\s+)\s*(\d{4})$")
_QUARTER_ISO = re.compile(r"^(\d{4})\s*q([1-4])$")
_HALF = re.compile(r"^(?:6 thang|nua)\s+(dau|cuoi)\s+nam\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(
    r"^(?:giai doan\s+|tu\s+(?:nam\s+)?)?(\d{4})\s*(?:-|–|—|den\s+(?:nam\s+)?)\s*(\d{4})$"
)


def parse_deadline(raw: object) -> tuple[datetime.date | None, datetime.date | None]:
    """Return (start, deadline) of a "Thời gian hoàn thành" cell; raise ``DeadlineError``.

    A period's deadline is its last day: "Quý II/2025" → 30/06/2025, "Tháng 6/2025" →
    30/06/2025, "2025" or "Năm 2025" → 31/12/2025, "6 tháng đầu năm 2025" → 30/06/2025;
    a day is itself ("30/6/2025", "2025-06-30", an Excel date; "trước ngày 30/6/2025"
    too). A range of years ("2026-2030", "Giai đoạn 2026 - 2030") starts on 1 January of
    its first year and ends on 31 December of its last. Ongoing work ("Thường xuyên",
    "Hằng năm") and an empty cell have no deadline: (None, None).
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, datetime.datetime):
        return None, raw.date()
    if isinstance(raw, datetime.date):
        return None, raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer():
            return None, _year_end(int(raw))
        raise DeadlineError(str(raw))
    text = plain(str(raw))
    if not text:
        return None, None
    if key(text) in _ONGOING:
        return None, None
    text = _LEAD_WORDS.sub("", text, count=1).strip()
    try:
        if match := _DATE_DMY.match(text):
            return None, datetime.date(_year(match[3]), int(match[2]), int(match[1]))
        if match := _DATE_YMD.match(text):
            return None, datetime.date(_year(match[1]), int(match[2]), int(match[3]))
        if match := _MONTH.match(text):
            return None, _month_end(_year(match[2]), int(match[1]))
        if match := _MONTH_ISO.match(text):
            return None, _month_end(_year(match[1]), int(match[2]))
        if match := _QUARTER.match(text):
            quarter = _ROMAN_QUARTERS.get(match[1]) or int(match[1])
            return None, _month_end(_year(match[2]), 3 * quarter)
        if match := _QUARTER_ISO.match(text):
            return None, _month_end(_year(match[1]), 3 * int(match[2]))
        if match := _HALF.match(text):
            return None, _month_end(_year(match[2]), 6 if match[1] == "dau" else 12)
        if match := _YEAR.match(text):
            return None, _year_end(int(match[1]))
        if match := _RANGE.match(text):
            first, last = _year(match[1]), _year(match[2])
            if last < first:
                raise DeadlineError(str(raw))
            return datetime.date(first, 1, 1), _year_end(last)
    except ValueError as error:  # a day or month that does not exist: 31/6/2025, 13/2025
        raise DeadlineError(str(raw)) from error
    raise DeadlineError(str(raw))


def _year(text: str) -> int:
    year = int(text)
    if not 1900 <= year <= 2100:
        raise DeadlineError(text)
    return year


def _year_end(year: int) -> datetime.date:
    return datetime.date(_year(str(year)), 12, 31)


def _month_end(year: int, month: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise DeadlineError(f"{month}/{year}")
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def deadline_message(raw: object) -> str:
    return _(
        "Thời hạn “%(value)s” không đọc được: dùng một ngày (30/6/2025), một tháng (Tháng "
        "6/2025), một quý (Quý II/2025), một năm (2025), một giai đoạn (2026-2030) hoặc "
        "“Thường xuyên”."
    ) % {"value": text_of(raw)}


def date_of(raw: object) -> datetime.date | None:
    """Return a date cell (an Excel date, "30/6/2025", "2025-06-30"); raise DeadlineError."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = plain(str(raw))
    try:
        if match := _DATE_DMY.match(text):
            return datetime.date(_year(match[3]), int(match[2]), int(match[1]))
        if match := _DATE_YMD.match(text):
            return datetime.date(_year(match[1]), int(match[2]), int(match[3]))
    except ValueError as error:
        raise DeadlineError(str(raw)) from error
    raise DeadlineError(str(raw))


def date_message(raw: object) -> str:
    return _("Ngày “%(value)s” không đọc được: dùng 30/6/2025 hoặc 2025-06-30.") % {
        "value": text_of(raw)
    }


# --- the task layout ------------------------------------------------------------------------

TASK_LAYOUT = Layout(
    columns=columns(
        stt=("stt", "tt", "so_thu_tu"),
        code=("ma", "ma_nhiem_vu", "ma_so", "code"),
        title=(
            "nhiem_vu",
            "noi_dung_nhiem_vu",
            "ten_nhiem_vu",
            "noi_dung",
            "noi_dung_cong_viec",
            "nhiem_vu_giai_phap",
            "title",
        ),
        description=("mo_ta", "ghi_chu", "description"),
        legal_basis=("can_cu", "can_cu_phap_ly", "legal_basis"),
        plan=("quy_hoach_ke_hoach", "ma_quy_hoach", "ma_ke_hoach", "plan"),
        lead_agency=(
            "co_quan_chu_tri",
            "don_vi_chu_tri",
            "chu_tri",
            "co_quan_chu_tri_thuc_hien",
            "co_quan_don_vi_chu_tri",
            "lead_agency",
        ),
        cooperating_agencies=(
            "co_quan_phoi_hop",
            "don_vi_phoi_hop",
            "phoi_hop",
            "co_quan_don_vi_phoi_hop",
            "cooperating_agencies",
        ),
        expected_product=(
            "san_pham",
            "ket_qua_dau_ra",
            "san_pham_dau_ra",
            "san_pham_ket_qua_dau_ra",
            "hinh_thuc_san_pham",
            "expected_product",
        ),
        start_date=("ngay_bat_dau", "thoi_gian_bat_dau", "start_date"),
        deadline=(
            "thoi_gian_hoan_thanh",
            "thoi_han",
            "thoi_han_hoan_thanh",
            "tien_do_hoan_thanh",
            "thoi_gian_thuc_hien",
            "deadline",
        ),
        status=("tinh_trang", "tinh_trang_thuc_hien", "status"),
        percent_complete=("tien_do", "ty_le_hoan_thanh", "percent_complete"),
        completed_on=("ngay_hoan_thanh", "completed_on"),
        priority=("muc_uu_tien", "uu_tien", "priority"),
        source=("nguon", "source"),
        illustrative=("thong_tin_minh_hoa", "minh_hoa", "illustrative"),
    ),
    required=("title",),
    labels={"title": "Nhiệm vụ (Nội dung nhiệm vụ)"},
)
TASK_STATUS_WORDS = {
    "chua_thuc_hien": TaskStatus.NOT_STARTED,
    "chua_bat_dau": TaskStatus.NOT_STARTED,
    "dang_trien_khai": TaskStatus.IN_PROGRESS,
    "hoan_thanh": TaskStatus.COMPLETED,
    "tam_dung": TaskStatus.POSTPONED,
    "huy": TaskStatus.CANCELLED,
}


@dataclass(frozen=True)
class TaskContext:
    """What the checks of one task import share: the plan it names, agencies, the model."""

    plan: Plan | None
    agencies: Agencies = field(default_factory=Agencies)
    model: type = Task


def check_task_rows(
    table: Table, file_name: str, *, prefix: str | None, plan: Plan | None
) -> tuple[list[RecordRow], list[Problem]]:
    """Return (checked rows, problems) for every row of ``table``.

    A task's code is its "Mã" cell; without one, ``<prefix>-<STT>`` (``<prefix>-<section
    heading>.<STT>`` under a heading "I", "II": appendices number each section from 1).
    Without a code column and without a prefix the file is refused (``missing_code``).
    """
    return TASK_CHECKER.check(table, file_name, prefix=prefix, context=TaskContext(plan))


def _group_title(row: RecordRow) -> Problem | None:
    """A row with only a title and no code is a group's title: skipped, with a warning."""
    title = row.text("title")
    cells = row.source.cells
    if row.code or not title or any(text_of(v) for k, v in cells.items() if k != "title"):
        return None
    return Problem(
        code="heading_skipped",
        severity="warning",
        message=_("Dòng chỉ có nội dung, được coi là tiêu đề nhóm, không nhập."),
        file=row.file_name,
        sheet=row.source.sheet,
        row=row.source.row,
        column=row.source.columns.get("title", ""),
        value=title[:80],
    )


def _cooperating(row: RecordRow, column: str, context: TaskContext) -> None:
    if text := row.text(column):
        agencies, unknown = resolve_list(text, context.agencies.known)
        row.related["cooperating"] = agencies
        for part in unknown:
            row.fail(
                "unknown_agency",
                agency_message("unknown_agency", part)
                + " "
                + _("Hãy dùng mã hoặc tên cơ quan có trong PlanTrack, hoặc để trống."),
                column,
                part,
            )


def _deadline(row: RecordRow, column: str, context: TaskContext) -> None:
    """The deadline, read in every form appendices write it; "Quý II/2025" also says when
    the task starts (the quarter's first day), unless the start date says otherwise."""
    raw = row.raw(column)
    try:
        start, deadline = parse_deadline(raw)
    except DeadlineError:
        row.fail("invalid_deadline", deadline_message(raw), column, raw)
        return
    if deadline is not None:
        row.values["deadline"] = deadline
    if start is not None:
        row.values["start_date"] = start


def _start_date(row: RecordRow, column: str, context: TaskContext) -> None:
    raw = row.raw(column)
    try:
        start = date_of(raw)
    except DeadlineError:
        row.fail("invalid_date", date_message(raw), column, raw)
        start = None
    if start is not None:
        row.values["start_date"] = start
    first, last = row.current("start_date"), row.current("deadline")
    if first and last and last < first:
        row.fail(
            "deadline_before_start",
            _("Thời hạn %(deadline)s trước ngày bắt đầu %(start)s.")
            % {"deadline": f"{last:%d/%m/%Y}", "start": f"{first:%d/%m/%Y}"},
            "deadline",
            row.raw("deadline"),
        )


def _percent(row: RecordRow, column: str, context: TaskContext) -> None:
    if text := row.text(column):
        percent, error = whole_number(text.rstrip("% "), "vi")
        if percent is None or not 0 <= percent <= 100:  # (None with an error)
            row.fail(
                "invalid_percent",
                _("Tiến độ “%(value)s” phải là số nguyên từ 0 đến 100.") % {"value": text},
                column,
                row.raw(column),
            )
        else:
            row.values[column] = percent


def _completed_on(row: RecordRow, column: str, context: TaskContext) -> None:
    """A completed task has its completion date: from the file, or stored before."""
    raw = row.raw(column)
    try:
        completed_on = date_of(raw)
    except DeadlineError:
        row.fail("invalid_date", date_message(raw), column, raw)
        completed_on = None
    if (row.current("status") or TaskStatus.NOT_STARTED) != TaskStatus.COMPLETED:
        return
    if completed_on is not None:
        row.values[column] = completed_on
    elif row.record is None or row.record.completed_on is None:
        where = column if column in row.source.columns else "status"
        row.fail(
            "completed_without_date",
            _("Nhiệm vụ đã hoàn thành phải có ngày hoàn thành (cột Ngày hoàn thành)."),
            where,
            row.raw(where),
        )


def _priority_message(text: str) -> str:
    return _("Mức ưu tiên “%(value)s” không hợp lệ: dùng Cao, Trung bình hoặc Thấp.") % {
        "value": text
    }


# Column → its check, in the order a row's problems are reported.
TASK_CHECKS: tuple[tuple[str, Check], ...] = (
    ("title", required_text("missing_title", gettext_lazy("Thiếu nội dung nhiệm vụ."))),
    ("description", text_column),
    ("legal_basis", text_column),
    ("expected_product", text_column),
    ("source", text_column),
    ("plan", plan_column),
    ("lead_agency", agency_column),
    ("cooperating_agencies", _cooperating),
    ("deadline", _deadline),
    ("start_date", _start_date),
    ("status", choice_column(TaskStatus, TASK_STATUS_WORDS, lambda text: _status_message(text))),
    ("priority", choice_column(Priority, {}, _priority_message)),
    ("percent_complete", _percent),
    ("completed_on", _completed_on),
    (
        "illustrative",
        illustrative_column(gettext_lazy("“%(value)s” không phải là một thông tin của nhiệm vụ.")),
    ),
)
TASK_CHECKER = RecordChecker(
    model=Task,
    checks=TASK_CHECKS,
    messages={
        "no_code_column": gettext_lazy(
            "Tệp không có cột Mã: hãy thêm cột mã nhiệm vụ, hoặc khai báo tiền tố "
            "(--prefix) để tạo mã từ STT."
        ),
        "missing_code": gettext_lazy("Thiếu mã nhiệm vụ (cột Mã, hoặc STT với tiền tố)."),
        "duplicate_code": gettext_lazy("Mã nhiệm vụ “%(code)s” đã có ở dòng %(row)s của tệp."),
    },
    skip=_group_title,
)


def _status_message(raw: str) -> str:
    with override("vi"):
        labels = ", ".join(str(label) for label in TaskStatus.labels)
    return _("Tình trạng “%(value)s” không hợp lệ: dùng %(labels)s (hoặc %(codes)s).") % {
        "value": raw,
        "labels": labels,
        "codes": ", ".join(TaskStatus.values),
    }
