"""Small text helpers for Vietnamese phrases (pure, no Django)."""

import re
import unicodedata

__all__ = ["collapse_spaces", "fold", "nfc", "slug_code"]


def nfc(text: str) -> str:
    """Return ``text`` in NFC: decisions copied from some sites arrive decomposed (NFD)."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Return ``text`` with every run of whitespace made one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Return ``text`` lower-cased without diacritics: "Tỷ lệ hộ nghèo" → "ty le ho ngheo".

    "đ" becomes "d" (it has no combining mark to drop); punctuation becomes a space, except
    "%" and "/" which carry meaning in indicator names.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[^\w%/]+", " ", plain.lower())
    return collapse_spaces(plain.replace("_", " "))


def slug_code(text: str, max_length: int = 60) -> str:
    """Return an indicator code proposed from a phrase: "Tỷ lệ hộ nghèo" → "ty_le_ho_ngheo"."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    code = ""
    for word in words:
        longer = f"{code}_{word}" if code else word
        if len(longer) > max_length:
            break
        code = longer
    return code or "chi_so_moi"
