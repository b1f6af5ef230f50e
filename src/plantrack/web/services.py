"""What the pages show, assembled in plain functions a test can call without a request.

Every read goes through the models' ``for_user`` so a page shows only what its visitor may
see. Each function runs a fixed number of queries, whatever the number of plans, sections,
targets and observations (tests/web/test_home_query_count_is_fixed.py pins it).
"""

import datetime
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext

from plantrack.accounts.models import Agency
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus
from plantrack.observations.models import Observation
from plantrack.observations.periods import PeriodError, parse_period
from plantrack.plans.choices import PlanKind, PlanStatus, Sector, SeriesMeasure, TargetKind
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.choices import Status
from plantrack.progress.engine import COLUMN_COMPONENTS, remaining_rate_text
from plantrack.progress.live import stale_targets
from plantrack.progress.models import Judgement
from plantrack.tabular.formatting import unit_text
from plantrack.tabular.pipeline import collector_paused

# Deepest heading a section may get: the page is h1, a plan h2, its top sections h3.
_TOP_SECTION_HEADING = 3
_DEEPEST_HEADING = 6


@dataclass
class TargetRow:
    """A target as a page lists it, with the latest figure of its indicator (or None)."""

    target: Target
    latest: Observation | None = None
    assessment: "Judgement | _JudgementFacts | None" = None  # facts until the row is shown
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


# A target list shows this many targets a page: a province's plan holds 3,000 of them, more
# than a phone opens (5 MB of table); the status counts and filters narrow it first.
TARGETS_PER_PAGE = 100


@dataclass
class TargetList:
    """A target list's page: the outlines of its targets, what narrowed it, which page."""

    outlines: list[PlanOutline]
    described: "FilterSummary | None"
    page: Page  # of the list's rows, in the order shown


@collector_paused()  # thousands of plain rows, no cycles: the collector would walk them
def plan_outlines(user, chosen: "TargetFilter | None" = None, page_number=1) -> TargetList:
    """Return the plans ``user`` may see with their sections, one page of their targets, and
    those targets' latest figures.

    ``chosen`` narrows the list to one plan and to the targets it keeps
    (``TargetFilter.keeps``); sections left with no target are left out then, and on a page
    after the first, the sections and plans with no target on it.

    Every target is read with only what places, filters and counts it (a province's plan
    holds 3,000 targets; a page shows 100): its section, order, revision, sector, agency
    and status; only the page's rows are loaded in full. Nine queries, plus what ``for_user``
    needs to know the user, whatever the size of the plans: plans; sections; targets; their
    judgements' statuses; whether these are stale; the page's targets and judgements in
    full; their latest figures (two, ``latest_observations``).
    """
    targets = targets_marked_replaced(
        Target.objects.select_related("indicator__owner", "section").only(*_LISTED_FIELDS)
    )
    plans_query = Plan.objects.for_user(user)
    if chosen is not None and chosen.plan:
        plans_query = plans_query.filter(code=chosen.plan)
    plans = list(
        plans_query.select_related("scope_unit").prefetch_related(
            Prefetch("sections", queryset=PlanSection.objects.order_by("order", "id")),
            Prefetch("targets", queryset=targets.order_by("order", "id")),
        )
    )
    all_targets = [target for plan in plans for target in plan.targets.all()]
    judged = {
        row.target_id: row
        for row in map(
            _JudgementFacts._make,
            Judgement.objects.for_user(user)
            .filter(plan_id__in=[plan.pk for plan in plans])
            .values_list("target_id", "unit_id", "figures", "status", "as_of"),
        )
    }
    stale = stale_targets(judged.values(), {t.pk: t.indicator_id for t in all_targets})
    keep = chosen.keeps if chosen is not None and chosen.narrows else None
    outlines = [_outline(plan, judged, stale, keep) for plan in plans]
    described = describe_filter(chosen, outlines) if chosen is not None else None
    rows = [row for outline in outlines for row in _rows_shown(outline)]
    page = Paginator(rows, TARGETS_PER_PAGE).get_page(page_number)
    if page.paginator.num_pages > 1:
        outlines = _only(outlines, {row.target.pk for row in page})
    shown = [row.target.pk for row in page]
    loaded = targets_marked_replaced(
        Target.objects.select_related("indicator__owner", "scope_unit")
    ).in_bulk(shown)
    assessed = {
        judgement.target_id: judgement
        for judgement in Judgement.objects.for_user(user).filter(target_id__in=shown)
    }
    for row in page:
        target = loaded[row.target.pk]
        target.plan = row.target.plan  # prefetched with the plan: no query
        row.target = target
        row.assessment = assessed.get(target.pk)
    latest = latest_observations([row.target for row in page], user)
    for row in page:
        row.latest = latest.get(row.target.pk)
    return TargetList(outlines=outlines, described=described, page=page)


# What the target list reads of every target of a plan, to place, filter and count it.
_LISTED_FIELDS = (
    "plan",
    "section__number",
    "section__title",
    "section__title_en",
    "order",
    "supersedes",
    "indicator__sector",
    "indicator__owner__code",
    "indicator__owner__name",
    "indicator__owner__name_en",
)


def _rows_shown(outline: PlanOutline) -> Iterator[TargetRow]:
    """Yield an outline's rows in the order the page shows them (a section, then its own)."""

    def walk(node: SectionNode) -> Iterator[TargetRow]:
        yield from node.targets
        for child in node.children:
            yield from walk(child)

    for node in outline.sections:
        yield from walk(node)
    yield from outline.unsectioned


def _only(outlines: list[PlanOutline], shown: set[int]) -> list[PlanOutline]:
    """Keep the rows in ``shown``, and the sections and plans that still hold one."""

    def narrow(node: SectionNode) -> None:
        node.targets = [row for row in node.targets if row.target.pk in shown]
        for child in node.children:
            narrow(child)

    kept = []
    for outline in outlines:
        for node in outline.sections:
            narrow(node)
        outline.sections = _pruned(outline.sections)
        outline.unsectioned = [row for row in outline.unsectioned if row.target.pk in shown]
        if outline.sections or outline.unsectioned:
            kept.append(outline)
    return kept


def latest_observations(targets: Iterable[Target], user) -> dict[int, Observation]:
    """Return, by target id, the latest current figure ``user`` may see for each target.

    The figure is the total (no breakdown) of the target's indicator for the target's scope
    unit, or the plan's when the target names none. "Latest" is the period that ends last;
    when two periods end on the same day (2024 and 2024Q4) the longer one wins, since plans
    set yearly targets. A target without an indicator, a unit or a visible figure is left
    out: the page then says there is no data, never shows a made-up value. Two queries, if
    each target's plan is already loaded (prefetched from the plan, or ``select_related``):
    the periods of the targets' series, as plain values, then the latest figure of each.
    """
    keys = {}
    for target in targets:
        unit_id = target.scope_unit_id or target.plan.scope_unit_id
        if target.indicator_id is not None and unit_id is not None:
            keys[target.pk] = (target.indicator_id, unit_id)
    if not keys:
        return {}
    series = Q()
    for indicator_id, unit_id in set(keys.values()):
        series |= Q(indicator_id=indicator_id, unit_id=unit_id)
    periods = (
        Observation.objects.for_user(user)
        .current()
        .filter(series, breakdown="")
        .order_by()
        .values_list("pk", "indicator_id", "unit_id", "period")
    )
    newest: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
    for pk, indicator_id, unit_id, period in periods:
        key = (indicator_id, unit_id)
        recency = _recency_of_text(period)
        known = newest.get(key)
        if known is None or recency > known[0]:
            newest[key] = (recency, pk)
    loaded = Observation.objects.select_related("indicator").in_bulk(
        [pk for _recency, pk in newest.values()]
    )
    return {target_id: loaded[newest[key][1]] for target_id, key in keys.items() if key in newest}


def indicator_commitments(indicator: Indicator, user) -> list[Target]:
    """Return every target on ``indicator`` in the plans ``user`` may see, each revision
    right after the target it replaces (``replaced`` tells which ones no longer stand)."""
    targets = targets_marked_replaced(
        Target.objects.for_user(user)
        .filter(indicator=indicator)
        .select_related("plan__scope_unit", "scope_unit", "indicator")
        .order_by("plan__period_start", "plan__code", "order", "id")
    )
    return _in_revision_order(list(targets))


# Units in the order an indicator page lists them: the province, its districts, its communes.
_LEVEL_ORDER: dict[str, int] = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}


def unit_order(unit: AdminUnit) -> tuple[int, str, int]:
    return (_LEVEL_ORDER.get(unit.level, len(_LEVEL_ORDER)), unit.code, unit.pk)


def indicator_units(indicator: Indicator, user) -> list[AdminUnit]:
    """Return the units with a figure of ``indicator`` that ``user`` may see, in
    ``unit_order`` (one query)."""
    visible = Observation.objects.for_user(user).filter(indicator=indicator)
    return sorted(AdminUnit.objects.filter(pk__in=visible.values("unit")), key=unit_order)


def indicator_series(
    indicator: Indicator,
    user,
    *,
    units: Iterable[AdminUnit] | None = None,
    levels: Iterable[str] | None = None,
    period: str | None = None,
) -> list[UnitSeries]:
    """Return the figures of ``indicator`` that ``user`` may see, current and superseded:
    every one, or only those of ``units``, of units at ``levels``, of ``period``.

    Grouped by unit (in ``unit_order``: the province first), then by period, newest first;
    within a period the current vintage comes first, then older vintages, newest first.
    """
    observations = Observation.objects.for_user(user).filter(indicator=indicator)
    if levels is not None:
        observations = observations.filter(unit__level__in=list(levels))
    if period is not None:
        observations = observations.filter(period=period)
    # Each unit and agency once, not joined to every figure (a national indicator has 33,000
    # figures of 3,300 units and a few agencies).
    if units is not None:
        unit_of = {unit.pk: unit for unit in units}
        observations = observations.filter(unit_id__in=list(unit_of))
    else:
        unit_of = {
            unit.pk: unit for unit in AdminUnit.objects.filter(pk__in=observations.values("unit"))
        }
    agencies = {
        agency.pk: agency for agency in Agency.objects.filter(pk__in=observations.values("agency"))
    }
    by_unit: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations:
        observation.indicator = indicator
        observation.unit = unit_of[observation.unit_id]
        if observation.agency_id is not None:
            observation.agency = agencies[observation.agency_id]
        by_unit[observation.unit_id].append(observation)
    series = []
    for unit_id in sorted(by_unit, key=lambda pk: unit_order(unit_of[pk])):
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
        series.append(UnitSeries(unit=unit_of[unit_id], periods=periods))
    return series


def _outline(
    plan: Plan,
    judged: dict,
    stale: set,
    keep: Callable[[TargetRow], bool] | None = None,
) -> PlanOutline:
    """Return ``plan``'s section tree with its targets (their latest figures are the
    caller's: only a page's are read)."""
    sections = list(plan.sections.all())
    targets = _in_revision_order(list(plan.targets.all()))
    rows_by_section: dict[int | None, list[TargetRow]] = defaultdict(list)
    for target in targets:
        row = TargetRow(target, None, judged.get(target.pk), target.pk in stale)
        if keep is None or keep(row):
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
    if keep is not None:
        roots = _pruned(roots)
    return PlanOutline(plan=plan, sections=roots, unsectioned=rows_by_section.get(None, []))


def _pruned(nodes: list[SectionNode]) -> list[SectionNode]:
    """Leave out the sections with no target of their own nor in their subsections."""
    kept = []
    for node in nodes:
        node.children = _pruned(node.children)
        if node.targets or node.children:
            kept.append(node)
    return kept


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


@functools.lru_cache(maxsize=4096)
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


# --- the leaders' overview ------------------------------------------------------------------

# The statuses a leader must act on, worst first: the overview lists their targets.
ALERT_STATUSES = (Status.REGRESSING, Status.OFF_TRACK, Status.NEEDS_ACCELERATION)
# The overview lists this many of them, the worst first; the rest are a click away (the
# target list by status). A leader reads twenty rows; a province's 3,000 targets are not an
# overview.
ALERT_LIMIT = 20
# A current target with no judgement yet (just created, not re-judged): counted apart.
NOT_JUDGED = "not_judged"
# The ``section`` and ``agency`` filter value of targets outside any section or agency.
NONE_KEY = "none"


@dataclass
class TargetFilter:
    """Which targets a list shows: a plan, and optionally a status, a section, a sector, an
    agency.

    ``section`` is a section id, ``sector`` a ``Sector`` value (the target's indicator's),
    ``agency`` an agency code; each may be ``NONE_KEY``.
    Any filter other than the plan shows only the targets in force (no replaced version),
    as the overview counts them.
    """

    plan: str = ""
    status: str = ""
    section: str = ""
    sector: str = ""
    agency: str = ""

    @classmethod
    def from_query(cls, query) -> "TargetFilter":
        return cls(
            **{
                name: query.get(name, "").strip()
                for name in ("plan", "status", "section", "sector", "agency")
            }
        )

    @property
    def narrows(self) -> bool:
        return bool(self.status or self.section or self.sector or self.agency)

    def url(self, **changes: str) -> str:
        """Return the target list's address for this filter with ``changes`` applied."""
        fields = {
            "plan": self.plan,
            "status": self.status,
            "section": self.section,
            "sector": self.sector,
            "agency": self.agency,
        } | changes
        query = urlencode({name: value for name, value in fields.items() if value})
        return f"{reverse('web:targets')}?{query}" if query else reverse("web:targets")

    def keeps(self, row: TargetRow) -> bool:
        """Tell whether a target row passes this filter (the plan is chosen by the query)."""
        target = row.target
        if not self.narrows:
            return True
        if target.replaced:
            return False
        if self.status and status_of(row.assessment) != self.status:
            return False
        if self.section and section_key(target) != self.section:
            return False
        if self.sector and sector_key(target) != self.sector:
            return False
        return not self.agency or agency_key(target) == self.agency


def status_of(judgement: "Judgement | _JudgementFacts | None") -> str:
    return judgement.status if judgement is not None else NOT_JUDGED


def section_key(target: Target) -> str:
    return str(target.section_id) if target.section_id is not None else NONE_KEY


def sector_key(target: Target) -> str:
    sector = target.indicator.sector if target.indicator is not None else ""
    return sector or NONE_KEY


def sector_names(sector: str) -> tuple[str, str]:
    """Return a sector's name in Vietnamese and English ("" for no sector)."""
    if sector not in Sector.values:
        return "", ""
    label = Sector(sector).label
    with translation.override("vi"):
        vietnamese = str(label)
    with translation.override("en"):
        english = str(label)
    return vietnamese, english


def agency_key(target: Target) -> str:
    owner = target.indicator.owner if target.indicator is not None else None
    return owner.code if owner is not None else NONE_KEY


@dataclass
class StatusCount:
    """How many targets have one status, and the address of their list."""

    status: str
    label: str
    count: int
    url: str


@dataclass
class BreakdownRow:
    """One line of a traffic-light table: a section or an agency, its counts by status.

    ``key`` is the filter value (``NONE_KEY``: no section, no agency; the page names it);
    ``name`` and ``name_en`` are the section's or agency's own names.
    """

    key: str
    name: str
    name_en: str
    total: int
    total_url: str
    cells: list[StatusCount]


@dataclass
class Alert:
    """A target a leader must act on: its judgement, its latest figure, the rate now needed."""

    target: Target
    judgement: Judgement
    latest: Observation | None
    stale: bool
    remaining: tuple[str, str] | None  # ("13,69 %/năm", "2026–2030")


@dataclass
class Overview:
    """What the leaders' overview shows for one plan (``plan_overview``)."""

    plan: Plan
    plans: list[Plan]
    total: int
    counts: list[StatusCount]
    columns: list[StatusCount]  # the statuses present, in order: the tables' columns
    by_section: list[BreakdownRow]
    by_sector: list[BreakdownRow]
    by_agency: list[BreakdownRow]
    alerts: list[Alert]  # the worst ``ALERT_LIMIT`` of them
    acting: list[StatusCount]  # how many of each alert status, linked to the list
    as_of_first: datetime.date | None
    as_of_last: datetime.date | None
    stale: int  # how many judgements are out of date
    list_url: str

    @property
    def acting_total(self) -> int:
        return sum(count.count for count in self.acting)

    def chart_data(self) -> dict:
        """Return the status bar chart's data: the same numbers as the table."""
        return {
            "kind": "status-bar",
            "labels": [count.label for count in self.counts],
            "statuses": [count.status for count in self.counts],
            "values": [count.count for count in self.counts],
            "links": [count.url for count in self.counts],
        }


def status_labels() -> dict[str, str]:
    """Return every status's label in the active language, "not judged yet" last."""
    return {status: str(label) for status, label in Status.choices} | {
        NOT_JUDGED: gettext("Chưa đánh giá")
    }


def default_plan(plans: list[Plan]) -> Plan | None:
    """Return the plan the overview opens on: the master plan in force, else the first."""
    for plan in plans:
        if plan.kind == PlanKind.MASTER_PLAN and plan.status == PlanStatus.IN_FORCE:
            return plan
    for plan in plans:
        if plan.kind == PlanKind.MASTER_PLAN:
            return plan
    return plans[0] if plans else None


@collector_paused()  # as plan_outlines
def plan_overview(user, plan_code: str = "") -> Overview | None:
    """Return the leaders' overview of the plan ``plan_code`` (default: ``default_plan``).

    None when the user may see no plan; ``Plan.DoesNotExist`` for a code the user may not
    see. Counts only the targets in force (a replaced version is not judged). Seven queries
    whatever the size of the plan: plans; its targets and their judgements, as plain values
    (a province holds 3,000 targets: no model is built for a row that is only counted);
    whether these are stale (``stale_targets``, one, or two when a judgement used figures of
    other indicators); the targets to act on that the page shows, with their judgements;
    their latest figures (two, ``latest_observations``).
    """
    plans = list(Plan.objects.for_user(user).select_related("scope_unit"))
    if plan_code:
        plan = next((plan for plan in plans if plan.code == plan_code), None)
        if plan is None:
            raise Plan.DoesNotExist(plan_code)
    else:
        plan = default_plan(plans)
        if plan is None:
            return None
    targets = [
        _TargetFacts(*row)
        for row in Target.objects.for_user(user)
        .current()
        .filter(plan=plan)
        .order_by("section__order", "section_id", "order", "id")
        .values_list(
            "pk",
            "indicator_id",
            "section_id",
            "section__number",
            "section__title",
            "section__title_en",
            "indicator__sector",
            "indicator__owner__code",
            "indicator__owner__name",
            "indicator__owner__name_en",
        )
    ]
    in_force = {target.pk for target in targets}
    judged = {
        row.target_id: row
        for row in map(
            _JudgementFacts._make,
            Judgement.objects.for_user(user)
            .filter(plan=plan)
            .values_list("target_id", "unit_id", "figures", "status", "as_of"),
        )
        if row.target_id in in_force
    }
    stale = stale_targets(judged.values(), {t.pk: t.indicator_id for t in targets})
    labels = status_labels()
    base = TargetFilter(plan=plan.code)

    statuses = [status_of(judged.get(target.pk)) for target in targets]
    tally = Counter(statuses)
    order = [status for status, _label in Status.choices] + [NOT_JUDGED]
    counts = [
        StatusCount(status, labels[status], tally[status], base.url(status=status))
        for status in order
        if status != NOT_JUDGED or tally[status]
    ]
    columns = [count for count in counts if count.count]

    def breakdown(field_name: str, key_of: Callable, names_of: Callable) -> list[BreakdownRow]:
        groups: dict[str, list[int]] = {}
        names: dict[str, tuple[str, str]] = {}
        for index, target in enumerate(targets):
            key = key_of(target)
            groups.setdefault(key, []).append(index)
            if key not in names:
                names[key] = names_of(target)
        rows = []
        for key, members in groups.items():
            here = Counter(statuses[index] for index in members)
            scoped = TargetFilter(plan=plan.code, **{field_name: key})
            rows.append(
                BreakdownRow(
                    key=key,
                    name=names[key][0],
                    name_en=names[key][1],
                    total=len(members),
                    total_url=scoped.url(),
                    cells=[
                        StatusCount(
                            column.status,
                            column.label,
                            here[column.status],
                            scoped.url(status=column.status),
                        )
                        for column in columns
                    ],
                )
            )
        return rows

    by_section = breakdown(
        "section",
        lambda t: str(t.section_id) if t.section_id is not None else NONE_KEY,
        lambda t: _section_title(t.section_number, t.section_title, t.section_title_en),
    )
    sectors = list(Sector.values)
    by_sector = sorted(
        breakdown("sector", lambda t: t.sector or NONE_KEY, lambda t: sector_names(t.sector)),
        key=lambda row: sectors.index(row.key) if row.key in sectors else len(sectors),
    )
    by_agency = sorted(
        breakdown(
            "agency",
            lambda t: t.owner_code or NONE_KEY,
            lambda t: (t.owner_name or "", t.owner_name_en or ""),
        ),
        key=lambda row: (row.key == NONE_KEY, row.name),
    )

    severity: dict[str, int] = {status: rank for rank, status in enumerate(ALERT_STATUSES)}
    acting = sorted(
        (t.pk for t, status in zip(targets, statuses, strict=True) if status in severity),
        key=lambda pk: severity[judged[pk].status],
    )
    shown = acting[:ALERT_LIMIT]
    loaded = Target.objects.select_related(
        "plan", "section", "indicator__owner", "scope_unit", "judgement"
    ).in_bulk(shown)
    shown_targets = [loaded[pk] for pk in shown]
    latest = latest_observations(shown_targets, user)
    language = get_language() or "vi"
    alerts = []
    for target in shown_targets:
        target.replaced = False  # current() keeps only the targets in force
        alerts.append(
            Alert(
                target=target,
                judgement=target.judgement,
                latest=latest.get(target.pk),
                stale=target.pk in stale,
                remaining=remaining_rate_text(_components(target.judgement), language),
            )
        )
    dates = [row.as_of for row in judged.values()]
    return Overview(
        plan=plan,
        plans=plans,
        total=len(targets),
        counts=counts,
        columns=columns,
        by_section=by_section,
        by_sector=by_sector,
        by_agency=by_agency,
        alerts=alerts,
        acting=sorted(
            (count for count in counts if count.status in severity and count.count),
            key=lambda count: severity[count.status],
        ),
        as_of_first=min(dates, default=None),
        as_of_last=max(dates, default=None),
        stale=len(stale),
        list_url=base.url(),
    )


class _TargetFacts(NamedTuple):
    """What the overview counts of a target: its indicator, section and agency."""

    pk: int
    indicator_id: int | None
    section_id: int | None
    section_number: str | None
    section_title: str | None
    section_title_en: str | None
    sector: str | None
    owner_code: str | None
    owner_name: str | None
    owner_name_en: str | None


class _JudgementFacts(NamedTuple):
    """What the overview counts of a judgement, and what ``stale_targets`` reads."""

    target_id: int
    unit_id: int | None
    figures: list
    status: str
    as_of: datetime.date


def _components(judgement: Judgement) -> dict:
    """Return a judgement's components with its own columns, as the engine reads them."""
    components = dict(judgement.components)
    for name in COLUMN_COMPONENTS:
        components[name] = getattr(judgement, name)
    return components


def _section_names(target: Target) -> tuple[str, str]:
    section = target.section
    if section is None:
        return "", ""
    return _section_title(section.number, section.title, section.title_en)


def _section_title(number: str | None, title: str | None, title_en: str | None) -> tuple[str, str]:
    """Return a section's heading in Vietnamese and English ("" where it has none)."""
    if title is None:
        return "", ""
    number = f"{number} " if number else ""
    english = f"{number}{title_en}" if title_en else ""
    return f"{number}{title}", english


def _agency_names(target: Target) -> tuple[str, str]:
    owner = target.indicator.owner if target.indicator is not None else None
    if owner is None:
        return "", ""
    return owner.name, owner.name_en


@dataclass
class FilterSummary:
    """What a narrowed target list shows, in words: how many targets, which filters."""

    count: int
    parts: list[tuple[str, str]]  # (what, value): ("Trạng thái", "Chậm tiến độ")


def describe_filter(chosen: TargetFilter, outlines: list[PlanOutline]) -> FilterSummary | None:
    """Return the filters of a narrowed list and its number of targets; None when not narrowed."""
    if not chosen.narrows:
        return None
    rows: list[TargetRow] = []
    for outline in outlines:
        rows += outline.unsectioned
        pending = list(outline.sections)
        while pending:
            node = pending.pop()
            rows += node.targets
            pending += node.children
    parts = []
    if chosen.status:
        label = status_labels().get(chosen.status, chosen.status)
        parts.append((gettext("Đánh giá"), label))
    if chosen.section:
        names = {section_key(row.target): _section_names(row.target) for row in rows}
        name = names.get(chosen.section, ("", ""))
        parts.append(
            (gettext("Mục"), _in_language(name) or gettext("Chỉ tiêu chưa gắn với mục nào"))
        )
    if chosen.sector:
        parts.append(
            (
                gettext("Lĩnh vực"),
                _in_language(sector_names(chosen.sector)) or gettext("Chưa xếp lĩnh vực"),
            )
        )
    if chosen.agency:
        names = {agency_key(row.target): _agency_names(row.target) for row in rows}
        name = names.get(chosen.agency, ("", ""))
        parts.append(
            (
                gettext("Cơ quan chủ trì"),
                _in_language(name) or gettext("Chưa phân công cơ quan chủ trì"),
            )
        )
    return FilterSummary(count=len(rows), parts=parts)


def _in_language(names: tuple[str, str]) -> str:
    vietnamese, english = names
    if english and (get_language() or "").startswith("en"):
        return english
    return vietnamese


# --- the indicator page's chart -------------------------------------------------------------

# The order of the figure statuses in the chart's legend: most final first.
_FIGURE_STATUS_ORDER = ("official", "preliminary", "estimate", "derived")
# Targets drawn as a line over their years; a level target is a point at its target year.
_LINE_KINDS = (TargetKind.MAINTAIN, TargetKind.AVERAGE_GROWTH)


@dataclass
class ChartFigure:
    """One yearly figure of the chart: the current vintage of the total."""

    year: int
    observation: Observation


@dataclass
class TargetLine:
    """One plan's target drawn on the chart: a line over its years, or a point; or, for a
    judged level target, the path required from its base year or the projection of the
    rate achieved so far (``kind``: "target", "required", "projection")."""

    target: Target
    label: str
    points: dict[int, Decimal]  # year → value
    kind: str = "target"

    @property
    def heading(self) -> str:
        if self.kind == "target":
            return gettext("Chỉ tiêu: %(label)s") % {"label": self.label}
        return self.label


@dataclass
class YearRow:
    """One row of the chart's table: a year, its figure, each target line's value."""

    year: int
    figure: Observation | None
    targets: list[Decimal | None]


@dataclass
class IndicatorChart:
    """The figures of one unit over the years and the plans' targets, for chart and table."""

    unit: AdminUnit
    figures: list[ChartFigure]
    lines: list[TargetLine]
    rows: list[YearRow]

    def data(self, indicator: Indicator) -> dict:
        """Return the chart's data (json_script): the same numbers as ``rows``."""
        labels = dict(FigureStatus.choices)
        present = {figure.observation.status for figure in self.figures}
        return {
            "kind": "indicator-series",
            "unit": unit_text(indicator.unit),
            "years": [str(row.year) for row in self.rows],
            "figures": [
                {
                    "year": str(figure.year),
                    "value": float(figure.observation.value),
                    "status": figure.observation.status,
                }
                for figure in self.figures
            ],
            "statuses": [
                {"key": status, "label": str(labels[status])}
                for status in _FIGURE_STATUS_ORDER
                if status in present
            ],
            "targets": [
                {
                    "label": line.label,
                    "kind": line.kind,
                    "points": [[str(year), float(value)] for year, value in line.points.items()],
                }
                for line in self.lines
            ],
            "labels": {"figures": gettext("Số liệu")},
        }


def targets_unit(targets: Iterable[Target]) -> AdminUnit | None:
    """Return the unit the first of ``targets`` is set for (its own, or its plan's)."""
    for target in targets:
        unit = target.scope_unit or target.plan.scope_unit
        if unit is not None:
            return unit
    return None


def indicator_chart(
    indicator: Indicator,
    targets: list[Target],
    series: list[UnitSeries],
    describe: Callable,
    judgements: dict[int, Judgement] | None = None,
) -> IndicatorChart | None:
    """Return the chart of ``indicator`` from what its page already read (no query).

    The unit is the one the plans' targets are set for (the first target's), else the first
    unit with figures (the province comes first). The figures are the current vintages of
    the yearly totals. Each target in force whose value is on the indicator's own scale is
    drawn: a level at its target year, a level kept every year (``maintain``) or a published
    growth rate (``average_growth`` measured on the growth rate) over its years. A target on
    another scale (growth of a level, a yearly change) is not drawn; the commitments table
    above the chart lists it. ``describe`` writes a target's value ("≥ 9,72 %/năm").
    None when there is nothing to draw.
    """
    standing = [target for target in targets if not target.replaced]
    unit = targets_unit(standing)
    by_unit = {unit_series.unit.pk: unit_series for unit_series in series}
    if unit is None or (unit.pk not in by_unit and series):
        unit = series[0].unit if series else unit
    if unit is None:
        return None
    figures = []
    for group in by_unit[unit.pk].periods if unit.pk in by_unit else []:
        current = next((obs for obs in group.vintages if obs.is_current), None)
        if group.breakdown or current is None or not _is_year(group.period):
            continue
        figures.append(ChartFigure(int(group.period), current))
    figures.sort(key=lambda figure: figure.year)
    lines = []
    for target in standing:
        if target.value is None or (target.scope_unit_id or target.plan.scope_unit_id) != unit.pk:
            continue
        drawn_over_years = target.kind in _LINE_KINDS and (
            target.kind == TargetKind.MAINTAIN or target.measure == SeriesMeasure.GROWTH_RATE
        )
        if target.kind != TargetKind.LEVEL and not drawn_over_years:
            continue
        first = target.start_year or target.plan.period_start
        line_years = (
            range(first, target.target_year + 1) if drawn_over_years else [target.target_year]
        )
        label = f"{target.plan.get_kind_display()} {_plan_years(target.plan)}: {describe(target)}"
        lines.append(TargetLine(target, label, {year: target.value for year in line_years}))
        judgement = (judgements or {}).get(target.pk)
        # A level of the indicator itself (not a growth rate to reach in a year) has a path.
        if (
            target.kind == TargetKind.LEVEL
            and judgement is not None
            and not judgement.method.endswith("rate_level")
        ):
            lines += _paths(target, judgement, _plan_years(target.plan))
    if not figures and not lines:
        return None
    years = {figure.year for figure in figures} | {y for line in lines for y in line.points}
    by_year = {figure.year: figure.observation for figure in figures}
    rows = [
        YearRow(year, by_year.get(year), [line.points.get(year) for line in lines])
        for year in range(min(years), max(years) + 1)
    ]
    return IndicatorChart(unit=unit, figures=figures, lines=lines, rows=rows)


def _paths(target: Target, judgement: Judgement, years: str) -> list[TargetLine]:
    """Return the path a level target required from its base year, and where the rate
    achieved so far leads by the target year; none when the judgement lacks the numbers."""
    c = judgement.components
    try:
        base_year, base = int(c["base_year"]), float(c["base_value"])
        latest_year, latest = int(c["latest_year"]), float(c["latest_value"])
        goal, end = float(c["target_value"]), int(c["target_year"])
    except (KeyError, TypeError, ValueError):
        return []
    compound = bool(c.get("compound")) and base > 0 and goal > 0
    if end <= base_year:
        return []

    def along(start_year: int, start: float, rate_of_year) -> dict[int, Decimal]:
        return {
            year: Decimal(str(round(rate_of_year(year - start_year, start), 6)))
            for year in range(start_year, end + 1)
        }

    span = end - base_year
    if compound:
        step = (goal / base) ** (1 / span)
        required = along(base_year, base, lambda n, v: v * step**n)
    else:
        required = along(base_year, base, lambda n, v: v + (goal - base) * n / span)
    lines = [
        TargetLine(
            target, gettext("Lộ trình cần đạt (%(years)s)") % {"years": years}, required, "required"
        )
    ]
    rate = judgement.actual_rate
    if rate is not None and latest_year < end:
        if compound:
            projected = along(latest_year, latest, lambda n, v: v * (1 + rate / 100) ** n)
        else:
            projected = along(latest_year, latest, lambda n, v: v + rate * n)
        lines.append(
            TargetLine(
                target,
                gettext("Dự báo theo tốc độ đã đạt (%(years)s)") % {"years": years},
                projected,
                "projection",
            )
        )
    return lines


def _is_year(period: str) -> bool:
    return len(period) == 4 and period.isdigit()


def _plan_years(plan: Plan) -> str:
    if plan.period_start == plan.period_end:
        return str(plan.period_start)
    return f"{plan.period_start}–{plan.period_end}"
