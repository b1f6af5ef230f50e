"""Read a file of figures into rows: CSV, XLSX or JSON, in the long or the template layout.

No database here: this module turns bytes into ``SourceRow`` objects that remember where each
value came from (sheet, row, column), and reports what it cannot read as ``Problem`` objects.
``services.import_observations`` validates the rows against the registry and writes them.

Layouts:

- *long*: one row per value, columns ``indicator``, ``unit``, ``period``, ``value`` and
  optionally ``breakdown``, ``status``, ``source``, ``comment`` (Vietnamese headers are
  accepted too: "chỉ số", "đơn vị", "kỳ", "giá trị", "phân tổ", "tình trạng", "nguồn",
  "ghi chú");
- *template*: the Excel workbook ``write_template`` makes for one agency and one period
  (indicators as rows, units as columns); its hidden sheet ``_plantrack`` says so.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from plantrack.extraction.numbers import NumberFormatError, parse_number

META_SHEET = "_plantrack"
TEMPLATE_MARK = "plantrack-template"
TEMPLATE_VERSION = "1"
DATA_SHEET = "Nhập số liệu"

# Canonical column → the normalised headers that mean it.
COLUMN_ALIASES = {
    "indicator": {"indicator", "chi_so", "ma_chi_so", "chi_tieu"},
    "unit": {"unit", "don_vi", "ma_don_vi", "don_vi_hanh_chinh", "dia_ban"},
    "period": {"period", "ky", "ky_bao_cao", "nam"},
    "value": {"value", "gia_tri", "so_lieu"},
    "breakdown": {"breakdown", "phan_to"},
    "status": {"status", "tinh_trang", "tinh_trang_so_lieu"},
    "source": {"source", "nguon", "nguon_so_lieu"},
    "comment": {"comment", "ghi_chu"},
}
REQUIRED_COLUMNS = ("indicator", "unit", "period", "value")


@dataclass
class Problem:
    """One thing wrong with the input, said where: file, sheet, row, column, value."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    severity: str = "error"  # or "warning"

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(_("trang “%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("dòng %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("cột %(column)s") % {"column": self.column})
        return ", ".join(part for part in parts if part)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class SourceRow:
    """The raw cells of one value, with where they were read."""

    sheet: str
    row: int
    cells: dict[str, object]  # canonical column → raw cell value
    columns: dict[str, str]  # canonical column → the column's name in the file ("B", "value")


@dataclass
class ReadResult:
    """What a file holds: its rows, its layout and locale, and what could not be read."""

    file_format: str
    layout: str
    rows: list[SourceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    declared_locale: str | None = None
    template: dict = field(default_factory=dict)


def normalise(text: object) -> str:
    """Return text lower-cased, without diacritics, spaces as underscores: "Chỉ số" → chi_so."""
    value = unicodedata.normalize("NFD", str(text or "").strip().lower())
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    value = value.replace("đ", "d")
    return "_".join(value.replace("-", " ").split())


def detect_format(filename: str, content: bytes) -> str:
    """Return ``csv``, ``xlsx`` or ``json`` from the name, or from the bytes when unclear."""
    name = filename.lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        return "xlsx"
    if name.endswith(".json"):
        return "json"
    return "csv"


def read_file(content: bytes, filename: str) -> ReadResult:
    """Read ``content`` (the bytes of ``filename``) into rows, whatever its format."""
    file_format = detect_format(filename, content)
    if file_format == "xlsx":
        return _read_xlsx(content, filename)
    if file_format == "json":
        return _read_json(content, filename)
    return _read_csv(content, filename)


# --- CSV ------------------------------------------------------------------------------------


def decode_text(content: bytes, filename: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (with or without BOM), UTF-16 (with BOM) or Windows-1258, or refuse."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    else:
        try:
            return content.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            pass
        try:
            text = content.decode("cp1258")
        except UnicodeDecodeError:
            text = None
        # Windows-1258 writes Vietnamese with combining tone marks: compose them.
        if text is not None and _looks_vietnamese(text):
            return unicodedata.normalize("NFC", text), None
    return None, Problem(
        code="unknown_encoding",
        message=_(
            "Không đọc được bảng mã của tệp: hãy lưu tệp CSV dưới dạng UTF-8 "
            "(hoặc UTF-16, Windows-1258)."
        ),
        file=filename,
    )


def _looks_vietnamese(text: str) -> bool:
    composed = unicodedata.normalize("NFC", text)
    letters = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    return any(ch in letters for ch in composed.lower())


def _read_csv(content: bytes, filename: str) -> ReadResult:
    result = ReadResult(file_format="csv", layout="long")
    text, problem = decode_text(content, filename)
    if problem:
        result.problems.append(problem)
        return result
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    _read_long(result, filename, "", enumerate(rows, start=1), letters=False)
    return result


# --- long layout, shared by CSV and XLSX -----------------------------------------------------


def _read_long(result, filename, sheet, numbered_rows, *, letters: bool) -> None:
    header_columns: dict[str, int] | None = None
    header_names: list[str] = []
    for number, cells in numbered_rows:
        if header_columns is None:
            normalised = [normalise(cell) for cell in cells]
            found = {}
            for index, name in enumerate(normalised):
                for canonical, aliases in COLUMN_ALIASES.items():
                    if name in aliases and canonical not in found:
                        found[canonical] = index
            if all(column in found for column in REQUIRED_COLUMNS):
                header_columns = found
                header_names = [str(cell or "") for cell in cells]
            elif any(str(cell or "").strip() for cell in cells) and number >= 20:
                break
            continue
        if not any(str(cell or "").strip() for cell in cells):
            continue
        values, names = {}, {}
        for canonical, index in header_columns.items():
            values[canonical] = cells[index] if index < len(cells) else None
            names[canonical] = _column_letter(index) if letters else header_names[index]
        result.rows.append(SourceRow(sheet=sheet, row=number, cells=values, columns=names))
    if header_columns is None:
        result.problems.append(
            Problem(
                code="missing_columns",
                message=_(
                    "Không tìm thấy dòng tiêu đề có đủ các cột indicator (chỉ số), unit (đơn vị), "
                    "period (kỳ) và value (giá trị)."
                ),
                file=filename,
                sheet=sheet,
            )
        )


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(content: bytes, filename: str) -> ReadResult:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        result = ReadResult(file_format="xlsx", layout="long")
        result.problems.append(
            Problem(
                code="unreadable_xlsx",
                message=_("Không mở được tệp Excel: %(error)s") % {"error": error},
                file=filename,
            )
        )
        return result
    try:
        if META_SHEET in workbook.sheetnames:
            return _read_template(workbook, filename)
        result = ReadResult(file_format="xlsx", layout="long")
        for sheet in workbook.worksheets:
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            found_before = len(result.rows)
            problems_before = len(result.problems)
            _read_long(result, filename, sheet.title, rows, letters=True)
            # A workbook may hold notes on other sheets: only a sheet with no header at all,
            # when no sheet has one, is an error.
            if len(result.rows) == found_before and len(result.problems) > problems_before:
                result.problems.pop()
        if not result.rows and not result.problems:
            result.problems.append(
                Problem(
                    code="missing_columns",
                    message=_(
                        "Không trang nào có dòng tiêu đề với các cột indicator (chỉ số), unit "
                        "(đơn vị), period (kỳ) và value (giá trị)."
                    ),
                    file=filename,
                )
            )
        return result
    finally:
        workbook.close()


def _read_template(workbook, filename: str) -> ReadResult:
    result = ReadResult(file_format="xlsx", layout="template")
    meta = {
        str(key): str(value) if value is not None else ""
        for key, value, *_rest in workbook[META_SHEET].iter_rows(values_only=True)
        if key is not None
    }
    if meta.get("mark") != TEMPLATE_MARK or DATA_SHEET not in workbook.sheetnames:
        result.problems.append(
            Problem(
                code="not_a_template",
                message=_("Tệp có trang _plantrack nhưng không phải biểu mẫu của PlanTrack."),
                file=filename,
            )
        )
        return result
    result.template = meta
    result.declared_locale = meta.get("locale") or None
    code_row = int(meta["code_row"])
    first_data_row = int(meta["first_data_row"])
    sheet = workbook[DATA_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    codes = rows[code_row - 1] if len(rows) >= code_row else ()
    unit_columns = [
        (index, str(code))
        for index, code in enumerate(codes)
        if code is not None and not str(code).startswith(("prev:", "#"))
    ]
    fixed = {"indicator": 0, "status": 4, "source": 5, "comment": 6}
    for number, cells in enumerate(rows[first_data_row - 1 :], start=first_data_row):
        indicator = cells[0] if cells else None
        if indicator is None or str(indicator).strip() == "":
            continue
        for index, unit_code in unit_columns:
            value = cells[index] if index < len(cells) else None
            if value is None or str(value).strip() == "":
                continue
            values = {name: cells[i] if i < len(cells) else None for name, i in fixed.items()}
            values |= {"unit": unit_code, "period": meta["period"], "value": value}
            names = {name: _column_letter(i) for name, i in fixed.items()}
            names |= {"unit": _column_letter(index), "value": _column_letter(index)}
            names["period"] = _("kỳ của biểu mẫu")
            result.rows.append(SourceRow(DATA_SHEET, number, values, names))
    return result


# --- JSON -----------------------------------------------------------------------------------


def _read_json(content: bytes, filename: str) -> ReadResult:
    result = ReadResult(file_format="json", layout="long")
    text, problem = decode_text(content, filename)
    if problem:
        result.problems.append(problem)
        return result
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        result.problems.append(
            Problem(
                code="invalid_json",
                message=_("Tệp JSON không hợp lệ: %(error)s (dòng %(line)s)")
                % {"error": error.msg, "line": error.lineno},
                file=filename,
            )
        )
        return result
    if isinstance(data, dict):
        result.declared_locale = data.get("locale")
        data = data.get("observations")
    if not isinstance(data, list):
        result.problems.append(
            Problem(
                code="invalid_json",
                message=_(
                    "Tệp JSON phải là một danh sách số liệu, hoặc một đối tượng có khóa "
                    "“observations”."
                ),
                file=filename,
            )
        )
        return result
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            result.problems.append(
                Problem(
                    code="invalid_json",
                    message=_("Mục thứ %(number)s không phải là một đối tượng.")
                    % {"number": number},
                    file=filename,
                    row=number,
                )
            )
            continue
        keyed = {normalise(key): value for key, value in item.items()}
        values, names = {}, {}
        for canonical, aliases in COLUMN_ALIASES.items():
            for alias in aliases:
                if alias in keyed:
                    values[canonical] = keyed[alias]
                    names[canonical] = canonical
                    break
        result.rows.append(SourceRow(sheet="", row=number, cells=values, columns=names))
    return result


# --- numbers --------------------------------------------------------------------------------


def number_locale(text: str) -> str | None:
    """Return "vi" or "en" when a typed number shows its convention, else None.

    "1.234,5" and "6,74" are Vietnamese; "1,234.5" and "6.74" English; "1.234", "1,234" and
    "160.200" (one kind of separator, groups of three) could be either.
    """
    value = text.strip().lstrip("+-−").replace(" ", "").replace("\u00a0", "")
    has_dot, has_comma = "." in value, "," in value
    if has_dot and has_comma:
        return "vi" if value.rfind(",") > value.rfind(".") else "en"
    if not (has_dot or has_comma):
        return None
    separator = "." if has_dot else ","
    integer, *groups = value.split(separator)
    ambiguous = 1 <= len(integer) <= 3 and groups and all(len(g) == 3 for g in groups)
    if ambiguous:
        return None
    return "en" if separator == "." else "vi"


def is_ambiguous_number(text: str) -> bool:
    """Return True for "1.234"-like text, read differently in Vietnamese and English."""
    value = text.strip().lstrip("+-−")
    return number_locale(value) is None and ("." in value or "," in value)


def read_number(raw: object, locale: str | None) -> tuple[Decimal | None, str | None]:
    """Return (value, None) or (None, error code) for one cell; numbers stay numbers."""
    if isinstance(raw, bool):
        return None, "not_a_number"
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw)), None
    text = str(raw or "").strip()
    if not text:
        return None, "missing_value"
    if is_ambiguous_number(text) and locale is None:
        return None, "ambiguous_number"
    try:
        return parse_number(text, locale or "vi"), None
    except NumberFormatError:
        return None, "not_a_number"
