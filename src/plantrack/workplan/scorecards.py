"""Who is late: each lead agency's tasks due, completed on time or late, overdue, on-time rate.

Counted in the database in one query, as of a date: "due" means the deadline has passed by
the as-of date; "on time" means completed on or before the deadline in force (a moved
deadline is counted apart in ``deadlines_moved``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from plantrack.accounts.models import Agency
from plantrack.workplan.choices import CLOSED_STATUSES, TaskStatus


@dataclass
class AgencyScore:
    agency_id: int | None
    agency: str
    tasks: int
    due: int
    completed_on_time: int
    completed_late: int
    overdue: int
    deadlines_moved: int
    agency_en: str = ""  # the English name, for English pages ("" when there is none)

    @property
    def on_time_rate(self) -> float | None:
        """Return the share of due tasks completed on time, in %, or None with none due."""
        if not self.due:
            return None
        return self.completed_on_time / self.due * 100


def agency_scorecard(tasks, as_of: datetime.date) -> list[AgencyScore]:
    """Return one ``AgencyScore`` per lead agency of ``tasks`` (a Task queryset)."""
    completed = Q(status=TaskStatus.COMPLETED)
    due = Q(deadline__lt=as_of) | (completed & Q(completed_on__lte=as_of))
    rows = (
        tasks.values("lead_agency_id")
        .annotate(
            tasks=Count("id", distinct=True),
            due=Count("id", filter=due & Q(deadline__isnull=False), distinct=True),
            on_time=Count(
                "id", filter=completed & Q(completed_on__lte=F("deadline")), distinct=True
            ),
            late=Count("id", filter=completed & Q(completed_on__gt=F("deadline")), distinct=True),
            overdue=Count(
                "id",
                filter=~Q(status__in=CLOSED_STATUSES) & Q(deadline__lt=as_of),
                distinct=True,
            ),
            moved=Count("deadline_changes", distinct=True),
        )
        .order_by("lead_agency_id")
    )
    names = {
        pk: (name, name_en)
        for pk, name, name_en in Agency.objects.values_list("pk", "name", "name_en")
    }
    scores = [
        AgencyScore(
            agency_id=row["lead_agency_id"],
            agency=names.get(row["lead_agency_id"], ("—", ""))[0],
            agency_en=names.get(row["lead_agency_id"], ("—", ""))[1],
            tasks=row["tasks"],
            due=row["due"],
            completed_on_time=row["on_time"],
            completed_late=row["late"],
            overdue=row["overdue"],
            deadlines_moved=row["moved"],
        )
        for row in rows
    ]
    return sorted(scores, key=lambda score: score.agency)
