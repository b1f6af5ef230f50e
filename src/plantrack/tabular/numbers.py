"""Read and write numbers as Vietnamese and English documents print them (pure, no Django).

Vietnamese groups thousands with a dot and marks decimals with a comma (6.700,3 is 6700.3;
160.200 is 160200); English does the opposite (6,700.3). ``parse_number`` reads both,
``format_number`` writes them, and ``format_number`` followed by ``parse_number`` gives
back the same value (tests/extraction/test_number_parsing.py checks it with hypothesis).

The data-collection importer reads figures typed by agencies with the same function.
"""

import re
from decimal import Decimal, InvalidOperation

__all__ = ["NumberFormatError", "format_number", "parse_number"]

# Spaces that may group thousands: ordinary, no-break, narrow no-break, thin.
_GROUP_SPACES = " \u00a0\u202f\u2009"
_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (typed as a minus)
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)


class NumberFormatError(ValueError):
    """The text is not a number in the expected format; the message quotes it."""


def _separators(locale: str) -> tuple[str, str]:
    try:
        return _SEPARATORS[locale]
    except KeyError:
        raise ValueError(f"unknown locale {locale!r}: use 'vi' or 'en'") from None


def _is_grouped(integer: str, thousands: str) -> bool:
    """Return True if ``integer`` reads as digit groups of three after the first."""
    groups = integer.split(thousands)
    first, rest = groups[0], groups[1:]
    return (
        bool(rest)
        and 1 <= len(first) <= 3
        and first.isdigit()
        and all(len(group) == 3 and group.isdigit() for group in rest)
    )


def parse_number(text: str, locale: str = "vi") -> Decimal:
    """Return the number written in ``text``: "6.700,3" → 6700.3 in Vietnamese.

    - ``locale="vi"``: "." groups thousands and "," is the decimal mark; ``"en"`` the
      reverse. Spaces (also no-break and thin) may group thousands: "1 500".
    - A text with a single kind of separator whose groups are not all three digits is read
      with that separator as the decimal mark, whatever the locale ("9.72" is 9.72 in a
      Vietnamese text too: decisions copied from English sources write it so). "1.500" stays
      1500 in Vietnamese and 1.5 in English: the groups decide only when they are ambiguous.
    - A leading "+", "-" or "−" sign is kept.

    Raise ``NumberFormatError`` for anything else ("", "1,2,3", "12a").
    """
    thousands, decimal = _separators(locale)
    raw = text
    value = text.strip()
    for space in _GROUP_SPACES:
        value = value.replace(space, " ")
    sign = ""
    if value and (value[0] in _MINUS_SIGNS or value[0] == "+"):
        sign = "-" if value[0] in _MINUS_SIGNS else ""
        value = value[1:].lstrip()
    if " " in value:
        integer_part = value.split(decimal)[0] if decimal in value else value
        if not _is_grouped(integer_part, " "):
            raise NumberFormatError(f"“{raw}” không phải là một số")
        value = value.replace(" ", "")
    if not value or not re.fullmatch(r"[0-9.,]+", value) or not value[0].isdigit():
        raise NumberFormatError(f"“{raw}” không phải là một số")

    has_thousands, has_decimal = thousands in value, decimal in value
    if has_thousands and has_decimal:
        integer, _, fraction = value.rpartition(decimal)
        if not _is_grouped(integer, thousands) or not fraction.isdigit():
            raise NumberFormatError(f"“{raw}” không phải là một số")
        digits = integer.replace(thousands, "") + "." + fraction
    elif has_thousands:
        if _is_grouped(value, thousands):
            digits = value.replace(thousands, "")
        elif value.count(thousands) == 1 and value[-1] != thousands:
            digits = value.replace(thousands, ".")  # the other convention's decimal mark
        else:
            raise NumberFormatError(f"“{raw}” không phải là một số")
    elif has_decimal:
        if value.count(decimal) != 1 or value[-1] == decimal:
            raise NumberFormatError(f"“{raw}” không phải là một số")
        digits = value.replace(decimal, ".")
    else:
        digits = value
    try:
        return Decimal(sign + digits)
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules it out
        raise NumberFormatError(f"“{raw}” không phải là một số") from error


def format_number(value: Decimal | int, locale: str = "vi", grouping: bool = True) -> str:
    """Return ``value`` as a document prints it: Decimal("6700.3") → "6.700,3" in Vietnamese.

    Every digit of ``value`` is kept (no rounding, no exponent form); thousands are grouped
    unless ``grouping`` is False.
    """
    thousands, decimal = _separators(locale)
    number = Decimal(value)
    sign = "-" if number.is_signed() and number != 0 else ""
    plain = format(abs(number), "f")
    integer, _, fraction = plain.partition(".")
    if grouping:
        groups = []
        while len(integer) > 3:
            groups.insert(0, integer[-3:])
            integer = integer[:-3]
        integer = thousands.join([integer, *groups])
    return sign + integer + (decimal + fraction if fraction else "")
