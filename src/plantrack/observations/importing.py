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

Text files (CSV, JSON) are UTF-8 with or without BOM, UTF-16 (with a BOM, or without one
when the zero bytes show it), or Windows-1258 when the decoded text reads as Vietnamese;
anything else is refused with ``unknown_encoding``. Numbers typed as text are read in their
own style when it shows ("1.234,5", "6,74" Vietnamese; "1,234.5", "6.74" English); an
ambiguous one ("1.234") follows the locale the caller chooses (``validation.choose_locale``).
docs/data-collection.md, "Importing figures", describes all of it for users.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from plantrack.tabular.numbers import NumberFormatError, parse_number

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
# The header row is looked for in the first rows only (title rows may come before it).
HEADER_SEARCH_ROWS = 20
LOCALES = ("vi", "en")
# Values are stored with six decimals (Observation.value): a longer one, such as the float
# 0.30000000000000004 of an Excel formula, is rounded on reading, so that importing the
# same file again compares equal to what was stored.
VALUE_QUANTUM = Decimal("0.000001")
# Observation.value holds 24 digits, six of them decimals.
VALUE_LIMIT = Decimal(10) ** 18
# The usual forms of a typed number (``_read_common``): digits with at most one "." or ","
# ("1234", "-6,74", "1.234"), and thousands grouped with decimals ("1.234,56", "1,234.56").
_PLAIN_NUMBER = re.compile(r"(-?)([0-9]+)(?:([.,])([0-9]+))?")
_GROUPED_NUMBER = re.compile(
    r"(-?)(?:([0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)|([0-9]{1,3}(?:,[0-9]{3})+)\.([0-9]+))"
)
_KNOWN_LOCALES = frozenset((None, *LOCALES))
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls), which openpyxl cannot read


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


@dataclass(slots=True)
class SourceRow:
    """The raw cells of one value, with where they were read.

    ``columns`` may be one dictionary shared by every row of a sheet: read it, never change it.
    """

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
    """Return ``csv``, ``xlsx``, ``json`` or ``xls`` from the bytes, else from the name.

    An XLSX file is a zip archive and an old Excel file an OLE one, whatever they are called;
    a file named ``.json``, or whose text starts with ``[`` or ``{``, is JSON; the rest CSV.
    """
    name = filename.lower()
    if content.startswith(_ZIP_MAGIC) or name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if content.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        return "xls"
    if name.endswith(".json"):
        return "json"
    start = content[:64].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if start.startswith((b"[", b"{")) and not name.endswith((".csv", ".tsv")):
        return "json"
    return "csv"


def read_file(content: bytes, filename: str) -> ReadResult:
    """Read ``content`` (the bytes of ``filename``) into rows, whatever its format."""
    file_format = detect_format(filename, content)
    if file_format == "xlsx":
        return _read_xlsx(content, filename)
    if file_format == "xls":
        result = ReadResult(file_format="xlsx", layout="long")
        result.problems.append(
            Problem(
                code="unsupported_format",
                message=_(
                    "Tệp Excel 97–2003 (.xls) không đọc được: hãy mở tệp trong Excel và lưu "
                    "lại dưới dạng .xlsx (Excel Workbook)."
                ),
                file=filename,
            )
        )
        return result
    if file_format == "json":
        return _read_json(content, filename)
    return _read_csv(content, filename)


# --- CSV ------------------------------------------------------------------------------------


def decode_text(content: bytes, filename: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (with or without BOM), UTF-16 or Windows-1258, or refuse.

    UTF-16 is recognised by its BOM, or without one by zero bytes in every other place (the
    high bytes of Latin letters and digits). Windows-1258 is accepted only when the text
    reads as Vietnamese: a Latin-1 or damaged file is refused rather than read wrongly.
    Text is returned in composed form (NFC), so names compare equal whatever wrote them.
    """
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", content.decode("utf-16")), None
        except UnicodeDecodeError:
            pass
    elif b"\x00" in content:
        encoding = _utf16_without_bom(content)
        if encoding:
            try:
                return unicodedata.normalize("NFC", content.decode(encoding)), None
            except UnicodeDecodeError:
                pass
    else:
        try:
            return unicodedata.normalize("NFC", content.decode("utf-8-sig")), None
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


def _utf16_without_bom(content: bytes) -> str | None:
    """Return "utf-16-le" or "-be" when zero bytes sit at odd or even places, else None."""
    sample = content[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) >= 0.5 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even and even.count(0) >= 0.5 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


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
    rows = csv.reader(_lines(text), delimiter=_delimiter(text))
    try:
        _read_long(result, filename, "", enumerate(rows, start=1), letters=False)
    except csv.Error as error:
        result.rows.clear()
        result.problems.append(
            Problem(
                code="invalid_csv",
                message=_("Tệp CSV hỏng ở dòng %(row)s: %(error)s")
                % {"row": rows.line_num, "error": error},
                file=filename,
                row=rows.line_num,
            )
        )
    return result


def _lines(text: str):
    """Yield the lines of ``text``, each with its "\n", as ``io.StringIO(text)`` would.

    Without the copy ``io.StringIO`` makes: four bytes a character, half a gigabyte for a
    CSV of a million rows (bench/import.py).
    """
    start, find = 0, text.find
    while (end := find("\n", start) + 1) > 0:
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def _delimiter(text: str) -> str:
    """Return the separator (",", ";" or tab) with which the file shows its header row.

    Only the separator is guessed: quoting is always Excel's (double quotes, doubled inside),
    since ``csv.Sniffer`` takes an apostrophe in a text ("Wikipedia 'Cao Bằng'") for the
    quote character. The sniffer's guess is tried first, then the others.
    """
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    head = "".join(itertools.islice(_lines(text), HEADER_SEARCH_ROWS))
    for delimiter in dict.fromkeys((sniffed, ",", ";", "\t")):
        try:
            lines = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        except csv.Error:
            continue
        if any(_header_columns(cells) is not None for cells in lines):
            return delimiter
    return sniffed


def _header_columns(cells) -> dict[str, int] | None:
    """Return canonical column → index if ``cells`` is a header with the required columns."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = normalise(cell)
        for canonical, aliases in COLUMN_ALIASES.items():
            if name in aliases and canonical not in found:
                found[canonical] = index
    return found if all(column in found for column in REQUIRED_COLUMNS) else None


# --- long layout, shared by CSV and XLSX -----------------------------------------------------


def _read_long(result, filename, sheet, numbered_rows, *, letters: bool) -> None:
    """Append a ``SourceRow`` for every non-blank row after the header row.

    Rows are many (a million in bench/import.py), so the per-row work is kept small: the
    column names are worked out once and shared by every row of the sheet (read only), and
    the cells are picked with one ``itemgetter``.
    """
    header_columns: dict[str, int] | None = None
    append = result.rows.append
    for number, cells in numbered_rows:
        if header_columns is None:
            header_columns = _header_columns(cells)
            if header_columns is not None:
                header_names = [str(cell or "") for cell in cells]
                canonicals = tuple(header_columns)
                indexes = tuple(header_columns.values())
                width = max(indexes) + 1
                pick = operator.itemgetter(*indexes)
                names = {
                    canonical: _column_letter(index) if letters else header_names[index]
                    for canonical, index in header_columns.items()
                }
            elif any(str(cell or "").strip() for cell in cells) and number >= HEADER_SEARCH_ROWS:
                break
            continue
        if _blank(cells):
            continue
        if len(cells) >= width:
            values = dict(zip(canonicals, pick(cells), strict=True))
        else:
            values = {
                canonical: cells[index] if index < len(cells) else None
                for canonical, index in zip(canonicals, indexes, strict=True)
            }
        append(SourceRow(sheet=sheet, row=number, cells=values, columns=names))
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


def _blank(cells) -> bool:
    """Return True if no cell holds anything but spaces (a cell 0 or False counts as empty)."""
    try:
        # Text cells (every cell of a CSV): one join instead of a test per cell.
        return not "".join(cells).strip()
    except TypeError:  # numbers, dates or None among the cells (XLSX)
        return not any(str(cell or "").strip() for cell in cells)


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
    """Read a workbook made by ``excel_template.write_template``: one row per filled input cell.

    The hidden sheet ``META_SHEET`` says where things are: ``code_row`` holds each input
    column's unit code (``prev:<code>`` over the read-only previous values and ``#…`` over the
    fixed columns, both skipped), data rows start at ``first_data_row``, and the letters of
    the indicator, status, source and comment columns are ``indicator_column`` … (A, E, F, G
    when absent). Every value read carries the period the template was made for.
    """
    result = ReadResult(file_format="xlsx", layout="template")
    meta = {}
    for cells in workbook[META_SHEET].iter_rows(values_only=True):
        if cells and cells[0] is not None:
            value = cells[1] if len(cells) > 1 else None
            meta[str(cells[0])] = "" if value is None else str(value)

    def refuse(code: str, message: str) -> ReadResult:
        result.problems.append(Problem(code=code, message=message, file=filename))
        return result

    if meta.get("mark") != TEMPLATE_MARK or DATA_SHEET not in workbook.sheetnames:
        return refuse(
            "not_a_template",
            _("Tệp có trang _plantrack nhưng không phải biểu mẫu của PlanTrack."),
        )
    if meta.get("version") != TEMPLATE_VERSION:
        return refuse(
            "template_version",
            _(
                "Biểu mẫu này là phiên bản %(version)s, PlanTrack đọc phiên bản %(expected)s: "
                "hãy tải biểu mẫu mới và chép số liệu sang."
            )
            % {"version": meta.get("version") or "?", "expected": TEMPLATE_VERSION},
        )
    defaults = {"indicator": "A", "status": "E", "source": "F", "comment": "G"}
    try:
        from openpyxl.utils import column_index_from_string

        code_row = int(meta["code_row"])
        first_data_row = int(meta["first_data_row"])
        period = meta["period"]
        fixed = {
            name: column_index_from_string(meta.get(f"{name}_column") or letter) - 1
            for name, letter in defaults.items()
        }
    except (KeyError, ValueError):
        return refuse(
            "not_a_template",
            _(
                "Trang _plantrack của biểu mẫu bị hỏng (thiếu hoặc sai vị trí các cột): hãy "
                "tải biểu mẫu mới."
            ),
        )
    result.template = meta
    result.declared_locale = meta.get("locale") or None
    sheet = workbook[DATA_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    codes = rows[code_row - 1] if len(rows) >= code_row else ()
    unit_columns = [
        (index, str(code).strip())
        for index, code in enumerate(codes)
        if code is not None and not str(code).startswith(("prev:", "#"))
    ]
    # The column names are the same for every row: one dictionary per unit column, shared.
    fixed_names = {name: _column_letter(i) for name, i in fixed.items()}
    period_name = _("kỳ của biểu mẫu")
    names_of = {
        index: fixed_names
        | {"unit": _column_letter(index), "value": _column_letter(index), "period": period_name}
        for index, _code in unit_columns
    }
    for number, cells in enumerate(rows[first_data_row - 1 :], start=first_data_row):
        position = fixed["indicator"]
        indicator = cells[position] if position < len(cells) else None
        if indicator is None or str(indicator).strip() == "":
            continue
        for index, unit_code in unit_columns:
            value = cells[index] if index < len(cells) else None
            if value is None or str(value).strip() == "":
                continue
            values = {name: cells[i] if i < len(cells) else None for name, i in fixed.items()}
            values |= {"unit": unit_code, "period": period, "value": value}
            result.rows.append(SourceRow(DATA_SHEET, number, values, names_of[index]))
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
        declared = data.get("locale") or None
        if declared is not None and declared not in LOCALES:
            result.problems.append(
                Problem(
                    code="unknown_locale",
                    message=_(
                        "Kiểu số “%(value)s” không hợp lệ: dùng “vi” (1.234,5) hoặc “en” (1,234.5)."
                    )
                    % {"value": declared},
                    file=filename,
                    column="locale",
                    value=str(declared),
                )
            )
        else:
            result.declared_locale = declared
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

    "1.234,5", "6,74" and "1.234.567" are Vietnamese; "1,234.5", "6.74" and "1,234,567"
    English; "1.234", "1,234" and "160.200" (one separator, once, before three digits)
    could be either.
    """
    if "." not in text and "," not in text:
        return None  # no separator: nothing shows (and _bare removes none)
    match = _PLAIN_NUMBER.fullmatch(text)  # the usual forms first, as _read_common
    if match is not None:
        _sign, integer, separator, fraction = match.groups()
        if len(fraction) == 3 and len(integer) <= 3:
            return None
        return "en" if separator == "." else "vi"
    match = _GROUPED_NUMBER.fullmatch(text)
    if match is not None:
        return "vi" if match.group(2) is not None else "en"
    value = _bare(text)
    has_dot, has_comma = "." in value, "," in value
    if has_dot and has_comma:
        return "vi" if value.rfind(",") > value.rfind(".") else "en"
    if not (has_dot or has_comma):
        return None
    separator = "." if has_dot else ","
    integer, *groups = value.split(separator)
    grouped = 1 <= len(integer) <= 3 and all(len(g) == 3 for g in groups)
    if grouped and len(groups) == 1:
        return None
    # Twice or more, the separator groups thousands; once before other than three digits,
    # it marks decimals.
    thousands = grouped and len(groups) > 1
    if separator == ".":
        return "vi" if thousands else "en"
    return "en" if thousands else "vi"


def _bare(text: str) -> str:
    value = text.strip().lstrip("+-−–").strip()
    for space in " \u00a0\u202f\u2009":
        value = value.replace(space, "")
    return value


def is_ambiguous_number(text: str) -> bool:
    """Return True for "1.234"-like text, read differently in Vietnamese and English."""
    value = _bare(text)
    return number_locale(value) is None and ("." in value or "," in value)


def read_number(raw: object, locale: str | None) -> tuple[Decimal | None, str | None]:
    """Return (value, None) or (None, error code) for one cell; numbers stay numbers.

    A number cell (XLSX, JSON) is taken as it is. Text is read in the style it shows, and
    an ambiguous text in ``locale``'s; with no locale it is ``ambiguous_number``. Values
    are rounded to the six decimals the database keeps; ``too_large`` beyond its 18 digits.
    """
    if isinstance(raw, bool):
        return None, "not_a_number"
    if isinstance(raw, int | float | Decimal):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            return None, "not_a_number"
        return _stored(value)
    text = str(raw or "").strip()
    if not text:
        return None, "missing_value"
    if locale in _KNOWN_LOCALES:
        read = _read_common(text, locale)
        if read is not None:
            return read
    shown = number_locale(text)
    if shown is None and is_ambiguous_number(text) and locale is None:
        return None, "ambiguous_number"
    try:
        value = parse_number(text, shown or locale or "vi")
    except NumberFormatError:
        return None, "not_a_number"
    return _stored(value)


def _read_common(text: str, locale: str | None) -> tuple[Decimal | None, str | None] | None:
    """Return ``read_number``'s answer for the usual forms of a typed number, else None.

    A file holds a number per row, most of them "1234", "-6,74", "1.234" or "1.234,56":
    these are read here with a regular expression and no other call, giving exactly what
    ``number_locale`` and ``parse_number`` give for them; any other form (spaces, "+", "−",
    "1.234.567") goes to those two.
    """
    match = _PLAIN_NUMBER.fullmatch(text)
    if match is not None:
        sign, integer, separator, fraction = match.groups()
        if not separator:
            return _stored_digits(sign + integer, 0)
        if len(fraction) == 3 and len(integer) <= 3:  # "1.234": the locale decides
            if locale is None:
                return None, "ambiguous_number"
            if separator == ("." if locale == "vi" else ","):  # the locale's thousands mark
                return _stored_digits(sign + integer + fraction, 0)
        return _stored_digits(f"{sign}{integer}.{fraction}", len(fraction))
    match = _GROUPED_NUMBER.fullmatch(text)
    if match is not None:
        sign, vi_integer, vi_fraction, en_integer, en_fraction = match.groups()
        if vi_integer is not None:
            return _stored_digits(
                f"{sign}{vi_integer.replace('.', '')}.{vi_fraction}", len(vi_fraction)
            )
        return _stored_digits(
            f"{sign}{en_integer.replace(',', '')}.{en_fraction}", len(en_fraction)
        )
    return None


def _stored_digits(digits: str, decimals: int) -> tuple[Decimal | None, str | None]:
    """Return ``_stored(Decimal(digits))`` for plain digits with ``decimals`` decimals."""
    value = Decimal(digits)
    if decimals > 6:
        value = value.quantize(VALUE_QUANTUM)
    if abs(value) >= VALUE_LIMIT:
        return None, "too_large"
    return value, None


def _stored(value: Decimal) -> tuple[Decimal | None, str | None]:
    if not value.is_finite():
        return None, "not_a_number"
    if value.as_tuple().exponent < -6:
        value = value.quantize(VALUE_QUANTUM)
    if abs(value) >= VALUE_LIMIT:
        return None, "too_large"
    return value, None
