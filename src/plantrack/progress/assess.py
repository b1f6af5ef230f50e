"""Assess every target of a plan as of a date, store the snapshot, roll it up.

The figures are those known at the as-of date: an observation counts from its publication
date (``published_on``), or from the end of its period when that date is unknown, and of
several vintages of one figure the latest known at the date is used. So assessing "as of
2024-06-30" replays what a report could have said then, and assessing as of today uses the
current figures. Series are yearly; where a unit has no figure of its own for a year, the
indicator's rule fills it: its formula over other indicators, or the aggregation of the
units below it (sum, mean, weighted mean) when every one of them has a figure.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, SupportsFloat

from django.contrib.auth.models import User
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Avg, Count, FloatField, IntegerField, Q, QuerySet
from django.db.models.functions import Cast, Length
from django.utils import timezone

from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation
from plantrack.plans.choices import Aggregation, Direction, SeriesMeasure, ValueType
from plantrack.plans.models import Indicator, Plan, Target
from plantrack.progress import engine
from plantrack.progress.choices import Figures, RollupBy
from plantrack.progress.formula import Formula
from plantrack.progress.models import Assessment, AssessmentRun
from plantrack.tabular.bulk import insert_rows

# How deep the units below a target's unit are searched for figures to aggregate
# (province → district → commune).
MAX_AGGREGATION_DEPTH = 3

# (observation id, version) of the figures a value came from.
Used = tuple[tuple[int, int], ...]
# A value, where it came from ("observation:12", "formula:…", "sum:3") and the figures used.
Resolved = tuple[float, str, Used]
# (indicator id, unit id) → {year: (value, observation id, version)}.
KnownFigures = dict[tuple[int, int], dict[int, tuple[float, int, int]]]
# unit id → [(child id, valid from, valid to)].
Children = dict[int, list[tuple[int, datetime.date | None, datetime.date | None]]]


class Rule(Protocol):
    """What ``FigureStore`` reads of an indicator (an ``Indicator``, a ``live.IndicatorRule``)."""

    @property
    def pk(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def formula(self) -> str: ...
    @property
    def aggregation(self) -> str: ...
    @property
    def weight_id(self) -> int | None: ...


@dataclass
class TargetResult:
    """A target, the unit it was judged for, its series and the engine's judgement."""

    target: Target
    unit: AdminUnit | None
    series: list[tuple[int, float, str]]  # (year, value, origin)
    assessment: engine.Assessment


@dataclass
class PlanAssessment:
    """The outcome of ``assess_plan``: the stored run (or None) and one result a target."""

    plan: Plan
    as_of: datetime.date
    run: AssessmentRun | None
    results: list[TargetResult]


def assess_plan(
    plan: Plan,
    *,
    as_of: datetime.date | None = None,
    figures: Figures = Figures.APPROVED,
    method: str | None = None,
    user: User | None = None,
    save: bool = True,
) -> PlanAssessment:
    """Judge every target in force of ``plan`` on the figures known ``as_of`` (default today).

    Targets replaced by a revision are not judged; a target of another plan on the same
    indicator is judged with that plan. With ``save`` the results are stored as one
    ``AssessmentRun`` with an ``Assessment`` a target, in one transaction.
    """
    as_of = as_of or timezone.localdate()
    # prefetch_related, not select_related: a plan's thousands of targets share a few
    # indicators, units and one plan, and building each of them once per target (with their
    # JSON and decimal fields) cost more than judging the targets (bench/assess.py).
    targets = list(
        Target.objects.current()
        .filter(plan=plan)
        .prefetch_related("plan", "indicator", "scope_unit", "section")
        .order_by("order", "id")
    )
    units_of = {t.pk: t.scope_unit or plan.scope_unit for t in targets}
    store = FigureStore.load(
        indicators=[t.indicator for t in targets if t.indicator is not None],
        units=[u for u in units_of.values() if u is not None],
        as_of=as_of,
        figures=figures,
    )
    results = []
    for target in targets:
        unit = units_of[target.pk]
        series = store.series(target.indicator, unit) if target.indicator and unit else []
        judgement = _judge(target, series, as_of.year, method)
        results.append(TargetResult(target, unit, series, judgement))
    run = _save(plan, as_of, figures, method, user, results) if save else None
    return PlanAssessment(plan=plan, as_of=as_of, run=run, results=results)


def engine_target(target: Target) -> engine.Target:
    """Translate a stored target into the engine's terms.

    A level target without a start year is judged from the start of its plan's period, so
    its baseline is the year before the period (2020 for a 2021–2030 plan) when known.
    """
    indicator = target.indicator
    direction = "increase"
    if indicator is not None and indicator.direction == Direction.DECREASE:
        direction = "decrease"
    measure = target.measure or SeriesMeasure.LEVEL
    if not target.measure and indicator is not None and indicator.value_type == ValueType.RATE:
        measure = SeriesMeasure.GROWTH_RATE
    return engine.Target(
        kind=target.kind,
        target_year=target.target_year,
        comparator=target.comparator or None,
        value=_float(target.value),
        upper_value=_float(target.upper_value),
        tolerance=_float(target.tolerance),
        baseline_year=target.baseline_year,
        baseline_value=_float(target.baseline_value),
        start_year=target.start_year or _plan_start(target),
        direction=direction,
        measure=str(measure),
        unit=target.unit or None,
    )


def _plan_start(target: Target) -> int | None:
    start = target.plan.period_start
    return start if start <= target.target_year else None


def _judge(
    target: Target, series: list[tuple[int, float, str]], as_of_year: int, method: str | None
) -> engine.Assessment:
    points = [(year, value) for year, value, _origin in series]
    try:
        return engine.assess(engine_target(target), points, as_of_year, method)
    except engine.EngineError as error:
        return engine.not_assessable(years_of_data=len(points), method="error", error=str(error))


@transaction.atomic
def _save(
    plan: Plan,
    as_of: datetime.date,
    figures: Figures,
    method: str | None,
    user: User | None,
    results: list[TargetResult],
) -> AssessmentRun:
    run = AssessmentRun.objects.create(
        plan=plan, as_of=as_of, figures=figures, method=method or "", created_by=user
    )
    insert_rows(Assessment, ASSESSMENT_FIELDS, (_assessment_row(run, result) for result in results))
    return run


# The fields of an ``Assessment`` row, in the order ``_assessment_row`` gives them: every
# field but the id, by attribute name (``insert_rows`` refuses to run if one is missing).
ASSESSMENT_FIELDS = (
    "run_id",
    "target_id",
    "unit_id",
    "status",
    "score",
    "actual_rate",
    "required_rate",
    "ratio",
    "projected_value",
    "gap",
    "years_of_data",
    "required_rate_remaining",
    "method",
    "components",
)


def _assessment_row(run: AssessmentRun, result: TargetResult) -> tuple[object, ...]:
    judgement = result.assessment
    return (
        run.pk,
        result.target.pk,
        result.unit.pk if result.unit is not None else None,
        judgement.status,
        judgement.score,
        judgement.actual_rate,
        judgement.required_rate,
        judgement.ratio,
        judgement.projected_value,
        judgement.gap,
        judgement.years_of_data,
        judgement.required_rate_remaining,
        judgement.method,
        {**stored_components(judgement.components), "series": result.series},
    )


def stored_components(components: dict[str, Any]) -> dict[str, Any]:
    """Return the components as stored: without those the row keeps as its own columns."""
    return {k: v for k, v in components.items() if k not in engine.COLUMN_COMPONENTS}


def _float(value: SupportsFloat | None) -> float | None:
    return None if value is None else float(value)


# --- the figures known at a date ------------------------------------------------------------


class FigureStore:
    """The yearly figures known at a date for some indicators and units, with their rules.

    Indicators are anything with ``pk``, ``code``, ``formula``, ``aggregation`` and
    ``weight_id`` (``Indicator`` rows, or ``live.IndicatorRule`` tuples). Each value keeps
    the observations it came from, as (id, version) pairs: a formula's or an aggregate's are
    those of its inputs, so a judgement records every figure it used (``Judgement.figures``).
    """

    def __init__(
        self, indicators: Mapping[int, Rule], children: Children, rows: KnownFigures
    ) -> None:
        self.indicators = indicators
        self.children = children  # unit id → [(child id, valid_from, valid_to)]
        self.rows = rows  # (indicator id, unit id) → {year: (value, observation id, version)}
        self.years = sorted({year for by_year in rows.values() for year in by_year})
        self.formulas = {
            i.pk: Formula(i.formula) for i in indicators.values() if (i.formula or "").strip()
        }
        self.by_code = {i.code: i for i in indicators.values()}
        self._memo: dict[tuple[int, int, int], Resolved | None] = {}

    @classmethod
    def load(
        cls,
        *,
        indicators: Iterable[Indicator],
        units: Iterable[AdminUnit],
        as_of: datetime.date,
        figures: Figures,
    ) -> FigureStore:
        """Read, in one query, the figures of ``indicators`` (and what their rules need)."""
        wanted = _with_rule_inputs({i.pk: i for i in indicators})
        return cls.load_ids(wanted, {u.pk for u in units}, as_of, figures)

    @classmethod
    def at_dates(
        cls,
        *,
        indicators: Iterable[Indicator],
        units: Iterable[AdminUnit],
        until: datetime.date,
        figures: Figures,
        limit: int | None = None,
    ) -> dict[datetime.date, FigureStore]:
        """Return the figures known on each day one of them became known, up to ``until``,
        and on ``until`` itself (the latest ``limit`` days), read in one pass: a target's
        history replays its judgement on each (``web.target_page``)."""
        wanted = _with_rule_inputs({i.pk: i for i in indicators})
        unit_ids = {u.pk for u in units}
        children = _children_of(unit_ids)
        for kids in list(children.values()):
            unit_ids |= {kid for kid, _start, _end in kids}
        rows = vintages(_figure_rows(wanted.keys(), unit_ids, until, figures))
        days = sorted({known for _key, _year, _value, known, _pk, _v in rows if known <= until})
        days = [day for day in days if day != until] + [until]
        if limit is not None:
            days = days[-limit:]
        return {day: cls(wanted, children, known_on(rows, day)) for day in days}

    @classmethod
    def load_ids(
        cls, wanted: Mapping[int, Rule], unit_ids: set[int], as_of: datetime.date, figures: Figures
    ) -> FigureStore:
        """Read the figures of the ``wanted`` indicators (id → rule) for ``unit_ids`` and below."""
        unit_ids = set(unit_ids)
        children = _children_of(unit_ids)
        for kids in list(children.values()):
            unit_ids |= {kid for kid, _start, _end in kids}
        rows = _known_figures(wanted.keys(), unit_ids, as_of, figures)
        return cls(wanted, children, rows)

    def series(self, indicator: Rule, unit: AdminUnit) -> list[tuple[int, float, str]]:
        """Return (year, value, origin) for every year with a value, oldest first."""
        own = self.rows.get((indicator.pk, unit.pk), {})
        found: list[tuple[int, float, str]] = []
        for year in self.years:
            # A unit's own figure always comes first (``_resolve``); reading it here skips
            # the memo for the common case, a series that is all observations.
            mine = own.get(year)
            if mine is not None:
                found.append((year, mine[0], f"observation:{mine[1]}"))
                continue
            resolved = self.value(indicator.pk, unit.pk, year)
            if resolved is not None:
                found.append((year, resolved[0], resolved[1]))
        return found

    def series_used(
        self, indicator_id: int, unit_id: int
    ) -> tuple[list[tuple[int, float]], list[tuple[int, int]], bool]:
        """Return the (year, value) points, oldest first, the (id, version) figures used, and
        whether any point was derived (a formula or an aggregate) rather than observed."""
        own = self.rows.get((indicator_id, unit_id), {})
        points: list[tuple[int, float]] = []
        used: list[tuple[int, int]] = []
        if len(own) == len(self.years):  # every year its own figure: the common case
            for year in self.years:
                value, pk, version = own[year]
                points.append((year, value))
                used.append((pk, version))
            return points, used, False
        derived = False
        for year in self.years:
            mine = own.get(year)
            if mine is not None:
                points.append((year, mine[0]))
                used.append((mine[1], mine[2]))
                continue
            resolved = self.value(indicator_id, unit_id, year)
            if resolved is not None:
                points.append((year, resolved[0]))
                used.extend(resolved[2])
                derived = True
        return points, used, derived

    def value(self, indicator_id: int, unit_id: int, year: int, depth: int = 0) -> Resolved | None:
        """Return (value, origin, figures used) for one indicator, unit and year, or None."""
        key = (indicator_id, unit_id, year)
        if key not in self._memo:
            self._memo[key] = self._resolve(indicator_id, unit_id, year, depth)
        return self._memo[key]

    def _resolve(self, indicator_id: int, unit_id: int, year: int, depth: int) -> Resolved | None:
        own = self.rows.get((indicator_id, unit_id), {}).get(year)
        if own is not None:
            return own[0], f"observation:{own[1]}", ((own[1], own[2]),)
        indicator = self.indicators[indicator_id]
        formula = self.formulas.get(indicator_id)
        if formula is not None:
            inputs: dict[str, float | None] = {}
            used: Used = ()
            for code in sorted(formula.codes):
                part = self.by_code.get(code)
                found = self.value(part.pk, unit_id, year, depth) if part else None
                inputs[code] = found[0] if found else None
                if found:
                    used += found[2]
            result = formula.evaluate(inputs)
            if result is not None:
                return result, f"formula:{formula.text}", used
        if depth >= MAX_AGGREGATION_DEPTH or indicator.aggregation in (
            Aggregation.NONE,
            Aggregation.FORMULA,
        ):
            return None
        return self._aggregate(indicator, unit_id, year, depth)

    def _aggregate(self, indicator: Rule, unit_id: int, year: int, depth: int) -> Resolved | None:
        year_end = datetime.date(year, 12, 31)
        kids = [
            kid
            for kid, start, end in self.children.get(unit_id, [])
            if (start is None or start <= year_end) and (end is None or year_end <= end)
        ]
        if not kids:
            return None
        values: list[float] = []
        weights: list[float] = []
        used: Used = ()
        for kid in kids:
            found = self.value(indicator.pk, kid, year, depth + 1)
            if found is None:
                return None  # a partial sum would understate the whole
            values.append(found[0])
            used += found[2]
            if indicator.aggregation == Aggregation.WEIGHTED_MEAN:
                if indicator.weight_id is None:  # Indicator.clean requires a weight for it
                    return None
                weight = self.value(indicator.weight_id, kid, year, depth + 1)
                if weight is None:
                    return None
                weights.append(weight[0])
                used += weight[2]
        if indicator.aggregation == Aggregation.SUM:
            total = sum(values)
        elif indicator.aggregation == Aggregation.MEAN:
            total = sum(values) / len(values)
        else:
            if not sum(weights):
                return None
            total = sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)
        return total, f"{indicator.aggregation}:{len(kids)}", used


def _with_rule_inputs(indicators: dict[int, Indicator]) -> dict[int, Indicator]:
    """Add the indicators that formulas and weighted means need, transitively."""
    wanted = dict(indicators)
    pending = list(wanted.values())
    while pending:
        codes: set[str] = set()
        ids: set[int] = set()
        for indicator in pending:
            if indicator.formula.strip():
                codes |= Formula(indicator.formula).codes
            if indicator.weight_id:
                ids.add(indicator.weight_id)
        more = Indicator.objects.filter(Q(code__in=codes) | Q(pk__in=ids)).exclude(
            pk__in=wanted.keys()
        )
        pending = list(more)
        wanted |= {i.pk: i for i in pending}
    return wanted


def _children_of(unit_ids: set[int]) -> Children:
    """Return, for the units and the units below them, their children with validity."""
    children: Children = defaultdict(list)
    frontier = set(unit_ids)
    # Each unit's children are read once: when a district and its province both have
    # targets, the district is reached twice, and its communes would be counted twice in
    # the province's sum (tests/progress/test_incremental_rejudging_equals_a_full_one.py).
    expanded: set[int] = set()
    for _level in range(MAX_AGGREGATION_DEPTH):
        expanded |= frontier
        rows = AdminUnit.objects.filter(parent_id__in=frontier).values_list(
            "pk", "parent_id", "valid_from", "valid_to"
        )
        frontier = set()
        for pk, parent, start, end in rows:
            children[parent].append((pk, start, end))
            if pk not in expanded:
                frontier.add(pk)
        if not frontier:
            break
    return children


def _known_figures(
    indicator_ids: Iterable[int], unit_ids: Iterable[int], as_of: datetime.date, figures: Figures
) -> KnownFigures:
    """Return {(indicator id, unit id): {year: (value, id, version)}} known at ``as_of``.

    One query of plain values: the value as a float and the year as an integer cast by the
    database (no ``Decimal`` or date a row); for today's figures the as-of filter is in SQL.
    """
    rows = _figure_rows(indicator_ids, unit_ids, as_of, figures)
    replay = as_of < timezone.localdate() or figures == Figures.SUBMITTED
    found: KnownFigures = defaultdict(dict)
    # Unordered: Observation's default ordering joins indicators and units and sorts every
    # row (most of the query's time on PostgreSQL); the rows go into dicts keyed on the
    # figure, and where vintages compete the rank below decides, not the order.
    if not replay:
        # Only current rows, known by the date: a figure without a publication date is
        # known from the end of its year (so a year is known once it is over).
        year_known = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
        rows = rows.filter(is_current=True).filter(
            Q(published_on__lte=as_of) | Q(published_on__isnull=True, period__lte=str(year_known))
        )
        columns: tuple[str, ...] = ("indicator_id", "unit_id", "year", "number", "id", "version")
        for indicator_id, unit_id, year, value, pk, version in plain_rows(
            rows.order_by().values_list(*columns)
        ):
            found[indicator_id, unit_id][year] = (value, pk, version)
        return found
    return known_on(vintages(rows), as_of)


def _figure_rows(
    indicator_ids: Iterable[int], unit_ids: Iterable[int], as_of: datetime.date, figures: Figures
) -> QuerySet[Any, Any]:
    """Return the yearly total figures of the indicators and units that ``figures`` admits,
    up to ``as_of``'s year, annotated with ``year`` and ``number`` (every vintage)."""
    states = [WorkflowState.APPROVED]
    if figures == Figures.SUBMITTED:
        states.append(WorkflowState.SUBMITTED)
    rows = (
        Observation.objects.filter(
            indicator_id__in=indicator_ids,
            unit_id__in=unit_ids,
            breakdown="",
            state__in=states,
        )
        .annotate(period_length=Length("period"))
        .filter(period_length=4)  # yearly figures: "2024"
    )
    if figures == Figures.OFFICIAL:
        rows = rows.exclude(status=FigureStatus.ESTIMATE)
    # Years compare as text: every yearly period has four digits.
    return rows.filter(period__lte=str(as_of.year)).annotate(
        year=Cast("period", IntegerField()), number=Cast("value", FloatField())
    )


# A figure's vintage: (indicator id, unit id), year, value, known on, id, version.
Vintage = tuple[tuple[int, int], int, float, datetime.date, int, int]


def vintages(rows: QuerySet[Any, Any]) -> list[Vintage]:
    """Return every vintage of ``rows`` (annotated with ``year`` and ``number``) with the
    day it became known: its publication date, else the end of its year."""
    columns = ("indicator_id", "unit_id", "year", "number", "published_on", "id", "version")
    found: list[Vintage] = []
    for (
        indicator_id,
        unit_id,
        year,
        value,
        published_on,
        pk,
        version,
    ) in rows.order_by().values_list(*columns):
        known = published_on or datetime.date(year, 12, 31)
        found.append(((indicator_id, unit_id), year, value, known, pk, version))
    return found


def known_on(rows: Iterable[Vintage], as_of: datetime.date) -> KnownFigures:
    """Return the figures of ``rows`` known at ``as_of``: each year's latest known vintage."""
    found: KnownFigures = defaultdict(dict)
    rank_of: dict[tuple[tuple[int, int], int], tuple[datetime.date, int]] = {}
    for key, year, value, known, pk, version in rows:
        if known > as_of:
            continue
        rank = (known, pk)
        if rank_of.get((key, year), rank) > rank:
            continue
        rank_of[(key, year)] = rank
        found[key][year] = (value, pk, version)
    return found


def plain_rows(queryset: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """Run a ``values_list`` queryset with a raw cursor and return the driver's rows.

    Skips Django's per-value converters (a tenth of a national read): only for columns the
    driver already returns as wanted (integers, floats cast in SQL, text), never dates.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter on an empty list: nothing to read
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()  # the driver's plain values
        return rows


# --- roll-ups -------------------------------------------------------------------------------


ROLLUP_FIELDS = {
    RollupBy.SECTION: ("target__section_id", "target__section__title"),
    RollupBy.AGENCY: ("target__indicator__owner_id", "target__indicator__owner__name"),
    RollupBy.UNIT: ("unit_id", "unit__name"),
}


def rollup(run: AssessmentRun, by: RollupBy) -> list[dict[str, Any]]:
    """Count a run's assessments by status and average their scores, per section/agency/unit.

    Each row: ``key``, ``label``, ``total``, ``counts`` (status → number) and ``mean_score``
    (over the assessed targets; None when none could be scored).
    """
    key_field, label_field = ROLLUP_FIELDS[by]
    assessments = run.assessments.all()
    counts = assessments.values(key_field, label_field, "status").annotate(n=Count("id"))
    means = {
        row[key_field]: row["mean"]
        for row in assessments.values(key_field).annotate(mean=Avg("score"))
    }
    rows: dict[Any, dict[str, Any]] = {}
    for row in counts.order_by(label_field, key_field):
        key = row[key_field]
        entry = rows.setdefault(
            key,
            {"key": key, "label": row[label_field] or "", "total": 0, "counts": {}},
        )
        entry["counts"][row["status"]] = row["n"]
        entry["total"] += row["n"]
    for key, entry in rows.items():
        entry["mean_score"] = means.get(key)
    return list(rows.values())


def latest_run(plan: Plan) -> AssessmentRun | None:
    """Return the plan's most recent stored run."""
    return plan.assessment_runs.order_by("-created_at", "-id").first()
