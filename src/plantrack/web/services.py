"""What the pages show, assembled in plain functions a test can call without a request.

Every read goes through the models' ``for_user`` so a page shows only what its visitor may
see. Each function runs a fixed number of queries, whatever the number of plans, sections,
targets and observations (tests/web/test_home_query_count_is_fixed.py pins it).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from plantrack.geo.models import AdminUnit
from plantrack.observations.models import Observation
from plantrack.observations.periods import PeriodError, parse_period
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.live import stale_targets
from plantrack.progress.models import Judgement

# Deepest heading a section may get: the page is h1, a plan h2, its top sections h3.
_TOP_SECTION_HEADING = 3
_DEEPEST_HEADING = 6


@dataclass
class TargetRow:
    """A target as a page lists it, with the latest figure of its indicator (or None)."""

    target: Target
    latest: Observation | None = None
    assessment: Judgement | None = None
    stale: bool = False  # the judgement is out of date (``live.stale_targets``)


@dataclass
class SectionNode:
    """A plan section with its own targets and its subsections, in the decision's order."""

    section: PlanSection
    heading_level: int
    targets: list[TargetRow] = field(default_factory=list)
    children: list["SectionNode"] = field(default_factory=list)


@dataclass
class PlanOutline:
    """A plan as the home page reads it: its section tree and any targets outside it."""

    plan: Plan
    sections: list[SectionNode]
    unsectioned: list[TargetRow]


@dataclass
class PeriodVintages:
    """Every visible vintage of one figure (unit, period, breakdown), the current one first."""

    period: str
    breakdown: str
    vintages: list[Observation]


@dataclass
class UnitSeries:
    """The figures of one indicator for one administrative unit, newest period first."""

    unit: AdminUnit
    periods: list[PeriodVintages]


def targets_marked_replaced(queryset: QuerySet) -> QuerySet:
    """Annotate each target with ``replaced``: True when a later revision supersedes it."""
    return queryset.annotate(replaced=Exists(Target.objects.filter(supersedes=OuterRef("pk"))))


def plan_outlines(user) -> list[PlanOutline]:
    """Return every plan ``user`` may see with its sections, targets and their latest figures.

    Six queries (plans, sections, targets, observations, the targets' current judgements,
    and whether they are stale) plus what ``for_user`` needs to know the user, whatever the
    size of the plans.
    """
    targets = targets_marked_replaced(Target.objects.select_related("indicator", "scope_unit"))
    plans = list(
        Plan.objects.for_user(user)
        .select_related("scope_unit")
        .prefetch_related(
            Prefetch("sections", queryset=PlanSection.objects.order_by("order", "id")),
            Prefetch("targets", queryset=targets.order_by("order", "id")),
        )
    )
    all_targets = [target for plan in plans for target in plan.targets.all()]
    latest = latest_observations(all_targets, user)
    judged = {
        judgement.target_id: judgement
        for judgement in Judgement.objects.for_user(user).filter(
            plan_id__in=[plan.pk for plan in plans]
        )
    }
    stale = stale_targets(judged.values(), {t.pk: t.indicator_id for t in all_targets})
    return [_outline(plan, latest, judged, stale) for plan in plans]


def latest_observations(targets: Iterable[Target], user) -> dict[int, Observation]:
    """Return, by target id, the latest current figure ``user`` may see for each target.

    The figure is the total (no breakdown) of the target's indicator for the target's scope
    unit, or the plan's when the target names none. "Latest" is the period that ends last;
    when two periods end on the same day (2024 and 2024Q4) the longer one wins, since plans
    set yearly targets. A target without an indicator, a unit or a visible figure is left
    out: the page then says there is no data, never shows a made-up value. One query, if
    each target's plan is already loaded (prefetched from the plan, or ``select_related``).
    """
    keys = {}
    for target in targets:
        unit_id = target.scope_unit_id or target.plan.scope_unit_id
        if target.indicator_id is not None and unit_id is not None:
            keys[target.pk] = (target.indicator_id, unit_id)
    if not keys:
        return {}
    indicator_ids = {indicator_id for indicator_id, _ in keys.values()}
    unit_ids = {unit_id for _, unit_id in keys.values()}
    newest: dict[tuple[int, int], Observation] = {}
    observations = (
        Observation.objects.for_user(user)
        .current()
        .filter(indicator_id__in=indicator_ids, unit_id__in=unit_ids, breakdown="")
        .select_related("indicator")
    )
    for observation in observations:
        key = (observation.indicator_id, observation.unit_id)
        known = newest.get(key)
        if known is None or _recency(observation) > _recency(known):
            newest[key] = observation
    return {target_id: newest[key] for target_id, key in keys.items() if key in newest}


def indicator_commitments(indicator: Indicator, user) -> list[Target]:
    """Return every target on ``indicator`` in the plans ``user`` may see, each revision
    right after the target it replaces (``replaced`` tells which ones no longer stand)."""
    targets = targets_marked_replaced(
        Target.objects.for_user(user)
        .filter(indicator=indicator)
        .select_related("plan", "scope_unit", "indicator")
        .order_by("plan__period_start", "plan__code", "order", "id")
    )
    return _in_revision_order(list(targets))


def indicator_series(indicator: Indicator, user) -> list[UnitSeries]:
    """Return every figure of ``indicator`` that ``user`` may see, current and superseded.

    Grouped by unit (province first, then by code), then by period, newest first; within a
    period the current vintage comes first, then older vintages, newest first.
    """
    observations = (
        Observation.objects.for_user(user)
        .filter(indicator=indicator)
        .select_related("unit", "indicator", "agency")
    )
    by_unit: dict[int, list[Observation]] = defaultdict(list)
    units = {}
    for observation in observations:
        by_unit[observation.unit_id].append(observation)
        units[observation.unit_id] = observation.unit
    series = []
    for unit_id in sorted(units, key=lambda pk: (units[pk].level, units[pk].code, pk)):
        groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
        for observation in by_unit[unit_id]:
            groups[(observation.period, observation.breakdown)].append(observation)
        periods = [
            PeriodVintages(
                period=period,
                breakdown=breakdown,
                vintages=sorted(vintages, key=_vintage_order),
            )
            for (period, breakdown), vintages in groups.items()
        ]
        # Two stable sorts: newest period first, and within a period the total first.
        periods.sort(key=lambda group: group.breakdown)
        periods.sort(key=lambda group: _recency_of_text(group.period), reverse=True)
        series.append(UnitSeries(unit=units[unit_id], periods=periods))
    return series


def _outline(plan: Plan, latest: dict[int, Observation], judged: dict, stale: set) -> PlanOutline:
    sections = list(plan.sections.all())
    targets = _in_revision_order(list(plan.targets.all()))
    rows_by_section: dict[int | None, list[TargetRow]] = defaultdict(list)
    for target in targets:
        row = TargetRow(target, latest.get(target.pk), judged.get(target.pk), target.pk in stale)
        rows_by_section[target.section_id].append(row)
    children: dict[int | None, list[PlanSection]] = defaultdict(list)
    section_ids = {section.pk for section in sections}
    for section in sections:
        # A parent from another plan would be a data error; show the section at the top.
        parent_id = section.parent_id if section.parent_id in section_ids else None
        children[parent_id].append(section)

    def build(section: PlanSection, depth: int, seen: set[int]) -> SectionNode:
        seen.add(section.pk)
        return SectionNode(
            section=section,
            heading_level=min(_TOP_SECTION_HEADING + depth, _DEEPEST_HEADING),
            targets=rows_by_section.get(section.pk, []),
            children=[
                build(child, depth + 1, seen)
                for child in children.get(section.pk, [])
                if child.pk not in seen
            ],
        )

    seen: set[int] = set()
    roots = [build(section, 0, seen) for section in children.get(None, [])]
    # Sections caught in a parent cycle are never reached from a root: show them at the top.
    roots += [build(section, 0, seen) for section in sections if section.pk not in seen]
    return PlanOutline(plan=plan, sections=roots, unsectioned=rows_by_section.get(None, []))


def _in_revision_order(targets: list[Target]) -> list[Target]:
    """Put each revision right after the target it supersedes, keeping the order otherwise."""
    present = {target.pk for target in targets}
    revisions: dict[int, list[Target]] = defaultdict(list)
    for target in targets:
        if target.supersedes_id in present:
            revisions[target.supersedes_id].append(target)
    ordered: list[Target] = []
    placed: set[int] = set()

    def place(target: Target) -> None:
        if target.pk in placed:
            return
        placed.add(target.pk)
        ordered.append(target)
        for revision in revisions.get(target.pk, []):
            place(revision)

    for target in targets:
        if target.supersedes_id not in present:
            place(target)
    for target in targets:  # only a supersedes cycle (a data error) leaves any behind
        place(target)
    return ordered


def _recency_of_text(period: str) -> tuple[int, int]:
    """Return a key that grows with recency: the later end, then the longer period."""
    try:
        parsed = parse_period(period)
    except PeriodError:
        # The model validates periods; a row written around it sorts as the oldest.
        return (0, 0)
    return (parsed.end.toordinal(), -parsed.start.toordinal())


def _recency(observation: Observation) -> tuple[int, int]:
    return _recency_of_text(observation.period)


def _vintage_order(observation: Observation) -> tuple:
    """Current vintage first, then the most recently published, then the most recent row."""
    published = observation.published_on or datetime.date.min
    return (not observation.is_current, -published.toordinal(), -observation.pk)
