"""The dependency index: which targets a figure feeds, directly, by formula, by aggregation."""

import datetime

import pytest

from plantrack.progress.live import DependencyIndex, indicator_rules
from tests.progress.live_world import build_world

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 30)


@pytest.fixture
def world(master_plan, province):
    return build_world(master_plan, province)


def fed(world, indicator, unit, period="2024"):
    index = DependencyIndex(indicator_rules())
    return index.targets_for([(world[indicator].pk, unit.pk, period)], AS_OF)


def ids(world, *names):
    return sorted(world["targets"][name].pk for name in names)


def test_a_commune_revenue_feeds_its_district_the_province_and_the_formula(world):
    commune = world["communes"][0]

    assert fed(world, "revenue", commune) == ids(
        world, "revenue_province", "revenue_district", "per_capita_province"
    )


def test_a_district_target_and_a_province_target_are_each_found_once(world):
    index = DependencyIndex(indicator_rules())
    keys = [(world["revenue"].pk, unit.pk, "2024") for unit in world["communes"]]
    keys += [(world["revenue"].pk, unit.pk, "2024") for unit in world["districts"]]

    found = index.targets_for(keys, AS_OF)

    assert found == ids(world, "revenue_province", "revenue_district", "per_capita_province")
    assert len(found) == len(set(found))


def test_the_second_districts_figures_do_not_feed_the_first_districts_target(world):
    commune = world["communes"][2]  # in the second district

    assert fed(world, "revenue", commune) == ids(world, "revenue_province", "per_capita_province")


def test_a_formula_input_feeds_the_formula_target_only(world):
    assert fed(world, "population", world["province"]) == ids(world, "per_capita_province")


def test_an_indicator_that_does_not_add_up_feeds_its_own_unit_only(world):
    assert fed(world, "poverty", world["communes"][0]) == ids(world, "poverty_commune")
    assert fed(world, "poverty", world["communes"][1]) == []


def test_periods_that_are_not_years_or_after_the_date_feed_nothing(world):
    commune = world["communes"][0]

    assert fed(world, "revenue", commune, "2024Q3") == []
    assert fed(world, "revenue", commune, "2027") == []


def test_a_revised_target_is_found_in_place_of_the_one_it_replaces(world):
    old = world["targets"]["poverty_commune"]
    new = old.__class__.objects.create(
        plan=old.plan,
        indicator=old.indicator,
        scope_unit=old.scope_unit,
        kind=old.kind,
        comparator=old.comparator,
        value=4,
        target_year=2030,
        phrase="điều chỉnh",
        supersedes=old,
    )

    assert fed(world, "poverty", world["communes"][0]) == [new.pk]


def test_a_provinces_sum_counts_each_commune_once_when_its_district_has_a_target(world):
    from plantrack.progress.models import Judgement
    from tests.progress.live_world import publish

    for commune in world["communes"]:
        publish(world["revenue"], commune, 2020, 100)

    province = Judgement.objects.get(target=world["targets"]["revenue_province"])
    district = Judgement.objects.get(target=world["targets"]["revenue_district"])
    assert province.components["series"] == [[2020, 400.0]]
    assert district.components["series"] == [[2020, 200.0]]
