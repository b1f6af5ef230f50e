"""Where the money goes: projects by status, and capital planned versus disbursed, by sector
and by administrative unit. Sums in the database, one query each."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from plantrack.investment.models import ProjectFinance, ProjectLocation


@dataclass
class GroupScore:
    key: str
    projects: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    planned: Decimal = Decimal(0)
    allocated: Decimal = Decimal(0)
    disbursed: Decimal = Decimal(0)

    @property
    def disbursement_rate(self) -> float | None:
        """Disbursed over allocated, in %: the figure Vietnamese reports quote."""
        if not self.allocated:
            return None
        return float(self.disbursed / self.allocated * 100)


def by_sector(projects, year: int | None = None) -> list[GroupScore]:
    """Return one ``GroupScore`` per sector of ``projects`` (a Project queryset)."""
    scores: dict[str, GroupScore] = {}
    for row in projects.values("sector", "status").annotate(n=Count("id")):
        score = scores.setdefault(row["sector"] or "", GroupScore(key=row["sector"] or ""))
        score.by_status[row["status"]] = row["n"]
        score.projects += row["n"]
    finances = ProjectFinance.objects.filter(project__in=projects)
    if year is not None:
        finances = finances.filter(year=year)
    for row in finances.values("project__sector").annotate(
        planned=Sum("planned"), allocated=Sum("allocated"), disbursed=Sum("disbursed")
    ):
        score = scores.setdefault(row["project__sector"] or "", GroupScore(key=""))
        score.planned = row["planned"] or Decimal(0)
        score.allocated = row["allocated"] or Decimal(0)
        score.disbursed = row["disbursed"] or Decimal(0)
    return sorted(scores.values(), key=lambda score: score.key)


def by_unit(projects, year: int | None = None) -> list[GroupScore]:
    """Return one ``GroupScore`` per administrative unit where ``projects`` are located.

    A project in several units counts in each; its capital is not split (the sources do not
    say how), so unit totals can add up to more than the whole.
    """
    scores: dict[str, GroupScore] = defaultdict(lambda: GroupScore(key=""))
    locations = ProjectLocation.objects.filter(project__in=projects).values(
        "unit__name", "project__status"
    )
    for row in locations.annotate(n=Count("project", distinct=True)):
        score = scores[row["unit__name"]]
        score.key = row["unit__name"]
        score.by_status[row["project__status"]] = (
            score.by_status.get(row["project__status"], 0) + row["n"]
        )
        score.projects += row["n"]
    finances = ProjectFinance.objects.filter(project__in=projects)
    if year is not None:
        finances = finances.filter(year=year)
    for row in finances.values("project__locations__unit__name").annotate(
        planned=Sum("planned"), allocated=Sum("allocated"), disbursed=Sum("disbursed")
    ):
        name = row["project__locations__unit__name"]
        if name is None:
            continue
        score = scores[name]
        score.key = name
        score.planned = row["planned"] or Decimal(0)
        score.allocated = row["allocated"] or Decimal(0)
        score.disbursed = row["disbursed"] or Decimal(0)
    return sorted(scores.values(), key=lambda score: score.key)
