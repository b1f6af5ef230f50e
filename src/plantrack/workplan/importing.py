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
import csv
import datetime
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import override

from plantrack.accounts.models import Agency
from plantrack.observations.importing import (
    Problem,
    SourceRow,
    decode_text,
    detect_format,
    normalise,
    read_number,
)
from plantrack.plans.models import Plan
from plantrack.workplan.choices import Priority, TaskStatus
from plantrack.workplan.models import Task

# The header row is looked for in the first rows only (title rows may come before it).
HEADER_SEARCH_ROWS = 20
# A spreadsheet runs a cell starting with one of these as a formula: the export puts a
# quote in front (observations.export.neutralise), which the reader takes off again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A row numbering the columns under the header: "(1)", "(2)", … or 1, 2, …
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
# A section heading's STT: a Roman numeral or a capital letter ("I", "II", "A").
_HEADING_STT = re.compile(r"^(?:[IVXLC]+|[A-Z])$")
_CODE_LENGTH = Task._meta.get_field("code").max_length


class ImportNotPermitted(Exception):
    """The user may not import tasks or projects (planners and admins only)."""

    code = "not_permitted"


@dataclass(frozen=True)
class Column:
    """A column of a layout: its canonical name and the header keys that mean it."""

    name: str
    aliases: frozenset[str]


def columns(**aliases: Iterable[str]) -> dict[str, Column]:
    return {name: Column(name, frozenset(keys)) for name, keys in aliases.items()}


@dataclass
class Table:
    """What a file holds: its rows (cells by canonical column), the units written in the
    headers ("tỷ đồng"), and what could not be read."""

    file_format: str
    rows: list[SourceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)
    # (sheet, row number) → the section heading ("II") the row is under, for derived codes.
    headings: dict[tuple[str, int], str] = field(default_factory=dict)


def key(text: object) -> str:
    """Return text as a comparison key: no diacritics, lower case, words joined by "_"."""
    return re.sub(r"[^a-z0-9]+", "_", normalise(text)).strip("_")


def header_keys(cell: object) -> tuple[list[str], str]:
    """Return the keys a header cell may mean and the unit written in brackets after it.

    "Sản phẩm / Kết quả đầu ra" → ["san_pham_ket_qua_dau_ra", "san_pham", "ket_qua_dau_ra"];
    "Tổng mức đầu tư (tỷ đồng)" → ["tong_muc_dau_tu"], "ty_dong".
    """
    text = str(cell or "").strip()
    unit = ""
    if match := re.search(r"\(([^()]*)\)\s*$", text):
        unit = key(match[1])
        text = text[: match.start()]
    keys = [key(text)]
    if "/" in text:
        keys += [key(part) for part in text.split("/")]
    return [k for k in keys if k], unit


def read_table(
    content: bytes, file_name: str, layout: dict[str, Column], required: tuple[str, ...]
) -> Table:
    """Read ``content`` (the bytes of ``file_name``, XLSX or CSV) into rows of ``layout``.

    In a workbook every sheet with a header row is read; sheets without one (notes,
    instructions, PlanTrack's yearly capital sheet) are skipped. Empty rows and a row
    numbering the columns under the header are skipped; a row whose STT is a Roman numeral
    or a capital letter is a section heading: not read, but remembered for the rows under it.
    """
    file_format = detect_format(file_name, content)
    table = Table(file_format=file_format)
    if file_format == "xls":
        table.problems.append(
            Problem(
                code="unsupported_format",
                message=_(
                    "Tệp Excel 97–2003 (.xls) không đọc được: hãy mở tệp trong Excel và lưu "
                    "lại dưới dạng .xlsx (Excel Workbook)."
                ),
                file=file_name,
            )
        )
    elif file_format == "json":
        table.problems.append(
            Problem(
                code="unsupported_format",
                message=_("Nhiệm vụ và dự án được nhập từ tệp Excel (.xlsx) hoặc CSV."),
                file=file_name,
            )
        )
    elif file_format == "xlsx":
        _read_xlsx(table, content, file_name, layout, required)
    else:
        _read_csv(table, content, file_name, layout, required)
    return table


def _read_csv(table, content, file_name, layout, required) -> None:
    text, problem = decode_text(content, file_name)
    if problem:
        table.problems.append(problem)
        return
    delimiter = ","
    for candidate in (",", ";", "\t"):
        head = list(csv.reader(io.StringIO(text), delimiter=candidate))[:HEADER_SEARCH_ROWS]
        if any(_header(cells, layout, required) for cells in head):
            delimiter = candidate
            break
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        numbered = (
            (number, [_unquote(cell) for cell in cells])
            for number, cells in enumerate(reader, start=1)
        )
        if not _read_rows(table, file_name, "", numbered, layout, required, letters=False):
            table.problems.append(_missing_columns(file_name, required, layout))
    except csv.Error as error:
        table.rows.clear()
        table.problems.append(
            Problem(
                code="invalid_csv",
                message=_("Tệp CSV hỏng ở dòng %(row)s: %(error)s")
                % {"row": reader.line_num, "error": error},
                file=file_name,
                row=reader.line_num,
            )
        )


def _unquote(cell: str) -> str:
    """Take off the quote the export puts before a text a spreadsheet could run."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


def _read_xlsx(table, content, file_name, layout, required) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        table.problems.append(
            Problem(
                code="unreadable_xlsx",
                message=_("Không mở được tệp Excel: %(error)s") % {"error": error},
                file=file_name,
            )
        )
        return
    try:
        found = False
        for sheet in workbook.worksheets:
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            found |= _read_rows(table, file_name, sheet.title, rows, layout, required, letters=True)
        if not found:
            table.problems.append(_missing_columns(file_name, required, layout))
    finally:
        workbook.close()


def _missing_columns(file_name: str, required: tuple[str, ...], layout) -> Problem:
    names = ", ".join(COLUMN_LABELS.get(name, name) for name in required)
    return Problem(
        code="missing_columns",
        message=_("Không tìm thấy dòng tiêu đề có các cột %(columns)s.") % {"columns": names},
        file=file_name,
    )


def _header(cells, layout, required) -> tuple[dict[str, int], dict[str, str]] | None:
    """Return (canonical column → index, canonical column → unit) for a header row."""
    found: dict[str, int] = {}
    units: dict[str, str] = {}
    for index, cell in enumerate(cells):
        keys, unit = header_keys(cell)
        for column in layout.values():
            if column.name not in found and any(k in column.aliases for k in keys):
                found[column.name] = index
                units[column.name] = unit
                break
    if all(name in found for name in required) and len(found) >= 2:
        return found, units
    return None


def _read_rows(table, file_name, sheet, numbered_rows, layout, required, *, letters) -> bool:
    """Read one sheet (or the CSV file); return whether it had a header row."""
    header = None
    names: dict[str, str] = {}
    heading = ""
    for number, cells in numbered_rows:
        cells = list(cells)
        if header is None:
            header = _header(cells, layout, required)
            if header is not None:
                for name, index in header[0].items():
                    names[name] = _letter(index) if letters else str(cells[index]).strip()
                table.units.update({k: v for k, v in header[1].items() if v})
            elif number >= HEADER_SEARCH_ROWS:
                return False
            continue
        filled = [cell for cell in cells if text_of(cell)]
        if not filled:
            continue
        if all(_NUMBERING.match(text_of(cell)) for cell in filled):
            continue
        indexes = header[0]
        values = {name: cells[i] if i < len(cells) else None for name, i in indexes.items()}
        stt = stt_of(values.get("stt"))
        if stt and _HEADING_STT.match(stt):
            heading = stt
            continue
        row = SourceRow(sheet=sheet, row=number, cells=values, columns=names)
        table.headings[(sheet, number)] = heading
        table.rows.append(row)
    return header is not None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- cells ----------------------------------------------------------------------------------


def text_of(raw: object) -> str:
    """Return a cell as text: 3.0 (a number cell) is "3", None is ""; composed (NFC)."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    return unicodedata.normalize("NFC", str(raw)).strip()


def stt_of(raw: object) -> str:
    """Return an STT cell without its trailing dot or bracket: "1." → "1", "a)" → "a"."""
    return text_of(raw).rstrip(".)").strip()


def split_names(text: str) -> list[str]:
    """Return the parts of a list written in one cell, separated by ";", "," or new lines.

    Commas are tried last and joined back when the parts only make sense together (the
    caller's ``resolve`` decides): "Sở Văn hóa, Thể thao và Du lịch" is one agency.
    """
    return [part.strip() for part in re.split(r"[;\n]+", text) if part.strip()]


def resolve_list(text: str, resolve: Callable[[str], object | None]) -> tuple[list, list[str]]:
    """Return (the things ``text`` names, the parts that name nothing).

    Parts are split on ";" and new lines; each part is tried whole, then cut at its commas,
    taking the longest run of pieces that ``resolve`` knows, so a name with a comma in it
    ("Sở Văn hóa, Thể thao và Du lịch") survives a comma-separated list.
    """
    found, unknown = [], []
    for part in split_names(text):
        pieces = [piece.strip() for piece in part.split(",")]
        start, missing = 0, []
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                thing = resolve(", ".join(pieces[start:end]))
                if thing is not None:
                    found.append(thing)
                    start = end
                    break
            else:
                missing.append(pieces[start])
                start += 1
                continue
            if missing:  # the unknown pieces before a known one, said as written
                unknown.append(", ".join(missing))
                missing = []
        if missing:
            unknown.append(", ".join(missing))
    return found, [name for name in unknown if name]


def whole_number(raw: object, locale: str | None) -> tuple[int | None, str | None]:
    """Return (an integer, None) or (None, error code) for a cell such as a percentage."""
    value, error = read_number(raw, locale)
    if error:
        return None, error
    if value != value.to_integral_value():
        return None, "not_whole"
    return int(value), None


# --- agencies and plans ---------------------------------------------------------------------


class Agencies:
    """Agencies by code (any case) or by name, short name or English name (without
    diacritics and case), loaded once per import."""

    def __init__(self) -> None:
        self.by_code: dict[str, Agency] = {}
        self.by_name: dict[str, list[Agency]] = defaultdict(list)
        for agency in Agency.objects.all():
            self.by_code[agency.code.lower()] = agency
            for name in {agency.name, agency.short_name, agency.name_en} - {""}:
                self.by_name[key(name)].append(agency)

    def find(self, text: str) -> tuple[Agency | None, str | None]:
        """Return (the agency, None) or (None, "unknown_agency" / "ambiguous_agency").

        Of agencies sharing a name, the one still in force is taken (Sở Kế hoạch và Đầu tư
        ended in 2025 and its successor has another name, so this is rare).
        """
        text = text.strip()
        if found := self.by_code.get(text.lower()):
            return found, None
        named = self.by_name.get(key(text), [])
        if len(named) > 1:
            named = [agency for agency in named if agency.valid_to is None]
        if len(named) == 1:
            return named[0], None
        return None, "ambiguous_agency" if named else "unknown_agency"

    def known(self, text: str) -> Agency | None:
        return self.find(text)[0]


def agency_message(code: str, raw: str) -> str:
    if code == "ambiguous_agency":
        return _("Tên cơ quan “%(value)s” khớp nhiều cơ quan: hãy dùng mã cơ quan.") % {
            "value": raw
        }
    return _("Không có cơ quan “%(value)s” (theo mã hay tên).") % {"value": raw}


def find_plan(text: str) -> Plan | None:
    return Plan.objects.filter(code__iexact=text.strip()).first()


def choice_of(choices, synonyms: dict[str, str], raw: str) -> str | None:
    """Return the value of ``choices`` a cell names: its code, its Vietnamese label, or one
    of the ``synonyms`` appendices use (keys as ``key`` makes them)."""
    wanted = key(raw)
    with override("vi"):
        for value, label in choices.choices:
            if wanted in (key(value), key(label)):
                return value
    return synonyms.get(wanted)


def illustrative_labels(model) -> dict[str, str]:
    """Return field name → its Vietnamese name, as the export writes illustrative fields."""
    with override("vi"):
        return {
            model_field.name: str(model_field.verbose_name)
            for model_field in model._meta.get_fields()
            if hasattr(model_field, "verbose_name") and not model_field.auto_created
        }


def read_illustrative(model, raw: str) -> tuple[list[str], list[str]]:
    """Return (field names, unknown parts) of an illustrative cell: "thời hạn; tình trạng"."""
    by_key = {}
    for name, label in illustrative_labels(model).items():
        by_key[key(name)] = name
        by_key[key(label)] = name
    found, unknown = [], []
    for part in re.split(r"[;\n]+", raw):
        if not part.strip():
            continue
        name = by_key.get(key(part))
        if name is None:
            unknown.append(part.strip())
        elif name not in found:
            found.append(name)
    return found, unknown


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


def plain(text: str) -> str:
    """Return text lower-cased, without diacritics, its spaces collapsed: "Quý II" → "quy ii"."""
    value = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    return " ".join(value.split())


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

TASK_COLUMNS = columns(
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
)
TASK_REQUIRED = ("title",)
# How messages name a missing column.
COLUMN_LABELS = {
    "title": "Nhiệm vụ (Nội dung nhiệm vụ)",
    "name": "Tên dự án",
}
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
    existing = {task.code: task for task in Task.objects.filter(code__in=_codes_in(table, prefix))}
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


def check_code(code, row, seen: dict, fail, *, limit: int, missing: str, duplicate: str) -> None:
    """Report a row's missing, too long or repeated code; remember the row under its code.

    ``duplicate`` is a message with ``%(code)s`` and ``%(row)s``; ``fail`` is the checker's
    ``fail(code, message, column, raw)``.
    """
    if not code:
        fail("missing_code", missing, "code", "")
    elif len(code) > limit:
        fail(
            "code_too_long",
            _("Mã “%(code)s” dài quá %(limit)s ký tự.") % {"code": code, "limit": limit},
            "code",
            code,
        )
    elif code in seen:
        fail("duplicate_row", duplicate % {"code": code, "row": seen[code].row}, "code", code)
    else:
        seen[code] = row


def update_changed(instance, values: dict, fields, illustrative: list | None) -> list[str]:
    """Set the fields of ``instance`` whose value in ``values`` differs; return their names.

    An empty cell is simply absent from ``values``: it never clears a stored value.
    ``illustrative`` (None when the file says nothing) replaces ``illustrative_fields``.
    """
    changed = []
    for name in fields:
        if name in values:
            model_field = instance._meta.get_field(name)
            new = values[name]
            new_value = new.pk if model_field.is_relation and new is not None else new
            if getattr(instance, model_field.attname) != new_value:
                setattr(instance, name, new)
                changed.append(name)
    if illustrative is not None and set(illustrative) != set(instance.illustrative_fields):
        instance.illustrative_fields = illustrative
        changed.append("illustrative_fields")
    return changed


def derived_code(row: SourceRow, table: Table, prefix: str | None) -> str:
    """Return the row's code: its "Mã" cell, else ``<prefix>-[<heading>.]<STT>``."""
    code = text_of(row.cells.get("code"))
    if code or not prefix:
        return code
    stt = stt_of(row.cells.get("stt"))
    if not stt:
        return ""
    heading = table.headings.get((row.sheet, row.row), "")
    return f"{prefix}-{heading}.{stt}" if heading else f"{prefix}-{stt}"


def _codes_in(table: Table, prefix: str | None) -> list[str]:
    return [code for row in table.rows if (code := derived_code(row, table, prefix))]


def _status_message(raw: str) -> str:
    with override("vi"):
        labels = ", ".join(str(label) for label in TaskStatus.labels)
    return _("Tình trạng “%(value)s” không hợp lệ: dùng %(labels)s (hoặc %(codes)s).") % {
        "value": raw,
        "labels": labels,
        "codes": ", ".join(TaskStatus.values),
    }
