"""Text as files and people write it: decoding, comparison keys, cells as text, lists.

Decoding accepts UTF-8 (with or without BOM), UTF-16 and Windows-1258 that reads as
Vietnamese, and refuses the rest; keys compare names without diacritics and case.
"""

from __future__ import annotations

import codecs
import datetime
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.utils.translation import gettext as _

from plantrack.tabular.problems import Problem

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def normalise(text: object) -> str:
    """Return text lower-cased, without diacritics, spaces as underscores: "Chỉ số" → chi_so."""
    value = unicodedata.normalize("NFD", str(text or "").strip().lower())
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    value = value.replace("đ", "d")
    return "_".join(value.replace("-", " ").split())


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


def plain(text: str) -> str:
    """Return text lower-cased, without diacritics, its spaces collapsed: "Quý II" → "quy ii"."""
    value = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
    return " ".join(value.split())


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


_Thing = TypeVar("_Thing")


def resolve_list(
    text: str, resolve: Callable[[str], _Thing | None]
) -> tuple[list[_Thing], list[str]]:
    """Return (the things ``text`` names, the parts that name nothing).

    Parts are split on ";" and new lines; each part is tried whole, then cut at its commas,
    taking the longest run of pieces that ``resolve`` knows, so a name with a comma in it
    ("Sở Văn hóa, Thể thao và Du lịch") survives a comma-separated list.
    """
    found: list[_Thing] = []
    unknown: list[str] = []
    for part in split_names(text):
        pieces = [piece.strip() for piece in part.split(",")]
        start = 0
        missing: list[str] = []
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


def decode_text(content: bytes, filename: str) -> str | Problem:
    """Decode UTF-8 (with or without BOM), UTF-16 or Windows-1258, or refuse (a ``Problem``).

    The whole text at once: ``text_encoding`` says which, and why not; ``decoded_lines``
    decodes a large file a piece at a time instead.
    """
    encoding = text_encoding(content, filename)
    if isinstance(encoding, Problem):
        return encoding
    return "".join(decoded_lines(content, encoding))


def text_encoding(content: bytes, filename: str) -> str | Problem:
    """Return the codec of ``content`` (UTF-8 with or without BOM, UTF-16 or Windows-1258),
    or the problem that refuses it.

    UTF-16 is recognised by its BOM, or without one by zero bytes in every other place (the
    high bytes of Latin letters and digits); other zero bytes are refused (``nul_byte``).
    A file that is UTF-8 but for some bytes (as many well-formed UTF-8 letters as damaged
    bytes, or more) is refused naming the first damaged byte (``damaged_utf8``), never read
    as Windows-1258: its letters would be stored as mojibake. Windows-1258 is accepted only
    when the text reads as Vietnamese: a Latin-1 file is refused rather than read wrongly.
    The bytes are decoded a piece at a time and the text dropped: nothing is kept.
    """
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _decodes(content, "utf-16"):
            return "utf-16"
    elif b"\x00" in content:
        encoding = _utf16_without_bom(content)
        if encoding:
            if _decodes(content, encoding):
                return encoding
        else:
            offset = content.index(b"\x00")
            return Problem(
                code="nul_byte",
                message=_(
                    "Tệp có byte 0 (NUL) ở vị trí %(offset)s (dòng %(line)s): đây không phải "
                    "là một tệp văn bản."
                )
                % {"offset": offset, "line": content.count(b"\n", 0, offset) + 1},
                file=filename,
                row=content.count(b"\n", 0, offset) + 1,
            )
    else:
        damaged = _utf8_error(content)
        if damaged is None:
            return "utf-8-sig"
        if _mostly_utf8(content):
            return damaged_utf8(content, damaged, filename)
        # Windows-1258 writes Vietnamese with combining tone marks, composed when decoded.
        if _decodes(content, "cp1258") and _looks_vietnamese(content):
            return "cp1258"
    return Problem(
        code="unknown_encoding",
        message=_(
            "Không đọc được bảng mã của tệp: hãy lưu tệp CSV dưới dạng UTF-8 "
            "(hoặc UTF-16, Windows-1258)."
        ),
        file=filename,
    )


# How much of a file is decoded at a time: a piece of text is a few times its bytes.
PIECE_BYTES = 1 << 20


def decoded_lines(content: bytes, encoding: str) -> Iterator[str]:
    """Yield the lines of ``content`` decoded with ``encoding`` (``text_encoding``'s), each
    with its "\n" as ``lines`` splits them, composed (NFC); a piece of about
    ``PIECE_BYTES`` is decoded at a time, so the file's text is never whole in memory.

    Pieces end at a "\n" of the text: composition never reaches across one.
    """
    if encoding.startswith("utf-16"):
        decoder = codecs.getincrementaldecoder(encoding)()
        rest = ""
        size = len(content)
        for start in range(0, size, PIECE_BYTES):
            end = start + PIECE_BYTES
            text = rest + decoder.decode(content[start:end], final=end >= size)
            cut = text.rfind("\n") + 1
            rest = text[cut:]
            yield from lines(unicodedata.normalize("NFC", text[:cut]))
        if rest:
            yield from lines(unicodedata.normalize("NFC", rest))
        return
    for start, end in _line_pieces(content):
        # A BOM is only at the start (utf-8-sig would take one off any piece).
        codec = encoding if start == 0 else encoding.removesuffix("-sig")
        yield from lines(unicodedata.normalize("NFC", content[start:end].decode(codec)))


def lines(text: str) -> Iterator[str]:
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


def _line_pieces(content: bytes) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of pieces of about ``PIECE_BYTES`` of an 8-bit or UTF-8 text, each
    ending after a "\n" (a byte no UTF-8 sequence holds) or at the end."""
    start, size = 0, len(content)
    while start < size:
        end = content.find(b"\n", start + PIECE_BYTES) + 1 or size
        yield start, end
        start = end


def _decodes(content: bytes, encoding: str) -> bool:
    """Return True if ``content`` decodes with ``encoding``, decoded a piece at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    size = len(content)
    try:
        for start in range(0, size, PIECE_BYTES):
            decoder.decode(content[start : start + PIECE_BYTES], final=start + PIECE_BYTES >= size)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_error(content: bytes) -> int | None:
    """Return the offset of the first byte that is not UTF-8 (a BOM allowed first), or None."""
    for start, end in _line_pieces(content):
        try:
            content[start:end].decode("utf-8-sig" if start == 0 else "utf-8")
        except UnicodeDecodeError as error:
            return start + error.start
    return None


def damaged_utf8(content: bytes, offset: int, filename: str) -> Problem:
    """The problem of a UTF-8 file with a damaged byte at ``offset`` (counted from 0)."""
    line = content.count(b"\n", 0, offset) + 1
    return Problem(
        code="damaged_utf8",
        message=_(
            "Tệp UTF-8 bị hỏng: byte %(byte)s ở vị trí %(offset)s (dòng %(line)s) không phải là "
            "UTF-8. Hãy sửa hoặc lưu lại tệp dưới dạng UTF-8."
        )
        % {"byte": f"0x{content[offset]:02X}", "offset": offset, "line": line},
        file=filename,
        row=line,
    )


def _mostly_utf8(content: bytes) -> bool:
    """Return True when ``content`` holds at least as many well-formed UTF-8 letters past
    ASCII as damaged bytes: a UTF-8 file damaged, not a file in another encoding (a
    Windows-1258 or Latin-1 text is almost never well-formed UTF-8 past ASCII)."""
    wide = damaged = 0
    for start, end in _line_pieces(content):
        replaced = content[start:end].decode("utf-8", errors="replace")
        bad = replaced.count("\ufffd")
        damaged += bad
        wide += len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    return wide >= damaged


def _utf16_without_bom(content: bytes) -> str | None:
    """Return "utf-16-le" or "-be" when zero bytes sit at odd or even places, else None."""
    sample = content[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) >= 0.5 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even and even.count(0) >= 0.5 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _looks_vietnamese(content: bytes) -> bool:
    """Return True if ``content``, read as Windows-1258 and composed, has a Vietnamese letter."""
    letters = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    for start, end in _line_pieces(content):
        composed = unicodedata.normalize("NFC", content[start:end].decode("cp1258"))
        if any(ch in letters for ch in composed.lower()):
            return True
    return False
