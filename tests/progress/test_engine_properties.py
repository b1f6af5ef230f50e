"""Properties the engine keeps for any data (hypothesis).

- a better value never gives a worse status for the same target;
- scaling a level series and its target by the same factor does not change the status;
- a series that exactly follows the required path is on track or achieved;
- the required remaining rate applied to the remaining years reproduces the period target.
"""

import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plantrack.progress import engine
from plantrack.progress.engine import STATUS_ORDER, Target, assess

values = st.floats(min_value=0.5, max_value=1e6, allow_nan=False, allow_infinity=False)
growth_rates = st.floats(min_value=-20.0, max_value=30.0, allow_nan=False)
latest_years = st.integers(min_value=2021, max_value=2029)
methods = st.sampled_from(["unsd", "statcan", "escap"])


def rank(result) -> int:
    return STATUS_ORDER[result.status]


@settings(max_examples=300, deadline=None)
@given(
    base=values,
    target_factor=st.floats(min_value=1.05, max_value=5.0),
    latest_year=latest_years,
    low=st.floats(min_value=0.2, max_value=6.0),
    bump=st.floats(min_value=0.0, max_value=3.0),
    decreasing=st.booleans(),
    method=methods,
)
def test_a_better_value_never_gives_a_worse_status(
    base, target_factor, latest_year, low, bump, decreasing, method
):
    if decreasing:
        target = Target(
            kind="level",
            comparator="<=",
            value=base / target_factor,
            start_year=2021,
            target_year=2030,
            direction="decrease",
        )
        worse, better = base * (low + bump), base * low
    else:
        target = Target(
            kind="level",
            comparator=">=",
            value=base * target_factor,
            start_year=2021,
            target_year=2030,
        )
        worse, better = base * low, base * (low + bump)
    middle = [(year, base) for year in range(2021, latest_year)] if method == "escap" else []
    worse_result = assess(target, [(2020, base), *middle, (latest_year, worse)], method=method)
    better_result = assess(target, [(2020, base), *middle, (latest_year, better)], method=method)
    assert rank(better_result) >= rank(worse_result)


@settings(max_examples=200, deadline=None)
@given(
    rates=st.lists(growth_rates, min_size=1, max_size=9),
    which=st.integers(min_value=0, max_value=8),
    bump=st.floats(min_value=0.0, max_value=10.0),
)
def test_a_faster_year_never_worsens_an_average_growth_status(rates, which, bump):
    target = Target(
        kind="average_growth",
        comparator=">=",
        value=9.72,
        start_year=2021,
        target_year=2030,
        measure="growth_rate",
    )
    which = which % len(rates)
    faster = [rate + bump if i == which else rate for i, rate in enumerate(rates)]
    years = range(2021, 2021 + len(rates))
    slow = assess(target, list(zip(years, rates, strict=True)))
    quick = assess(target, list(zip(years, faster, strict=True)))
    assert rank(quick) >= rank(slow)


@settings(max_examples=300, deadline=None)
@given(
    base=values,
    target_factor=st.floats(min_value=0.2, max_value=5.0),
    latest=st.floats(min_value=0.1, max_value=8.0),
    latest_year=latest_years,
    scale=st.floats(min_value=1e-3, max_value=1e3),
    comparator=st.sampled_from([">=", "<=", "~", "="]),
    method=methods,
)
def test_scaling_series_and_target_keeps_the_status(
    base, target_factor, latest, latest_year, scale, comparator, method
):
    def judged(factor: float):
        target = Target(
            kind="level",
            comparator=comparator,
            value=base * target_factor * factor,
            start_year=2021,
            target_year=2030,
        )
        series = [(2020, base * factor), (latest_year, base * latest * factor)]
        return assess(target, series, method=method).status

    assert judged(1.0) == judged(scale)


@settings(max_examples=300, deadline=None)
@given(
    base=values,
    target_factor=st.floats(min_value=0.1, max_value=10.0),
    latest_year=latest_years,
    method=methods,
)
def test_following_the_required_path_is_on_track(base, target_factor, latest_year, method):
    goal = base * target_factor
    assume(abs(target_factor - 1) > 1e-3)
    comparator = ">=" if goal > base else "<="
    target = Target(
        kind="level", comparator=comparator, value=goal, start_year=2021, target_year=2030
    )
    rate = (goal / base) ** (1 / 10)
    path = [(year, base * rate ** (year - 2020)) for year in range(2020, latest_year + 1)]
    if method == "escap":
        # ESCAP's trend is linear: the required path is the straight line to the target.
        path = [(y, base + (goal - base) * (y - 2020) / 10) for y in range(2020, latest_year + 1)]
    result = assess(target, path, method=method)
    assert result.status in (engine.ON_TRACK, engine.ACHIEVED)


@settings(max_examples=200, deadline=None)
@given(
    target_rate=st.floats(min_value=-5.0, max_value=15.0),
    years_seen=st.integers(min_value=1, max_value=10),
)
def test_growing_at_the_target_rate_every_year_is_on_track(target_rate, years_seen):
    assume(abs(target_rate) > 1e-3)
    target = Target(
        kind="average_growth",
        comparator=">=",
        value=target_rate,
        start_year=2021,
        target_year=2030,
        measure="growth_rate",
    )
    series = [(2021 + i, target_rate) for i in range(years_seen)]
    assert assess(target, series).status in (engine.ON_TRACK, engine.ACHIEVED)


@settings(max_examples=300, deadline=None)
@given(
    target_rate=st.floats(min_value=0.0, max_value=15.0),
    observed=st.dictionaries(
        st.integers(min_value=2021, max_value=2029), growth_rates, min_size=1, max_size=9
    ),
)
def test_remaining_growth_reproduces_the_period_average(target_rate, observed):
    target = Target(
        kind="average_growth",
        comparator=">=",
        value=target_rate,
        start_year=2021,
        target_year=2030,
        measure="growth_rate",
    )
    result = assess(target, sorted(observed.items()))
    latest = max(observed)
    imputed = len(result.components["imputed_years"])
    achieved = result.components["growth_product"] * (1 + result.actual_rate / 100) ** imputed
    total = achieved * (1 + result.required_rate_remaining / 100) ** (2030 - latest)
    assert math.isclose(total, (1 + target_rate / 100) ** 10, rel_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(
    total=st.floats(min_value=1.0, max_value=1e6),
    observed=st.dictionaries(
        st.integers(min_value=2021, max_value=2029), values, min_size=1, max_size=9
    ),
)
def test_remaining_yearly_amount_reproduces_a_cumulative_target(total, observed):
    target = Target(
        kind="cumulative", comparator=">=", value=total, start_year=2021, target_year=2030
    )
    result = assess(target, sorted(observed.items()))
    latest = max(observed)
    imputed = len(result.components["imputed_years"])
    if result.status == engine.ACHIEVED:
        return  # nothing more is needed
    so_far = sum(observed.values()) + result.actual_rate * imputed
    reached = so_far + result.required_rate_remaining * (2030 - latest)
    assert math.isclose(reached, total, rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=300, deadline=None)
@given(
    change=st.floats(min_value=-10.0, max_value=10.0),
    base=st.floats(min_value=0.0, max_value=100.0),
    latest=st.floats(min_value=0.0, max_value=100.0),
    latest_year=st.integers(min_value=2021, max_value=2024),
)
def test_remaining_change_reproduces_an_annual_change_target(change, base, latest, latest_year):
    assume(abs(change) > 1e-6)
    target = Target(
        kind="annual_change",
        comparator="<=" if change < 0 else ">=",
        value=change,
        start_year=2021,
        target_year=2025,
    )
    result = assess(target, [(2020, base), (latest_year, latest)])
    end_level = latest + result.required_rate_remaining * (2025 - latest_year)
    assert math.isclose(end_level, base + change * 5, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    rate=st.floats(min_value=0.1, max_value=20.0),
    base=values,
    latest=st.floats(min_value=0.5, max_value=3.0),
    latest_year=latest_years,
)
def test_remaining_growth_of_levels_reproduces_the_end_level(rate, base, latest, latest_year):
    target = Target(
        kind="average_growth", comparator=">=", value=rate, start_year=2021, target_year=2030
    )
    result = assess(target, [(2020, base), (latest_year, base * latest)])
    end = base * latest * (1 + result.required_rate_remaining / 100) ** (2030 - latest_year)
    assert math.isclose(end, base * (1 + rate / 100) ** 10, rel_tol=1e-9)
