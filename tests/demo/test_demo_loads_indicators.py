from decimal import Decimal

import pytest

from plantrack.demo.geography import INDICATOR_CODES
from plantrack.plans.choices import Aggregation, Direction, ValueType
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

EXTRA = {
    "households",  # the weight of the poverty rate's weighted mean
    "total_investment",
    "regional_development_group",
    "digital_economy_share",
    "new_rural_communes_share",
    "dti_rank",
    "growth_agriculture",
    "growth_industry_construction",
    "growth_industry",
    "growth_construction",
    "growth_services",
    "growth_product_taxes",
}


def test_demo_loads_the_23_indicators_of_the_facts_and_the_ones_targets_name(demo, facts):
    codes = set(Indicator.objects.exclude(code__in=INDICATOR_CODES).values_list("code", flat=True))

    assert len(facts["indicators"]) == 23
    assert codes == set(facts["indicators"]) | EXTRA
    assert len(codes) == 35


def test_facts_indicators_keep_their_names_units_and_directions(demo, facts):
    for code, fact in facts["indicators"].items():
        indicator = Indicator.objects.get(code=code)
        assert (indicator.name, indicator.unit, indicator.direction) == (
            fact["name_vi"],
            fact["unit"],
            fact["direction"],
        )


def test_every_indicator_has_an_english_name_and_an_owner_marked_illustrative(demo):
    for indicator in Indicator.objects.select_related("owner"):
        assert indicator.name_en, indicator.code
        assert indicator.owner is not None, indicator.code
        assert indicator.owner_is_illustrative, indicator.code
        assert "phân công minh họa" in indicator.definition, indicator.code


def test_extra_indicators_have_a_vietnamese_name_and_say_the_demo_named_them(demo):
    for indicator in Indicator.objects.filter(code__in=EXTRA):
        assert indicator.name and indicator.name != indicator.code
        assert "do bản demo đặt" in indicator.definition


def test_grdp_per_capita_is_recomputed_from_its_formula_in_its_own_unit(demo):
    indicator = Indicator.objects.get(code="grdp_per_capita")

    assert indicator.aggregation == Aggregation.FORMULA
    # GRDP in tỷ đồng over persons, times 1,000, gives triệu đồng/người.
    assert indicator.formula == "grdp_current * 1000 / population"


def test_weighted_means_name_their_weight(demo):
    weights = dict(
        Indicator.objects.filter(aggregation=Aggregation.WEIGHTED_MEAN).values_list(
            "code", "weight__code"
        )
    )
    assert weights == {
        "poverty_rate_multidimensional": "households",
        "urbanization_rate": "population",
    }


def test_value_types_directions_and_aggregations_follow_the_kind_of_indicator(demo):
    ranks = Indicator.objects.filter(code__endswith="_rank")
    assert ranks.count() == 5
    assert all(r.value_type == ValueType.RANK and r.direction == Direction.DECREASE for r in ranks)

    rates = Indicator.objects.filter(code__startswith="growth_") | Indicator.objects.filter(
        code="grdp_growth"
    )
    assert all(r.value_type == ValueType.RATE and r.aggregation == Aggregation.NONE for r in rates)

    assert Indicator.objects.get(code="population").aggregation == Aggregation.SUM
    assert Indicator.objects.get(code="regional_development_group").value_type == (
        ValueType.QUALITATIVE
    )
    for percent in Indicator.objects.filter(value_type=ValueType.PERCENT):
        assert (percent.min_value, percent.max_value) == (Decimal(0), Decimal(100))
