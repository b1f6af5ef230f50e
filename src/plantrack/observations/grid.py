"""The data-entry grid: an agency's owed indicators × the periods of its open rounds.

What the grid pages (``grid_views``) show, read in a fixed number of queries whatever the
size of the grid. A row is an indicator for a unit that an open reporting round (not
closed; past its deadline still counts: a late figure is still wanted) asks the agency
for; a column is a period of those rounds; a cell is an owed figure (a ``RoundObligation``)
with the figure that stands for it now: the newest not yet approved (draft, submitted or
returned), else the approved one. A row's unit is valid in its round's period
(``rounds.open_round`` refuses any other), so the grid never offers an old district for a
period after 1 July 2025. Who may type or review a cell is ``Permissions.may_report`` /
``may_approve`` of the indicator, and the figure's state (``Observation.is_editable``,
``awaits_review``); the services check again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Permissions
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import RoundState, WorkflowState
from plantrack.observations.entry import PENDING_STATES
from plantrack.observations.models import Observation, ReportingRound, RoundObligation
from plantrack.observations.periods import parse_period
from plantrack.observations.rounds import moment_of
from plantrack.plans.models import Indicator
from plantrack.tabular.formatting import number_text

# Rows of a unit level come in this order: the province, then districts, then communes.
LEVEL_ORDER = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}


@dataclass
class Cell:
    """One owed figure of the grid and the figure that stands for it now (or None)."""

    obligation: RoundObligation
    figure: Observation | None
    may_edit: bool = False
    may_review: bool = False
    # Filled by the page after a save: what was typed, what went wrong, what was done.
    typed: str | None = None
    errors: list[str] = field(default_factory=list)
    note: str = ""
    refusal_status: int = 422  # the HTTP status of a cell whose save was refused

    @property
    def shown(self) -> str:
        """Return the cell's text: as typed (after a refused save), else the figure's value
        ungrouped in the page's language (so reading it back is never ambiguous)."""
        if self.typed is not None:
            return self.typed
        return self.stored

    @property
    def stored(self) -> str:
        """Return the stored value as the cell writes it, "" for no figure."""
        if self.figure is None:
            return ""
        return number_text(self.figure.value, grouping=False)

    @property
    def key(self) -> int:
        """Return the id a cell's form fields are named by (``cell-<key>``)."""
        return self.obligation.pk

    @property
    def is_submittable(self) -> bool:
        return self.may_edit and self.figure is not None and self.figure.is_submittable

    @property
    def is_reviewable(self) -> bool:
        return self.may_review and self.figure is not None and self.figure.awaits_review


@dataclass
class Row:
    """An indicator for a unit, with a cell (or None) per period of the grid."""

    indicator: Indicator
    unit: AdminUnit
    cells: list[Cell | None]


@dataclass
class Grid:
    """An agency's grid: its open rounds, their periods (columns) and the owed rows."""

    agency: Agency
    rounds: list[ReportingRound]
    round_states: dict[int, RoundState]
    periods: list[str]
    rows: list[Row]

    @property
    def round_lines(self) -> list[tuple[ReportingRound, RoundState]]:
        """Return each round with its state now (open, or past its deadline)."""
        return [(r, self.round_states[r.pk]) for r in self.rounds]

    @property
    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row.cells if cell is not None]

    def cell(self, key: int) -> Cell | None:
        """Return the cell of the owed figure ``key``, or None if the grid has none."""
        return next((cell for cell in self.cells if cell.key == key), None)


def entry_agencies(permissions: Permissions, *, review: bool) -> list[Agency]:
    """Return the agencies whose grid the user may open: those they report for (approve
    for, with ``review``); every agency for planners and admins."""
    agencies = Agency.objects.order_by("name")
    if permissions.all_seeing:
        return list(agencies)
    role = Role.APPROVER if review else Role.REPORTER
    return list(agencies.filter(pk__in=permissions.agency_ids(role)))


def agency_grid(agency: Agency, *, user, as_of=None) -> Grid:
    """Return the grid of ``agency`` for ``user`` at ``as_of`` (default now): five queries
    (rounds, owed figures, figures, and the user's memberships and unit tree if not read
    yet)."""
    permissions = Permissions.of(user)
    moment = moment_of(as_of)
    rounds = list(
        ReportingRound.objects.filter(
            Q(closed_at__isnull=True) | Q(closed_at__gt=moment),
            opened_at__lte=moment,
            obligations__agency=agency,
        )
        .distinct()
        .order_by("deadline", "pk")
    )
    owed = list(
        RoundObligation.objects.filter(round__in=rounds, agency=agency).select_related(
            "indicator", "unit", "round"
        )
    )
    periods = sorted({r.period for r in rounds}, key=_period_order)
    figures = _standing_figures(owed, user)
    rows: dict[tuple[int, int], Row] = {}
    for obligation in owed:
        key = (obligation.indicator_id, obligation.unit_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = Row(obligation.indicator, obligation.unit, [None] * len(periods))
        figure = figures.get((*key, obligation.round.period))
        indicator = obligation.indicator
        editable = figure is None or figure.state != WorkflowState.SUBMITTED
        row.cells[periods.index(obligation.round.period)] = Cell(
            obligation=obligation,
            figure=figure,
            may_edit=editable and permissions.may_report(indicator, obligation.unit_id),
            may_review=permissions.may_approve(indicator),
        )
    ordered = sorted(
        rows.values(),
        key=lambda row: (
            row.indicator.code,
            LEVEL_ORDER.get(UnitLevel(row.unit.level), 3),
            row.unit.code,
        ),
    )
    return Grid(
        agency=agency,
        rounds=rounds,
        round_states={r.pk: r.state_on(moment) for r in rounds},
        periods=periods,
        rows=ordered,
    )


def _period_order(text: str):
    period = parse_period(text)
    return (period.start, period.end)


def _standing_figures(owed: list[RoundObligation], user) -> dict[tuple, Observation]:
    """Return, by (indicator id, unit id, period), the figure a cell shows (one query)."""
    if not owed:
        return {}
    candidates = (
        Observation.objects.for_user(user)
        .filter(
            Q(is_current=True) | Q(state__in=PENDING_STATES, superseded_by__isnull=True),
            indicator_id__in={o.indicator_id for o in owed},
            unit_id__in={o.unit_id for o in owed},
            period__in={o.round.period for o in owed},
            breakdown="",
        )
        .order_by("pk")
    )
    standing: dict[tuple, Observation] = {}
    for figure in candidates:
        key = (figure.indicator_id, figure.unit_id, figure.period)
        known = standing.get(key)
        # A pending figure stands before an approved one; the newest pending before older.
        if known is None or figure.state in PENDING_STATES or known.state not in PENDING_STATES:
            standing[key] = figure
    return standing
