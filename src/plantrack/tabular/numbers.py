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
        groups: list[str] = []
        while len(integer) > 3:
            groups.insert(0, integer[-3:])
            integer = integer[:-3]
        integer = thousands.join([integer, *groups])
    return sign + integer + (decimal + fraction if fraction else "")


# --- numbers typed in files --------------------------------------------------------------

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
    exponent = value.as_tuple().exponent  # an int: a finite value's is never "n", "N", "F"
    if isinstance(exponent, int) and exponent < -6:
        value = value.quantize(VALUE_QUANTUM)
    if abs(value) >= VALUE_LIMIT:
        return None, "too_large"
    return value, None


def whole_number(raw: object, locale: str | None) -> tuple[int | None, str | None]:
    """Return (an integer, None) or (None, error code) for a cell such as a percentage."""
    value, error = read_number(raw, locale)
    if value is None:  # read_number gives no value exactly when it gives an error
        return None, error
    if value != value.to_integral_value():
        return None, "not_whole"
    return int(value), None


def format_rounded(value: float, locale: str = "vi", digits: int = 2) -> str:
    """Return ``value`` rounded to ``digits`` decimals, trailing zeros dropped, as a document
    prints it: 9.7249 → "9,72" in Vietnamese, "9.72" in English; 12345.6 → "12.345,6"."""
    rounded = Decimal(f"{value:.{digits}f}")
    return format_number(rounded.normalize() if rounded else Decimal(0), locale)
