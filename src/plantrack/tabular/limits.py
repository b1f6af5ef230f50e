"""How large an import may be, and the checks that refuse a larger one before it is read.

Every import (figures, tasks, projects; the web upload, the API and the commands) goes
through ``pipeline.run_import``, which asks ``refusal`` before the importer reads a byte:
the file's size, and for a workbook what its zip archive declares (each member's
uncompressed size, a DOCTYPE in its XML, each sheet's declared dimension), so a zip bomb or
a gigabyte of shared strings is refused in the time it takes to read the archive's
directory. What only the reading can find (a CSV's columns and cells, a workbook that
declares no dimension) the readers check as they go and stop at the first row past a
limit (``bounded_rows``, ``csv_rows``), raising ``LimitExceeded``.

The limits are settings (``PLANTRACK_IMPORT_*``, docs/operations.md); their defaults are
Excel's own where Excel has one (1,048,576 rows, 32,767 characters in a cell).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string

from plantrack.tabular.formatting import number_text
from plantrack.tabular.problems import Problem

# What is read of an XML member to find a DOCTYPE or a sheet's dimension: its prolog (the
# part before the first element, some 60 bytes from Excel), at most XML_PROLOG_BYTES, and
# XML_HEAD_BYTES after it, where Excel writes the dimension.
XML_HEAD_BYTES = 4096
XML_PROLOG_BYTES = 1024 * 1024

# What zipfile raises for a damaged member: a bad header or CRC, damaged deflate data, a
# member cut short, a password, a compression it does not know.
_DAMAGED_ZIP = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
)

# The most parts (zip members) a workbook may have: Excel writes a dozen, and three or so
# more a sheet; 65,535 or more (a ZIP64 directory) reads as 65,535.
XLSX_MAX_PARTS = 10_000

# The longest file name an import record keeps (observations.ImportBatch.file_name).
FILE_NAME_LENGTH = 255

_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\""
)
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb"([\w:]+)=\"([^\"]*)\"")
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")


@dataclass(frozen=True)
class Limits:
    """The largest import accepted: bytes of the file, bytes unpacked from a workbook, rows,
    columns, characters in a cell; and how many problems a report shows."""

    max_bytes: int
    max_unpacked_bytes: int
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_problems: int


def current() -> Limits:
    """Return the limits the settings give (read on each import, so tests may change them)."""
    return Limits(
        max_bytes=settings.PLANTRACK_IMPORT_MAX_BYTES,
        max_unpacked_bytes=settings.PLANTRACK_IMPORT_MAX_UNPACKED_BYTES,
        max_rows=settings.PLANTRACK_IMPORT_MAX_ROWS,
        max_columns=settings.PLANTRACK_IMPORT_MAX_COLUMNS,
        max_cell_chars=settings.PLANTRACK_IMPORT_MAX_CELL_CHARS,
        max_problems=settings.PLANTRACK_IMPORT_MAX_PROBLEMS,
    )


class LimitExceeded(Exception):
    """A file past a limit, found while it is read; ``problem`` says where and which."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def size_text(size: int) -> str:
    """Return a size in bytes as people read it, in the active language: "20 MB", "1,5 kB".

    Megabytes and kilobytes of 1,024 (as the settings are written: 20 × 1024 × 1024)."""
    for unit, scale in (("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{number_text(round(Decimal(size) / scale, 1))} {unit}"
    return f"{number_text(size)} byte"


def too_large(file_name: str, size: int, limits: Limits | None = None) -> Problem:
    """The problem of a file of ``size`` bytes over the limit."""
    limit = (limits or current()).max_bytes
    return Problem(
        code="file_too_large",
        message=_("Tệp lớn %(size)s, quá giới hạn %(limit)s: hãy tách thành nhiều tệp nhỏ hơn.")
        % {"size": size_text(size), "limit": size_text(limit)},
        file=file_name,
    )


def refusal(content: bytes, file_name: str, file_format: str) -> Problem | None:
    """Return the problem of a file too large to read (``file_format`` as ``detect_format``
    says), or None. Reads at most the zip directory and the head of each XML member."""
    limits = current()
    if len(content) > limits.max_bytes:
        return too_large(file_name, len(content), limits)
    if len(file_name) > FILE_NAME_LENGTH:
        # The import record keeps the name (ImportBatch.file_name): refused alike on both
        # databases, rather than cut by one and refused by the other.
        return Problem(
            code="too_long",
            message=_("Tên tệp dài %(length)s ký tự, quá %(limit)s ký tự cho phép.")
            % {"length": len(file_name), "limit": FILE_NAME_LENGTH},
            file=file_name[:FILE_NAME_LENGTH],
        )
    if file_format == "xlsx":
        return _workbook_refusal(content, file_name, limits)
    if file_format == "csv":
        # A row is at least a line: counting the lines is a bound found at C speed.
        lines = content.count(b"\n") + (not content.endswith(b"\n"))
        if lines > limits.max_rows:
            return too_many_rows(file_name, "", lines, limits)
    return None


def _workbook_refusal(content: bytes, file_name: str, limits: Limits) -> Problem | None:
    # The end of the zip directory says how many parts it lists: more than a workbook has
    # is refused before the directory is read (a ZipInfo a part, and a head read of each).
    end = content.rfind(b"PK\x05\x06", max(len(content) - 65_557, 0))
    if end >= 0 and len(content) >= end + 12:
        (parts,) = struct.unpack_from("<H", content, end + 10)
        if parts > XLSX_MAX_PARTS:
            return Problem(
                code="unreadable_xlsx",
                message=_(
                    "Tệp Excel có %(parts)s phần, quá %(limit)s phần: đây không phải là một "
                    "bảng tính Excel."
                )
                % {"parts": number_text(parts), "limit": number_text(XLSX_MAX_PARTS)},
                file=file_name,
            )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return Problem(
            code="unreadable_xlsx",
            message=_("Không mở được tệp Excel: tệp không phải là một tệp .xlsx (%(error)s).")
            % {"error": error},
            file=file_name,
        )
    with archive:
        members = archive.infolist()
        # zipfile never unpacks more than a member declares (it stops there and checks the
        # CRC), so the declared sizes bound what openpyxl can be given.
        unpacked = sum(member.file_size for member in members)
        if unpacked > limits.max_unpacked_bytes:
            largest = max(members, key=lambda member: member.file_size)
            return Problem(
                code="file_too_large",
                message=_(
                    "Tệp Excel giải nén ra %(size)s (phần lớn nhất: %(member)s, %(largest)s), "
                    "quá giới hạn %(limit)s."
                )
                % {
                    "size": size_text(unpacked),
                    "member": largest.filename,
                    "largest": size_text(largest.file_size),
                    "limit": size_text(limits.max_unpacked_bytes),
                },
                file=file_name,
            )
        try:
            heads = {
                member.filename: _head(archive, member)
                for member in members
                if member.filename.endswith((".xml", ".rels"))
            }
        except _DAMAGED_ZIP as error:
            return Problem(
                code="unreadable_xlsx",
                message=_("Không mở được tệp Excel: %(error)s") % {"error": error},
                file=file_name,
            )
    for name, head in heads.items():
        if head is None:
            return Problem(
                code="unreadable_xlsx",
                message=_(
                    "Tệp Excel có khai báo DOCTYPE (hoặc phần mở đầu quá dài) trong "
                    "%(member)s: Excel không bao giờ viết như vậy, tệp không được đọc."
                )
                % {"member": name},
                file=file_name,
            )
    read = {name: head for name, head in heads.items() if head is not None}
    titles = _sheet_titles(read)
    for name, head in read.items():
        if not name.startswith("xl/worksheets/") or not (match := _DIMENSION.search(head)):
            continue
        sheet = titles.get(name, name)
        last_column, last_row = match[3] or match[1], match[4] or match[2]
        if last_row and int(last_row) > limits.max_rows:
            return too_many_rows(file_name, sheet, int(last_row), limits)
        columns = column_index_from_string(last_column.decode()) if last_column else 0
        if columns > limits.max_columns:
            return too_many_columns(file_name, sheet, None, columns)
    return None


def _head(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes | None:
    """Return the start of an XML member: its prolog and ``XML_HEAD_BYTES`` after it; None
    when the prolog declares a DOCTYPE or never ends within ``XML_PROLOG_BYTES``.

    The prolog is what comes before the first element: the XML declaration, comments,
    processing instructions, and a DOCTYPE, which Excel never writes (its entities are how
    an XML bomb multiplies itself); comments are skipped, so padding does not hide one.
    """
    with archive.open(member) as opened:
        data = opened.read(XML_HEAD_BYTES)
        position = 0
        while True:
            start = data.find(b"<", position)
            if start >= 0 and len(data) - start >= 4:
                if data.startswith(b"<!--", start):
                    end, close = data.find(b"-->", start + 4), 3
                elif data.startswith(b"<?", start):
                    end, close = data.find(b"?>", start + 2), 2
                elif data.startswith(b"<!", start):
                    return None
                else:
                    return data + opened.read(XML_HEAD_BYTES)  # the first element
                if end >= 0:
                    position = end + close
                    continue
            if len(data) > XML_PROLOG_BYTES:
                return None
            more = opened.read(XML_HEAD_BYTES)
            if not more:
                return data
            data += more


def _sheet_titles(heads: dict[str, bytes]) -> dict[str, str]:
    """Return worksheet member → its title, from the heads of workbook.xml and its rels (the
    titles of a very large workbook may be past the head: those sheets go by member name)."""
    targets = {}
    for entry in _RELATIONSHIP.findall(heads.get("xl/_rels/workbook.xml.rels", b"")):
        attributes = dict(_ATTRIBUTE.findall(entry))
        target = attributes.get(b"Target", b"").decode(errors="replace").lstrip("/")
        targets[attributes.get(b"Id", b"")] = target if target.startswith("xl/") else f"xl/{target}"
    titles = {}
    for entry in _SHEET_ENTRY.findall(heads.get("xl/workbook.xml", b"")):
        attributes = {key.split(b":")[-1]: value for key, value in _ATTRIBUTE.findall(entry)}
        if (target := targets.get(attributes.get(b"id", b""))) is not None:
            titles[target] = attributes.get(b"name", b"").decode(errors="replace")
    return titles


def too_many_rows(file_name: str, sheet: str, row: int, limits: Limits | None = None) -> Problem:
    limit = (limits or current()).max_rows
    return Problem(
        code="too_many_rows",
        message=_("Tệp có hơn %(limit)s dòng (đến dòng %(row)s): hãy tách thành nhiều tệp.")
        % {"limit": number_text(limit), "row": number_text(row)},
        file=file_name,
        sheet=sheet,
    )


def too_many_columns(file_name: str, sheet: str, row: int | None, count: int) -> Problem:
    limit = current().max_columns
    return Problem(
        code="too_many_columns",
        message=_("Bảng có %(count)s cột, quá giới hạn %(limit)s cột.")
        % {"count": number_text(count), "limit": number_text(limit)},
        file=file_name,
        sheet=sheet,
        row=row,
    )


def cell_too_long(
    file_name: str, sheet: str, row: int | None, column: str, length: int | None
) -> Problem:
    limit = current().max_cell_chars
    if length is None:
        message = _("Một ô dài quá %(limit)s ký tự.") % {"limit": number_text(limit)}
    else:
        message = _("Ô dài %(length)s ký tự, quá giới hạn %(limit)s ký tự.") % {
            "length": number_text(length),
            "limit": number_text(limit),
        }
    return Problem(
        code="cell_too_long", message=message, file=file_name, sheet=sheet, row=row, column=column
    )


Row = TypeVar("Row", bound=Sequence[object])


def bounded_rows(
    numbered_rows: Iterable[tuple[int, Row]], file_name: str, sheet: str, *, cells: bool = True
) -> Iterator[tuple[int, Row]]:
    """Yield a sheet's numbered rows, raising ``LimitExceeded`` at the first row past the
    row limit, with too many columns or (``cells``) a text cell longer than the cell limit.

    A workbook's declared dimension was checked before (``refusal``), but a sheet may declare
    none, or a wrong one. A CSV's cells are the csv module's to bound (``csv_rows``): it
    stops at the first field past its limit, before the field is made.
    """
    from plantrack.tabular.readers import column_letter

    limits = current()
    last_row, columns, chars = limits.max_rows, limits.max_columns, limits.max_cell_chars
    for number, values in numbered_rows:
        if number > last_row:
            raise LimitExceeded(too_many_rows(file_name, sheet, number, limits))
        if len(values) > columns:
            raise LimitExceeded(too_many_columns(file_name, sheet, number, len(values)))
        if cells:
            for index, cell in enumerate(values):
                if type(cell) is str and len(cell) > chars:
                    where = column_letter(index)
                    raise LimitExceeded(cell_too_long(file_name, sheet, number, where, len(cell)))
        yield number, values
