"""Keep every target's judgement current: re-judge exactly the targets a change touches.

A target's ``Judgement`` is its judgement on the approved figures known today. Approving,
revising, rejecting or superseding a figure (``observations.signals.figures_changed``) and
saving a target (``post_save``) re-judge, in the same transaction, the targets that depend
on the change; ``rejudge_all`` re-judges a whole plan as of a date (the planner's page, the
``rejudge`` command). Only a judgement that changed is written, with a ``JudgementChange``
row for its history.

The dependency index (``DependencyIndex``) says which targets a yearly figure
(indicator, unit, period) feeds:

- directly: the targets on that indicator for that unit (a target without a unit of its
  own takes its plan's);
- through a formula (``progress/formula.py``): the targets on every indicator whose formula
  reads that indicator, for the same unit, transitively (GRDP per capita reads GRDP);
- through aggregation across units: the targets on that indicator for the units above
  (commune → district → province, as far as ``assess.MAX_AGGREGATION_DEPTH``) when the
  indicator adds up (sum, mean, weighted mean), and those on the weighted means it weighs.

It over-reaches on purpose where being exact would need the figures themselves (a province
with its own figure does not read its districts'): re-judging a target whose inputs did not
change writes nothing. Periods other than years feed no target (series are yearly).

The reading is done for speed at national scale (bench/assess.py): one query of plain values
for the targets and one for the figures (``assess._known_figures``: floats, years as
integers), the engine run per series, the changed rows written with the shared fast insert
(``tabular.bulk.insert_rows``), and the cyclic garbage collector paused meanwhile.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from django.db import transaction
from django.db.models import FloatField, Q, QuerySet
from django.db.models.functions import Cast, Length
from django.utils import timezone

from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation
from plantrack.plans.choices import Aggregation, Direction, SeriesMeasure, ValueType
from plantrack.plans.models import Indicator, Plan, Target
from plantrack.progress import assess as assess_module
from plantrack.progress import engine
from plantrack.progress import formula as formula_module
from plantrack.progress.assess import MAX_AGGREGATION_DEPTH, FigureStore, plain_rows
from plantrack.progress.choices import Cause, Figures
from plantrack.progress.formula import Formula, FormulaError
from plantrack.progress.models import Judgement, JudgementChange
from plantrack.tabular.bulk import insert_rows
from plantrack.tabular.pipeline import collector_paused

# Deletes and look-ups by id go in chunks: SQLite refuses more parameters than this.
CHUNK = 5000
_AGGREGATING = (Aggregation.SUM, Aggregation.MEAN, Aggregation.WEIGHTED_MEAN)


class IndicatorRule(NamedTuple):
    """What judging needs of an indicator, read as plain values (``assess.FigureStore``)."""

    pk: int
    code: str
    formula: str
    aggregation: str
    weight_id: int | None
    direction: str
    value_type: str


def indicator_rules() -> dict[int, IndicatorRule]:
    """Return every indicator's rule by id (one query: the indicators are a few hundred)."""
    columns = ("pk", "code", "formula", "aggregation", "weight_id", "direction", "value_type")
    return {
        row[0]: IndicatorRule(*row) for row in Indicator.objects.order_by().values_list(*columns)
    }


def _formula_codes(rule: IndicatorRule) -> set[str]:
    if not (rule.formula or "").strip():
        return set()
    try:
        return Formula(rule.formula).codes
    except FormulaError:
        return set()


# --- the dependency index -------------------------------------------------------------------


class DependencyIndex:
    """Which targets a yearly figure (indicator, unit, period) feeds; see the module's text."""

    def __init__(self, rules: dict[int, IndicatorRule]) -> None:
        self.rules = rules
        by_code = {rule.code: rule.pk for rule in rules.values()}
        # indicator id → the indicators computed from it at the same unit (formulas).
        self.formula_readers: dict[int, set[int]] = defaultdict(set)
        # indicator id → the weighted means it weighs (read at the unit above).
        self.weighs: dict[int, set[int]] = defaultdict(set)
        for rule in rules.values():
            for code in _formula_codes(rule):
                if code in by_code:
                    self.formula_readers[by_code[code]].add(rule.pk)
            if rule.aggregation == Aggregation.WEIGHTED_MEAN and rule.weight_id:
                self.weighs[rule.weight_id].add(rule.pk)

    def feeds(self, pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
        """Return every (indicator, unit) whose values may change when ``pairs`` change.

        ``pairs`` are included. One query per level of units climbed.
        """
        reached = set(pairs)
        frontier = set(reached)
        parents: dict[int, int | None] = {}
        for _level in range(MAX_AGGREGATION_DEPTH + 1):
            # Formulas first, at the same unit, to a fixed point.
            pending = list(frontier)
            while pending:
                indicator_id, unit_id = pending.pop()
                for reader in self.formula_readers.get(indicator_id, ()):
                    pair = (reader, unit_id)
                    if pair not in reached:
                        reached.add(pair)
                        frontier.add(pair)
                        pending.append(pair)
            if _level == MAX_AGGREGATION_DEPTH:
                break
            # Then one level up, for what aggregates.
            climbing = {
                (indicator_id, unit_id)
                for indicator_id, unit_id in frontier
                if self.rules[indicator_id].aggregation in _AGGREGATING
                or self.weighs.get(indicator_id)
            }
            unknown = {unit_id for _i, unit_id in climbing} - parents.keys()
            if unknown:
                for chunk in _chunks(sorted(unknown)):
                    parents.update(
                        AdminUnit.objects.filter(pk__in=chunk).values_list("pk", "parent_id")
                    )
            frontier = set()
            for indicator_id, unit_id in climbing:
                parent = parents.get(unit_id)
                if parent is None:
                    continue
                above = []
                if self.rules[indicator_id].aggregation in _AGGREGATING:
                    above.append((indicator_id, parent))
                above += [(mean, parent) for mean in self.weighs.get(indicator_id, ())]
                for pair in above:
                    if pair not in reached:
                        reached.add(pair)
                        frontier.add(pair)
            if not frontier:
                break
        return reached

    def targets_for(self, keys: Iterable[tuple[int, int, str]], as_of: datetime.date) -> list[int]:
        """Return the ids of the targets in force that figures ``keys`` feed, each once.

        ``keys`` are (indicator id, unit id, period); a period that is not a year, or a year
        after ``as_of``, feeds no target.
        """
        pairs = {
            (indicator_id, unit_id)
            for indicator_id, unit_id, period in keys
            if indicator_id in self.rules
            and len(period) == 4
            and period.isdigit()
            and int(period) <= as_of.year
        }
        if not pairs:
            return []
        reached = self.feeds(pairs)
        indicator_ids = {indicator_id for indicator_id, _unit in reached}
        unit_ids = {unit_id for _indicator, unit_id in reached}
        found = set()
        for chunk in _chunks(sorted(unit_ids)):
            rows = (
                Target.objects.filter(indicator_id__in=indicator_ids)
                .filter(
                    Q(scope_unit_id__in=chunk)
                    | Q(scope_unit__isnull=True, plan__scope_unit_id__in=chunk)
                )
                .order_by()
                .values_list("pk", "indicator_id", "scope_unit_id", "plan__scope_unit_id")
            )
            for pk, indicator_id, scope_unit_id, plan_unit_id in rows:
                if (indicator_id, scope_unit_id or plan_unit_id) in reached:
                    found.add(pk)
        return sorted(found - _replaced(found))


# --- re-judging -----------------------------------------------------------------------------


def rejudge_figures(
    keys: Iterable[tuple[int, int, str]],
    *,
    figure_ids: Iterable[int] = (),
    as_of: datetime.date | None = None,
) -> list[int]:
    """Re-judge the targets that the figures ``keys`` (indicator, unit, period) feed.

    ``figure_ids`` are the figures that changed, for the history's cause (named when there
    is one). Return the ids of the targets whose judgement changed.
    """
    as_of = as_of or timezone.localdate()
    rules = indicator_rules()
    target_ids = DependencyIndex(rules).targets_for(keys, as_of)
    if not target_ids:
        return []
    figure_ids = sorted(set(figure_ids))
    return rejudge_targets(
        target_ids,
        as_of=as_of,
        cause=Cause.FIGURE,
        cause_figure=figure_ids[0] if len(figure_ids) == 1 else None,
        rules=rules,
    )


def rejudge_targets(
    target_ids: Iterable[int],
    *,
    as_of: datetime.date | None = None,
    cause: Cause = Cause.TARGET,
    cause_figure: int | None = None,
    cause_target: int | None = None,
    rules: dict[int, IndicatorRule] | None = None,
) -> list[int]:
    """Re-judge the targets ``target_ids`` as of ``as_of`` (default today).

    A target no longer in force (a revision replaced it) loses its judgement; its history
    stays. Return the ids of the targets whose judgement changed.
    """
    as_of = as_of or timezone.localdate()
    ids = sorted(set(target_ids))
    if not ids:
        return []
    targets = []
    for chunk in _chunks(ids):
        targets += _target_rows(Target.objects.filter(pk__in=chunk))
    replaced = _replaced(ids)
    targets = [row for row in targets if row[0] not in replaced]
    in_force = {row[0] for row in targets}
    gone = [pk for pk in ids if pk not in in_force]
    with transaction.atomic(), collector_paused():
        for chunk in _chunks(gone):
            Judgement.objects.filter(target_id__in=chunk).delete()
        existing: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(sorted(in_force)):
            existing.update(
                (pk, (digest, basis))
                for pk, digest, basis in Judgement.objects.filter(target_id__in=chunk)
                .order_by()
                .values_list("target_id", "digest", "basis")
            )
        return _rejudge(
            targets,
            existing,
            as_of,
            rules or indicator_rules(),
            cause=cause,
            cause_figure=cause_figure,
            cause_target=cause_target,
        )


@dataclass(frozen=True)
class Sweep:
    """What ``rejudge_all`` did: the date, how many targets it judged, which changed."""

    plan: Plan
    as_of: datetime.date
    judged: int
    changed: list[int]


def rejudge_all(plan: Plan, as_of: datetime.date | None = None) -> Sweep:
    """Re-judge every target in force of ``plan`` as of ``as_of`` (default today).

    The full re-assessment: one read of the targets, one of the figures, the engine per
    series; only the judgements that changed are written (with their history), the others
    get the new as-of date in one statement.
    """
    as_of = as_of or timezone.localdate()
    with transaction.atomic(), collector_paused():
        replaced = set(
            # "Not null" lets PostgreSQL read the few revisions by the supersedes index
            # instead of hashing every target of every plan.
            Target.objects.filter(supersedes__isnull=False, supersedes__plan=plan)
            .order_by()
            .values_list("supersedes_id", flat=True)
        )
        targets = [
            row for row in _target_rows(Target.objects.filter(plan=plan)) if row[0] not in replaced
        ]
        in_force = {row[0] for row in targets}
        existing = {
            pk: (digest, basis)
            # Unordered: the default ordering joins the plans.
            for pk, digest, basis in Judgement.objects.filter(plan=plan)
            .order_by()
            .values_list("target_id", "digest", "basis")
        }
        gone = [pk for pk in existing if pk not in in_force]
        for chunk in _chunks(gone):
            Judgement.objects.filter(target_id__in=chunk).delete()
        changed = _rejudge(targets, existing, as_of, indicator_rules(), cause=Cause.SWEEP)
        Judgement.objects.filter(plan=plan).exclude(as_of=as_of).update(as_of=as_of)
    return Sweep(plan=plan, as_of=as_of, judged=len(targets), changed=changed)


# The columns of a target that judging reads, in ``_target_rows`` order.
_TARGET_COLUMNS = (
    "pk",
    "plan_id",
    "indicator_id",
    "scope_unit_id",
    "plan__scope_unit_id",
    "plan__period_start",
    "kind",
    "measure",
    "comparator",
    "f_value",
    "f_upper_value",
    "f_tolerance",
    "baseline_year",
    "f_baseline_value",
    "start_year",
    "target_year",
    "unit",
)


# A row of ``_TARGET_COLUMNS``: the database's plain values.
TargetRow = tuple[Any, ...]


def _target_rows(queryset: QuerySet[Target]) -> list[TargetRow]:
    """Read targets as plain values, their decimals as floats (no model instances)."""
    floats = {
        f"f_{name}": Cast(name, FloatField())
        for name in ("value", "upper_value", "tolerance", "baseline_value")
    }
    return plain_rows(queryset.order_by().annotate(**floats).values_list(*_TARGET_COLUMNS))


def _engine_target(row: TargetRow, rules: dict[int, IndicatorRule]) -> engine.Target:
    """Translate a target row into the engine's terms, as ``assess.engine_target`` does."""
    (_pk, _plan, indicator_id, _unit, _plan_unit, period_start, kind, measure, comparator) = row[:9]
    value, upper, tolerance, baseline_year, baseline_value, start_year, target_year, unit = row[9:]
    rule = rules.get(indicator_id)
    direction = "increase"
    if rule is not None and rule.direction == Direction.DECREASE:
        direction = "decrease"
    measure = measure or SeriesMeasure.LEVEL
    if not row[7] and rule is not None and rule.value_type == ValueType.RATE:
        measure = SeriesMeasure.GROWTH_RATE
    if start_year is None and period_start <= target_year:
        start_year = period_start
    return engine.Target(
        kind=kind,
        target_year=target_year,
        comparator=comparator or None,
        value=value,
        upper_value=upper,
        tolerance=tolerance,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        start_year=start_year,
        direction=direction,
        measure=str(measure),
        unit=unit or None,
    )


# The fields of a ``Judgement`` row, in the order ``_rejudge`` gives them (every field but
# the id: ``insert_rows`` refuses to run if one is missing).
JUDGEMENT_FIELDS = (
    "target_id",
    "plan_id",
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
    "figures",
    "digest",
    "basis",
)
CHANGE_FIELDS = ("target_id", "status", "score", "figures")
_PAIR = "[%d,%d]"  # one (id, version) of ``Judgement.figures``

# The code that turns inputs into a judgement: a judgement whose inputs are unchanged is
# not recomputed, unless this code changed since (``_rejudge``, the ``basis`` digest).
_CODE = hashlib.blake2b(
    b"".join(
        Path(str(module.__file__)).read_bytes()
        for module in (engine, assess_module, formula_module, sys.modules[__name__])
    ),
    digest_size=16,
).hexdigest()


def _basis_seed(rules: dict[int, IndicatorRule], as_of: datetime.date) -> str:
    """Return what every target's inputs share: the code, the indicators' rules, the year."""
    text = repr(sorted(rules.values()))
    return f"{_CODE}|{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}|{as_of.year}"


def _rejudge(
    targets: list[TargetRow],
    existing: Mapping[int, tuple[str, str]],
    as_of: datetime.date,
    rules: dict[int, IndicatorRule],
    *,
    cause: Cause,
    cause_figure: int | None = None,
    cause_target: int | None = None,
) -> list[int]:
    """Judge ``targets`` (rows of ``_TARGET_COLUMNS``); write those whose judgement changed.

    ``existing`` maps target id → (digest, basis) of the stored judgement. The basis digests
    the inputs (the target's row, the figures used by id and version, the values where a
    point is derived, the indicators' rules, the as-of year, the judging code): the same
    basis gives the same judgement, so the engine is not run again. A new basis is judged;
    the row is rewritten when either digest changed, with a history row only when the
    judgement itself (``digest``) changed.
    """
    wanted = _with_inputs(rules, {row[2] for row in targets if row[2] is not None})
    units = {row[3] or row[4] for row in targets if (row[3] or row[4]) is not None}
    store = FigureStore.load_ids(wanted, units, as_of, Figures.APPROVED)
    seed = _basis_seed(rules, as_of)
    rows: list[tuple[Any, ...]] = []  # in JUDGEMENT_FIELDS order, the target's id first
    changes: list[tuple[Any, ...]] = []  # in CHANGE_FIELDS order
    dumps = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
    blake2b = hashlib.blake2b
    column_names = engine.COLUMN_COMPONENTS
    for row in targets:
        unit_id = row[3] or row[4]
        indicator_id = row[2]
        if indicator_id is not None and unit_id is not None:
            points, used, derived = store.series_used(indicator_id, unit_id)
        else:
            points, used, derived = [], [], False
        used = sorted(set(used))
        basis_text = (
            f"{seed}|{row[1:]!r}|{used!r}|{points!r}" if derived else f"{seed}|{row[1:]!r}|{used!r}"
        )
        basis = blake2b(basis_text.encode(), digest_size=16).hexdigest()
        known = existing.get(row[0])
        if known is not None and known[1] == basis:
            continue
        try:
            # The store's series is clean: yearly, ordered, floats, none after the year.
            judged = engine.assess(_engine_target(row, rules), points, as_of.year, checked=True)
        except engine.EngineError as error:
            judged = engine.not_assessable(
                years_of_data=len(points), method="error", error=str(error)
            )
        components = judged.components.copy()  # the engine's own, not shared
        for name in column_names:
            components.pop(name, None)
        components["series"] = points
        components_text = dumps(components)
        # Written by hand: integers only, and three times faster than the encoder.
        figures_text = f"[{','.join(map(_PAIR.__mod__, used))}]"
        values = (
            judged.status,
            judged.score,
            judged.actual_rate,
            judged.required_rate,
            judged.ratio,
            judged.projected_value,
            judged.gap,
            judged.years_of_data,
            judged.required_rate_remaining,
            judged.method,
        )
        digest = blake2b(
            f"{unit_id}|{values!r}|{components_text}|{figures_text}".encode(), digest_size=16
        ).hexdigest()
        rows.append(
            (row[0], row[1], unit_id, *values, components_text, figures_text, digest, basis)
        )
        if known is None or known[0] != digest:
            changes.append((row[0], judged.status, judged.score, figures_text))
    if not rows:
        return []
    rewritten = [row[0] for row in rows]
    replaced = [pk for pk in rewritten if pk in existing]
    for chunk in _chunks(replaced):
        Judgement.objects.filter(target_id__in=chunk).delete()
    now = timezone.now()
    insert_rows(
        Judgement,
        JUDGEMENT_FIELDS,
        rows,
        prepared=True,
        constants={"as_of": as_of, "judged_at": now},
    )
    if changes:
        insert_rows(
            JudgementChange,
            CHANGE_FIELDS,
            changes,
            prepared=True,
            constants={
                "as_of": as_of,
                "cause": cause,
                "cause_figure_id": cause_figure,
                "cause_target_id": cause_target,
                "at": now,
            },
        )
    return [change[0] for change in changes]


def _with_inputs(
    rules: dict[int, IndicatorRule], indicator_ids: set[int]
) -> dict[int, IndicatorRule]:
    """Return the rules of ``indicator_ids`` and of what their formulas and weights read."""
    by_code = {rule.code: rule.pk for rule in rules.values()}
    wanted: dict[int, IndicatorRule] = {}
    pending = [pk for pk in indicator_ids if pk in rules]
    while pending:
        pk = pending.pop()
        if pk in wanted:
            continue
        rule = wanted[pk] = rules[pk]
        pending += [by_code[code] for code in _formula_codes(rule) if code in by_code]
        if rule.weight_id:
            pending.append(rule.weight_id)
    return wanted


# --- is a judgement current? ----------------------------------------------------------------


class UsedFigures(Protocol):
    """What the staleness check reads of a judgement (a ``Judgement`` or a lighter row)."""

    @property
    def target_id(self) -> int: ...
    @property
    def unit_id(self) -> int | None: ...
    @property
    def figures(self) -> Any: ...  # the JSON list [[id, version], …]


def stale_targets(
    judgements: Iterable[UsedFigures | None], indicator_of: Mapping[int, int | None]
) -> set[int]:
    """Return the ids of the targets whose judgement is out of date today.

    A judgement is stale when a figure it used is no longer an approved current figure at
    the version it used, or when a figure of its own indicator and unit is known today that
    it did not use (a judgement as of an earlier date, or a figure written around the
    services). ``indicator_of`` maps target id → indicator id.

    One query reads the figures every judgement must have used (its own indicator and
    unit's approved, current, yearly figures known today), as plain values; a second reads
    only the used figures outside them (a formula's inputs, or figures since replaced), so a
    province's 3,000 judgements cost two queries of plain rows.
    """
    present = [j for j in judgements if j is not None]
    if not present:
        return set()
    today = timezone.localdate()
    used_by = {j.target_id: {(pair[0], pair[1]) for pair in j.figures} for j in present}
    targets_of: dict[tuple[int, int], list[int]] = defaultdict(list)
    for j in present:
        indicator_id = indicator_of.get(j.target_id)
        if j.unit_id is not None and indicator_id is not None:
            targets_of[(indicator_id, j.unit_id)].append(j.target_id)
    # Known today: published by today, or with no date the year is over (as the engine reads
    # a figure's date, ``assess``).
    last_full_year = today.year if (today.month, today.day) == (12, 31) else today.year - 1
    known = Q(published_on__lte=today, period__lte=str(today.year)) | Q(
        published_on__isnull=True, period__lte=str(last_full_year)
    )
    standing: dict[int, int] = {}
    if targets_of:
        own = (
            Observation.objects.annotate(period_length=Length("period"))
            .filter(
                known,
                indicator_id__in={i for i, _u in targets_of},
                unit_id__in={u for _i, u in targets_of},
                state=WorkflowState.APPROVED,
                is_current=True,
                breakdown="",
                period_length=4,
            )
            .order_by()
            .values_list("pk", "version", "indicator_id", "unit_id")
        )
        for pk, version, indicator_id, unit_id in own.iterator(chunk_size=CHUNK):
            standing[pk] = version
            for target_id in targets_of.get((indicator_id, unit_id), ()):
                if (pk, version) not in used_by[target_id]:
                    used_by[target_id].add((pk, -1))  # known today, not used: stale
    others = sorted({pk for pairs in used_by.values() for pk, _v in pairs} - standing.keys())
    for chunk in _chunks(others):
        standing.update(
            Observation.objects.filter(
                pk__in=chunk, state=WorkflowState.APPROVED, is_current=True
            ).values_list("pk", "version")
        )
    return {
        target_id
        for target_id, pairs in used_by.items()
        if any(standing.get(pk) != version for pk, version in pairs)
    }


# --- receivers (connected in progress/apps.py) ----------------------------------------------


def on_figures_changed(
    sender: object,
    *,
    keys: Iterable[tuple[int, int, str]] = (),
    figure_ids: Iterable[int] = (),
    **kwargs: object,
) -> None:
    """Re-judge what changed figures feed (``observations.signals.figures_changed``)."""
    rejudge_figures(keys, figure_ids=figure_ids)


def on_target_saved(
    sender: type[Target], instance: Target, raw: bool = False, **kwargs: object
) -> None:
    """Re-judge a target created or edited, and the one its revision replaces."""
    if raw:  # loading a fixture: the judgements follow with ``rejudge_all``
        return
    ids = [instance.pk] + ([instance.supersedes_id] if instance.supersedes_id else [])
    rejudge_targets(ids, cause=Cause.TARGET, cause_target=instance.pk)


# --- helpers --------------------------------------------------------------------------------


def _replaced(ids: Iterable[int]) -> set[int]:
    """Return those of the target ``ids`` that a later revision replaces.

    Not ``Target.objects.current()``: for a few thousand targets PostgreSQL answers its NOT
    EXISTS by hashing every target of every plan (bench/assess.py); this looks each
    revision up by the ``supersedes`` index.
    """
    found: set[int] = set()
    for chunk in _chunks(sorted(ids)):
        found.update(
            Target.objects.filter(supersedes_id__in=chunk)
            .order_by()
            .values_list("supersedes_id", flat=True)
        )
    return found


def _chunks(items: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


__all__ = [
    "DependencyIndex",
    "rejudge_all",
    "rejudge_figures",
    "rejudge_targets",
    "stale_targets",
]
