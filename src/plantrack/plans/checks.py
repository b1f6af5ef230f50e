"""The check of a "plan" column in an imported table of records (tasks, projects)."""

from typing import Any

from django.utils.translation import gettext as _

from plantrack.plans.models import find_plan
from plantrack.tabular.checks import RecordRow


def plan_column(row: RecordRow, column: str, context: Any) -> None:
    """The plan a record belongs to, by its code; an empty cell takes the plan the import
    names (``context.plan``) for a record that has none yet."""
    if text := row.text(column):
        found = find_plan(text)
        if found is None:
            row.fail(
                "unknown_plan",
                _("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {"code": text},
                column,
                text,
            )
        else:
            row.values[column] = found
    elif context.plan is not None and (row.record is None or row.record.plan_id is None):
        row.values[column] = context.plan
