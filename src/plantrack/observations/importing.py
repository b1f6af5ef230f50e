"""Read a file of figures into rows: CSV, XLSX or JSON, in the long or the template layout.

No database here: this module turns bytes into ``SourceRow`` objects that remember where each
value came from (sheet, row, column), and reports what it cannot read as ``Problem`` objects.
``imports.import_observations`` validates the rows against the registry and writes them.
The rows of a CSV or a workbook are a ``RowStream``: read from the bytes as they are
iterated, again for each pass over them, so a file of a million rows is never held as rows
(a JSON file is held whole, as ``json.loads`` reads it, and its rows are made as they are
iterated).

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
import json
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from plantrack.tabular import limits
from plantrack.tabular.numbers import LOCALES
from plantrack.tabular.problems import Problem
from plantrack.tabular.readers import (
    HEADER_SEARCH_ROWS,
    SourceRow,
    column_letter,
    csv_rows,
    damaged_csv,
    delimiter,
    detect_format,
    head,
    open_workbook,
    xls_refused,
)
from plantrack.tabular.text import decode_text, decoded_lines, normalise, text_encoding

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


class RowStream:
    """The rows of a file, read from its bytes each time they are iterated.

    ``read(stream)`` yields the rows and adds to ``stream.problems`` what it cannot read;
    each iteration starts them afresh, so they are what the last reading found. ``broken``
    says the last reading stopped at damage past which nothing of the file counts, not even
    the rows read before it (a damaged CSV).
    """

    def __init__(self, read: Callable[[RowStream], Iterator[SourceRow]]) -> None:
        self._read = read
        self.problems: list[Problem] = []
        self.broken = False

    def __iter__(self) -> Iterator[SourceRow]:
        self.problems = []
        self.broken = False
        return self._read(self)


@dataclass
class ReadResult:
    """What a file holds: its rows, its layout and locale, and what could not be read.

    ``rows`` is a list, or a ``RowStream`` whose own problems join ``problems`` once it has
    been read (``reading_problems``).
    """

    file_format: str
    layout: str
    rows: Iterable[SourceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    declared_locale: str | None = None
    template: dict = field(default_factory=dict)

    def reading_problems(self) -> list[Problem]:
        """What could not be read: on opening the file, and by the last reading of its rows."""
        return [*self.problems, *getattr(self.rows, "problems", ())]

    def broken(self) -> bool:
        """Whether the last reading of the rows found damage that voids them all."""
        return bool(getattr(self.rows, "broken", False))


def read_file(content: bytes, filename: str) -> ReadResult:
    """Read ``content`` (the bytes of ``filename``) into rows, whatever its format."""
    file_format = detect_format(filename, content)
    if file_format == "xlsx":
        return _read_xlsx(content, filename)
    if file_format == "xls":
        result = ReadResult(file_format="xlsx", layout="long")
        result.problems.append(xls_refused(filename))
        return result
    if file_format == "json":
        return _read_json(content, filename)
    return _read_csv(content, filename)


# --- CSV ------------------------------------------------------------------------------------


def _read_csv(content: bytes, filename: str) -> ReadResult:
    result = ReadResult(file_format="csv", layout="long")
    encoding = text_encoding(content, filename)
    if isinstance(encoding, Problem):
        result.problems.append(encoding)
        return result
    start = head(decoded_lines(content, encoding))
    separator = delimiter(start, lambda cells: _header_columns(cells) is not None)

    def read(stream: RowStream) -> Iterator[SourceRow]:
        rows = csv_rows(decoded_lines(content, encoding), separator)
        try:
            numbered = limits.bounded_rows(enumerate(rows, start=1), filename, "", cells=False)
            yield from _long_rows(stream.problems, filename, "", numbered, letters=False)
        except csv.Error as error:
            stream.broken = True
            stream.problems.append(damaged_csv(filename, rows.line_num, error))

    result.rows = RowStream(read)
    return result


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


def _long_rows(problems, filename, sheet, numbered_rows, *, letters: bool) -> Iterator[SourceRow]:
    """Yield a ``SourceRow`` for every non-blank row after the header row; add a problem to
    ``problems`` when there is no header row.

    Rows are many (a million in bench/import.py), so the per-row work is kept small: the
    column names are worked out once and shared by every row of the sheet (read only), and
    the cells are picked with one ``itemgetter``.
    """
    header_columns: dict[str, int] | None = None
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
                    canonical: column_letter(index) if letters else header_names[index]
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
        yield SourceRow(sheet=sheet, row=number, cells=values, columns=names)
    if header_columns is None:
        problems.append(
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


# --- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(content: bytes, filename: str) -> ReadResult:
    workbook = open_workbook(content, filename)
    if isinstance(workbook, Problem):
        result = ReadResult(file_format="xlsx", layout="long")
        result.problems.append(workbook)
        return result
    try:
        if META_SHEET in workbook.sheetnames:
            return _read_template(workbook, content, filename)
    finally:
        workbook.close()
    result = ReadResult(file_format="xlsx", layout="long")
    result.rows = RowStream(lambda stream: _long_sheets(stream, content, filename))
    return result


def _long_sheets(stream: RowStream, content: bytes, filename: str) -> Iterator[SourceRow]:
    """Yield the rows of every sheet of a workbook in the long layout (opened again here)."""
    workbook = open_workbook(content, filename)
    if isinstance(workbook, Problem):  # it opened before: only if the bytes changed
        stream.problems.append(workbook)
        return
    problems = stream.problems
    found = 0
    try:
        for sheet in workbook.worksheets:
            numbered = enumerate(sheet.iter_rows(values_only=True), start=1)
            rows = limits.bounded_rows(numbered, filename, sheet.title)
            found_before = found
            problems_before = len(problems)
            for row in _long_rows(problems, filename, sheet.title, rows, letters=True):
                found += 1
                yield row
            # A workbook may hold notes on other sheets: only a sheet with no header at all,
            # when no sheet has one, is an error.
            if found == found_before and len(problems) > problems_before:
                problems.pop()
    finally:
        workbook.close()
    if not found and not problems:
        problems.append(
            Problem(
                code="missing_columns",
                message=_(
                    "Không trang nào có dòng tiêu đề với các cột indicator (chỉ số), unit "
                    "(đơn vị), period (kỳ) và value (giá trị)."
                ),
                file=filename,
            )
        )


def _read_template(workbook, content: bytes, filename: str) -> ReadResult:
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

    def read(stream: RowStream) -> Iterator[SourceRow]:
        opened = open_workbook(content, filename)
        if isinstance(opened, Problem):  # it opened before: only if the bytes changed
            stream.problems.append(opened)
            return
        try:
            sheet = opened[DATA_SHEET]
            yield from _template_rows(sheet, filename, code_row, first_data_row, period, fixed)
        finally:
            opened.close()

    result.rows = RowStream(read)
    return result


def _template_rows(sheet, filename, code_row, first_data_row, period, fixed):
    """Yield a ``SourceRow`` for every filled input cell of the template's data sheet."""

    def numbered():
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        return limits.bounded_rows(rows, filename, DATA_SHEET)

    # The row of unit codes first (near the top), then the data rows in a second reading.
    codes = next((cells for number, cells in numbered() if number == code_row), ())
    unit_columns = [
        (index, str(code).strip())
        for index, code in enumerate(codes)
        if code is not None and not str(code).startswith(("prev:", "#"))
    ]
    # The column names are the same for every row: one dictionary per unit column, shared.
    fixed_names = {name: column_letter(i) for name, i in fixed.items()}
    period_name = _("kỳ của biểu mẫu")
    names_of = {
        index: fixed_names
        | {"unit": column_letter(index), "value": column_letter(index), "period": period_name}
        for index, _code in unit_columns
    }
    for number, cells in numbered():
        if number < first_data_row:
            continue
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
            yield SourceRow(DATA_SHEET, number, values, names_of[index])


# --- JSON -----------------------------------------------------------------------------------


def _read_json(content: bytes, filename: str) -> ReadResult:
    result = ReadResult(file_format="json", layout="long")
    text = decode_text(content, filename)
    if isinstance(text, Problem):
        result.problems.append(text)
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
    except (RecursionError, ValueError) as error:
        # Nested past Python's recursion limit, or an integer past its 4,300 digits: say so
        # rather than fail (the API would answer 500, the command a traceback).
        deep = isinstance(error, RecursionError)
        result.problems.append(
            Problem(
                code="invalid_json",
                message=(
                    _("Tệp JSON lồng nhau quá sâu: không đọc được.")
                    if deep
                    else _("Tệp JSON có một số nguyên quá dài (hơn 4.300 chữ số): không đọc được.")
                ),
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
    if len(data) > limits.current().max_rows:
        result.problems.append(limits.too_many_rows(filename, "", len(data)))
        return result
    result.rows = RowStream(lambda stream: _json_rows(stream, data, filename))
    return result


def _json_rows(stream: RowStream, data: list, filename: str) -> Iterator[SourceRow]:
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            stream.problems.append(
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
        yield SourceRow(sheet="", row=number, cells=values, columns=names)


# --- numbers --------------------------------------------------------------------------------
