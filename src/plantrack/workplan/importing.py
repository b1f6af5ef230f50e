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
from django.utils.translation import override

from plantrack.accounts.agencies import Agencies, agency_message
from plantrack.accounts.models import Agency
from plantrack.plans.models import Plan, find_plan
from plantrack.tabular.checks import (
    check_code,
    choice_of,
    codes_in,
    derived_code,
    read_illustrative,
)
from plantrack.tabular.numbers import whole_number
from plantrack.tabular.problems import Problem
from plantrack.tabular.readers import Layout, SourceRow, Table, columns
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


@dataclass
class TaskRow:
    """A task row that passed its checks: its code and the values the file gives.

    ``values`` holds only the fields whose cells are filled: an empty cell leaves the
    stored value as it is (docs/workplan.md, "Importing tasks and projects").
    """

    source: SourceRow
    code: str
    values: dict
    cooperating: list[Agency] = field(default_factory=list)
    illustrative: list[str] | None = None


def check_task_rows(
    table: Table, file_name: str, *, prefix: str | None, plan: Plan | None
) -> tuple[list[TaskRow], list[Problem]]:
    """Return (checked rows, problems) for every row of ``table``.

    A task's code is its "Mã" cell; without one, ``<prefix>-<STT>`` (``<prefix>-<section
    heading>.<STT>`` under a heading "I", "II": appendices number each section from 1).
    Without a code column and without a prefix the file is refused (``missing_code``).
    """
    agencies = Agencies()
    existing = {task.code: task for task in Task.objects.filter(code__in=codes_in(table, prefix))}
    problems: list[Problem] = []
    checked: list[TaskRow] = []
    seen: dict[str, SourceRow] = {}
    has_code = any("code" in row.columns for row in table.rows)
    if table.rows and not has_code and not prefix:
        problems.append(
            Problem(
                code="missing_code",
                message=_(
                    "Tệp không có cột Mã: hãy thêm cột mã nhiệm vụ, hoặc khai báo tiền tố "
                    "(--prefix) để tạo mã từ STT."
                ),
                file=file_name,
            )
        )
        return [], problems
    for row in table.rows:
        row_problems: list[Problem] = []

        def fail(code, message, column, raw, _row=row, _problems=row_problems):
            _problems.append(
                Problem(
                    code=code,
                    message=message,
                    file=file_name,
                    sheet=_row.sheet,
                    row=_row.row,
                    column=_row.columns.get(column, column),
                    value=text_of(raw),
                )
            )

        cells = row.cells
        code = derived_code(row, table, prefix)
        title = text_of(cells.get("title"))
        only_title = title and not any(
            text_of(value) for name, value in cells.items() if name != "title"
        )
        if only_title and not code:
            problems.append(
                Problem(
                    code="heading_skipped",
                    severity="warning",
                    message=_("Dòng chỉ có nội dung, được coi là tiêu đề nhóm, không nhập."),
                    file=file_name,
                    sheet=row.sheet,
                    row=row.row,
                    column=row.columns.get("title", ""),
                    value=title[:80],
                )
            )
            continue
        check_code(
            code,
            row,
            seen,
            fail,
            limit=_CODE_LENGTH,
            missing=_("Thiếu mã nhiệm vụ (cột Mã, hoặc STT với tiền tố)."),
            duplicate=_("Mã nhiệm vụ “%(code)s” đã có ở dòng %(row)s của tệp."),
        )
        task = existing.get(code)
        values: dict = {}
        if title:
            values["title"] = title
        elif task is None:
            fail("missing_title", _("Thiếu nội dung nhiệm vụ."), "title", "")
        for name in ("description", "legal_basis", "expected_product", "source"):
            if text := text_of(cells.get(name)):
                values[name] = text
        if text := text_of(cells.get("plan")):
            found = find_plan(text)
            if found is None:
                fail(
                    "unknown_plan",
                    _("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {"code": text},
                    "plan",
                    text,
                )
            else:
                values["plan"] = found
        elif plan is not None and (task is None or task.plan_id is None):
            values["plan"] = plan
        if text := text_of(cells.get("lead_agency")):
            agency, error = agencies.find(text)
            if error:
                fail(error, agency_message(error, text), "lead_agency", text)
            else:
                values["lead_agency"] = agency
        cooperating: list[Agency] = []
        if text := text_of(cells.get("cooperating_agencies")):
            cooperating, unknown = resolve_list(text, agencies.known)
            for part in unknown:
                fail(
                    "unknown_agency",
                    agency_message("unknown_agency", part)
                    + " "
                    + _("Hãy dùng mã hoặc tên cơ quan có trong PlanTrack, hoặc để trống."),
                    "cooperating_agencies",
                    part,
                )
        start = deadline = None
        raw = cells.get("deadline")
        try:
            start, deadline = parse_deadline(raw)
        except DeadlineError:
            fail("invalid_deadline", deadline_message(raw), "deadline", raw)
        else:
            if deadline is not None:
                values["deadline"] = deadline
        raw = cells.get("start_date")
        try:
            start = date_of(raw) or start
        except DeadlineError:
            fail("invalid_date", date_message(raw), "start_date", raw)
        if start is not None:
            values["start_date"] = start
        first = values.get("start_date") or (task.start_date if task else None)
        last = values.get("deadline") or (task.deadline if task else None)
        if first and last and last < first:
            fail(
                "deadline_before_start",
                _("Thời hạn %(deadline)s trước ngày bắt đầu %(start)s.")
                % {"deadline": f"{last:%d/%m/%Y}", "start": f"{first:%d/%m/%Y}"},
                "deadline",
                cells.get("deadline"),
            )
        if text := text_of(cells.get("status")):
            status = choice_of(TaskStatus, TASK_STATUS_WORDS, text)
            if status is None:
                fail("unknown_status", _status_message(text), "status", text)
            else:
                values["status"] = status
        if text := text_of(cells.get("priority")):
            priority = choice_of(Priority, {}, text)
            if priority is None:
                fail(
                    "unknown_priority",
                    _("Mức ưu tiên “%(value)s” không hợp lệ: dùng Cao, Trung bình hoặc Thấp.")
                    % {"value": text},
                    "priority",
                    text,
                )
            else:
                values["priority"] = priority
        raw = cells.get("percent_complete")
        if text_of(raw):
            percent, error = whole_number(text_of(raw).rstrip("% "), "vi")
            if error or not 0 <= percent <= 100:
                fail(
                    "invalid_percent",
                    _("Tiến độ “%(value)s” phải là số nguyên từ 0 đến 100.")
                    % {"value": text_of(raw)},
                    "percent_complete",
                    raw,
                )
            else:
                values["percent_complete"] = percent
        raw = cells.get("completed_on")
        try:
            completed_on = date_of(raw)
        except DeadlineError:
            fail("invalid_date", date_message(raw), "completed_on", raw)
            completed_on = None
        status = values.get("status") or (task.status if task else TaskStatus.NOT_STARTED)
        if status == TaskStatus.COMPLETED:
            if completed_on is not None:
                values["completed_on"] = completed_on
            elif task is None or task.completed_on is None:
                where = "completed_on" if "completed_on" in row.columns else "status"
                fail(
                    "completed_without_date",
                    _("Nhiệm vụ đã hoàn thành phải có ngày hoàn thành (cột Ngày hoàn thành)."),
                    where,
                    cells.get(where),
                )
        illustrative = None
        if text := text_of(cells.get("illustrative")):
            illustrative, unknown = read_illustrative(Task, text)
            for part in unknown:
                fail(
                    "unknown_field",
                    _("“%(value)s” không phải là một thông tin của nhiệm vụ.") % {"value": part},
                    "illustrative",
                    part,
                )
        if row_problems:
            problems += row_problems
            continue
        checked.append(TaskRow(row, code, values, cooperating, illustrative))
    return checked, problems


def _status_message(raw: str) -> str:
    with override("vi"):
        labels = ", ".join(str(label) for label in TaskStatus.labels)
    return _("Tình trạng “%(value)s” không hợp lệ: dùng %(labels)s (hoặc %(codes)s).") % {
        "value": raw,
        "labels": labels,
        "codes": ", ".join(TaskStatus.values),
    }
