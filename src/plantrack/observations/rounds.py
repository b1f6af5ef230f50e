"""Reporting rounds (đợt báo cáo): who owes which figures, and who reported on time, late or
never.

A figure owed by a round (a ``RoundObligation``: an indicator, a unit, the round's period)
is *reported* at a moment when a figure of that indicator, unit and period — the total
(breakdown ""), any vintage, entered by anyone — is submitted or approved at that moment
and, when the round asks for a figure status (official figures, say), has that status.
It was reported *when that figure first reached submitted or approved*: the revision that
moved it there, or its creation for a figure created submitted or approved (an import).
A rejection followed by a corrected resubmission does not move that time (a returned typo
does not make an agency late), but a figure that is rejected or a draft at the moment does
not count.

Against the deadline (the end of the deadline day in ``settings.TIME_ZONE``):

- reported before the cutoff: on time; after it: late;
- not reported, round open: not yet due before the cutoff, overdue after it;
- not reported when the round closed: never reported. A figure first reported after the
  round closed does not change the round's record.

Closing a round writes each owed figure's outcome, so an agency's on-time record over
closed rounds (``agency_records``) stays what it was when the round closed. Every function
takes ``as_of`` (a day, read as the end of that day, or a moment; default now) so a round
can be replayed as it stood on any date. docs/data-collection.md, "Reporting rounds".
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Action, Permissions, permits
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import ObligationState, RoundState, WorkflowState
from plantrack.observations.models import (
    FINAL_OBLIGATION_STATES,
    Observation,
    ObservationRevision,
    ReportingRound,
    RoundObligation,
    deadline_cutoff,
)
from plantrack.observations.periods import Period, PeriodError, parse_period
from plantrack.observations.validation import FREQUENCY_PERIODS
from plantrack.observations.workflow import NotPermitted, WorkflowError
from plantrack.plans.models import Indicator

# The workflow states in which a figure counts as reported.
REPORTED_STATES = frozenset({WorkflowState.SUBMITTED, WorkflowState.APPROVED})
# The states that mean an agency is behind: shown by ``plantrack rounds --late``.
BEHIND_STATES = frozenset({ObligationState.LATE, ObligationState.OVERDUE, ObligationState.NEVER})


def moment_of(as_of: datetime.date | datetime.datetime | None) -> datetime.datetime:
    """Return the moment a computation is made at: now, the given moment, or the last
    microsecond of the given day in the project's time zone. A naive moment is read in
    that time zone."""
    if as_of is None:
        return timezone.now()
    if isinstance(as_of, datetime.datetime):
        if timezone.is_naive(as_of):
            return timezone.make_aware(as_of)
        return as_of
    return deadline_cutoff(as_of) - datetime.timedelta(microseconds=1)


# --- pure: one figure's history, one owed figure's state ------------------------------------


@dataclass(frozen=True)
class FigureHistory:
    """What the revision history says of one figure's workflow state.

    ``changes`` are its state changes, oldest first, as (when, old state, new state); the
    state it was created in is the old state of the first change, or ``state`` (its state
    today) when it never changed.
    """

    status: str
    created_at: datetime.datetime
    state: str
    changes: tuple[tuple[datetime.datetime, str, str], ...] = ()

    def reported_at(self, moment: datetime.datetime) -> datetime.datetime | None:
        """Return when the figure first reached submitted or approved, if it is in one of
        those states at ``moment``; None if it did not exist yet, or was a draft or rejected
        then."""
        if self.created_at > moment:
            return None
        initial = self.changes[0][1] if self.changes else self.state
        timeline = [(self.created_at, initial)]
        timeline += [(at, new) for at, _old, new in self.changes if at <= moment]
        if timeline[-1][1] not in REPORTED_STATES:
            return None
        return next(at for at, state in timeline if state in REPORTED_STATES)


def obligation_state(
    reported_at: datetime.datetime | None,
    cutoff: datetime.datetime,
    moment: datetime.datetime,
    closed: bool,
) -> ObligationState:
    """Return an owed figure's state from when it was reported (None: not reported by
    ``moment``), the round's cutoff, the moment and whether the round was closed then.

    Reported exactly at the cutoff (midnight after the deadline day) is late.
    """
    if reported_at is not None:
        return ObligationState.ON_TIME if reported_at < cutoff else ObligationState.LATE
    if closed:
        return ObligationState.NEVER
    if moment < cutoff:
        return ObligationState.NOT_DUE
    return ObligationState.OVERDUE


# --- reading the figures of many rounds at once ---------------------------------------------

FigureKey = tuple[int, int, str]  # indicator id, unit id, period


def figure_histories(
    keys: set[FigureKey], moment: datetime.datetime
) -> dict[FigureKey, list[FigureHistory]]:
    """Return the histories of the total figures (every vintage) for the given indicator,
    unit and period keys that existed at ``moment``; two queries whatever the keys."""
    if not keys:
        return {}
    observations = Observation.objects.filter(
        indicator_id__in={key[0] for key in keys},
        unit_id__in={key[1] for key in keys},
        period__in={key[2] for key in keys},
        breakdown="",
        created_at__lte=moment,
    )
    rows = [
        row
        for row in observations.values_list(
            "pk", "indicator_id", "unit_id", "period", "status", "state", "created_at"
        )
        if row[1:4] in keys
    ]
    if not rows:
        return {}
    changes: dict[int, list[tuple]] = defaultdict(list)
    # Every state change, even after ``moment``: the first one tells the state at creation.
    revisions = (
        ObservationRevision.objects.filter(observation__in=observations, changes__has_key="state")
        .order_by("at", "pk")
        .values_list("observation_id", "at", "changes")
    )
    for observation_id, at, change in revisions:
        old, new = change["state"]
        changes[observation_id].append((at, old, new))
    histories: dict[FigureKey, list[FigureHistory]] = defaultdict(list)
    for pk, indicator_id, unit_id, period, status, state, created_at in rows:
        histories[(indicator_id, unit_id, period)].append(
            FigureHistory(
                status=status,
                created_at=created_at,
                state=state,
                changes=tuple(changes.get(pk, ())),
            )
        )
    return histories


# --- progress of rounds: per round, per agency, per owed figure -----------------------------


@dataclass
class OwedFigure:
    """One owed figure and where it stands."""

    obligation: RoundObligation
    state: ObligationState
    reported_at: datetime.datetime | None

    @property
    def is_behind(self) -> bool:
        return self.state in BEHIND_STATES


class _Counts:
    """Counts of owed figures by state, for anything with ``figures``."""

    if TYPE_CHECKING:  # a field of AgencyProgress, a property of RoundProgress

        @property
        def figures(self) -> list[OwedFigure]: ...

    def count(self, *states: ObligationState) -> int:
        return sum(1 for figure in self.figures if figure.state in states)

    @property
    def owed(self) -> int:
        return len(self.figures)

    @property
    def reported(self) -> int:
        return self.count(ObligationState.ON_TIME, ObligationState.LATE)

    @property
    def on_time(self) -> int:
        return self.count(ObligationState.ON_TIME)

    @property
    def late(self) -> int:
        return self.count(ObligationState.LATE)

    @property
    def not_due(self) -> int:
        return self.count(ObligationState.NOT_DUE)

    @property
    def overdue(self) -> int:
        return self.count(ObligationState.OVERDUE)

    @property
    def never(self) -> int:
        return self.count(ObligationState.NEVER)

    @property
    def behind(self) -> list[OwedFigure]:
        return [figure for figure in self.figures if figure.is_behind]


@dataclass
class AgencyRecord:
    """An agency's on-time record over closed rounds: owed figures and how each ended."""

    agency_id: int
    rounds: int = 0
    rounds_on_time: int = 0
    owed: int = 0
    on_time: int = 0
    late: int = 0
    never: int = 0

    @property
    def rate(self) -> float | None:
        """Return the share of owed figures reported on time (0–1), None before any round."""
        return self.on_time / self.owed if self.owed else None

    @property
    def percent(self) -> float | None:
        return None if self.rate is None else round(100 * self.rate, 1)


@dataclass
class AgencyProgress(_Counts):
    """What one agency owes in one round and where each figure stands."""

    agency: Agency
    figures: list[OwedFigure] = field(default_factory=list)
    record: AgencyRecord | None = None


@dataclass
class RoundProgress(_Counts):
    """One round at a moment: its state and each agency's owed figures."""

    round: ReportingRound
    state: RoundState
    moment: datetime.datetime
    agencies: list[AgencyProgress] = field(default_factory=list)

    @property
    def figures(self) -> list[OwedFigure]:
        return [figure for agency in self.agencies for figure in agency.figures]


def round_progress(
    rounds: Iterable[ReportingRound],
    *,
    as_of: datetime.date | datetime.datetime | None = None,
    obligations=None,
) -> list[RoundProgress]:
    """Return each round's progress at ``as_of``: per agency, every owed figure's state.

    ``obligations`` narrows the owed figures (``RoundObligation.objects.for_user(user)``:
    an agency sees its own). A round closed by then shows the outcomes written when it
    closed. Three queries whatever the number of rounds and figures.
    """
    moment = moment_of(as_of)
    rounds = list(rounds)
    if obligations is None:
        obligations = RoundObligation.objects.all()
    owed = list(
        obligations.filter(round_id__in=[r.pk for r in rounds])
        .select_related("agency", "indicator", "unit")
        .order_by("agency__name", "agency_id", "indicator__code", "unit__code", "pk")
    )
    by_round: dict[int, list[RoundObligation]] = defaultdict(list)
    for obligation in owed:
        by_round[obligation.round_id].append(obligation)
    round_of = {r.pk: r for r in rounds}
    # Outcomes written at closing answer for rounds closed by the moment; the rest are read
    # from the figures' history.
    keys = {
        (obligation.indicator_id, obligation.unit_id, round_of[obligation.round_id].period)
        for obligation in owed
        if not (obligation.outcome and round_of[obligation.round_id].is_closed_on(moment))
    }
    histories = figure_histories(keys, moment)

    result = []
    for reporting_round in rounds:
        progress = RoundProgress(
            round=reporting_round, state=reporting_round.state_on(moment), moment=moment
        )
        closed = reporting_round.is_closed_on(moment)
        closed_at = reporting_round.closed_at  # not None when closed
        at = min(moment, closed_at) if closed and closed_at is not None else moment
        agencies: dict[int, AgencyProgress] = {}
        for obligation in by_round[reporting_round.pk]:
            if closed and obligation.outcome:
                figure = OwedFigure(
                    obligation, ObligationState(obligation.outcome), obligation.reported_at
                )
            else:
                reported_at = _reported_at(reporting_round, obligation, histories, at)
                state = obligation_state(reported_at, reporting_round.cutoff, at, closed)
                figure = OwedFigure(obligation, state, reported_at)
            if obligation.agency_id not in agencies:
                agencies[obligation.agency_id] = AgencyProgress(agency=obligation.agency)
            agencies[obligation.agency_id].figures.append(figure)
        progress.agencies = list(agencies.values())
        result.append(progress)
    return result


def _reported_at(reporting_round, obligation, histories, moment) -> datetime.datetime | None:
    """Return when the owed figure was first reported, by any qualifying vintage."""
    key = (obligation.indicator_id, obligation.unit_id, reporting_round.period)
    times = [
        history.reported_at(moment)
        for history in histories.get(key, ())
        if not reporting_round.figure_status or history.status == reporting_round.figure_status
    ]
    times = [time for time in times if time is not None]
    return min(times) if times else None


def agency_records(
    agency_ids: Iterable[int] | None = None,
    *,
    as_of: datetime.date | datetime.datetime | None = None,
) -> dict[int, AgencyRecord]:
    """Return each agency's on-time record over the rounds closed by ``as_of``, by agency id.

    A round counts as on time for an agency when every figure it owed was on time. One
    query.
    """
    moment = moment_of(as_of)
    rows = RoundObligation.objects.filter(
        round__closed_at__lte=moment, outcome__in=FINAL_OBLIGATION_STATES
    )
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=list(agency_ids))
    grouped = (
        rows.values_list("agency_id", "round_id", "outcome")
        .annotate(figures=Count("pk"))
        .order_by()
    )
    per_round: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for agency_id, round_id, outcome, figures in grouped:
        per_round[(agency_id, round_id)][outcome] = figures
    records: dict[int, AgencyRecord] = {}
    for (agency_id, _round_id), outcomes in per_round.items():
        record = records.setdefault(agency_id, AgencyRecord(agency_id=agency_id))
        record.rounds += 1
        on_time = outcomes.get(ObligationState.ON_TIME, 0)
        late = outcomes.get(ObligationState.LATE, 0)
        never = outcomes.get(ObligationState.NEVER, 0)
        record.owed += on_time + late + never
        record.on_time += on_time
        record.late += late
        record.never += never
        if late == 0 and never == 0:
            record.rounds_on_time += 1
    return records


def attach_records(progresses: Sequence[RoundProgress], as_of=None) -> None:
    """Give every agency of the rounds its on-time record (one query)."""
    agency_ids = {agency.agency.pk for p in progresses for agency in p.agencies}
    records = agency_records(agency_ids, as_of=as_of) if agency_ids else {}
    for progress in progresses:
        for agency in progress.agencies:
            agency.record = records.get(agency.agency.pk, AgencyRecord(agency.agency.pk))


# --- writes: opening and closing a round ----------------------------------------------------


@dataclass
class Owed:
    """What one agency owes in a round: indicators, for its own unit unless units are listed.

    An agency without a unit of its own owes the figures of the top-level units (the
    province) valid during the period.
    """

    agency: Agency
    indicators: Sequence[Indicator]
    units: Sequence[AdminUnit] = ()


@transaction.atomic
def open_round(
    *,
    title: str,
    period: str,
    deadline: datetime.date,
    owed: Iterable[Owed],
    user,
    figure_status: str = "",
    note: str = "",
    as_of: datetime.date | datetime.datetime | None = None,
) -> ReportingRound:
    """Open a reporting round: which agency owes which indicators for which period by when.

    Only planners and admins open rounds. Refused (``WorkflowError`` with a ``code``) when
    the title is empty, the period cannot be read, an indicator is not reported for that
    kind of period, a unit did not exist during the period or lies outside the agency's
    remit, two agencies are given the same figure, or nothing is owed.
    """
    if not Permissions.of(user).all_seeing:
        raise NotPermitted(_("Chỉ cán bộ kế hoạch hoặc quản trị được mở đợt báo cáo."))
    if not title.strip():
        raise WorkflowError(_("Hãy đặt tên cho đợt báo cáo."), code="title_required")
    try:
        parsed = parse_period(period)
    except PeriodError as error:
        raise WorkflowError(str(error), code="invalid_period") from error

    units = _Units()
    rows: dict[tuple[int, int], RoundObligation] = {}
    for item in owed:
        owed_units = list(item.units) or units.default_for(item.agency, parsed)
        for unit in owed_units:
            units.check(unit, item.agency, parsed)
        for indicator in item.indicators:
            _check_frequency(indicator, parsed)
            for unit in owed_units:
                key = (indicator.pk, unit.pk)
                known = rows.get(key)
                if known is not None and known.agency_id != item.agency.pk:
                    raise WorkflowError(
                        _(
                            "Chỉ số %(code)s cho %(unit)s được giao cho cả %(first)s và "
                            "%(second)s: mỗi số liệu chỉ giao cho một cơ quan."
                        )
                        % {
                            "code": indicator.code,
                            "unit": unit,
                            "first": known.agency,
                            "second": item.agency,
                        },
                        code="owed_twice",
                    )
                rows[key] = RoundObligation(agency=item.agency, indicator=indicator, unit=unit)
    if not rows:
        raise WorkflowError(
            _("Đợt báo cáo phải giao ít nhất một chỉ số cho một cơ quan."), code="nothing_owed"
        )
    reporting_round = ReportingRound.objects.create(
        title=title.strip(),
        period=parsed.text,
        deadline=deadline,
        figure_status=figure_status,
        note=note,
        opened_by=user,
        opened_at=moment_of(as_of),
    )
    for obligation in rows.values():
        obligation.round = reporting_round
    RoundObligation.objects.bulk_create(rows.values())
    return reporting_round


def _check_frequency(indicator: Indicator, period: Period) -> None:
    allowed = FREQUENCY_PERIODS.get(indicator.frequency, set())
    if allowed and period.kind not in allowed:
        raise WorkflowError(
            _("Chỉ số %(code)s có kỳ báo cáo %(frequency)s: không có số liệu cho kỳ %(period)s.")
            % {
                "code": indicator.code,
                "frequency": indicator.get_frequency_display().lower(),
                "period": period.text,
            },
            code="period_frequency",
        )


class _Units:
    """The unit checks of ``open_round``: the default units, validity and remit."""

    def __init__(self) -> None:
        self._parents: dict[int, int | None] | None = None

    def default_for(self, agency: Agency, period: Period) -> list[AdminUnit]:
        if agency.unit is not None:  # (no query without a unit)
            return [agency.unit]
        tops = [
            unit
            for unit in AdminUnit.objects.filter(parent__isnull=True).order_by("code")
            if _valid_during(unit, period)
        ]
        if not tops:
            raise WorkflowError(
                _(
                    "%(agency)s chưa có địa bàn và không có đơn vị cấp tỉnh nào hiệu lực trong "
                    "kỳ %(period)s: hãy chọn đơn vị phải báo cáo."
                )
                % {"agency": agency, "period": period.text},
                code="no_unit",
            )
        return tops

    def check(self, unit: AdminUnit, agency: Agency, period: Period) -> None:
        if not _valid_during(unit, period):
            raise WorkflowError(
                _(
                    "Đơn vị %(unit)s không tồn tại trong kỳ %(period)s "
                    "(hiệu lực %(start)s – %(end)s)."
                )
                % {
                    "unit": unit,
                    "period": period.text,
                    "start": unit.valid_from or "…",
                    "end": unit.valid_to or "…",
                },
                code="unit_not_valid",
            )
        if agency.unit_id is not None and not self._within(unit.pk, agency.unit_id):
            raise WorkflowError(
                _("Đơn vị %(unit)s nằm ngoài địa bàn của %(agency)s.")
                % {"unit": unit, "agency": agency},
                code="outside_remit",
            )

    def _within(self, unit_id: int, home_id: int) -> bool:
        if self._parents is None:
            self._parents = dict(AdminUnit.objects.values_list("pk", "parent_id"))
        current: int | None = unit_id
        for _step in range(10):  # units nest at most three deep; this guards against a loop
            if current is None:
                return False
            if current == home_id:
                return True
            current = self._parents.get(current)
        return False


def _valid_during(unit: AdminUnit, period: Period) -> bool:
    starts_ok = unit.valid_from is None or unit.valid_from <= period.end
    ends_ok = unit.valid_to is None or period.start <= unit.valid_to
    return starts_ok and ends_ok


@transaction.atomic
def close_round(
    reporting_round: ReportingRound,
    *,
    user,
    as_of: datetime.date | datetime.datetime | None = None,
) -> ReportingRound:
    """Close a round after its deadline and write each owed figure's outcome: on time, late,
    or never reported. Figures reported after closing do not change the outcomes.

    Only planners and admins close rounds. Refused when the round is already closed or its
    deadline has not passed (closing early would mark agencies as never reporting while
    they still had time).
    """
    if not permits(user, Action.APPROVE, reporting_round):
        raise NotPermitted(_("Chỉ cán bộ kế hoạch hoặc quản trị được đóng đợt báo cáo."))
    moment = moment_of(as_of)
    locked = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
    if locked.closed_at is not None:
        raise WorkflowError(
            _("Đợt “%(title)s” đã đóng lúc %(when)s.")
            % {
                "title": locked.title,
                "when": _when(locked.closed_at),
            },
            code="already_closed",
        )
    if moment < locked.opened_at:
        raise WorkflowError(
            _("Đợt “%(title)s” không thể đóng trước khi mở (%(when)s).")
            % {
                "title": locked.title,
                "when": _when(locked.opened_at),
            },
            code="before_opening",
        )
    if moment < locked.cutoff:
        raise WorkflowError(
            _(
                "Đợt “%(title)s” chưa hết hạn báo cáo (đến hết ngày %(deadline)s): chỉ đóng "
                "được đợt sau hạn."
            )
            % {
                "title": locked.title,
                "deadline": date_format(locked.deadline, "SHORT_DATE_FORMAT"),
            },
            code="not_due",
        )
    locked.closed_at = moment
    locked.closed_by = user
    (progress,) = round_progress([locked], as_of=moment)
    obligations = []
    for figure in progress.figures:
        figure.obligation.outcome = figure.state
        figure.obligation.reported_at = figure.reported_at
        obligations.append(figure.obligation)
    RoundObligation.objects.bulk_update(obligations, ["outcome", "reported_at"])
    locked.save(update_fields=["closed_at", "closed_by"])
    return locked


def _when(moment: datetime.datetime) -> str:
    """Return a moment as the page shows it: 17/12/2025 09:00 in Vietnamese."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"
