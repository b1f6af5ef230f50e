"""Where the money goes: projects by status, and capital planned versus disbursed, by sector
and by administrative unit. Sums in the database, one query each."""

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

    Units are told apart by id (several communes share a name), labelled by name. A project
    in several units counts in each; its capital is not split (the sources do not say how),
    so unit totals can add up to more than the whole.
    """
    scores: dict[int, GroupScore] = {}
    locations = ProjectLocation.objects.filter(project__in=projects).values(
        "unit_id", "unit__name", "unit__code", "project__status"
    )
    for row in locations.annotate(n=Count("project", distinct=True)):
        score = scores.setdefault(
            row["unit_id"], GroupScore(key=f"{row['unit__name']} ({row['unit__code']})")
        )
        status = row["project__status"]
        score.by_status[status] = score.by_status.get(status, 0) + row["n"]
        score.projects += row["n"]
    finances = ProjectFinance.objects.filter(project__in=projects)
    if year is not None:
        finances = finances.filter(year=year)
    for row in finances.values("project__locations__unit_id").annotate(
        planned=Sum("planned"), allocated=Sum("allocated"), disbursed=Sum("disbursed")
    ):
        located = scores.get(row["project__locations__unit_id"])
        if located is None:
            continue
        located.planned = row["planned"] or Decimal(0)
        located.allocated = row["allocated"] or Decimal(0)
        located.disbursed = row["disbursed"] or Decimal(0)
    return sorted(scores.values(), key=lambda score: score.key)
