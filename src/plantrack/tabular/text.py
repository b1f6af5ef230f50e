"""Text as files and people write it: decoding, comparison keys, cells as text, lists.

Decoding accepts UTF-8 (with or without BOM), UTF-16 and Windows-1258 that reads as
Vietnamese, and refuses the rest; keys compare names without diacritics and case.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
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

    UTF-16 is recognised by its BOM, or without one by zero bytes in every other place (the
    high bytes of Latin letters and digits); other zero bytes are refused (``nul_byte``).
    A file that is UTF-8 but for some bytes (as many well-formed UTF-8 letters as damaged
    bytes, or more) is refused naming the first damaged byte (``damaged_utf8``), never read
    as Windows-1258: its letters would be stored as mojibake. Windows-1258 is accepted only
    when the text reads as Vietnamese: a Latin-1 file is refused rather than read wrongly.
    Text is returned in composed form (NFC), so names compare equal whatever wrote them.
    """
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", content.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    elif b"\x00" in content:
        encoding = _utf16_without_bom(content)
        if encoding:
            try:
                return unicodedata.normalize("NFC", content.decode(encoding))
            except UnicodeDecodeError:
                pass
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
        try:
            return unicodedata.normalize("NFC", content.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            if _mostly_utf8(content):
                return damaged_utf8(content, error.start, filename)
        try:
            text = content.decode("cp1258")
        except UnicodeDecodeError:
            text = None
        # Windows-1258 writes Vietnamese with combining tone marks: compose them.
        if text is not None and _looks_vietnamese(text):
            return unicodedata.normalize("NFC", text)
    return Problem(
        code="unknown_encoding",
        message=_(
            "Không đọc được bảng mã của tệp: hãy lưu tệp CSV dưới dạng UTF-8 "
            "(hoặc UTF-16, Windows-1258)."
        ),
        file=filename,
    )


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
    replaced = content.decode("utf-8", errors="replace")
    damaged = replaced.count("\ufffd")
    wide = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - damaged
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


def _looks_vietnamese(text: str) -> bool:
    composed = unicodedata.normalize("NFC", text)
    letters = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    return any(ch in letters for ch in composed.lower())
