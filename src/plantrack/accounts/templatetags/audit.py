"""``{% change_history record related… %}``: the change log on a record's page, for planners."""

from django import template

from plantrack.accounts.audit import action_label, changed_values, history_of
from plantrack.accounts.permissions import Permissions

register = template.Library()

SHOWN = 50  # the newest entries on a page; the export (plantrack audit) has them all


@register.inclusion_tag("accounts/_change_history.html", takes_context=True)
def change_history(context, record, *related):
    """Render the newest changes of ``record`` and its related rows, to planners and admins."""
    user = context["request"].user
    if not Permissions.of(user).all_seeing:
        return {"shown": False}
    entries = list(history_of(record, *related)[: SHOWN + 1])
    return {
        "shown": True,
        "more": len(entries) > SHOWN,
        "entries": [
            {
                "when": entry.timestamp,
                "who": entry.actor.get_username() if entry.actor else "",
                "what": action_label(entry),
                "record": f"{entry.content_type.name}: {entry.object_repr}",
                "changes": changed_values(entry),
            }
            for entry in entries[:SHOWN]
        ],
    }
