"""The tasks board: tasks grouped by deadline state, counted by agency and state, and drawn
on a timeline (start → deadline), from one list of tasks already read.

Everything here works on a list of tasks annotated with ``deadline_state``
(``TaskQuerySet.with_deadline_state``) and their ``lead_agency`` and ``section`` selected,
so the page's queries do not grow with the number of tasks.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from plantrack.workplan.choices import DeadlineState
from plantrack.workplan.models import Task

# The board's order: what needs acting on first.
STATE_ORDER = (
    DeadlineState.OVERDUE,
    DeadlineState.DUE_SOON,
    DeadlineState.ON_SCHEDULE,
    DeadlineState.DONE,
    DeadlineState.NO_DEADLINE,
)


@dataclass
class StateGroup:
    """The tasks in one deadline state, in deadline order."""

    state: str
    label: str
    tasks: list[Task] = field(default_factory=list)


@dataclass
class AgencyRow:
    """One lead agency's tasks counted by deadline state (``counts`` in ``STATE_ORDER``)."""

    agency: object  # an Agency, or None for tasks without a lead agency
    code: str
    counts: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(count for _state, count in self.counts)


def state_of(task: Task) -> str:
    """Return the task's annotated deadline state (``with_deadline_state``).

    The annotation is stored on the row under the name of ``Task.deadline_state``, the
    method computing the same state in Python, so it is read from the row's own values.
    """
    return vars(task)["deadline_state"]


def group_by_state(tasks: Sequence[Task]) -> list[StateGroup]:
    """Return one group per deadline state, in ``STATE_ORDER``, empty groups included (the
    board shows a state with no task as such)."""
    labels = dict(DeadlineState.choices)
    groups: dict[str, StateGroup] = {
        state: StateGroup(state, str(labels[state])) for state in STATE_ORDER
    }
    for task in tasks:
        groups[state_of(task)].tasks.append(task)
    return list(groups.values())


def counts_by_agency(tasks: Sequence[Task]) -> list[AgencyRow]:
    """Return each lead agency's tasks by deadline state, agencies by name, tasks with no
    lead agency last."""
    counts: dict[int | None, dict[str, int]] = {}
    agencies: dict[int | None, object] = {}
    for task in tasks:
        key = task.lead_agency_id
        agencies.setdefault(key, task.lead_agency)
        row = counts.setdefault(key, dict.fromkeys(STATE_ORDER, 0))
        row[state_of(task)] += 1
    rows = [
        AgencyRow(
            agency=agencies[key],
            code=getattr(agencies[key], "code", ""),
            counts=[(state, counts[key][state]) for state in STATE_ORDER],
        )
        for key in counts
    ]
    return sorted(rows, key=lambda row: (row.agency is None, getattr(row.agency, "name", "")))


def timeline(tasks: Sequence[Task], as_of: datetime.date, agency_name) -> dict:
    """Return the timeline's data: one row per task with a deadline (start → deadline, or
    only the deadline when the start is unknown), the as-of day, and the labels.

    ``agency_name`` turns an agency into the name of the page's language. Tasks with no
    deadline cannot be placed on a time axis: they are counted in ``undated`` and listed in
    the table below the chart.
    """
    labels = dict(DeadlineState.choices)
    rows = []
    for task in tasks:
        if task.deadline is None:
            continue
        start = task.start_date if task.start_date and task.start_date <= task.deadline else None
        rows.append(
            {
                "code": task.code,
                "title": task.title if len(task.title) <= 120 else task.title[:119] + "…",
                "agency": agency_name(task.lead_agency) or "—",
                "start": start.isoformat() if start else None,
                "end": task.deadline.isoformat(),
                "state": state_of(task),
                "stateLabel": str(labels[state_of(task)]),
                "url": reverse("workplan:task", args=[task.code]),
            }
        )
    return {
        "today": as_of.isoformat(),
        "tasks": rows,
        "undated": sum(1 for task in tasks if task.deadline is None),
        "labels": {
            "today": _("Ngày xem"),
            "start": _("Bắt đầu"),
            "deadline": _("Thời hạn"),
            "unknownStart": _("chưa rõ ngày bắt đầu"),
            "agency": _("Cơ quan chủ trì"),
            "states": {state: str(labels[state]) for state in STATE_ORDER},
        },
    }
