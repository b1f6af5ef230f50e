"""Structural rules of targets and plans that the database enforces."""

import pytest
from django.db import IntegrityError, transaction

from plantrack.plans.choices import Comparator, PlanKind, TargetKind
from plantrack.plans.models import Plan, Target

pytestmark = pytest.mark.django_db


def refused(**fields) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(**fields)


def test_a_quantitative_target_needs_an_indicator_comparator_and_value(master_plan, grdp_growth):
    common = {"plan": master_plan, "kind": TargetKind.LEVEL, "target_year": 2030, "phrase": "…"}
    refused(**common, comparator=Comparator.GTE, value=10)  # no indicator
    refused(**common, indicator=grdp_growth, value=10)  # no comparator
    refused(**common, indicator=grdp_growth, comparator=Comparator.GTE)  # no value


def test_a_qualitative_target_needs_neither(master_plan):
    Target.objects.create(
        plan=master_plan,
        kind=TargetKind.QUALITATIVE,
        target_year=2030,
        phrase="đạt trình độ phát triển thuộc nhóm trung bình của vùng Trung du và miền núi Bắc Bộ",
    )
    assert Target.objects.count() == 1


def test_a_range_must_not_be_upside_down(master_plan, grdp_growth):
    refused(
        plan=master_plan,
        indicator=grdp_growth,
        kind=TargetKind.LEVEL,
        comparator=Comparator.APPROX,
        value=80,
        upper_value=75,
        target_year=2030,
        phrase="75-80 triệu đồng",
    )


def test_a_period_target_needs_its_start_year(master_plan, grdp_growth):
    refused(
        plan=master_plan,
        indicator=grdp_growth,
        kind=TargetKind.AVERAGE_GROWTH,
        comparator=Comparator.GTE,
        value="9.72",
        target_year=2030,
        phrase="bình quân 9,72%/năm",
    )


def test_a_plan_period_must_be_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            code="X", title="X", kind=PlanKind.ANNUAL_PLAN, period_start=2030, period_end=2021
        )


def test_a_revision_keeps_the_original_target(master_plan, grdp_growth):
    fields = {
        "plan": master_plan,
        "indicator": grdp_growth,
        "kind": TargetKind.LEVEL,
        "comparator": Comparator.EQ,
        "target_year": 2025,
    }
    original = Target.objects.create(**fields, value="11.9", phrase="CN-XD +11,9%")
    revised = Target.objects.create(
        **fields, value="12.97", phrase="CN-XD +12,97%", supersedes=original
    )

    assert list(Target.objects.current()) == [revised]
    assert list(original.revisions.all()) == [revised]
