"""The evaluation report's query part: what the data says, in plain types, ready to write.

``build_content`` reads a plan's targets judged on the figures known at the as-of date
(``progress.assess.assess_plan``: the vintage known then, never one published later), its
tasks, reporting rounds and priority projects, and fills the outline's wording
(``reports.outline``). The formatters (``reports.formats``) only lay the content out, so the
DOCX, the XLSX, the PDF and the publication package say the same thing, and two builds on the
same data say it identically.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import override

from plantrack.investment.choices import PipelineStatus
from plantrack.investment.models import Project
from plantrack.observations.models import Observation, ReportingRound, RoundObligation
from plantrack.observations.rounds import round_progress
from plantrack.plans.choices import Direction, PlanKind, SeriesMeasure, TargetKind, ValueType
from plantrack.plans.models import Plan, Target
from plantrack.progress import engine
from plantrack.progress.assess import TargetResult, assess_plan
from plantrack.reports.choices import ReportKind
from plantrack.reports.outline import Outline, fill, load_outline
from plantrack.reports.sources import Source, resolve_sources
from plantrack.tabular.formatting import number_text
from plantrack.tabular.numbers import format_rounded
from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import Task
from plantrack.workplan.scorecards import agency_scorecard

# The statuses section IV explains and section V may propose to adjust.
BEHIND = (engine.OFF_TRACK, engine.NEEDS_ACCELERATION, engine.REGRESSING)
PROJECT_GROUPS = {
    "under_way": (PipelineStatus.UNDER_CONSTRUCTION, PipelineStatus.SUSPENDED),
    "in_operation": (PipelineStatus.IN_OPERATION,),
    "not_started": (
        PipelineStatus.PROPOSED,
        PipelineStatus.POLICY_APPROVED,
        PipelineStatus.INVESTOR_SELECTED,
        PipelineStatus.CANCELLED,
    ),
}
COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "khoảng", "=": "="}
COMPARATOR_TEXT_EN = {**COMPARATOR_TEXT, "~": "about"}


@dataclass
class FigureRef:
    """One figure the report cites, as its appendix row shows it."""

    number: int
    observation_id: int
    version: int
    indicator: str
    period: str
    value: str
    unit: str
    status: str
    status_word: str
    vintage: str
    published_on: str
    source: Source


@dataclass
class TargetLine:
    """One target of the plan: its row in table 1 and what sections IV and V say of it."""

    number: int
    target_id: int
    section: str
    phrase: str
    indicator: str
    unit: str
    baseline: str
    goal: str
    latest: str
    latest_status: str
    status: str
    status_label: str
    actual_vs_required: str
    remaining: str
    explanation: str
    by_year: dict[int, str] = field(default_factory=dict)
    refs: list[int] = field(default_factory=list)
    latest_ref: int | None = None
    others: list[tuple[str, str]] = field(default_factory=list)  # (plan title, phrase)
    illustrative: bool = False


@dataclass
class SectionGroup:
    title: str
    rows: list[TargetLine]


@dataclass
class AgencyLine:
    agency: str
    assigned: int
    completed: int
    on_time: int
    late: int
    overdue: int
    on_time_rate: str


@dataclass
class TaskLine:
    code: str
    title: str
    agency: str
    deadline: str
    status: str
    overdue: bool
    illustrative: str


@dataclass
class RoundLine:
    title: str
    period: str
    deadline: str
    on_time: str
    late: str
    missing: str


@dataclass
class ProjectLine:
    code: str
    name: str
    status: str
    planned: str
    allocated: str
    disbursed: str
    rate: str
    note: str
    source: str
    group: str


@dataclass
class ProjectGroup:
    key: str
    title: str
    by_source: list[tuple[str, list[ProjectLine], list[str]]]  # (source, lines, totals)


@dataclass
class Chart:
    """A key indicator's series and its target line; ``reports.charts`` draws it."""

    number: int
    caption: str
    indicator: str
    unit: str
    points: list[tuple[int, float, str]]  # (year, value, figure status)
    target_value: float | None
    target_year: int
    flat_target: bool  # a rate to keep every year (a horizontal line), not a level to reach
    base: tuple[int, float] | None
    labels: dict[str, str]


@dataclass
class ReportContent:
    """Everything a formatter writes, already worded and formatted in the report's language."""

    language: str
    plan_code: str
    as_of: datetime.date
    kind: str
    year: int | None
    outline: Outline
    head: dict[str, Any]
    sections: list[str]
    organisation: dict[str, Any]
    results: dict[str, Any]
    groups: list[SectionGroup]
    years: list[int]
    charts: list[Chart]
    projects: dict[str, Any]
    project_groups: list[ProjectGroup]
    factors: list[str]
    adjustments: list[str]
    figures: list[FigureRef]
    illustrative: bool
    tasks: list[TaskLine]

    @property
    def targets(self) -> list[TargetLine]:
        return [row for group in self.groups for row in group.rows]

    def figures_used(self) -> list[dict[str, Any]]:
        """Return the figures cited, as the run stores them (``ReportRun.figures``)."""
        return [
            {
                "ref": f.number,
                "observation": f.observation_id,
                "version": f.version,
                "indicator": f.indicator,
                "period": f.period,
                "value": f.value,
                "status": f.status,
                "published_on": f.published_on,
            }
            for f in self.figures
        ]

    def digest(self) -> str:
        """Return a SHA-256 of the content: two builds on the same data give the same one."""
        data = {
            "head": self.head,
            "organisation": self.organisation,
            "results": self.results,
            "groups": [asdict(g) for g in self.groups],
            "projects": self.projects,
            "project_groups": [asdict(g) for g in self.project_groups],
            "factors": self.factors,
            "adjustments": self.adjustments,
            "figures": [asdict(f) for f in self.figures],
        }
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_content(
    plan: Plan,
    *,
    as_of: datetime.date,
    kind: str = ReportKind.ANNUAL,
    year: int | None = None,
    language: str = "vi",
) -> ReportContent:
    """Return the report's content for ``plan`` on the figures known ``as_of``.

    ``year`` (an annual report's year) narrows the capital of section III to that year; the
    targets are always judged over the plan's period up to the as-of date.
    """
    outline = load_outline(language)
    with override(language):
        return _Builder(plan, as_of, ReportKind(kind), year, outline).build()


class _Builder:
    def __init__(
        self, plan: Plan, as_of: datetime.date, kind: ReportKind, year: int | None, outline: Outline
    ) -> None:
        self.plan = plan
        self.as_of = as_of
        self.kind = kind
        self.year = year
        self.outline = outline
        self.language = outline.language
        self.locale = "en" if self.language == "en" else "vi"
        self.figures: dict[int, FigureRef] = {}
        self.illustrative = False

    # --- the whole ------------------------------------------------------------------------

    def build(self) -> ReportContent:
        assessed = assess_plan(self.plan, as_of=self.as_of, save=False)
        results = assessed.results
        self._cite(results)
        groups, lines = self._targets(results)
        tasks, organisation = self._organisation()
        project_groups, projects = self._projects()
        values = self._values(lines, organisation, projects)
        head: dict[str, Any] = {
            key: self.outline.text(key, **values)
            for key in (
                "issuer",
                "number",
                "motto",
                "motto_sub",
                "place_date",
                "title",
                "subtitle",
                "subtitle_2",
                "draft_mark",
            )
        }
        head["preamble"] = [
            _fill_line(line, values, self.outline) for line in self.outline.raw("preamble")
        ]
        organisation["text"] = (
            self.outline.text("organisation.implementation_text", **values)
            if organisation["tasks_total"]
            else self.outline.text("organisation.no_tasks")
        )
        organisation["no_rounds"] = self.outline.text("organisation.no_rounds", **values)
        results_text = {
            "intro": self.outline.text("results.intro", **values),
            "no_others": self.outline.text("results.no_others"),
        }
        projects["intro"] = self.outline.text("projects.intro", **values)
        return ReportContent(
            language=self.language,
            plan_code=self.plan.code,
            as_of=self.as_of,
            kind=self.kind,
            year=self.year,
            outline=self.outline,
            head=head,
            sections=self.outline.sections,
            organisation=organisation,
            results=results_text,
            groups=groups,
            years=sorted({y for line in lines for y in line.by_year}),
            charts=self._charts(results, lines),
            projects=projects,
            project_groups=project_groups,
            factors=self._factors(lines, values),
            adjustments=self._adjustments(results, lines),
            figures=sorted(self.figures.values(), key=lambda f: f.number),
            illustrative=self.illustrative,
            tasks=tasks,
        )

    def _values(
        self, lines: list[TargetLine], organisation: dict[str, Any], projects: dict[str, Any]
    ) -> dict[str, object]:
        plan = self.plan
        unit = plan.scope_unit
        province = unit.name if unit is not None else ""
        counts: dict[str, int] = defaultdict(int)
        for line in lines:
            counts[line.status_label] += 1
        summary = "; ".join(f"{label} {n}" for label, n in counts.items())
        decision = plan.decision
        if plan.decision_date:
            decision_text = (
                f"{decision} of {plan.decision_date:%d/%m/%Y}"
                if self.language == "en"
                else f"Quyết định số {decision} ngày {plan.decision_date:%d/%m/%Y}"
            )
        else:
            decision_text = decision
        if plan.issuer:
            decision_text += (
                f" ({plan.issuer})" if self.language == "en" else f" của {_issuer(plan.issuer)}"
            )
        issuing_body = (
            f"The People's Committee of {province}"
            if self.language == "en"
            else f"Ủy ban nhân dân {_lower_first(province)}"
        )
        return {
            "plan_title": plan.title_en if self.language == "en" and plan.title_en else plan.title,
            "plan_code": plan.code,
            "plan_decision": decision_text,
            "province": province,
            "province_upper": province.upper(),
            "place": _place(province),
            "issuing_body": issuing_body,
            "as_of": self._date(self.as_of),
            "report_year": self.year or self.as_of.year,
            "kind_label": self.outline.text(f"kinds.{self.kind}"),
            "targets_total": len(lines),
            "status_summary": summary or "—",
            "tasks_total": organisation["tasks_total"],
            "tasks_done": organisation["tasks_done"],
            "tasks_overdue": organisation["tasks_overdue"],
            "agencies_total": len(organisation["agencies"]),
            "projects_total": projects["total"],
            "projects_under_way": projects["under_way"],
            "projects_in_operation": projects["in_operation"],
            "projects_not_started": projects["not_started"],
        }

    # --- figures and their sources --------------------------------------------------------

    def _cite(self, results: list[TargetResult]) -> None:
        """Number every observation the judgements used, in the order of the targets."""
        ids: list[int] = []
        for result in results:
            for _year, _value, origin in result.series:
                kind, _sep, figure_id = origin.partition(":")
                if kind == "observation" and int(figure_id) not in ids:
                    ids.append(int(figure_id))
        if not ids:
            return
        rows = {
            o.pk: o
            for o in Observation.objects.filter(pk__in=ids).select_related("indicator", "unit")
        }
        vintages = self._vintages(rows.values())
        sources = resolve_sources(o.source for o in rows.values())
        words = self.outline.raw("figure_status")
        for number, pk in enumerate(ids, start=1):
            o = rows[pk]
            rank, count = vintages[pk]
            published = self._date(o.published_on) if o.published_on else ""
            key = "appendix.vintage" if published else "appendix.vintage_unknown_date"
            self.figures[pk] = FigureRef(
                number=number,
                observation_id=pk,
                version=o.version,
                indicator=self._indicator_name(o.indicator),
                period=o.period,
                value=number_text(o.value),
                unit=o.indicator.unit,
                status=o.status,
                status_word=words.get(o.status, o.status),
                vintage=self.outline.text(key, number=rank, count=count, published_on=published),
                published_on=o.published_on.isoformat() if o.published_on else "",
                source=sources[o.source],
            )

    def _vintages(self, observations: Any) -> dict[int, tuple[int, int]]:
        """Return each figure's vintage among those of its key known at the as-of date:
        (its rank, how many were known), oldest first. Later vintages are not counted, so a
        report as of a past date reads the same whenever it is made."""
        observations = list(observations)
        keys = {(o.indicator_id, o.unit_id, o.period) for o in observations}
        rows = Observation.objects.filter(
            indicator_id__in={k[0] for k in keys},
            unit_id__in={k[1] for k in keys},
            period__in={k[2] for k in keys},
            breakdown="",
        ).values_list("pk", "indicator_id", "unit_id", "period", "published_on", "supersedes_id")
        chains: dict[tuple[int, int, str], list[tuple[datetime.date, int]]] = defaultdict(list)
        for pk, indicator_id, unit_id, period, published_on, _previous in rows:
            key = (indicator_id, unit_id, period)
            if key not in keys:
                continue
            known = published_on or _period_end(period)
            if known <= self.as_of:
                chains[key].append((known, pk))
        found = {}
        for o in observations:
            chain = sorted(chains[(o.indicator_id, o.unit_id, o.period)])
            ids = [pk for _known, pk in chain]
            rank = ids.index(o.pk) + 1 if o.pk in ids else len(ids) + 1
            found[o.pk] = (rank, max(len(ids), rank))
        return found

    # --- II. targets ----------------------------------------------------------------------

    def _targets(self, results: list[TargetResult]) -> tuple[list[SectionGroup], list[TargetLine]]:
        others = self._other_plans([r.target for r in results])
        groups: dict[str, list[TargetLine]] = {}
        lines = []
        status_names = engine.STATUS_EN if self.language == "en" else engine.STATUS_VI
        for number, result in enumerate(results, start=1):
            target, judgement = result.target, result.assessment
            components = judgement.components
            refs = [
                self.figures[int(origin.split(":")[1])].number
                for _y, _v, origin in result.series
                if origin.startswith("observation:")
            ]
            by_year = {}
            for year, value, origin in result.series:
                text = self._value(value, target)
                if origin.startswith("observation:"):
                    text += f" [{self.figures[int(origin.split(':')[1])].number}]"
                by_year[year] = text
            latest = latest_status = ""
            latest_ref = None
            if result.series:
                year, value, origin = result.series[-1]
                latest = f"{self._value(value, target)} ({year})"
                if origin.startswith("observation:"):
                    ref = self.figures[int(origin.split(":")[1])]
                    latest_ref = ref.number
                    latest += f" [{ref.number}]"
                    latest_status = ref.status_word
            actual, required = judgement.actual_rate, judgement.required_rate
            versus = ""
            if actual is not None and required is not None:
                unit = engine.rate_unit(components, self.language)
                versus = f"{self._rate(actual)} / {self._rate(required)} {unit}"
            remaining = engine.remaining_rate_text(components, self.language)
            indicator = target.indicator
            section = self._section_title(target)
            line = TargetLine(
                number=number,
                target_id=target.pk,
                section=section,
                phrase=target.phrase,
                indicator=self._indicator_name(indicator) if indicator else "",
                unit=target.unit or (indicator.unit if indicator else ""),
                baseline=self._baseline(target, result),
                goal=self._goal(target),
                latest=latest or self.outline.text("results.no_data"),
                latest_status=latest_status,
                status=judgement.status,
                status_label=status_names[judgement.status],
                actual_vs_required=versus,
                remaining=f"{remaining[0]} ({remaining[1]})" if remaining else "",
                explanation=engine.explain(components, self.language),
                by_year=by_year,
                refs=refs,
                latest_ref=latest_ref,
                others=others.get(target.indicator_id or 0, []),
                illustrative=bool(indicator and indicator.owner_is_illustrative),
            )
            groups.setdefault(section, []).append(line)
            lines.append(line)
        return [SectionGroup(title, rows) for title, rows in groups.items()], lines

    def _other_plans(self, targets: list[Target]) -> dict[int, list[tuple[str, str]]]:
        """The five-year and annual plans' targets in force on the same indicators."""
        indicator_ids = {t.indicator_id for t in targets if t.indicator_id}
        rows = (
            Target.objects.current()
            .filter(
                indicator_id__in=indicator_ids,
                plan__kind__in=[PlanKind.FIVE_YEAR_PLAN, PlanKind.ANNUAL_PLAN],
            )
            .exclude(plan=self.plan)
            .select_related("plan")
            .order_by("plan__period_start", "plan__code", "order", "id")
        )
        found: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for row in rows:
            found[row.indicator_id or 0].append((row.plan.code, row.phrase))
        return found

    def _section_title(self, target: Target) -> str:
        section = target.section
        if section is None:
            return self.outline.text("results.no_section")
        title = section.title_en if self.language == "en" and section.title_en else section.title
        return f"{section.number}. {title}" if section.number else title

    def _baseline(self, target: Target, result: TargetResult) -> str:
        if target.baseline_value is not None and target.baseline_year:
            return f"{number_text(target.baseline_value)} ({target.baseline_year})"
        start = target.start_year or target.plan.period_start
        for year, value, _origin in result.series:
            if year == start - 1:
                return f"{self._value(value, target)} ({year})"
        return ""

    def _goal(self, target: Target) -> str:
        if target.kind == TargetKind.QUALITATIVE or target.value is None:
            return target.phrase if len(target.phrase) < 80 else ""
        words = COMPARATOR_TEXT_EN if self.language == "en" else COMPARATOR_TEXT
        text = f"{words.get(target.comparator, target.comparator)} {number_text(target.value)}"
        if target.upper_value is not None:
            text = f"{number_text(target.value)}–{number_text(target.upper_value)}"
        unit = target.unit or (target.indicator.unit if target.indicator else "")
        if unit:
            text += f" {unit}"
        years = (
            f"{target.start_year}–{target.target_year}"
            if target.start_year and target.kind != TargetKind.LEVEL
            else f"{target.target_year}"
        )
        return f"{text} ({years})"

    def _value(self, value: float, target: Target) -> str:
        decimals = target.indicator.decimals if target.indicator else 2
        return format_rounded(value, self.locale, decimals)

    def _rate(self, value: float) -> str:
        return format_rounded(value, self.locale, 2)

    def _indicator_name(self, indicator: Any) -> str:
        if self.language == "en" and indicator.name_en:
            return str(indicator.name_en)
        return str(indicator.name)

    def _date(self, day: datetime.date) -> str:
        return f"{day:%d/%m/%Y}"

    # --- charts ---------------------------------------------------------------------------

    def _charts(self, results: list[TargetResult], lines: list[TargetLine]) -> list[Chart]:
        charts: list[Chart] = []
        labels = {
            "target": self.outline.text("results.chart_target"),
            "path": self.outline.text("results.chart_path"),
            "figures": self.outline.text("results.chart_figures"),
        }
        statuses = {ref.observation_id: ref.status for ref in self.figures.values()}
        for result, line in zip(results, lines, strict=True):
            target = result.target
            if target.kind == TargetKind.QUALITATIVE or len(result.series) < 2:
                continue
            if target.value is None or len(charts) >= self.outline.max_charts:
                continue
            points = [
                (
                    year,
                    value,
                    statuses.get(int(origin.split(":")[1]), "")
                    if origin.startswith("observation:")
                    else "derived",
                )
                for year, value, origin in result.series
            ]
            flat = target.kind in (TargetKind.AVERAGE_GROWTH, TargetKind.MAINTAIN) and (
                target.measure == SeriesMeasure.GROWTH_RATE
                or (target.indicator is not None and target.indicator.value_type == ValueType.RATE)
                or target.kind == TargetKind.MAINTAIN
            )
            base = None
            if target.kind == TargetKind.LEVEL:
                start = (target.start_year or target.plan.period_start) - 1
                base = next(((y, v) for y, v, _o in result.series if y == start), None)
            if not flat and target.kind not in (TargetKind.LEVEL,):
                continue  # a cumulative or yearly-change target has no line of its own
            number = len(charts) + 1
            charts.append(
                Chart(
                    number=number,
                    caption=self.outline.text(
                        "results.chart_caption",
                        number=number,
                        indicator=line.indicator,
                        unit=line.unit,
                    ),
                    indicator=line.indicator,
                    unit=line.unit,
                    points=points,
                    target_value=float(target.value),
                    target_year=target.target_year,
                    flat_target=flat,
                    base=base,
                    labels=labels,
                )
            )
        return charts

    # --- I. organisation ------------------------------------------------------------------

    def _organisation(self) -> tuple[list[TaskLine], dict[str, Any]]:
        tasks = Task.objects.filter(plan=self.plan)
        scores = agency_scorecard(tasks, self.as_of)
        agencies = [
            AgencyLine(
                agency=score.agency,
                assigned=score.tasks,
                completed=score.completed_on_time + score.completed_late,
                on_time=score.completed_on_time,
                late=score.completed_late,
                overdue=score.overdue,
                on_time_rate=(
                    f"{format_rounded(score.on_time_rate, self.locale, 1)} %"
                    if score.on_time_rate is not None
                    else "—"
                ),
            )
            for score in scores
        ]
        illustrative_word = self.outline.text("illustrative")
        task_lines = []
        done = 0
        for task in tasks.select_related("lead_agency").order_by("deadline", "code"):
            closed = task.status == TaskStatus.COMPLETED and (
                task.completed_on is None or task.completed_on <= self.as_of
            )
            done += closed
            marked = [f for f in ("lead_agency", "deadline", "status") if task.is_illustrative(f)]
            self.illustrative |= bool(marked)
            task_lines.append(
                TaskLine(
                    code=task.code,
                    title=task.title,
                    agency=task.lead_agency.name if task.lead_agency else "",
                    deadline=self._date(task.deadline) if task.deadline else "",
                    status=str(TaskStatus(task.status).label),
                    overdue=task.deadline_state(self.as_of) == "overdue",
                    illustrative=f"({illustrative_word})" if marked else "",
                )
            )
        organisation = {
            "tasks_total": len(task_lines),
            "tasks_done": done,
            "tasks_overdue": sum(1 for t in task_lines if t.overdue),
            "agencies": [asdict(a) for a in agencies],
            "overdue": [asdict(t) for t in task_lines if t.overdue],
            "rounds": [asdict(r) for r in self._rounds()],
        }
        return task_lines, organisation

    def _rounds(self) -> list[RoundLine]:
        indicators = Target.objects.filter(plan=self.plan).values("indicator_id")
        owed = RoundObligation.objects.filter(indicator_id__in=indicators)
        rounds = ReportingRound.objects.filter(
            pk__in=owed.values("round_id"), deadline__lte=self.as_of
        ).order_by("deadline", "pk")
        lines = []
        for progress in round_progress(rounds, as_of=self.as_of, obligations=owed):
            on_time, late, missing = [], [], []
            for agency in progress.agencies:
                if agency.overdue or agency.never:
                    missing.append(agency.agency.name)
                elif agency.late:
                    late.append(agency.agency.name)
                else:
                    on_time.append(agency.agency.name)
            lines.append(
                RoundLine(
                    title=progress.round.title,
                    period=progress.round.period,
                    deadline=self._date(progress.round.deadline),
                    on_time="; ".join(on_time),
                    late="; ".join(late),
                    missing="; ".join(missing),
                )
            )
        return lines

    # --- III. projects --------------------------------------------------------------------

    def _projects(self) -> tuple[list[ProjectGroup], dict[str, Any]]:
        projects = (
            Project.objects.filter(plan=self.plan)
            .prefetch_related("capital_sources", "finances", "updates")
            .order_by("code")
        )
        lines: dict[str, dict[str, list[ProjectLine]]] = {k: {} for k in PROJECT_GROUPS}
        group_of = {status: key for key, statuses in PROJECT_GROUPS.items() for status in statuses}
        illustrative_word = self.outline.text("illustrative")
        for project in projects:
            key = group_of.get(PipelineStatus(project.status), "not_started")
            sources = sorted({str(s.get_kind_display()) for s in project.capital_sources.all()})
            source = ", ".join(sources) or str(project.get_kind_display())
            finances = [
                f
                for f in project.finances.all()
                if (f.year == self.year if self.year else f.year <= self.as_of.year)
            ]
            planned = _sum(f.planned for f in finances)
            allocated = _sum(f.allocated for f in finances)
            disbursed = _sum(f.disbursed for f in finances)
            updates = [u for u in project.updates.all() if u.date <= self.as_of]
            note = project.note
            if updates:
                last = max(updates, key=lambda u: (u.date, u.pk))
                note = f"{note} {self._date(last.date)}: {last.text}".strip()
            status = str(project.get_status_display())
            if project.illustrative_fields:
                self.illustrative = True
                status += (
                    f" ({illustrative_word})" if "status" in project.illustrative_fields else ""
                )
            lines[key].setdefault(source, []).append(
                ProjectLine(
                    code=project.code,
                    name=project.name,
                    status=status,
                    planned=self._money(planned),
                    allocated=self._money(allocated),
                    disbursed=self._money(disbursed),
                    rate=self._share(disbursed, allocated),
                    note=note,
                    source=source,
                    group=key,
                )
            )
        groups = []
        for key, by_source in lines.items():
            rows: list[tuple[str, list[ProjectLine], list[str]]] = []
            for source, items in sorted(by_source.items()):
                rows.append((source, items, []))
            groups.append(ProjectGroup(key, self.outline.text(f"projects.groups.{key}"), rows))
        counts = {key: sum(len(v) for v in lines[key].values()) for key in PROJECT_GROUPS}
        return groups, {"total": sum(counts.values()), **counts}

    def _money(self, amount: Decimal | None) -> str:
        return number_text(amount) if amount is not None else "—"

    def _share(self, part: Decimal | None, whole: Decimal | None) -> str:
        if part is None or not whole:
            return "—"
        return f"{format_rounded(float(part / whole * 100), self.locale, 1)} %"

    # --- IV and V: drafted from the data --------------------------------------------------

    def _factors(self, lines: list[TargetLine], values: dict[str, object]) -> list[str]:
        found = []
        for line in lines:
            if line.status not in BEHIND:
                continue
            found.append(
                self.outline.text(
                    "factors.paragraph",
                    phrase=line.phrase,
                    explanation=line.explanation,
                    latest=f"{line.latest}, {line.latest_status}"
                    if line.latest_status
                    else line.latest,
                )
            )
        return found

    def _adjustments(self, results: list[TargetResult], lines: list[TargetLine]) -> list[str]:
        found = []
        for result, line in zip(results, lines, strict=True):
            judgement = result.assessment
            remaining = judgement.required_rate_remaining
            if remaining is None or judgement.status == engine.ACHIEVED:
                continue
            best = highest_yearly_rate(result)
            if best is None:
                continue
            best_year, best_rate = best
            beyond = remaining < best_rate if remaining < 0 else remaining > best_rate
            if not beyond:
                continue
            text = engine.remaining_rate_text(judgement.components, self.language)
            if text is None:
                continue
            unit = engine.rate_unit(judgement.components, self.language)
            found.append(
                self.outline.text(
                    "solutions.adjustment",
                    phrase=line.phrase,
                    span=text[1],
                    required=text[0],
                    best=f"{self._rate(best_rate)} {unit}",
                    best_year=best_year,
                )
            )
        return found


def highest_yearly_rate(result: TargetResult) -> tuple[int, float] | None:
    """Return (year, rate) of the best yearly rate the indicator has reached, in the target's
    terms: the figure itself for a growth-rate series, the growth over the year before for a
    level (%), the change over the year before for a yearly-change target. "Best" is the
    highest, or the lowest when the target asks for a fall. None for a cumulative or a
    qualitative target, or a series with no two consecutive years."""
    target = result.target
    if target.kind in (TargetKind.CUMULATIVE, TargetKind.QUALITATIVE, TargetKind.MAINTAIN):
        return None
    points = [(year, value) for year, value, _origin in result.series]
    rates: list[tuple[int, float]] = []
    growth_series = target.measure == SeriesMeasure.GROWTH_RATE or (
        not target.measure
        and target.indicator is not None
        and target.indicator.value_type == ValueType.RATE
    )
    if growth_series:
        rates = points
    else:
        for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
            if y1 != y0 + 1:
                continue
            if target.kind == TargetKind.ANNUAL_CHANGE:
                rates.append((y1, v1 - v0))
            elif v0 > 0:
                rates.append((y1, (v1 / v0 - 1) * 100))
    if not rates:
        return None
    falling = target.indicator is not None and target.indicator.direction == Direction.DECREASE
    if target.kind == TargetKind.ANNUAL_CHANGE and target.value is not None:
        falling = target.value < 0
    pick = min if falling else max
    return pick(rates, key=lambda item: item[1])  # the first such year on a tie


def _sum(values: Any) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _period_end(period: str) -> datetime.date:
    try:
        return datetime.date(int(period[:4]), 12, 31)
    except ValueError:
        return datetime.date.max


def _fill_line(line: str, values: dict[str, object], outline: Outline) -> str:
    return fill(line, values, f"{outline.path}: preamble")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _place(province: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố ", "tỉnh ", "thành phố "):
        if province.startswith(prefix):
            return province[len(prefix) :]
    return province


def _issuer(issuer: str) -> str:
    """The issuer as a sentence names it: "Thủ tướng Chính phủ", without the signer's note."""
    return issuer.split(" (")[0]
