"""Template tags of the task and project pages: illustrative labels, deadline states, dates
and agency names in the page's language."""

import datetime

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plantrack.workplan.choices import DeadlineState

register = template.Library()


@register.simple_tag
def illustrative(item, field: str) -> str:
    """Label a value the demo assigned because no published document gives it."""
    if field in (getattr(item, "illustrative_fields", None) or []):
        return format_html(
            '<span class="label label-illustrative" title="{}">{}</span>',
            _("Không có trong văn bản công bố; bản minh họa gán."),
            _("minh họa"),
        )
    return ""


@register.simple_tag
def deadline_label(state: str) -> str:
    """Show a deadline state in words (the colour only helps), with its class."""
    label = dict(DeadlineState.choices).get(state, state)
    return format_html('<span class="deadline deadline-{}">{}</span>', state, label)


@register.filter
def day(value: datetime.date | None) -> str:
    """Write a date as dd/mm/yyyy in every language (never the US month first); "" for None.

    Vietnamese pages read 03/12/2026; English pages use the same day-first order, as the
    issue asks (no "12/3/2026").
    """
    if not value:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def english() -> bool:
    return (get_language() or "vi").startswith("en")


@register.filter
def agency_name(agency) -> str:
    """Return an agency's name in the page's language: its English name on English pages
    when it has one, its Vietnamese name otherwise; "" for no agency."""
    if agency is None:
        return ""
    name_en = getattr(agency, "name_en", "")
    return name_en if english() and name_en else agency.name


@register.simple_tag
def in_language(vietnamese: str, english_text: str) -> str:
    """Return the English text on English pages when there is one, else the Vietnamese."""
    return english_text if english() and english_text else vietnamese


@register.simple_tag
def filer_of(update) -> dict:
    """Return who filed a progress report: the author's full name (or user name) and the
    agencies they belong to, in the page's language (memberships prefetched by the view)."""
    author = update.author
    if author is None:
        return {"name": "", "agencies": ""}
    names = []
    for membership in author.memberships.all():
        name = agency_name(membership.agency)
        if name not in names:
            names.append(name)
    return {
        "name": author.get_full_name() or author.get_username(),
        "agencies": ", ".join(names),
    }
