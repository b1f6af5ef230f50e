"""Template tags for PlanTrack's pages: numbers, target values, periods and labels.

Numbers go through the project's one formatter (``tabular.formatting.number_text``), so they
read 9,72 and 6.700,3 in Vietnamese and 9.72 and 6,700.3 in English; years are never grouped.
"""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from plantrack.accounts.gates import approves_figures, reports_figures
from plantrack.accounts.permissions import Permissions
from plantrack.observations.choices import WorkflowState
from plantrack.observations.periods import PeriodError, parse_period
from plantrack.plans.choices import Comparator
from plantrack.progress.choices import Status
from plantrack.tabular.formatting import amount_text, number_text, unit_text

register = template.Library()

# How a comparator reads before a value; "~" reads as a word ("khoảng"), "=" as nothing.
_COMPARATOR_SIGNS = {
    Comparator.GTE: "≥",
    Comparator.GT: ">",
    Comparator.LTE: "≤",
    Comparator.LT: "<",
    Comparator.EQ: "",
}


@register.filter
def number(value, decimals=None) -> str:
    """Format a number in the active language, trailing zeros dropped.

    ``decimals`` (an indicator's ``decimals``) rounds half up to that many places first, so a
    figure derived from two published ones does not show six decimals. ``None`` and ``""``
    give ``""``.
    """
    if value is None or value == "":
        return ""
    return number_text(_rounded(value, decimals))


def _rounded(value, decimals=None) -> Decimal:
    """Return ``value`` as a Decimal rounded half up to ``decimals`` places when given."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None and decimals != "":
        amount = amount.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    return amount


def describe_target_value(target) -> str:
    """Return a target's commitment as a phrase: "≥ 9,72 %/năm", "khoảng 102 triệu đồng/người",
    "75–80 triệu đồng/người". A qualitative target (no value) gives ""."""
    if target.value is None:
        return ""
    unit = target.unit or (target.indicator.unit if target.indicator_id else "")
    if target.upper_value is not None:
        amount = f"{number(target.value)}–{number(target.upper_value)}"
    elif target.comparator == Comparator.APPROX:
        amount = _("khoảng %(value)s") % {"value": number(target.value)}
    else:
        sign = _COMPARATOR_SIGNS.get(target.comparator, "")
        amount = f"{sign} {number(target.value)}".strip()
    return f"{amount} {unit_text(unit)}".strip()


@register.simple_tag
def target_value(target) -> str:
    """Render a target's commitment (see ``describe_target_value``); the tag escapes it."""
    return describe_target_value(target)


@register.simple_tag
def target_years(target) -> str:
    """Render a target's years: "2021–2030" for a period, "2030" for a single year."""
    if target.start_year is not None and target.start_year != target.target_year:
        return f"{target.start_year}–{target.target_year}"
    return str(target.target_year)


@register.simple_tag
def plan_period(plan) -> str:
    """Render a plan's period: "2021–2030", or "2025" for an annual plan."""
    if plan.period_start == plan.period_end:
        return str(plan.period_start)
    return f"{plan.period_start}–{plan.period_end}"


@register.filter
def period_label(text: str) -> str:
    """Render a period for reading: 2024, "quý 3/2024", "tháng 7/2024" or a date."""
    try:
        period = parse_period(text)
    except PeriodError:
        return text
    if period.kind == "quarter":
        return _("quý %(quarter)s/%(year)s") % {
            "quarter": (period.start.month + 2) // 3,
            "year": period.year,
        }
    if period.kind == "month":
        return _("tháng %(month)s/%(year)s") % {"month": period.start.month, "year": period.year}
    if period.kind == "day":
        return formats.date_format(period.start, "SHORT_DATE_FORMAT")
    return str(period.year)


@register.simple_tag
def figure_status(observation) -> str:
    """Render how final a figure is as a small label, in words (not colour alone)."""
    return format_html(
        '<span class="label label-{}">{}</span>',
        observation.status,
        observation.get_status_display(),
    )


@register.simple_tag
def status_label(status: str) -> str:
    """Return an assessment status's label in the active language ("Đúng tiến độ")."""
    return str(Status(status).label)


@register.simple_tag
def workflow_state(observation) -> str:
    """Render the approval state of a figure that is not yet approved; nothing otherwise.

    Only the agency's own people and planners see such figures (``Observation.for_user``).
    """
    if observation.state == WorkflowState.APPROVED:
        return ""
    return format_html(
        '<span class="label label-unapproved">{}</span>', observation.get_state_display()
    )


@register.simple_tag
def localized_name(obj, field: str = "name") -> str:
    """Render a name in Vietnamese, or in English with the Vietnamese after it when the page
    is in English and the object has ``<field>_en``; the Vietnamese carries ``lang="vi"``."""
    vietnamese = getattr(obj, field)
    english = getattr(obj, f"{field}_en", "")
    if english and (get_language() or "").startswith("en"):
        return format_html('{} <span class="original" lang="vi">({})</span>', english, vietnamese)
    return format_html('<span lang="vi">{}</span>', vietnamese)


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """Return (code, name) for each language of the site, each named in itself.

    ``get_available_languages`` would translate the names ("English" becomes "Tiếng Anh"),
    and Django writes "Tiếng Việt" with combining accents, so the name is normalised to NFC.
    """
    return [
        (code, unicodedata.normalize("NFC", get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag
def localized_text(obj, field: str = "name") -> str:
    """Return a name as plain text (for ``<title>`` and ``<option>``, which hold no markup):
    the English one on an English page when the object has ``<field>_en``, else Vietnamese."""
    english = getattr(obj, f"{field}_en", "")
    if english and (get_language() or "").startswith("en"):
        return english
    return getattr(obj, field)


@register.filter
def enters_figures(user) -> bool:
    """True if the menu should offer figure entry: the user reports for some agency."""
    return bool(user.is_authenticated) and reports_figures(Permissions.of(user))


@register.filter
def reviews_figures(user) -> bool:
    """True if the menu should offer the approvals: the user approves some agency's figures."""
    return bool(user.is_authenticated) and approves_figures(Permissions.of(user))


@register.filter
def unit_name(unit: str) -> str:
    """Return a unit in the active language ("%/năm" reads "%/year" in English)."""
    return unit_text(unit or "")


@register.simple_tag
def amount(value, indicator) -> str:
    """Return a figure of ``indicator`` with its unit: "6,74 %", "hạng 63", "rank 25 of 34"."""
    if value is None or value == "":
        return ""
    return amount_text(_rounded(value, indicator.decimals), indicator.unit or "")
