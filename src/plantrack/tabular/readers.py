"""Read a table (CSV or XLSX) into rows of a layout, remembering where each cell was.

One reader for every import: figures, tasks and projects each give a layout (canonical
column → the header keys that mean it) and the columns they require. The header row is
looked for in the first rows; a CSV's separator (",", ";" or tab) is the one with which the
file shows its header row; a workbook's sheets without a header row are skipped; empty rows,
a row numbering the columns, and section headings ("I", "II", "A") are not rows.
"""

from __future__ import annotations

import _csv
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from plantrack.tabular import limits
from plantrack.tabular.problems import Problem
from plantrack.tabular.text import (
    FORMULA_TRIGGERS,
    decode_text,
    header_keys,
    lines,
    stt_of,
    text_of,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

# The header row is looked for in the first rows only (title rows may come before it).
HEADER_SEARCH_ROWS = 20


_ZIP_MAGIC = b"PK\x03\x04"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls), which openpyxl cannot read


@dataclass(slots=True)
class SourceRow:
    """The raw cells of one value, with where they were read.

    ``columns`` may be one dictionary shared by every row of a sheet: read it, never change it.
    """

    sheet: str
    row: int
    cells: dict[str, object]  # canonical column → raw cell value
    columns: dict[str, str]  # canonical column → the column's name in the file ("B", "value")


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


def head(text_lines: Iterable[str]) -> str:
    """Return what ``delimiter`` reads of a text given as its lines: its first 4,096
    characters and ``HEADER_SEARCH_ROWS`` lines, at least (whole lines)."""
    taken: list[str] = []
    size = 0
    for line in text_lines:
        taken.append(line)
        size += len(line)
        if size >= 4096 and len(taken) >= HEADER_SEARCH_ROWS:
            break
    return "".join(taken)


def delimiter(text: str, is_header: Callable[[list[str]], bool]) -> str:
    """Return the separator (",", ";" or tab) with which the file shows its header row
    (a row of cells for which ``is_header`` is true). ``text`` may be the file's ``head``.

    Only the separator is guessed: quoting is always Excel's (double quotes, doubled inside),
    since ``csv.Sniffer`` takes an apostrophe in a text ("Wikipedia 'Cao Bằng'") for the
    quote character. The sniffer's guess is tried first, then the others.
    """
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    first = "".join(itertools.islice(lines(text), HEADER_SEARCH_ROWS))
    # A row wider than the limit is no header: the reader refuses it, without reading here
    # each of a million cells as a header might name it.
    widest = limits.current().max_columns
    for candidate in dict.fromkeys((sniffed, ",", ";", "\t")):
        try:
            rows = list(csv.reader(io.StringIO(first), delimiter=candidate))
        except csv.Error:
            continue
        if any(len(cells) <= widest and is_header(cells) for cells in rows):
            return candidate
    return sniffed


def csv_rows(text_lines: Iterable[str], separator: str) -> _csv.Reader:
    """Return a CSV reader of a text's lines whose fields are at most the cell limit long.

    The csv module stops at the first field past its limit before making it (a 200,000
    characters field, a whole file in one quoted field); ``damaged_csv`` names it. The limit
    is the module's own, for the process: every reader sets it the same.
    """
    csv.field_size_limit(limits.current().max_cell_chars)
    return csv.reader(text_lines, delimiter=separator)


def xls_refused(file_name: str) -> Problem:
    return Problem(
        code="unsupported_format",
        message=_(
            "Tệp Excel 97–2003 (.xls) không đọc được: hãy mở tệp trong Excel và lưu "
            "lại dưới dạng .xlsx (Excel Workbook)."
        ),
        file=file_name,
    )


def damaged_csv(file_name: str, line: int, error: csv.Error) -> Problem:
    if str(error).startswith("field larger than field limit"):
        too_long: Problem = limits.cell_too_long(file_name, "", line, "", None)
        return too_long
    return Problem(
        code="invalid_csv",
        message=_("Tệp CSV hỏng ở dòng %(row)s: %(error)s") % {"row": line, "error": error},
        file=file_name,
        row=line,
    )


def open_workbook(content: bytes, file_name: str) -> Workbook | Problem:
    """Return the workbook read only, or the problem: openpyxl raises many kinds of error
    for a damaged file."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        return Problem(
            code="unreadable_xlsx",
            message=_("Không mở được tệp Excel: %(error)s") % {"error": error},
            file=file_name,
        )


# A row numbering the columns under the header: "(1)", "(2)", … or 1, 2, …
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


# A section heading's STT: a Roman numeral or a capital letter ("I", "II", "A").
_HEADING_STT = re.compile(r"^(?:[IVXLC]+|[A-Z])$")


@dataclass(frozen=True)
class Column:
    """A column of a layout: its canonical name and the header keys that mean it."""

    name: str
    aliases: frozenset[str]


def columns(**aliases: Iterable[str]) -> dict[str, Column]:
    return {name: Column(name, frozenset(keys)) for name, keys in aliases.items()}


@dataclass(frozen=True)
class Layout:
    """What an import reads: its columns, those a header row must have, and how messages
    name a required column when no header row has it."""

    columns: dict[str, Column]
    required: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)

    def header(self, cells: Sequence[object]) -> tuple[dict[str, int], dict[str, str]] | None:
        """Return (canonical column → index, canonical column → unit) for a header row."""
        found: dict[str, int] = {}
        units: dict[str, str] = {}
        for index, cell in enumerate(cells):
            keys, unit = header_keys(cell)
            for column in self.columns.values():
                if column.name not in found and any(k in column.aliases for k in keys):
                    found[column.name] = index
                    units[column.name] = unit
                    break
        if all(name in found for name in self.required) and len(found) >= 2:
            return found, units
        return None

    def missing_columns(self, file_name: str) -> Problem:
        names = ", ".join(self.labels.get(name, name) for name in self.required)
        return Problem(
            code="missing_columns",
            message=_("Không tìm thấy dòng tiêu đề có các cột %(columns)s.") % {"columns": names},
            file=file_name,
        )


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


def read_table(content: bytes, file_name: str, layout: Layout) -> Table:
    """Read ``content`` (the bytes of ``file_name``, XLSX or CSV) into rows of ``layout``.

    In a workbook every sheet with a header row is read; sheets without one (notes,
    instructions, PlanTrack's yearly capital sheet) are skipped. Empty rows and a row
    numbering the columns under the header are skipped; a row whose STT is a Roman numeral
    or a capital letter is a section heading: not read, but remembered for the rows under it.
    """
    file_format = detect_format(file_name, content)
    table = Table(file_format=file_format)
    if file_format == "xls":
        table.problems.append(xls_refused(file_name))
    elif file_format == "json":
        table.problems.append(
            Problem(
                code="unsupported_format",
                message=_("Nhiệm vụ và dự án được nhập từ tệp Excel (.xlsx) hoặc CSV."),
                file=file_name,
            )
        )
    elif file_format == "xlsx":
        _read_xlsx(table, content, file_name, layout)
    else:
        _read_csv(table, content, file_name, layout)
    return table


def _read_csv(table: Table, content: bytes, file_name: str, layout: Layout) -> None:
    text = decode_text(content, file_name)
    if isinstance(text, Problem):
        table.problems.append(text)
        return
    separator = delimiter(text, lambda cells: layout.header(cells) is not None)
    reader = csv_rows(lines(text), separator)
    try:
        numbered = (
            (number, [unquote(cell) for cell in cells])
            for number, cells in limits.bounded_rows(
                enumerate(reader, start=1), file_name, "", cells=False
            )
        )
        if not _read_rows(table, "", numbered, layout, letters=False):
            table.problems.append(layout.missing_columns(file_name))
    except csv.Error as error:
        table.rows.clear()
        table.problems.append(damaged_csv(file_name, reader.line_num, error))


def unquote(cell: str) -> str:
    """Take off the quote the export puts before a text a spreadsheet could run."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


def _read_xlsx(table: Table, content: bytes, file_name: str, layout: Layout) -> None:
    workbook = open_workbook(content, file_name)
    if isinstance(workbook, Problem):
        table.problems.append(workbook)
        return
    try:
        found = False
        for sheet in workbook.worksheets:
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            bounded = limits.bounded_rows(rows, file_name, sheet.title)
            found |= _read_rows(table, sheet.title, bounded, layout, letters=True)
        if not found:
            table.problems.append(layout.missing_columns(file_name))
    finally:
        workbook.close()


def _read_rows(
    table: Table,
    sheet: str,
    numbered_rows: Iterable[tuple[int, Iterable[object]]],
    layout: Layout,
    *,
    letters: bool,
) -> bool:
    """Read one sheet (or the CSV file); return whether it had a header row."""
    header = None
    names: dict[str, str] = {}
    heading = ""
    for number, cells in numbered_rows:
        cells = list(cells)
        if header is None:
            header = layout.header(cells)
            if header is not None:
                for name, index in header[0].items():
                    names[name] = column_letter(index) if letters else str(cells[index]).strip()
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


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a column counted from 0: 0 → "A", 26 → "AA"."""
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index + 1)
    return letter
