"""Numbers for people in the active language: the one formatter of pages, messages and forms.

``number_text`` writes a stored figure as the page's language prints it (9,72 and 6.700,3 in
Vietnamese; 9.72 and 6,700.3 in English), trailing zeros dropped, never in exponent form.
It is ``numbers.format_number`` with the language chosen from the request; exports write
numbers for machines (``writers.number_text``) and the engine's sentences for a language
given to them (``numbers.format_rounded``), both with the same ``format_number``.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language

from plantrack.tabular.numbers import format_number
from plantrack.tabular.units import UNITS_EN


def active_locale() -> str:
    """Return the number style of the active language: "en", or "vi" by default."""
    return "en" if (get_language() or "").startswith("en") else "vi"


def trimmed(value: Decimal) -> Decimal:
    """Return ``value`` without trailing zeros and never in exponent form (160200, not 1.602E+5).

    Stored decimals carry six places (9.720000); a page shows the figure as published (9,72).
    """
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent  # an int for a stored (finite) figure
    if isinstance(exponent, int) and exponent > 0:
        return normal.quantize(Decimal(1))
    return normal


def number_text(value: Decimal | int | float, *, grouping: bool = True) -> str:
    """Return a number as the active language writes it: 6.700,3 or 6,700.3.

    Ungrouped (``grouping=False``) for a value put back in a form, so that reading it again
    in the same style never meets an ambiguous "1.234".
    """
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return format_number(trimmed(amount), active_locale(), grouping)


def unit_text(unit: str, language: str | None = None) -> str:
    """Return ``unit`` in ``language`` (default: the active one): "%/năm" or "%/year"."""
    language = language or active_locale()
    if not language.startswith("en"):
        return unit
    return UNITS_EN.get(unit.strip(), unit)


def amount_text(value: Decimal | int | float, unit: str, language: str | None = None) -> str:
    """Return a figure with its unit as a reader says it: "6,74 %/năm", and a rank before
    its number: "hạng 63", "hạng 25/34" ("rank 25 of 34" in English)."""
    language = language or active_locale()
    english = language.startswith("en")
    unit = unit.strip()
    if unit == "hạng" or unit.startswith("hạng/"):
        number = number_text(value, grouping=False)
        out_of = unit.partition("/")[2]
        if english:
            return f"rank {number} of {out_of}" if out_of else f"rank {number}"
        return f"hạng {number}/{out_of}" if out_of else f"hạng {number}"
    return f"{number_text(value)} {unit_text(unit, language)}".strip()
