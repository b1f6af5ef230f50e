"""The overview's second half: the work behind the targets, as a leader reads it.

Overdue tasks by lead agency, agencies late in the reporting rounds open today, and the
priority projects' capital planned, allocated and disbursed. Capital no source has published
stays unknown: a project without a finance figure is counted apart, never as zero.
Each read goes through ``for_user``; a fixed number of queries whatever the data.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from plantrack.investment.models import Project, ProjectFinance
from plantrack.observations.models import ReportingRound, RoundObligation
from plantrack.observations.rounds import round_progress
from plantrack.plans.models import Plan
from plantrack.workplan.choices import DeadlineState
from plantrack.workplan.models import Task
from plantrack.workplan.scorecards import AgencyScore, agency_scorecard


@dataclass
class OverdueRow:
    """A lead agency with overdue tasks, and the address of their list."""

    score: AgencyScore
    code: str
    url: str


@dataclass
class LateAgency:
    """An agency behind in an open reporting round: figures overdue, or reported late."""

    round: ReportingRound
    agency_name: str
    agency_name_en: str
    owed: int
    reported: int
    overdue: int
    late: int
    url: str


@dataclass
class Capital:
    """The plan's priority projects' capital, summed over the years published."""

    projects: int
    with_finance: int
    planned: Decimal | None
    allocated: Decimal | None
    disbursed: Decimal | None
    url: str

    # Finance is stored in đồng; the overview reads it in tỷ đồng (10⁹ đồng), as reports do.
    @property
    def planned_billion(self) -> Decimal | None:
        return _billions(self.planned)

    @property
    def allocated_billion(self) -> Decimal | None:
        return _billions(self.allocated)

    @property
    def disbursed_billion(self) -> Decimal | None:
        return _billions(self.disbursed)

    @property
    def without_finance(self) -> int:
        return self.projects - self.with_finance

    @property
    def disbursement_rate(self) -> float | None:
        """Disbursed over allocated, in %, as Vietnamese reports quote it."""
        if not self.allocated or self.disbursed is None:
            return None
        return float(self.disbursed / self.allocated * 100)


def _billions(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount / Decimal(10**9)


@dataclass
class WorkOverview:
    as_of: datetime.date
    overdue: list[OverdueRow] = field(default_factory=list)
    tasks: int = 0
    late: list[LateAgency] = field(default_factory=list)
    open_rounds: int = 0
    capital: Capital | None = None


def work_overview(user, plan: Plan, as_of: datetime.date | None = None) -> WorkOverview:
    """Return the work behind ``plan`` as ``user`` may see it, on ``as_of`` (today)."""
    as_of = as_of or timezone.localdate()
    overview = WorkOverview(as_of=as_of)
    tasks = Task.objects.for_user(user).filter(plan=plan)
    scores = agency_scorecard(tasks, as_of)
    overview.tasks = sum(score.tasks for score in scores)
    codes = dict(
        tasks.filter(lead_agency__isnull=False).values_list("lead_agency_id", "lead_agency__code")
    )
    for score in sorted(scores, key=lambda score: -score.overdue):
        if not score.overdue:
            continue
        code = codes.get(score.agency_id, "") if score.agency_id is not None else ""
        query: dict[str, str] = {"state": str(DeadlineState.OVERDUE)}
        if code:
            query["agency"] = code
        url = f"{reverse('workplan:tasks')}?{urlencode(query)}"
        overview.overdue.append(OverdueRow(score, code, url))

    moment = timezone.now()
    rounds = [
        reporting_round
        for reporting_round in ReportingRound.objects.for_user(user).filter(
            Q(closed_at__isnull=True) | Q(closed_at__gt=moment)
        )
    ]
    overview.open_rounds = len(rounds)
    if rounds:
        obligations = RoundObligation.objects.for_user(user)
        for progress in round_progress(rounds, as_of=moment, obligations=obligations):
            for agency in progress.agencies:
                if agency.overdue or agency.late:
                    overview.late.append(
                        LateAgency(
                            round=progress.round,
                            agency_name=agency.agency.name,
                            agency_name_en=agency.agency.name_en,
                            owed=agency.owed,
                            reported=agency.reported,
                            overdue=agency.overdue,
                            late=agency.late,
                            url=reverse("rounds:detail", args=[progress.round.pk]),
                        )
                    )
        overview.late.sort(key=lambda row: (-row.overdue, -row.late, row.agency_name))

    projects = Project.objects.for_user(user).filter(plan=plan)
    count = projects.count()
    if count:
        sums = ProjectFinance.objects.filter(project__in=projects).aggregate(
            planned=Sum("planned"),
            allocated=Sum("allocated"),
            disbursed=Sum("disbursed"),
            with_finance=Count("project", distinct=True),
        )
        overview.capital = Capital(
            projects=count,
            with_finance=sums["with_finance"],
            planned=sums["planned"],
            allocated=sums["allocated"],
            disbursed=sums["disbursed"],
            url=reverse("investment:projects"),
        )
    return overview
