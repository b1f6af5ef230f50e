from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
    """Show a deadline state in words, with its class for colour."""
    from plantrack.workplan.choices import DeadlineState

    label = dict(DeadlineState.choices).get(state, state)
    return format_html('<span class="deadline deadline-{}">{}</span>', state, label)
