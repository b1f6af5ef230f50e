"""Worked examples with hand-checked numbers, one or more for every target kind.

The arithmetic is written out beside each expected value so a reader can redo it; the same
cases are in docs/methodology.md.
"""

import math

import pytest

from plantrack.progress import engine
from plantrack.progress.engine import Target, assess


def approx(value, rel=1e-4):
    return pytest.approx(value, rel=rel)


# --- average growth of published growth rates ----------------------------------------------


GRDP = Target(
    kind="average_growth",
    comparator=">=",
    value=9.72,
    start_year=2021,
    target_year=2030,
    measure="growth_rate",
)


def test_grdp_growth_needed_in_the_remaining_years():
    # 1.06 × 1.066 × 1.052 = 1.188718; (1.0972^10 / 1.188718)^(1/7) − 1 = 11.3847 %
    result = assess(GRDP, [(2021, 6.0), (2022, 6.6), (2023, 5.2)], as_of_year=2023)

    assert result.actual_rate == approx(5.93178)  # 1.188718^(1/3) − 1
    assert result.required_rate == 9.72
    assert result.required_rate_remaining == approx(11.384715)
    assert result.ratio == approx(5.93178 / 9.72)  # 0.6103: UNSD "needs acceleration"
    assert result.status == engine.NEEDS_ACCELERATION
    assert result.years_of_data == 3
    assert "2024–2030 cần bình quân 11,38 %/năm" in result.explanation_vi
    assert "2024–2030 needs 11.38 %/year" in result.explanation_en


def test_missing_years_are_taken_at_the_average_achieved_and_said_so():
    # 2021 and 2022 missing: taken at the 2023–2025 average, 5.8876 %.
    result = assess(GRDP, [(2023, 3.73), (2024, 6.74), (2025, 7.22)], as_of_year=2026)

    product = 1.0373 * 1.0674 * 1.0722
    average = product ** (1 / 3)
    expected = ((1.0972**10 / average**5) ** (1 / 5) - 1) * 100
    assert result.actual_rate == approx((average - 1) * 100)
    assert result.required_rate_remaining == approx(expected)  # 13.69 %
    assert result.components["imputed_years"] == [2021, 2022]
    assert "2021, 2022" in result.explanation_vi


def test_a_completed_period_is_judged_once_and_for_all():
    five_years = Target(
        kind="average_growth",
        comparator=">=",
        value=7.0,
        start_year=2021,
        target_year=2025,
        measure="growth_rate",
    )
    series = [(2021, 7.5), (2022, 7.0), (2023, 6.9), (2024, 7.2), (2025, 7.1)]

    assert assess(five_years, series).status == engine.ACHIEVED
    slower = [(year, value - 1) for year, value in series]
    result = assess(five_years, slower)
    assert result.status == engine.OFF_TRACK
    assert result.required_rate_remaining is None


# --- average growth computed from levels ------------------------------------------------------


def test_budget_revenue_growth_from_levels():
    # 1,000 in 2020 and 1,000 × 1.12^4 = 1,573.5194 in 2024: exactly 12 % a year.
    revenue = Target(
        kind="average_growth",
        comparator=">",
        value=12,
        start_year=2021,
        target_year=2030,
        measure="level",
    )
    result = assess(revenue, [(2020, 1000.0), (2024, 1573.5194)], as_of_year=2024)

    assert result.actual_rate == approx(12.0)
    assert result.required_rate_remaining == approx(12.0)
    assert result.status == engine.ON_TRACK
    assert result.components["base_year"] == 2020
    assert result.projected_value == approx(1000 * 1.12**10)


# --- level targets by the three public methods -------------------------------------------------


LEVEL = Target(kind="level", comparator=">=", value=200.0, start_year=2021, target_year=2030)
STRAIGHT_LINE = [
    (2020, 100.0),
    (2021, 104.0),
    (2022, 108.0),
    (2023, 112.0),
    (2024, 116.0),
    (2025, 120.0),
]


def test_unsd_and_statcan_differ_on_the_same_ratio():
    # actual = 1.2^(1/5) − 1 = 3.7137 %; required = 2^(1/10) − 1 = 7.1773 %; ratio 0.5174
    unsd = assess(LEVEL, STRAIGHT_LINE, method="unsd")
    statcan = assess(LEVEL, STRAIGHT_LINE, method="statcan")

    assert unsd.actual_rate == approx(3.7137, rel=1e-3)
    assert unsd.required_rate == approx(7.1773, rel=1e-3)
    assert unsd.ratio == approx(0.51743, rel=1e-3)
    assert unsd.status == engine.NEEDS_ACCELERATION  # 0.5 ≤ ratio < 0.95
    assert statcan.status == engine.OFF_TRACK  # 0 ≤ ratio < 0.6: "limited progress"
    # Statistics Canada's score: 4.1667 × 0.5174 − 2.5 = −0.344
    assert statcan.components["statcan_score"] == approx(-0.3441, rel=1e-2)
    assert unsd.projected_value == approx(100 * 1.2**2)  # the 2020–2025 pace to 2030: 144


def test_escap_projects_the_target_year_from_a_time_weighted_trend():
    # A straight line of +4 a year projects 140 in 2030: 40 % of the 100 required.
    result = assess(LEVEL, STRAIGHT_LINE, method="escap")

    assert result.projected_value == approx(140.0)
    assert result.ratio == approx(0.4)
    assert result.status == engine.NEEDS_ACCELERATION
    assert result.method == "escap:weighted_trend"


def test_escap_weights_recent_years_more():
    # A fall in the early years and a steady rise since: the recent trend dominates.
    series = [(2020, 100.0), (2021, 90.0), (2022, 110.0), (2023, 130.0), (2024, 150.0)]
    weighted = assess(LEVEL, series, method="escap")
    slope_plain = 14.0  # ordinary least squares slope of the same points
    assert weighted.actual_rate > slope_plain


def test_side_by_side_runs_every_method_that_applies():
    results = engine.assess_side_by_side(LEVEL, STRAIGHT_LINE)
    assert set(results) == {"unsd", "statcan", "escap"}
    growth = engine.assess_side_by_side(GRDP, [(2021, 6.0), (2022, 6.6)])
    assert set(growth) == {"unsd", "statcan"}


def test_a_decreasing_indicator_moves_down_towards_its_target():
    # (22/30)^(1/4) − 1 = −7.457 %; (10/30)^(1/10) − 1 = −10.404 %; ratio 0.7167
    poverty = Target(kind="level", comparator="<=", value=10.0, start_year=2021, target_year=2030)
    result = assess(poverty, [(2020, 30.0), (2024, 22.0)])

    assert result.actual_rate == approx(-7.4574, rel=1e-3)
    assert result.required_rate == approx(-10.4042, rel=1e-3)
    assert result.ratio == approx(0.71676, rel=1e-3)
    assert result.status == engine.NEEDS_ACCELERATION
    worse = assess(poverty, [(2020, 30.0), (2024, 33.0)])
    assert worse.status == engine.REGRESSING


def test_a_zero_baseline_uses_the_linear_method_and_says_so():
    # No compound rate from zero: (5 − 0) / 4 = 1.25 a year against (20 − 0) / 10 = 2.
    target = Target(kind="level", comparator=">=", value=20.0, start_year=2021, target_year=2030)
    result = assess(target, [(2020, 0.0), (2024, 5.0)])

    assert result.method == "unsd:linear"
    assert result.actual_rate == approx(1.25)
    assert result.required_rate == approx(2.0)
    assert result.ratio == approx(0.625)
    assert result.required_rate_remaining == approx((20 - 5) / 6)
    assert "đơn vị/năm" in result.explanation_vi


def test_a_target_already_met_is_achieved():
    result = assess(LEVEL, [(2020, 100.0), (2023, 205.0)])
    assert result.status == engine.ACHIEVED
    assert result.score == 1.0
    assert result.gap == 0.0


def test_a_single_figure_is_not_enough_unless_it_meets_the_target():
    assert assess(LEVEL, [(2022, 150.0)]).status == engine.INSUFFICIENT_DATA
    assert assess(LEVEL, [(2022, 250.0)]).status == engine.ACHIEVED
    assert assess(LEVEL, []).status == engine.INSUFFICIENT_DATA


def test_a_range_is_met_inside_and_aimed_at_its_nearer_bound():
    # GRDP per capita 75–80 million by 2030.
    per_capita = Target(
        kind="level",
        comparator="~",
        value=75.0,
        upper_value=80.0,
        start_year=2026,
        target_year=2030,
    )
    assert assess(per_capita, [(2025, 60.0), (2027, 78.0)]).status == engine.ACHIEVED
    below = assess(per_capita, [(2025, 60.0), (2027, 66.0)])
    assert below.components["target_value"] == 75.0
    assert below.gap == approx(9.0)


def test_about_means_within_the_stated_tolerance_or_five_percent():
    about = Target(kind="level", comparator="~", value=102.0, start_year=2021, target_year=2030)
    assert assess(about, [(2020, 35.62), (2029, 98.0)]).status == engine.ACHIEVED  # 4 < 5.1
    assert assess(about, [(2020, 35.62), (2029, 96.0)]).status != engine.ACHIEVED  # 6 > 5.1
    strict = Target(
        kind="level",
        comparator="~",
        value=102.0,
        tolerance=1.0,
        start_year=2021,
        target_year=2030,
    )
    assert assess(strict, [(2020, 35.62), (2029, 98.0)]).status != engine.ACHIEVED


def test_a_growth_rate_target_for_one_year_compares_that_year():
    # "tăng trưởng kinh tế 8%" in 2025, and 7.22 % was reached.
    growth = Target(
        kind="level", comparator=">=", value=8.0, target_year=2025, measure="growth_rate"
    )
    result = assess(growth, [(2024, 6.74), (2025, 7.22)])

    assert result.status == engine.OFF_TRACK
    assert result.method == "unsd:rate_level"
    assert "năm 2025 đạt 7,22 % so với mục tiêu 8 %" in result.explanation_vi


# --- annual change, cumulative, maintain, qualitative -------------------------------------------


def test_poverty_falling_four_points_a_year():
    # From 30 in 2020 to 22 in 2022: −4 a year, as required; 2025 needs 30 − 4×5 = 10.
    poverty = Target(
        kind="annual_change",
        comparator="<=",
        value=-4.0,
        start_year=2021,
        target_year=2025,
        unit="điểm %/năm",
    )
    result = assess(poverty, [(2020, 30.0), (2021, 26.5), (2022, 22.0)])

    assert result.actual_rate == approx(-4.0)
    assert result.ratio == approx(1.0)
    assert result.status == engine.ON_TRACK
    assert result.required_rate_remaining == approx((10 - 22) / 3)
    assert result.projected_value == approx(10.0)
    assert "-4 điểm %/năm" in result.explanation_vi
    assert "percentage points a year" in result.explanation_en


def test_a_cumulative_target_needs_the_rest_spread_over_the_remaining_years():
    # 1,000 over 2021–2030; 90 + 95 + 100 seen, 2023 missing (taken at 95): 380 so far;
    # (1,000 − 380) / 6 = 103.33 a year for 2025–2030.
    investment = Target(
        kind="cumulative",
        comparator=">=",
        value=1000.0,
        start_year=2021,
        target_year=2030,
        unit="tỷ đồng",
    )
    result = assess(investment, [(2021, 90.0), (2022, 95.0), (2024, 100.0)])

    assert result.actual_rate == approx(95.0)
    assert result.required_rate == approx(100.0)
    assert result.required_rate_remaining == approx(620 / 6)
    assert result.ratio == approx(0.95)
    assert result.status == engine.ON_TRACK
    assert result.projected_value == approx(950.0)


def test_a_maintain_target_counts_the_years_met():
    keep = Target(kind="maintain", comparator=">=", value=5.0, start_year=2021, target_year=2025)
    result = assess(keep, [(2021, 6.0), (2022, 4.0), (2023, 5.5)])

    assert result.status == engine.NEEDS_ACCELERATION
    assert result.score == approx(2 / 3)
    assert assess(keep, [(2021, 6.0), (2022, 5.0)]).status == engine.ON_TRACK
    assert assess(keep, [(2021, 6.0), (2022, 4.0)]).status == engine.REGRESSING


def test_a_qualitative_target_is_not_assessable():
    result = assess(Target(kind="qualitative", target_year=2030), [(2024, 1.0)])
    assert result.status == engine.NOT_ASSESSABLE
    assert result.score is None


# --- what the engine refuses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "speed", "target_year": 2030}, "unknown target kind"),
        ({"kind": "level", "target_year": 2030, "comparator": ">=", "value": None}, "value"),
        ({"kind": "level", "target_year": 2030, "comparator": "≥", "value": 1}, "comparator"),
        ({"kind": "average_growth", "target_year": 2030, "comparator": ">=", "value": 1}, "start"),
    ],
)
def test_bad_targets_are_refused_with_a_reason(fields, message):
    with pytest.raises(engine.EngineError, match=message):
        Target(**fields)


def test_a_year_given_twice_is_refused():
    with pytest.raises(engine.EngineError, match="twice"):
        assess(LEVEL, [(2020, 1.0), (2020, 2.0)])


def test_values_after_the_as_of_year_are_ignored():
    result = assess(LEVEL, [*STRAIGHT_LINE, (2026, 300.0)], as_of_year=2025)
    assert result.components["latest_year"] == 2025
    assert not math.isnan(result.ratio)
