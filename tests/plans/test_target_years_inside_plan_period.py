"""A target's years lie inside its plan's period (up to the vision year), in the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plantrack.plans.choices import Comparator, TargetKind
from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db


def growth_target(plan, indicator, **years) -> Target:
    return Target(
        plan=plan,
        indicator=indicator,
        kind=TargetKind.AVERAGE_GROWTH,
        comparator=Comparator.GTE,
        value="9.72",
        unit="%/năm",
        phrase="tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm",
        **years,
    )


def test_a_target_inside_the_period_is_stored(master_plan, grdp_growth):
    growth_target(master_plan, grdp_growth, start_year=2021, target_year=2030).save()
    assert Target.objects.count() == 1


def test_a_target_for_the_vision_year_is_allowed(master_plan, grdp_growth):
    growth_target(master_plan, grdp_growth, start_year=2031, target_year=2050).save()
    assert Target.objects.get().target_year == 2050


@pytest.mark.parametrize(
    "years",
    [
        {"start_year": 2021, "target_year": 2051},  # after the vision year
        {"start_year": 2019, "target_year": 2030},  # starts before the plan
        {"start_year": 2016, "target_year": 2020},  # entirely before
    ],
)
def test_a_target_outside_the_period_is_refused_by_the_database(master_plan, grdp_growth, years):
    with pytest.raises(IntegrityError, match="target_years_inside_plan_period"):
        with transaction.atomic():
            growth_target(master_plan, grdp_growth, **years).save()
    assert not Target.objects.exists()


def test_moving_a_stored_target_outside_the_period_is_refused(master_plan, grdp_growth):
    target = growth_target(master_plan, grdp_growth, start_year=2021, target_year=2030)
    target.save()
    target.target_year = 2060
    with pytest.raises(IntegrityError, match="target_years_inside_plan_period"):
        with transaction.atomic():
            target.save(update_fields=["target_year"])
    target.refresh_from_db()
    assert target.target_year == 2030


def test_shrinking_a_plan_under_its_targets_is_refused(master_plan, grdp_growth):
    growth_target(master_plan, grdp_growth, start_year=2021, target_year=2030).save()
    master_plan.period_end = 2025
    master_plan.vision_year = None
    with pytest.raises(IntegrityError, match="target_years_inside_plan_period"):
        with transaction.atomic():
            master_plan.save()


def test_forms_get_the_rule_with_a_vietnamese_message(master_plan, grdp_growth):
    target = growth_target(master_plan, grdp_growth, start_year=2021, target_year=2051)
    with pytest.raises(ValidationError) as caught:
        target.full_clean()
    assert "thời kỳ của quy hoạch" in str(caught.value.message_dict["target_year"])
