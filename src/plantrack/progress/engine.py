"""Judge a target on a series of yearly values: the progress assessment engine.

Pure Python, no Django: a target and a series in, an ``Assessment`` out. Every formula,
threshold and edge case is written down in ``docs/methodology.md``; the names of the methods
follow it:

- ``unsd`` — the UN Statistics Division's SDG progress assessment: the actual compound annual
  growth rate since the baseline over the rate required to reach the target, in bands at
  0.95 / 0.5 / −0.1 of that ratio (the default);
- ``statcan`` — Statistics Canada's variant as used by Open SDG: bands at 0.95 / 0.6 / 0, and
  its score from −5 to 5 kept among the calculation components;
- ``escap`` — ESCAP's anticipated progress: the target-year value projected from a
  time-weighted linear trend, compared with the target (level targets only).

Rates are in percent (9.72 means 9.72 %/year) except where a method is linear, when they are
amounts of the indicator's unit per year; ``docs/methodology.md`` says which is which.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, cast

from plantrack.tabular.numbers import format_rounded

# A series: (year, value), oldest first.
Points = list[tuple[int, float]]
# How a judgement was made: named numbers, years and flags, stored as JSON.
Components = dict[str, Any]

# Statuses, best first; ``STATUS_ORDER`` ranks them for "a better value never gives a worse
# status" (tests/progress/test_engine_properties.py).
ACHIEVED = "achieved"
ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
OFF_TRACK = "off_track"
REGRESSING = "regressing"
INSUFFICIENT_DATA = "insufficient_data"
NOT_ASSESSABLE = "not_assessable"
STATUSES = (
    ACHIEVED,
    ON_TRACK,
    NEEDS_ACCELERATION,
    OFF_TRACK,
    REGRESSING,
    INSUFFICIENT_DATA,
    NOT_ASSESSABLE,
)
STATUS_ORDER = {REGRESSING: 0, OFF_TRACK: 1, NEEDS_ACCELERATION: 2, ON_TRACK: 3, ACHIEVED: 4}

KINDS = ("level", "average_growth", "annual_change", "cumulative", "maintain", "qualitative")
COMPARATORS = (">=", ">", "<=", "<", "~", "=")
METHODS = ("unsd", "statcan", "escap")

# Ratio bands: the lowest ratio of each status, best first.
BANDS = {
    "unsd": ((0.95, ON_TRACK), (0.5, NEEDS_ACCELERATION), (-0.1, OFF_TRACK)),
    "statcan": ((0.95, ON_TRACK), (0.6, NEEDS_ACCELERATION), (0.0, OFF_TRACK)),
}
# "khoảng" (about) without a stated tolerance: within 5 % of the value counts as met.
DEFAULT_RELATIVE_TOLERANCE = 0.05
# Relative slack for floating-point comparisons ("exactly on the required path").
EPSILON = 1e-9


class EngineError(ValueError):
    """The target or the series cannot be judged as given; the message says why."""


@dataclass(frozen=True)
class Target:
    """What a plan commits to, in the engine's plain terms (mirrors ``plans.Target``)."""

    kind: str
    target_year: int
    comparator: str | None = None
    value: float | None = None
    upper_value: float | None = None
    tolerance: float | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    start_year: int | None = None
    direction: str = "increase"
    measure: str = "level"
    method: str | None = None
    unit: str | None = None  # the target's unit, for explanations only ("điểm %/năm")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise EngineError(f"unknown target kind {self.kind!r}; expected one of {KINDS}")
        if self.kind == "qualitative":
            return
        if self.comparator not in COMPARATORS:
            raise EngineError(f"unknown comparator {self.comparator!r}; expected {COMPARATORS}")
        if self.value is None:
            raise EngineError("a quantitative target needs a value")
        if self.method is not None and self.method not in METHODS:
            raise EngineError(f"unknown method {self.method!r}; expected one of {METHODS}")
        if self.kind != "level" and self.start_year is None:
            raise EngineError(f"a {self.kind} target needs a start_year")
        if self.start_year is not None and self.start_year > self.target_year:
            raise EngineError("start_year is after target_year")
        if self.upper_value is not None and self.upper_value < self.value:
            raise EngineError("upper_value is below value")

    @property
    def goal(self) -> float:
        """The value a quantitative target commits to (``__post_init__`` requires one)."""
        if self.value is None:
            raise EngineError("a quantitative target needs a value")
        return self.value

    @property
    def first_year(self) -> int:
        """The first year of a target over a period (``__post_init__`` requires one)."""
        if self.start_year is None:
            raise EngineError(f"a {self.kind} target needs a start_year")
        return self.start_year


@dataclass(frozen=True)
class Assessment:
    """The judgement of one target, with the numbers that make it and how to redo it."""

    status: str
    score: float | None
    actual_rate: float | None
    required_rate: float | None
    ratio: float | None
    projected_value: float | None
    gap: float | None
    years_of_data: int
    required_rate_remaining: float | None
    method: str
    components: Components = field(default_factory=dict)

    # The fixed output of ``plantrack progress evaluate`` (docs/methodology.md).
    OUTPUT_FIELDS = (
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
        "explanation_vi",
        "explanation_en",
    )

    @property
    def explanation_vi(self) -> str:
        """The one-sentence explanation in Vietnamese, rendered from the components."""
        return explain(self.components, "vi")

    @property
    def explanation_en(self) -> str:
        """The one-sentence explanation in English, rendered from the components."""
        return explain(self.components, "en")

    def as_output(self) -> dict[str, object]:
        """Return the fixed output record: the listed fields, floats rounded to 6 places."""
        return {name: _rounded(getattr(self, name)) for name in self.OUTPUT_FIELDS}


def assess(
    target: Target,
    series: Iterable[tuple[int, float]],
    as_of_year: int | None = None,
    method: str | None = None,
    *,
    checked: bool = False,
) -> Assessment:
    """Judge ``target`` on ``series`` (year, value) as known in ``as_of_year``.

    Values after ``as_of_year`` are ignored; a year given twice is an error. ``method``
    overrides the target's own; the default is ``unsd``. ``checked=True`` says the series
    is already a list of (int year, finite float) in increasing years, none after
    ``as_of_year`` (``progress.live`` reads it so), and skips the checks.
    """
    method = method or target.method or "unsd"
    if method not in METHODS:
        raise EngineError(f"unknown method {method!r}; expected one of {METHODS}")
    points = cast(Points, series) if checked else _clean_series(series, as_of_year)
    if target.kind == "qualitative":
        return _not_assessable(points)
    if method == "escap" and target.kind != "level":
        raise EngineError("the escap method judges level targets only")
    judge = {
        "level": _assess_level,
        "average_growth": _assess_average_growth,
        "annual_change": _assess_annual_change,
        "cumulative": _assess_cumulative,
        "maintain": _assess_maintain,
    }[target.kind]
    return judge(target, points, as_of_year, method)


def assess_side_by_side(
    target: Target, series: Iterable[tuple[int, float]], as_of_year: int | None = None
) -> dict[str, Assessment]:
    """Return the assessment of ``target`` by every method that applies to it."""
    points = list(series)
    methods = METHODS if target.kind == "level" else ("unsd", "statcan")
    return {name: assess(target, points, as_of_year, name) for name in methods}


# --- series ---------------------------------------------------------------------------------


def _clean_series(series: Iterable[tuple[int, float]], as_of_year: int | None) -> Points:
    points: dict[int, float] = {}
    for year, value in series:
        year, value = int(year), float(value)
        if not math.isfinite(value):
            raise EngineError(f"the value for {year} is not a finite number")
        if year in points:
            raise EngineError(f"the series gives {year} twice")
        if as_of_year is None or year <= as_of_year:
            points[year] = value
    return sorted(points.items())


# --- the target's goal ----------------------------------------------------------------------


def _goal_sign(target: Target, reference: float | None) -> int:
    """Return +1 when progress means going up, −1 when it means going down."""
    if target.comparator in (">=", ">"):
        return 1
    if target.comparator in ("<=", "<"):
        return -1
    aim = _aim(target, reference)
    if reference is not None and aim != reference:
        return 1 if aim > reference else -1
    return -1 if target.direction == "decrease" else 1


def _aim(target: Target, reference: float | None) -> float:
    """Return the value to aim at: the value, or a range's nearer bound seen from ``reference``."""
    if target.upper_value is None or reference is None:
        return target.goal
    if reference > target.upper_value:
        return target.upper_value
    return target.goal


def _tolerance(target: Target) -> float:
    if target.tolerance is not None:
        return abs(target.tolerance)
    return abs(target.goal) * DEFAULT_RELATIVE_TOLERANCE


def _meets(target: Target, value: float, goal_sign: int) -> bool:
    """Return True when ``value`` satisfies the target's comparator."""
    slack = EPSILON * max(1.0, abs(target.goal))
    comparator = target.comparator
    if comparator == "=":
        comparator = ">=" if goal_sign > 0 else "<="
    if target.upper_value is not None:
        extra = target.tolerance or 0.0
        return target.goal - extra - slack <= value <= target.upper_value + extra + slack
    if comparator == ">=":
        return value >= target.goal - slack
    if comparator == ">":
        return value > target.goal - slack
    if comparator == "<=":
        return value <= target.goal + slack
    if comparator == "<":
        return value < target.goal + slack
    return abs(value - target.goal) <= _tolerance(target) + slack  # "~"


def _band(ratio: float, method: str) -> str:
    for lowest, status in BANDS[method]:
        if ratio >= lowest - EPSILON:
            return status
    return REGRESSING


def _score(status: str, ratio: float | None) -> float | None:
    """Return the roll-up score in [0, 1]: 1 achieved, the ratio capped at 1, 0 regressing."""
    if status == ACHIEVED:
        return 1.0
    if status in (INSUFFICIENT_DATA, NOT_ASSESSABLE):
        return None
    if ratio is None:
        return 0.0
    return min(1.0, max(0.0, ratio))


def _statcan_score(ratio: float | None, achieved: bool) -> float | None:
    """Return Statistics Canada's progress score in [−5, 5] (sdg-build ProgressMeasure)."""
    if achieved:
        return 5.0
    if ratio is None:
        return None
    if ratio >= 0.6:
        return min(7.1429 * ratio - 4.2857, 5.0)
    return max(4.1667 * ratio - 2.5, -5.0)


# --- level ----------------------------------------------------------------------------------


def _baseline(target: Target, points: Points) -> tuple[int, float, bool] | None:
    """Return (year, value, substituted) of the baseline, or None without one.

    The target's baseline when it gives one (its value, or the series' value that year);
    otherwise the value of the year before the period, or the first value in the period,
    flagged ``substituted``.
    """
    by_year = dict(points)
    if target.baseline_year is not None:
        if target.baseline_value is not None:
            return target.baseline_year, target.baseline_value, False
        if target.baseline_year in by_year:
            return target.baseline_year, by_year[target.baseline_year], False
    if target.start_year is not None and target.start_year - 1 in by_year:
        year = target.start_year - 1
        return year, by_year[year], target.baseline_year is not None
    first = target.start_year if target.start_year is not None else -math.inf
    later = [(year, value) for year, value in points if year >= first]
    if not later:
        return None
    return later[0][0], later[0][1], True


def _assess_level(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    if target.measure == "growth_rate" and method != "escap":
        return _assess_rate_level(target, points, method)
    base = _baseline(target, points)
    latest = points[-1] if points else None
    if base is None or latest is None or latest[0] < base[0]:
        return _insufficient(target, points, "level")
    base_year, base_value, substituted = base
    latest_year, latest_value = latest
    sign = _goal_sign(target, base_value)
    aim = _aim(target, latest_value)
    horizon = target.target_year - base_year
    years = [y for y, _ in points if y >= base_year]
    compound = base_value > 0 and latest_value > 0 and aim > 0
    calc = "cagr" if compound else "linear"
    components: Components = {
        "base_year": base_year,
        "base_value": base_value,
        "baseline_substituted": substituted,
        "latest_year": latest_year,
        "latest_value": latest_value,
        "target_value": aim,
        "target_year": target.target_year,
        "goal_sign": sign,
        "compound": compound,
    }
    met = _meets(target, latest_value, sign)
    gap = 0.0 if met else aim - latest_value
    remaining = _level_rate(latest_value, aim, target.target_year - latest_year, compound)

    if method == "escap":
        return _assess_level_escap(target, points, years, components, met, gap, remaining)

    if latest_year == base_year or horizon <= 0:
        status = ACHIEVED if met else INSUFFICIENT_DATA
        components["years_available"] = years
        return _result(
            target=target,
            status=status,
            actual=None,
            required=None,
            ratio=None,
            projected=None,
            gap=gap,
            years=len(years),
            remaining=remaining,
            method=f"{method}:{calc}",
            components=components,
        )
    actual = _level_rate(base_value, latest_value, latest_year - base_year, compound)
    required = _level_rate(base_value, aim, horizon, compound)
    if actual is None or required is None:  # ruled out above: years > 0, positive if compound
        return _insufficient(target, points, "level")
    ratio = None if abs(required) < EPSILON else sign * actual / abs(required)
    projected = _project(base_value, actual, horizon, compound)
    if met:
        status = ACHIEVED
    elif ratio is None:
        status = REGRESSING if sign * actual < 0 else OFF_TRACK
    else:
        status = _band(ratio, method)
        if latest_year >= target.target_year:  # the target year's figure is in: final
            status = REGRESSING if status == REGRESSING else OFF_TRACK
    return _result(
        target=target,
        status=status,
        actual=actual,
        required=required,
        ratio=ratio,
        projected=projected,
        gap=gap,
        years=len(years),
        remaining=remaining,
        method=f"{method}:{calc}",
        components=components,
    )


def _assess_rate_level(target: Target, points: Points, method: str) -> Assessment:
    """A level target on a rate ("growth of 8 % in 2025"): the latest rate against it.

    A growth rate is not something that grows towards a target, so the compound-rate methods
    do not apply: the latest year's rate is compared with the target's, final once the
    target year's figure is in.
    """
    first = target.start_year if target.start_year is not None else -math.inf
    used = [(y, v) for y, v in points if first <= y <= target.target_year]
    if not used:
        return _insufficient(target, used, "rate_level")
    latest_year, latest_value = used[-1]
    sign = _goal_sign(target, None)
    met = _meets(target, latest_value, sign)
    required = _aim(target, latest_value)
    ratio = None if abs(required) < EPSILON else sign * latest_value / abs(required)
    final = latest_year >= target.target_year
    if met:
        status = ACHIEVED if final else ON_TRACK
    elif ratio is None:
        status = OFF_TRACK
    else:
        status = _band(ratio, method)
        if final:
            status = REGRESSING if status == REGRESSING else OFF_TRACK
    components = {
        "latest_year": latest_year,
        "latest_value": latest_value,
        "target_value": required,
        "target_year": target.target_year,
        "goal_sign": sign,
    }
    return _result(
        target=target,
        status=status,
        actual=latest_value,
        required=required,
        ratio=ratio,
        projected=None,
        gap=0.0 if met else required - latest_value,
        years=len(used),
        remaining=None,
        method=f"{method}:rate_level",
        components=components,
    )


def _level_rate(start: float, end: float, years: int, compound: bool) -> float | None:
    """Return the compound growth in % a year, or the linear change a year, over ``years``."""
    if years <= 0:
        return None
    if compound:
        if start <= 0 or end <= 0:
            return None
        rate: float = ((end / start) ** (1 / years) - 1) * 100  # a positive base: real
        return rate
    return (end - start) / years


def _project(start: float, rate: float, years: int, compound: bool) -> float:
    if compound:
        return start * (1 + rate / 100) ** years
    return start + rate * years


def _assess_level_escap(
    target: Target,
    points: Points,
    years: list[int],
    components: Components,
    met: bool,
    gap: float,
    remaining: float | None,
) -> Assessment:
    """Project the target-year value from a time-weighted linear trend (ESCAP)."""
    used = [(y, v) for y, v in points if y >= components["base_year"]]
    if len(used) < 2:
        status = ACHIEVED if met else INSUFFICIENT_DATA
        return _result(
            target=target,
            status=status,
            actual=None,
            required=None,
            ratio=None,
            projected=None,
            gap=gap,
            years=len(used),
            remaining=remaining,
            method="escap:weighted_trend",
            components=components,
        )
    slope, intercept = _weighted_trend(used)
    projected = intercept + slope * target.target_year
    base_value, aim, sign = (
        components["base_value"],
        components["target_value"],
        components["goal_sign"],
    )
    # A flat series fits a slope of rounding noise (±1e-14): call it flat, or its sign would
    # decide between "needs acceleration" and "regressing" (tests/progress/…_properties.py).
    if abs(projected - base_value) <= EPSILON * max(abs(base_value), abs(aim)):
        projected, slope = base_value, 0.0
    required_change = aim - base_value
    ratio = None if abs(required_change) < EPSILON else (projected - base_value) / required_change
    if met:
        status = ACHIEVED
    elif _meets(target, projected, sign):
        status = ON_TRACK
    elif ratio is not None and ratio >= 0:
        status = NEEDS_ACCELERATION
    else:
        status = REGRESSING if sign * slope < 0 else NEEDS_ACCELERATION
    horizon = target.target_year - components["base_year"]
    required = required_change / horizon if horizon > 0 else None
    components |= {"slope": slope, "intercept": intercept, "weights": "t - first_year + 1"}
    return _result(
        target=target,
        status=status,
        actual=slope,
        required=required,
        ratio=ratio,
        projected=projected,
        gap=gap,
        years=len(used),
        remaining=remaining,
        method="escap:weighted_trend",
        components=components,
    )


def _weighted_trend(points: Points) -> tuple[float, float]:
    """Return (slope, intercept) of least squares with weights rising linearly in time."""
    first = points[0][0]
    weights = [year - first + 1 for year, _ in points]
    total = sum(weights)
    mean_x = sum(w * y for w, (y, _) in zip(weights, points, strict=True)) / total
    mean_y = sum(w * v for w, (_, v) in zip(weights, points, strict=True)) / total
    sxx = sum(w * (y - mean_x) ** 2 for w, (y, _) in zip(weights, points, strict=True))
    sxy = sum(w * (y - mean_x) * (v - mean_y) for w, (y, v) in zip(weights, points, strict=True))
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


# --- average growth -------------------------------------------------------------------------


def _assess_average_growth(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    if target.measure == "growth_rate":
        return _average_of_growth_rates(target, points, as_of_year, method)
    return _average_growth_of_levels(target, points, as_of_year, method)


def _average_of_growth_rates(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    """Average growth from published yearly growth rates: their geometric mean."""
    start, end = target.first_year, target.target_year
    observed = [(y, g) for y, g in points if start <= y <= end]
    if not observed or any(g <= -100 for _, g in observed):
        return _insufficient(target, observed, "geometric_mean_growth")
    latest_year = observed[-1][0]
    product = math.prod(1 + g / 100 for _, g in observed)
    actual = (product ** (1 / len(observed)) - 1) * 100
    required = target.goal
    sign = _goal_sign(target, None)
    missing = [y for y in range(start, latest_year + 1) if y not in dict(observed)]
    periods = end - start + 1
    later = end - latest_year
    # Years without a figure before the latest one grow at the observed average (stated).
    achieved_so_far = product * (1 + actual / 100) ** len(missing)
    remaining = None
    if later > 0:
        remaining = (((1 + required / 100) ** periods / achieved_so_far) ** (1 / later) - 1) * 100
    ratio = _rate_ratio(actual, required, sign)
    status = _rate_status(target, actual, ratio, sign, later == 0, method)
    components = {
        "start_year": start,
        "end_year": end,
        "latest_year": latest_year,
        "years_observed": [y for y, _ in observed],
        "imputed_years": missing,
        "growth_product": product,
    }
    return _result(
        target=target,
        status=status,
        actual=actual,
        required=required,
        ratio=ratio,
        projected=actual,
        gap=required - actual,
        years=len(observed),
        remaining=remaining,
        method=f"{method}:geometric_mean_growth",
        components=components,
    )


def _average_growth_of_levels(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    """Average growth computed from levels: the compound rate since the baseline."""
    start, end = target.first_year, target.target_year
    base = _baseline(target, [(y, v) for y, v in points if y <= end])
    in_period = [(y, v) for y, v in points if y <= end]
    if base is None or not in_period or in_period[-1][0] <= base[0]:
        return _insufficient(target, in_period, "compound_growth_of_levels")
    base_year, base_value, substituted = base
    latest_year, latest_value = in_period[-1]
    if base_value <= 0 or latest_value <= 0:
        return _insufficient(target, in_period, "compound_growth_of_levels")
    actual = _level_rate(base_value, latest_value, latest_year - base_year, True)
    if actual is None:  # ruled out above: a later year, positive levels
        return _insufficient(target, in_period, "compound_growth_of_levels")
    required = target.goal
    sign = _goal_sign(target, None)
    needed_at_end = base_value * (1 + required / 100) ** (end - base_year)
    later = end - latest_year
    remaining = None
    if later > 0:
        remaining = ((needed_at_end / latest_value) ** (1 / later) - 1) * 100
    ratio = _rate_ratio(actual, required, sign)
    status = _rate_status(target, actual, ratio, sign, later == 0, method)
    projected = latest_value * (1 + actual / 100) ** later
    components = {
        "base_year": base_year,
        "base_value": base_value,
        "baseline_substituted": substituted,
        "period_start": start,
        "latest_year": latest_year,
        "latest_value": latest_value,
        "needed_at_end": needed_at_end,
    }
    years = len([y for y, _ in in_period if y >= base_year])
    return _result(
        target=target,
        status=status,
        actual=actual,
        required=required,
        ratio=ratio,
        projected=projected,
        gap=required - actual,
        years=years,
        remaining=remaining,
        method=f"{method}:compound_growth_of_levels",
        components=components,
    )


def _rate_ratio(actual: float, required: float, sign: int) -> float | None:
    """Return actual over required, defined only when the required rate points the goal's way.

    "At least −1 %/year" allows a fall: the ratio of two falls would rank a deeper fall
    higher, so there is no ratio and the status follows whether the target is met.
    """
    if sign * required <= EPSILON:
        return None
    return sign * actual / abs(required)


def _rate_status(
    target: Target, actual: float, ratio: float | None, sign: int, complete: bool, method: str
) -> str:
    """Judge a realised average rate: final once the period is over, else by the bands."""
    met = _meets(target, actual, sign)
    if complete:
        if met:
            return ACHIEVED
        return REGRESSING if ratio is not None and ratio < BANDS[method][-1][0] else OFF_TRACK
    if ratio is None:
        return ON_TRACK if met else OFF_TRACK
    return _band(ratio, method)


# --- annual change --------------------------------------------------------------------------


def _assess_annual_change(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    """Average change a year (e.g. poverty −4 points a year): linear between two levels."""
    start, end = target.first_year, target.target_year
    in_period = [(y, v) for y, v in points if y <= end]
    base = _baseline(target, in_period)
    if base is None or not in_period or in_period[-1][0] <= base[0]:
        return _insufficient(target, in_period, "average_annual_change")
    base_year, base_value, substituted = base
    latest_year, latest_value = in_period[-1]
    actual = (latest_value - base_value) / (latest_year - base_year)
    required = target.goal
    sign = 1 if required > 0 else -1 if required < 0 else _goal_sign(target, None)
    needed_at_end = base_value + required * (end - base_year)
    later = end - latest_year
    remaining = (needed_at_end - latest_value) / later if later > 0 else None
    ratio = None if abs(required) < EPSILON else actual / required
    complete = later == 0
    reached_end_level = sign * (latest_value - needed_at_end) >= -EPSILON * max(
        1.0, abs(needed_at_end)
    )
    if reached_end_level and not complete:
        status = ACHIEVED
    else:
        status = _rate_status(target, actual, ratio, sign, complete, method)
    components = {
        "base_year": base_year,
        "base_value": base_value,
        "baseline_substituted": substituted,
        "period_start": start,
        "latest_year": latest_year,
        "latest_value": latest_value,
        "needed_at_end": needed_at_end,
    }
    years = len([y for y, _ in in_period if y >= base_year])
    projected = latest_value + actual * later
    return _result(
        target=target,
        status=status,
        actual=actual,
        required=required,
        ratio=ratio,
        projected=projected,
        gap=needed_at_end - latest_value,
        years=years,
        remaining=remaining,
        method=f"{method}:average_annual_change",
        components=components,
    )


# --- cumulative -----------------------------------------------------------------------------


def _assess_cumulative(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    """A sum over the period (e.g. total investment 2021–2030)."""
    start, end = target.first_year, target.target_year
    observed = [(y, v) for y, v in points if start <= y <= end]
    if not observed:
        return _insufficient(target, observed, "cumulative_sum")
    total = sum(v for _, v in observed)
    periods = end - start + 1
    latest_year = observed[-1][0]
    missing = [y for y in range(start, latest_year + 1) if y not in dict(observed)]
    actual = total / len(observed)
    aim = _aim(target, total)
    required = aim / periods
    sign = _goal_sign(target, 0.0)
    later = end - latest_year
    # Years without a figure before the latest one count at the observed average (stated).
    so_far = total + actual * len(missing)
    remaining = (aim - so_far) / later if later > 0 else None
    ratio = None if abs(required) < EPSILON else sign * actual / abs(required)
    complete = later == 0
    projected = so_far + actual * later
    if sign > 0 and _meets(target, total, sign) and target.comparator not in ("~",):
        status = ACHIEVED
    elif complete:
        status = ACHIEVED if _meets(target, total, sign) else OFF_TRACK
    elif ratio is None:
        status = OFF_TRACK
    else:
        status = _band(ratio, method)
    components = {
        "start_year": start,
        "end_year": end,
        "latest_year": latest_year,
        "sum_so_far": total,
        "years_observed": [y for y, _ in observed],
        "imputed_years": missing,
        "target_value": aim,
    }
    return _result(
        target=target,
        status=status,
        actual=actual,
        required=required,
        ratio=ratio,
        projected=projected,
        gap=aim - total,
        years=len(observed),
        remaining=remaining,
        method=f"{method}:cumulative_sum",
        components=components,
    )


# --- maintain -------------------------------------------------------------------------------


def _assess_maintain(
    target: Target, points: Points, as_of_year: int | None, method: str
) -> Assessment:
    """Stay at the level every year of the period."""
    start, end = target.first_year, target.target_year
    observed = [(y, v) for y, v in points if start <= y <= end]
    if not observed:
        return _insufficient(target, observed, "every_year")
    sign = _goal_sign(target, None)
    met_years = [y for y, v in observed if _meets(target, v, sign)]
    latest_year, latest_value = observed[-1]
    latest_met = latest_year in met_years
    complete = latest_year >= end
    share = len(met_years) / len(observed)
    if latest_met and len(met_years) == len(observed):
        status = ACHIEVED if complete else ON_TRACK
    elif latest_met:
        status = NEEDS_ACCELERATION
    elif len(observed) > 1 and sign * (latest_value - observed[-2][1]) < 0:
        status = REGRESSING
    else:
        status = OFF_TRACK
    gap = 0.0 if latest_met else _aim(target, latest_value) - latest_value
    components = {
        "start_year": start,
        "end_year": end,
        "years_observed": [y for y, _ in observed],
        "years_met": met_years,
        "share_met": share,
    }
    result = _result(
        target=target,
        status=status,
        actual=None,
        required=None,
        ratio=share,
        projected=None,
        gap=gap,
        years=len(observed),
        remaining=None,
        method="maintain:every_year",
        components=components,
    )
    # The share of years met is the roll-up score of a maintain target.
    return replace(result, score=1.0 if status == ACHIEVED else share)


# --- results and explanations ---------------------------------------------------------------


def _insufficient(target: Target, points: Points, calc: str) -> Assessment:
    return _result(
        target=target,
        status=INSUFFICIENT_DATA,
        actual=None,
        required=None,
        ratio=None,
        projected=None,
        gap=None,
        years=len(points),
        remaining=None,
        method=f"{target.method or 'unsd'}:{calc}"
        if calc != "every_year"
        else "maintain:every_year",
        components={"years_available": [y for y, _ in points]},
    )


def _not_assessable(points: Points) -> Assessment:
    return not_assessable(years_of_data=len(points), method="qualitative")


def not_assessable(*, years_of_data: int, method: str, **components: Any) -> Assessment:
    """Return a ``not_assessable`` assessment: every number empty.

    ``method`` says why: ``qualitative`` (judged on evidence), or ``error`` with the
    ``error`` component saying what the target lacks; ``explain`` words it.
    """
    return Assessment(
        status=NOT_ASSESSABLE,
        score=None,
        actual_rate=None,
        required_rate=None,
        ratio=None,
        projected_value=None,
        gap=None,
        years_of_data=years_of_data,
        required_rate_remaining=None,
        method=method,
        components={**components, "status": NOT_ASSESSABLE, "method": method},
    )


def _result(
    *,
    target: Target,
    status: str,
    actual: float | None,
    required: float | None,
    ratio: float | None,
    projected: float | None,
    gap: float | None,
    years: int,
    remaining: float | None,
    method: str,
    components: Components,
) -> Assessment:
    components = {
        **components,
        "status": status,
        "method": method,
        "kind": target.kind,
        "target_year": target.target_year,
        "actual_rate": actual,
        "required_rate": required,
        "ratio": ratio,
        "required_rate_remaining": remaining,
    }
    if target.unit:
        components["unit"] = target.unit
    if target.kind == "maintain":
        components["required_value"] = target.value
    bands = method.split(":")[0]
    if bands in BANDS:
        # Every ratio-based judgement records how to redo it (docs/methodology.md).
        components |= {
            "thresholds": BANDS[bands],
            "statcan_score": _statcan_score(ratio, status == ACHIEVED),
        }
    return Assessment(
        status=status,
        score=_score(status, ratio),
        actual_rate=actual,
        required_rate=required,
        ratio=ratio,
        projected_value=projected,
        gap=gap,
        years_of_data=years,
        required_rate_remaining=remaining,
        method=method,
        components=components,
    )


STATUS_VI = {
    ACHIEVED: "đã đạt",
    ON_TRACK: "đúng tiến độ",
    NEEDS_ACCELERATION: "cần đẩy nhanh",
    OFF_TRACK: "chậm tiến độ",
    REGRESSING: "đi lùi",
    INSUFFICIENT_DATA: "chưa đủ số liệu",
    NOT_ASSESSABLE: "không đánh giá bằng số liệu",
}
STATUS_EN = {
    ACHIEVED: "achieved",
    ON_TRACK: "on track",
    NEEDS_ACCELERATION: "needs acceleration",
    OFF_TRACK: "off track",
    REGRESSING: "regressing",
    INSUFFICIENT_DATA: "insufficient data",
    NOT_ASSESSABLE: "not assessable from figures",
}


def number(value: float, language: str, digits: int = 2) -> str:
    """Format a number for an explanation: 9,72 in Vietnamese, 9.72 in English."""
    return format_rounded(value, "vi" if language == "vi" else "en", digits)


# The components an explanation reads that a stored judgement keeps as its own columns
# (progress.models: ``Assessment``, ``Judgement``); stored components leave them out and
# the models put them back before calling ``explain``.
COLUMN_COMPONENTS = (
    "status",
    "method",
    "actual_rate",
    "required_rate",
    "ratio",
    "required_rate_remaining",
)


def explain(components: Components, language: str) -> str:
    """Return the one-sentence explanation of a judgement in ``language`` ("vi" or "en").

    Rendered from the components alone (with the ``COLUMN_COMPONENTS``), so a stored
    judgement is explained when shown, in the viewer's language, as it was judged.
    """
    vi, en = _explain(components)
    return en if language.startswith("en") else vi


def _explain(c: Components) -> tuple[str, str]:
    """Return a one-sentence explanation in Vietnamese and in English, with the numbers."""
    status, method = c["status"], c["method"]
    kind = c.get("kind")
    actual, required, ratio = c.get("actual_rate"), c.get("required_rate"), c.get("ratio")
    remaining = c.get("required_rate_remaining")
    if method == "qualitative":
        return (
            "Chỉ tiêu định tính: đánh giá bằng minh chứng, không tính bằng số liệu.",
            "A qualitative target: judged on evidence, not computed from figures.",
        )
    if method == "error":
        error = c.get("error", "")
        return (
            f"Chỉ tiêu chưa đủ thông tin để tính: {error}.",
            f"The target cannot be computed as recorded: {error}.",
        )
    head_vi = STATUS_VI[status].capitalize()
    head_en = STATUS_EN[status].capitalize()
    if status == INSUFFICIENT_DATA:
        years = c.get("years_available") or c.get("years_observed") or []
        if not years:
            return (
                f"{head_vi}: chưa có số liệu nào dùng được cho chỉ tiêu này.",
                f"{head_en}: there are no usable figures for this target yet.",
            )
        listed = ", ".join(map(str, years))
        return (
            f"{head_vi}: mới có số liệu năm {listed}, cần ít nhất hai mốc (năm gốc và năm "
            "gần nhất) để tính.",
            f"{head_en}: figures only for {listed}; at least two points (a base and a latest "
            "year) are needed.",
        )
    if method.endswith("rate_level"):
        return (
            f"{head_vi}: năm {c['latest_year']} đạt {number(c['latest_value'], 'vi')} % so với "
            f"mục tiêu {number(c['target_value'], 'vi')} % của năm {c['target_year']}.",
            f"{head_en}: {number(c['latest_value'], 'en')} % in {c['latest_year']} against a "
            f"target of {number(c['target_value'], 'en')} % for {c['target_year']}.",
        )
    if kind == "level" and actual is None:
        return (
            f"{head_vi}: giá trị năm {c['latest_year']} là "
            f"{number(c['latest_value'], 'vi')} so với mục tiêu {number(c['target_value'], 'vi')}.",
            f"{head_en}: the {c['latest_year']} value is {number(c['latest_value'], 'en')} "
            f"against a target of {number(c['target_value'], 'en')}.",
        )
    unit_vi, unit_en = _rate_units(kind, c.get("unit"), method)
    if kind == "maintain":
        met, seen = len(c["years_met"]), len(c["years_observed"])
        level = c["required_value"]
        return (
            f"{head_vi}: {met}/{seen} năm có số liệu đạt mức yêu cầu {number(level, 'vi')}.",
            f"{head_en}: {met} of {seen} years with figures met the required level "
            f"{number(level, 'en')}.",
        )
    if actual is None or required is None:  # every judgement with rates records both
        return f"{head_vi}.", f"{head_en}."
    since_vi = since_en = ""
    if "base_year" in c:
        since_vi = f" từ {c['base_year']} đến {c['latest_year']}"
        since_en = f" from {c['base_year']} to {c['latest_year']}"
    elif c.get("years_observed"):
        ys = c["years_observed"]
        since_vi = f" trong {ys[0]}–{ys[-1]}" if len(ys) > 1 else f" năm {ys[0]}"
        since_en = f" in {ys[0]}–{ys[-1]}" if len(ys) > 1 else f" in {ys[0]}"
    part_vi = (
        f"{head_vi}: thực hiện{since_vi} bình quân {number(actual, 'vi')} {unit_vi} so với yêu "
        f"cầu {number(required, 'vi')} {unit_vi}"
    )
    part_en = (
        f"{head_en}: the average{since_en} is {number(actual, 'en')} {unit_en} against "
        f"{number(required, 'en')} {unit_en} required"
    )
    if ratio is not None:
        part_vi += f" (bằng {number(ratio * 100, 'vi', 0)} % yêu cầu)"
        part_en += f" ({number(ratio * 100, 'en', 0)} % of what is required)"
    if remaining is not None and status != ACHIEVED:
        first = c.get("latest_year", 0) + 1
        last = c["target_year"]
        rem_unit_vi, rem_unit_en = unit_vi, unit_en
        span = f"{first}–{last}" if first < last else f"{last}"
        part_vi += (
            f"; để đạt mục tiêu, {span} cần bình quân {number(remaining, 'vi')} {rem_unit_vi}"
        )
        part_en += (
            f"; to meet the target, {span} needs {number(remaining, 'en')} {rem_unit_en} on average"
        )
    if c.get("imputed_years"):
        years = ", ".join(map(str, c["imputed_years"]))
        part_vi += f" (năm thiếu số liệu {years} tính theo mức bình quân đã đạt)"
        part_en += f" (years without figures, {years}, taken at the average achieved)"
    if c.get("baseline_substituted"):
        part_vi += f" (năm gốc {c['base_year']} là năm có số liệu đầu tiên)"
        part_en += f" (base year {c['base_year']} is the first year with a figure)"
    return part_vi + ".", part_en + "."


# English for the units Vietnamese targets use most; others are shown as written.
UNITS_EN = {
    "điểm %/năm": "percentage points a year",
    "điểm phần trăm/năm": "percentage points a year",
    "%/năm": "%/year",
    "tỷ đồng": "billion VND",
    "triệu đồng/người": "million VND per person",
}


def _rate_units(kind: str | None, unit: str | None, method: str) -> tuple[str, str]:
    """Return the unit of the rates in an explanation, in Vietnamese and English."""
    unit = (unit or "").strip()
    if kind == "annual_change":
        if not unit:
            return "đơn vị/năm", "units a year"
        return unit, UNITS_EN.get(unit, unit)
    if kind == "cumulative" or method.endswith("linear") or method.startswith("escap"):
        base = unit.removesuffix("/năm") if unit else "đơn vị"
        return f"{base}/năm", f"{UNITS_EN.get(base, base)} a year"
    return "%/năm", "%/year"


def rate_units(components: dict[str, Any], language: str) -> str:
    """Return the unit an explanation writes a judgement's rates in: "%/năm", "điểm %/năm"."""
    vi, en = _rate_units(components.get("kind"), components.get("unit"), components["method"])
    return en if language.startswith("en") else vi


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 6)
    return value


def remaining_rate_text(components: dict[str, Any], language: str) -> tuple[str, str] | None:
    """Return the rate still required and its years, as an explanation writes them.

    ``("13,69 %/năm", "2026–2030")`` in Vietnamese; None when nothing is required any more
    (no remaining rate, or the target is achieved). ``components`` holds the
    ``COLUMN_COMPONENTS`` too, as ``explain`` takes them.
    """
    remaining = components.get("required_rate_remaining")
    if remaining is None or components.get("status") == ACHIEVED:
        return None
    unit_vi, unit_en = _rate_units(
        components.get("kind"), components.get("unit"), components["method"]
    )
    english = language.startswith("en")
    first = components.get("latest_year", 0) + 1
    last = components["target_year"]
    span = f"{first}–{last}" if first < last else f"{last}"
    return f"{number(remaining, 'en' if english else 'vi')} {unit_en if english else unit_vi}", span
