"""Where a unit has no figure of its own, the indicator's formula or aggregation fills it."""

import datetime
from decimal import Decimal

import pytest

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import Aggregation, Direction
from plantrack.plans.models import Indicator
from plantrack.progress.assess import FigureStore
from plantrack.progress.choices import Figures
from plantrack.progress.formula import Formula, FormulaError

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 30)


@pytest.fixture
def districts(province):
    return [
        AdminUnit.objects.create(
            code=code,
            name=name,
            level=UnitLevel.DISTRICT,
            parent=province,
            valid_to=datetime.date(2025, 6, 30),
        )
        for code, name in (("040", "Thành phố Cao Bằng"), ("042", "Huyện Bảo Lâm"))
    ]


def indicator(code, aggregation, **fields):
    return Indicator.objects.create(
        code=code, name=code, aggregation=aggregation, direction=Direction.INCREASE, **fields
    )


def figure(ind, unit, year, value):
    record_observation(
        indicator=ind,
        unit=unit,
        period=str(year),
        value=Decimal(str(value)),
        status=FigureStatus.OFFICIAL,
        source="test",
        state=WorkflowState.APPROVED,
    )


def store_for(ind, unit):
    return FigureStore.load(indicators=[ind], units=[unit], as_of=AS_OF, figures=Figures.APPROVED)


def test_a_sum_indicator_adds_up_its_districts(province, districts):
    population = indicator("population", Aggregation.SUM)
    figure(population, districts[0], 2024, 100)
    figure(population, districts[1], 2024, 50)

    series = store_for(population, province).series(population, province)

    assert series == [(2024, 150.0, "sum:2")]


def test_a_unit_with_its_own_figure_keeps_it(province, districts):
    population = indicator("population", Aggregation.SUM)
    figure(population, districts[0], 2024, 100)
    figure(population, districts[1], 2024, 50)
    figure(population, province, 2024, 155)

    ((_year, value, origin),) = store_for(population, province).series(population, province)

    assert value == 155.0 and origin.startswith("observation:")


def test_an_incomplete_set_of_districts_is_not_summed(province, districts):
    population = indicator("population", Aggregation.SUM)
    figure(population, districts[0], 2024, 100)

    assert store_for(population, province).series(population, province) == []


def test_a_weighted_mean_weighs_each_district(province, districts):
    households = indicator("households", Aggregation.SUM)
    poverty = indicator("poverty", Aggregation.WEIGHTED_MEAN, weight=households)
    figure(households, districts[0], 2024, 300)
    figure(households, districts[1], 2024, 100)
    figure(poverty, districts[0], 2024, 10)
    figure(poverty, districts[1], 2024, 30)

    ((year, value, _origin),) = store_for(poverty, province).series(poverty, province)

    assert (year, value) == (2024, pytest.approx((10 * 300 + 30 * 100) / 400))


def test_a_formula_indicator_is_computed_from_its_parts(province):
    grdp = indicator("grdp_current", Aggregation.SUM)
    population = indicator("population", Aggregation.SUM)
    per_capita = indicator(
        "grdp_per_capita", Aggregation.FORMULA, formula="grdp_current * 1000 / population"
    )
    figure(grdp, province, 2024, 25204)
    figure(population, province, 2024, 573119)

    ((year, value, origin),) = store_for(per_capita, province).series(per_capita, province)

    assert year == 2024
    assert value == pytest.approx(25204 * 1000 / 573119)  # 43.98 million VND a person
    assert origin == "formula:grdp_current * 1000 / population"


def test_units_after_the_reform_do_not_aggregate_into_earlier_years(province, districts):
    population = indicator("population", Aggregation.SUM)
    figure(population, districts[0], 2024, 100)
    figure(population, districts[1], 2024, 50)
    commune = AdminUnit.objects.create(
        code="01273",
        name="Phường Thục Phán",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )
    figure(population, commune, 2025, 70)

    series = store_for(population, province).series(population, province)

    # 2024 from the two districts (the commune did not exist); 2025 from the one commune.
    assert series == [(2024, 150.0, "sum:2"), (2025, 70.0, "sum:1")]


@pytest.mark.parametrize("text", ["__import__('os')", "a ** 2", "a if b else c", "[a]", "a +"])
def test_a_formula_is_plain_arithmetic_or_refused(text):
    with pytest.raises(FormulaError):
        Formula(text)


def test_a_formula_without_every_input_or_dividing_by_zero_has_no_value():
    formula = Formula("a / (b - c)")
    assert formula.codes == {"a", "b", "c"}
    assert formula.evaluate({"a": 1.0, "b": 2.0}) is None
    assert formula.evaluate({"a": 1.0, "b": 2.0, "c": 2.0}) is None
    assert formula.evaluate({"a": 6.0, "b": 5.0, "c": 2.0}) == 2.0
