"""Where the money goes: projects by status, and capital planned versus disbursed, by sector
and by administrative unit. Sums in the database, one query each.

Capital that is not published is unknown, not zero: a group's sum is ``None`` when none of
its projects has a figure, and ``*_unknown`` counts the projects whose figure is missing, so
a page can say "12 tỷ đồng, 3 dự án chưa công bố" rather than pass a partial sum off as the
whole.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Aggregate, Count, Q, Sum

from plantrack.investment.models import ProjectFinance, ProjectLocation

AMOUNTS = ("planned", "allocated", "disbursed")


@dataclass
class GroupScore:
    key: str
    projects: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    # None: no project of the group has a published figure (unknown, not zero).
    planned: Decimal | None = None
    allocated: Decimal | None = None
    disbursed: Decimal | None = None
    # How many projects of the group have a figure of each kind (the rest are unknown).
    known: dict[str, int] = field(default_factory=dict)
    total_investment: Decimal | None = None
    investment_known: int = 0

    def unknown(self, amount: str) -> int:
        """Return how many of the group's projects have no published ``amount``."""
        return self.projects - self.known.get(amount, 0)

    @property
    def planned_unknown(self) -> int:
        return self.unknown("planned")

    @property
    def allocated_unknown(self) -> int:
        return self.unknown("allocated")

    @property
    def disbursed_unknown(self) -> int:
        return self.unknown("disbursed")

    @property
    def investment_unknown(self) -> int:
        return self.projects - self.investment_known

    @property
    def disbursement_rate(self) -> float | None:
        """Disbursed over allocated, in %: the figure Vietnamese reports quote; None when
        either is unknown or nothing was allocated."""
        if not self.allocated or self.disbursed is None:
            return None
        return float(self.disbursed / self.allocated * 100)


def _capital(prefix: str = "") -> dict:
    """The sums and known-project counts of the yearly capital, for ``annotate``."""
    values: dict[str, Aggregate] = {}
    for amount in AMOUNTS:
        values[f"sum_{amount}"] = Sum(amount)
        values[f"{amount}_known"] = Count(
            f"{prefix}project", filter=Q(**{f"{amount}__isnull": False}), distinct=True
        )
    return values


def _set_capital(score: GroupScore, row: dict) -> None:
    for amount in AMOUNTS:
        setattr(score, amount, row[f"sum_{amount}"])
        score.known[amount] = row[f"{amount}_known"]


def by_sector(projects, year: int | None = None) -> list[GroupScore]:
    """Return one ``GroupScore`` per sector of ``projects`` (a Project queryset)."""
    scores: dict[str, GroupScore] = {}
    rows = projects.values("sector", "status").annotate(
        n=Count("id"),
        investment=Sum("total_investment"),
        investment_known=Count("id", filter=Q(total_investment__isnull=False)),
    )
    for row in rows.order_by():
        score = scores.setdefault(row["sector"] or "", GroupScore(key=row["sector"] or ""))
        score.by_status[row["status"]] = row["n"]
        score.projects += row["n"]
        if row["investment"] is not None:
            score.total_investment = (score.total_investment or Decimal(0)) + row["investment"]
        score.investment_known += row["investment_known"]
    finances = ProjectFinance.objects.filter(project__in=projects)
    if year is not None:
        finances = finances.filter(year=year)
    for row in finances.values("project__sector").annotate(**_capital()).order_by():
        score = scores.setdefault(row["project__sector"] or "", GroupScore(key=""))
        _set_capital(score, row)
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
    for row in finances.values("project__locations__unit_id").annotate(**_capital()).order_by():
        located = scores.get(row["project__locations__unit_id"])
        if located is None:
            continue
        _set_capital(located, row)
    return sorted(scores.values(), key=lambda score: score.key)
