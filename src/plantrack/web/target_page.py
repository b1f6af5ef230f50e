"""What a target's own page shows: its judgement, the three methods, how its status moved.

The judgement is the target's current ``Judgement`` (``progress.live``). The three methods
side by side and the status history are computed here, on the approved figures (the same
figures the judgement uses) through the engine: the history replays the assessment on each
date a figure of the indicator became known, so it shows how the status moved as figures
arrived and were revised, even for dates before PlanTrack judged anything.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language, gettext

from plantrack.plans.models import Target
from plantrack.progress import engine
from plantrack.progress.assess import FigureStore, engine_target
from plantrack.progress.choices import Figures, Status
from plantrack.progress.models import Judgement, JudgementChange

# The methods in the order the page shows them, with their public names.
METHOD_NAMES = {
    "unsd": "UNSD",
    "statcan": "Statistics Canada / Open SDG",
    "escap": "ESCAP",
}
# At most this many dates are replayed for the history (the latest ones).
HISTORY_LIMIT = 24
# The history chart's rows, worst at the bottom; statuses with no ratio below them.
HISTORY_SCALE = (
    Status.INSUFFICIENT_DATA,
    Status.REGRESSING,
    Status.OFF_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.ON_TRACK,
    Status.ACHIEVED,
)


@dataclass
class MethodResult:
    """One method's judgement of the target."""

    method: str
    name: str
    assessment: engine.Assessment | None
    error: str = ""

    @property
    def status_label(self) -> str:
        return str(Status(self.assessment.status).label) if self.assessment else ""

    @property
    def explanation(self) -> str:
        if self.assessment is None:
            return self.error
        return engine.explain(self.assessment.components, get_language() or "vi")


@dataclass
class HistoryPoint:
    """The target's status as judged on the figures known at one date."""

    as_of: datetime.date
    status: str
    ratio: float | None
    latest_year: int | None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class TargetPage:
    """Everything the target page shows."""

    target: Target
    judgement: Judgement | None
    methods: list[MethodResult]
    history: list[HistoryPoint]
    changes: list[JudgementChange]
    series: list[tuple[int, float]]

    @property
    def components(self) -> dict[str, Any]:
        return dict(self.judgement.components) if self.judgement else {}

    @property
    def rate_unit(self) -> str:
        """The unit of the judgement's rates in the active language ("%/năm")."""
        if self.judgement is None:
            return ""
        components = self.components | {"method": self.judgement.method}
        return engine.rate_unit(components, get_language() or "vi")

    def history_data(self) -> dict[str, Any]:
        """Return the history chart's data (json_script): the same points as the table."""
        labels = {status: str(Status(status).label) for status in HISTORY_SCALE}
        return {
            "kind": "status-history",
            "scale": [labels[status] for status in HISTORY_SCALE],
            "statuses": [str(status) for status in HISTORY_SCALE],
            "points": [
                {
                    "date": point.as_of.isoformat(),
                    "status": _charted(point.status),
                    "label": point.status_label,
                }
                for point in self.history
            ],
            "labels": {"status": gettext("Kết quả đánh giá")},
        }


def _charted(status: str) -> str:
    """A status on the history chart's scale: "not assessable" shares the no-data row."""
    return Status.INSUFFICIENT_DATA if status == Status.NOT_ASSESSABLE else status


def target_page(target: Target, user, today: datetime.date | None = None) -> TargetPage:
    """Return the page of ``target`` as ``user`` may see it, judged on the figures to date."""
    today = today or timezone.localdate()
    judgement = Judgement.objects.for_user(user).filter(target=target).first()
    changes = list(
        JudgementChange.objects.for_user(user)
        .filter(target=target)
        .select_related("cause_figure")
        .order_by("-at")[:HISTORY_LIMIT]
    )
    unit = target.scope_unit or target.plan.scope_unit
    if target.indicator is None or unit is None:
        return TargetPage(target, judgement, [], [], changes, [])
    rule = engine_target(target)
    indicator = target.indicator
    stores = FigureStore.at_dates(
        indicators=[indicator],
        units=[unit],
        until=today,
        figures=Figures.APPROVED,
        limit=HISTORY_LIMIT,
    )
    history = [_replayed(rule, store.series(indicator, unit), day) for day, store in stores.items()]
    series = [(year, value) for year, value, _origin in stores[today].series(indicator, unit)]
    return TargetPage(
        target=target,
        judgement=judgement,
        methods=_methods(rule, series, today.year),
        history=[point for point in history if point is not None],
        changes=changes,
        series=series,
    )


def _methods(rule: engine.Target, series: list[tuple[int, float]], year: int) -> list:
    if rule.kind == "qualitative":
        return []
    results = []
    for method, name in METHOD_NAMES.items():
        if method == "escap" and rule.kind != "level":
            results.append(
                MethodResult(
                    method, name, None, gettext("ESCAP chỉ đánh giá chỉ tiêu về mức đạt được.")
                )
            )
            continue
        try:
            results.append(MethodResult(method, name, engine.assess(rule, series, year, method)))
        except engine.EngineError as error:
            results.append(MethodResult(method, name, None, str(error)))
    return results


def _replayed(rule: engine.Target, known, as_of: datetime.date) -> HistoryPoint | None:
    """The default method's judgement on the figures known at ``as_of``."""
    series = [(year, value) for year, value, _origin in known]
    try:
        judged = engine.assess(rule, series, as_of.year)
    except engine.EngineError:
        return None
    latest = series[-1][0] if series else None
    return HistoryPoint(as_of, judged.status, judged.ratio, latest)
