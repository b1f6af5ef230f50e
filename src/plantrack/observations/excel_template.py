"""The Excel template PlanTrack generates for one agency and one period (biểu mẫu nhập số liệu).

An agency clerk fills the yellow cells and uploads the file; ``importing._read_template``
reads it back. The two agree on this layout (sheet ``DATA_SHEET``):

- rows 1–3: a title, the agency and the period, how to fill the sheet;
- row 4: each administrative unit's name and code, over its two columns;
- row 5: the column headers;
- row 6 (``code_row``, hidden): each input column's unit code, ``prev:<code>`` over the
  read-only previous-period columns, ``#…`` over the fixed columns;
- from row 7 (``first_data_row``): one indicator a row: its code (column A), name (B), unit
  of measure (C), allowed range (D), then the inputs shared by the row: figure status (E,
  a drop-down list), source (F), comment (G); then, for each unit, the previous period's
  current value (grey, locked) and the input cell (yellow, unlocked, with numeric data
  validation on the allowed range).

The hidden sheet ``META_SHEET`` (``veryHidden``: not even listed under Unhide) holds
key/value rows: mark, version, agency, period, locale, code_row, first_data_row and the
column letters of the fixed inputs. The sheet is protected except the input cells, and the
workbook structure is locked so the sheets cannot be renamed; no password, since the
protection guides the clerk and is not a security boundary (the importer checks
everything again).

Which units are columns: the agency's unit and its direct children valid on the period's
last day (the province and its 10 districts for 2024, the province and its 56 communes for
2025, since the reform of 1 July 2025 falls inside 2025); an agency without a unit gets every
top-level unit valid in the period and their children. Which indicators are rows: those the
agency owns (``Indicator.owner``) whose reporting frequency matches the period (annual
indicators for ``2025``, quarterly ones for ``2025Q1``), except qualitative ones, which have
no number. Totals only: the template has no breakdowns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from plantrack.accounts.models import Agency
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus
from plantrack.observations.importing import (
    DATA_SHEET,
    META_SHEET,
    TEMPLATE_MARK,
    TEMPLATE_VERSION,
)
from plantrack.observations.models import Observation
from plantrack.observations.periods import Period, PeriodError, parse_period
from plantrack.observations.validation import FREQUENCY_PERIODS
from plantrack.plans.choices import ValueType
from plantrack.plans.models import Indicator
from plantrack.tabular.numbers import format_number

LOCALES = ("vi", "en")

# The layout the reader relies on (written into META_SHEET, so the reader never guesses).
TITLE_ROW, AGENCY_ROW, NOTE_ROW, UNIT_ROW, HEADER_ROW, CODE_ROW = 1, 2, 3, 4, 5, 6
FIRST_DATA_ROW = 7
INDICATOR_COLUMN, NAME_COLUMN, MEASURE_COLUMN, RANGE_COLUMN = 1, 2, 3, 4
STATUS_COLUMN, SOURCE_COLUMN, COMMENT_COLUMN = 5, 6, 7
FIRST_UNIT_COLUMN = 8  # then two columns a unit: previous value, input
FIXED_CODES = ("#indicator", "#name", "#measure", "#range", "#status", "#source", "#comment")

# Excel validates numbers between these when the indicator sets no bound (a figure is
# stored with 24 digits, 6 of them decimals).
_NO_BOUND = Decimal("1E18")
_STATUS_CHOICES = (FigureStatus.ESTIMATE, FigureStatus.PRELIMINARY, FigureStatus.OFFICIAL)

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_PREVIOUS_FILL = PatternFill("solid", fgColor="EDEDED")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_UNLOCKED = Protection(locked=False)


class TemplateError(ValueError):
    """A template that cannot be made; the message says why, in the active language, and
    ``code`` says it to programs: ``invalid_period``, ``no_indicators``, ``invalid_locale``."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class AllowedRange:
    """The values the importer accepts for an indicator: bounds (None: open) and whether a
    whole number is required (ranks)."""

    low: Decimal | None
    high: Decimal | None
    whole: bool = False


@dataclass
class TemplateContent:
    """What one agency's template for one period holds, before it is drawn."""

    agency: Agency
    period: Period
    previous_period: str
    indicators: list[Indicator]
    units: list[AdminUnit]
    previous: dict[tuple[int, int], Decimal]  # (indicator id, unit id) → current value


def allowed_range(indicator: Indicator) -> AllowedRange:
    """Return the range the importer enforces: the indicator's own bounds, within 0–100 for a
    percentage; a rank is a whole number from 1 (``validation._range_message`` agrees)."""
    low, high = indicator.min_value, indicator.max_value
    if indicator.value_type == ValueType.PERCENT:
        low = max(low, Decimal(0)) if low is not None else Decimal(0)
        high = min(high, Decimal(100)) if high is not None else Decimal(100)
    if indicator.value_type == ValueType.RANK:
        low = max(low, Decimal(1)) if low is not None else Decimal(1)
        return AllowedRange(low, high, whole=True)
    return AllowedRange(low, high)


def previous_period(period: Period) -> str:
    """Return the period before ``period``: 2024 for 2025, 2024Q4 for 2025Q1, 2024-12 for
    2025-01."""
    year = period.start.year
    if period.kind == "year":
        return str(year - 1)
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        return f"{year - 1}Q4" if quarter == 1 else f"{year}Q{quarter - 1}"
    if period.kind == "month":
        month = period.start.month
        return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
    raise TemplateError(
        _("Biểu mẫu chỉ lập cho một năm, một quý hoặc một tháng, không cho kỳ “%(period)s”.")
        % {"period": period.text},
        "invalid_period",
    )


def template_units(agency, period: Period) -> list[AdminUnit]:
    """Return the template's units: the agency's unit, then its children valid on the period's
    last day (by code); for an agency without a unit, each top-level unit valid then and its
    children."""
    day = period.end
    if agency.unit_id is not None:
        homes = [agency.unit]
    else:
        homes = list(AdminUnit.objects.valid_on(day).filter(parent__isnull=True).order_by("code"))
    children: dict[int, list[AdminUnit]] = {home.pk: [] for home in homes}
    for child in (
        AdminUnit.objects.valid_on(day).filter(parent__in=[h.pk for h in homes]).order_by("code")
    ):
        children[child.parent_id].append(child)
    units = []
    for home in homes:
        units.append(home)
        units.extend(children[home.pk])
    return units


def template_content(agency, period, *, observations=None) -> TemplateContent:
    """Gather what ``agency``'s template for ``period`` holds.

    ``observations`` is where the previous period's values come from (a view passes
    ``Observation.objects.for_user(user)``); by default every observation. Raise
    ``TemplateError`` when the period cannot be read or the agency owns no indicator
    reported at that frequency.
    """
    try:
        parsed = parse_period(str(period))
    except PeriodError as error:
        raise TemplateError(str(error), "invalid_period") from error
    before = previous_period(parsed)
    frequencies = [f for f, kinds in FREQUENCY_PERIODS.items() if parsed.kind in kinds]
    indicators = list(
        Indicator.objects.filter(owner=agency, frequency__in=frequencies)
        .exclude(value_type=ValueType.QUALITATIVE)
        .order_by("code")
    )
    if not indicators:
        raise TemplateError(
            _("%(agency)s không chủ trì chỉ số nào báo cáo theo kỳ %(period)s.")
            % {"agency": agency.name, "period": parsed.text},
            "no_indicators",
        )
    units = template_units(agency, parsed)
    source = Observation.objects.all() if observations is None else observations
    previous = {
        (indicator_id, unit_id): value
        for indicator_id, unit_id, value in source.current()
        .filter(
            indicator__in=indicators,
            unit__in=units,
            period=before,
            breakdown="",
        )
        .values_list("indicator_id", "unit_id", "value")
    }
    return TemplateContent(agency, parsed, before, indicators, units, previous)


def write_template(agency, period, *, locale: str = "vi", observations=None) -> bytes:
    """Return the XLSX template for ``agency`` and ``period``, its texts and numbers in
    ``locale`` ("vi" or "en"); see the module docstring for the layout."""
    content = template_content(agency, period, observations=observations)
    return render_template(content, locale=locale)


def render_template(content: TemplateContent, *, locale: str = "vi") -> bytes:
    """Draw ``content`` as an XLSX workbook; return its bytes."""
    if locale not in LOCALES:
        raise TemplateError(
            _("Ngôn ngữ “%(locale)s” không hỗ trợ: dùng vi hoặc en.") % {"locale": locale},
            "invalid_locale",
        )
    with translation.override(locale):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = DATA_SHEET
        _draw(sheet, content, locale)
        _write_meta(workbook.create_sheet(META_SHEET), content, locale)
        workbook.security = WorkbookProtection(lockStructure=True)
        workbook.properties.creator = "PlanTrack"
        workbook.properties.title = _title(content)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


# --- drawing ----------------------------------------------------------------------------------


def _title(content: TemplateContent) -> str:
    return _("Biểu mẫu báo cáo số liệu kỳ %(period)s") % {"period": content.period.text}


def _draw(sheet, content: TemplateContent, locale: str) -> None:
    agency = content.agency
    agency_name = agency.name_en if locale == "en" and agency.name_en else agency.name
    _text(sheet, TITLE_ROW, 1, _title(content).upper(), font=Font(bold=True, size=14))
    _text(
        sheet,
        AGENCY_ROW,
        1,
        _("Cơ quan báo cáo: %(agency)s (mã %(code)s) · Kỳ báo cáo: %(period)s · Lập ngày %(day)s")
        % {
            "agency": agency_name,
            "code": agency.code,
            "period": content.period.text,
            "day": timezone.localdate().strftime("%d/%m/%Y"),
        },
        font=Font(bold=True),
    )
    example = format_number(Decimal("1234.5"), locale)
    note = _(
        "Nhập số liệu kỳ %(period)s vào các ô nền vàng; cột nền xám là số liệu hiện hành của kỳ "
        "%(previous)s, chỉ để đối chiếu. Số gõ dưới dạng chữ viết theo kiểu %(example)s. Ô để "
        "trống là không báo cáo. Tình trạng số liệu để trống được hiểu là ước thực hiện. Nguồn "
        "và ghi chú dùng chung cho cả dòng; giá trị thay đổi nhiều so với kỳ trước cần ghi chú "
        "giải thích. Không đổi tên trang, không thêm hay xóa dòng, cột."
    ) % {"period": content.period.text, "previous": content.previous_period, "example": example}
    _text(sheet, NOTE_ROW, 1, note, alignment=_WRAP)
    sheet.merge_cells(
        start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=COMMENT_COLUMN
    )
    sheet.row_dimensions[NOTE_ROW].height = 62

    headers = (
        _("Mã chỉ số"),
        _("Tên chỉ số"),
        _("Đơn vị tính"),
        _("Khoảng cho phép"),
        _("Tình trạng số liệu"),
        _("Nguồn số liệu"),
        _("Ghi chú, giải thích"),
    )
    widths = (24, 48, 14, 16, 17, 30, 30)
    for column, (header, width, code) in enumerate(
        zip(headers, widths, FIXED_CODES, strict=True), start=1
    ):
        _header(sheet, UNIT_ROW, column, header)
        sheet.merge_cells(
            start_row=UNIT_ROW, start_column=column, end_row=HEADER_ROW, end_column=column
        )
        sheet.cell(row=CODE_ROW, column=column, value=code)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for index, unit in enumerate(content.units):
        previous_column = FIRST_UNIT_COLUMN + 2 * index
        input_column = previous_column + 1
        _header(sheet, UNIT_ROW, previous_column, f"{unit.name} ({unit.code})")
        sheet.merge_cells(
            start_row=UNIT_ROW,
            start_column=previous_column,
            end_row=UNIT_ROW,
            end_column=input_column,
        )
        _header(
            sheet,
            HEADER_ROW,
            previous_column,
            _("Kỳ %(period)s (hiện hành)") % {"period": content.previous_period},
        )
        _header(
            sheet, HEADER_ROW, input_column, _("Kỳ %(period)s") % {"period": content.period.text}
        )
        sheet.cell(row=CODE_ROW, column=previous_column, value=f"prev:{unit.code}")
        sheet.cell(row=CODE_ROW, column=input_column, value=unit.code)
        sheet.column_dimensions[get_column_letter(previous_column)].width = 14
        sheet.column_dimensions[get_column_letter(input_column)].width = 14
    sheet.row_dimensions[UNIT_ROW].height = 32
    sheet.row_dimensions[HEADER_ROW].height = 32
    # The codes are for the reader; the headers above say the same to people.
    sheet.row_dimensions[CODE_ROW].hidden = True

    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(str(status.label) for status in _STATUS_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Tình trạng số liệu")[:32],
        error=_("Chọn ước thực hiện, sơ bộ hoặc chính thức trong danh sách."),
    )
    sheet.add_data_validation(status_list)
    for offset, indicator in enumerate(content.indicators):
        row = FIRST_DATA_ROW + offset
        _draw_indicator(sheet, row, indicator, content, locale)
        status_list.add(sheet.cell(row=row, column=STATUS_COLUMN))

    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=MEASURE_COLUMN)
    sheet.print_title_rows = f"{UNIT_ROW}:{HEADER_ROW}"
    sheet.print_title_cols = "A:B"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection.sheet = True
    # Clerks may widen columns and rows to read long names; nothing else.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _draw_indicator(sheet, row: int, indicator: Indicator, content, locale: str) -> None:
    name = indicator.name_en if locale == "en" and indicator.name_en else indicator.name
    allowed = allowed_range(indicator)
    range_text = _range_text(allowed, locale)
    _text(sheet, row, INDICATOR_COLUMN, indicator.code, border=True)
    _text(sheet, row, NAME_COLUMN, name, alignment=_WRAP, border=True)
    _text(sheet, row, MEASURE_COLUMN, indicator.unit, border=True)
    _text(sheet, row, RANGE_COLUMN, range_text, border=True)
    for column in (STATUS_COLUMN, SOURCE_COLUMN, COMMENT_COLUMN):
        cell = sheet.cell(row=row, column=column)
        cell.fill, cell.protection, cell.border, cell.alignment = (
            _INPUT_FILL,
            _UNLOCKED,
            _BORDER,
            _WRAP,
        )
    number_format = "#,##0" if indicator.decimals == 0 else "#,##0." + "0" * indicator.decimals
    validation = _number_validation(indicator, allowed, range_text)
    sheet.add_data_validation(validation)
    for index, unit in enumerate(content.units):
        previous_column = FIRST_UNIT_COLUMN + 2 * index
        previous = sheet.cell(row=row, column=previous_column)
        previous.value = content.previous.get((indicator.pk, unit.pk))
        previous.fill, previous.border, previous.number_format = (
            _PREVIOUS_FILL,
            _BORDER,
            number_format,
        )
        previous.font = Font(italic=True, color="595959")
        entry = sheet.cell(row=row, column=previous_column + 1)
        entry.fill, entry.protection, entry.border = _INPUT_FILL, _UNLOCKED, _BORDER
        validation.add(entry)


def _number_validation(indicator: Indicator, allowed: AllowedRange, range_text: str):
    low, high = allowed.low, allowed.high
    if low is not None and high is not None:
        operator, first, second = "between", low, high
    elif low is not None:
        operator, first, second = "greaterThanOrEqual", low, None
    elif high is not None:
        operator, first, second = "lessThanOrEqual", high, None
    else:
        operator, first, second = "between", -_NO_BOUND, _NO_BOUND
    if range_text:
        error = _("Nhập một số trong khoảng %(range)s (%(measure)s).") % {
            "range": range_text,
            "measure": indicator.unit or _("không có đơn vị tính"),
        }
    else:
        error = _("Nhập một số.")
    if allowed.whole and low is not None:  # a whole number's range starts at 1
        error = _("Nhập một số nguyên, từ %(low)s trở lên.") % {"low": _plain(low)}
    return DataValidation(
        type="whole" if allowed.whole else "decimal",
        operator=operator,
        formula1=_plain(first),
        formula2=None if second is None else _plain(second),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=_("Giá trị không hợp lệ")[:32],
        error=error[:255],
        promptTitle=indicator.code[:32],
        prompt=error[:255],
    )


def _range_text(allowed: AllowedRange, locale: str) -> str:
    low = None if allowed.low is None else format_number(allowed.low.normalize(), locale)
    high = None if allowed.high is None else format_number(allowed.high.normalize(), locale)
    if low is not None and high is not None:
        return f"{low} – {high}"
    if low is not None:
        return f"≥ {low}"
    if high is not None:
        return f"≤ {high}"
    return ""


def _plain(value: Decimal) -> str:
    """Write a bound as Excel formulas read numbers: 1E18 as 1000000000000000000, 0.5 as 0.5."""
    return format(value.normalize(), "f")


def _text(sheet, row, column, value, *, font=None, alignment=None, border=False):
    cell = sheet.cell(row=row, column=column, value=value)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border:
        cell.border = _BORDER
    return cell


def _header(sheet, row, column, value):
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = _CENTRE
    cell.border = _BORDER
    return cell


def _write_meta(sheet, content: TemplateContent, locale: str) -> None:
    """Write the key/value rows ``importing._read_template`` reads; hide the sheet for good."""
    rows = (
        ("mark", TEMPLATE_MARK),
        ("version", TEMPLATE_VERSION),
        ("agency", content.agency.code),
        ("period", content.period.text),
        ("previous_period", content.previous_period),
        ("locale", locale),
        ("code_row", str(CODE_ROW)),
        ("first_data_row", str(FIRST_DATA_ROW)),
        ("indicator_column", get_column_letter(INDICATOR_COLUMN)),
        ("status_column", get_column_letter(STATUS_COLUMN)),
        ("source_column", get_column_letter(SOURCE_COLUMN)),
        ("comment_column", get_column_letter(COMMENT_COLUMN)),
        ("generated_at", timezone.now().isoformat(timespec="seconds")),
    )
    for key, value in rows:
        sheet.append([key, value])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
