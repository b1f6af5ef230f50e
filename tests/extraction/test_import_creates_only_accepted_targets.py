"""Importing creates exactly the accepted targets, once, with the decision's own words;
a target outside the plan's period is refused and nothing is written."""

from decimal import Decimal

import pytest
from django.urls import reverse
from extraction_helpers import candidate_form
from pytest_django.asserts import assertContains

from plantrack.extraction import services
from plantrack.extraction.choices import ReviewState
from plantrack.plans.choices import PlanKind, PlanStatus
from plantrack.plans.models import Indicator, Plan, Target

pytestmark = pytest.mark.django_db


def _decide(run, planner, decisions: dict[int, str]) -> None:
    for candidate in run.candidates.all():
        state = decisions.get(candidate.order)
        if state:
            services.review_candidate(candidate, planner, state=state, changes={})


def test_import_creates_the_accepted_targets_and_nothing_else(client, planner, seed_run):
    _decide(seed_run, planner, {1: ReviewState.ACCEPTED, 2: ReviewState.ACCEPTED,
                                3: ReviewState.REJECTED})  # fmt: skip
    client.force_login(planner)

    response = client.post(reverse("extraction:import", args=[seed_run.pk]), follow=True)

    growth, per_capita = Target.objects.order_by("order")
    assertContains(response, "Đã nhập 2 chỉ tiêu")
    assert growth.phrase == (
        "tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm"
    )
    assert (growth.kind, growth.comparator, growth.value, growth.unit) == (
        "average_growth", ">=", Decimal("9.72"), "%/năm",
    )  # fmt: skip
    assert (growth.start_year, growth.target_year, growth.measure) == (2021, 2030, "growth_rate")
    assert growth.source == "Quyết định 1486/QĐ-TTg, Điều 1"
    assert growth.plan == seed_run.plan and growth.scope_unit == seed_run.plan.scope_unit
    assert per_capita.phrase == "GRDP bình quân/người khoảng 102 triệu đồng/người (giá hiện hành)"
    assert (per_capita.kind, per_capita.comparator, per_capita.start_year) == ("level", "~", None)
    assert seed_run.candidates.filter(target__isnull=False).count() == 2


def test_importing_twice_creates_nothing_new(planner, seed_run):
    _decide(seed_run, planner, {1: ReviewState.ACCEPTED})

    first = services.import_candidates(seed_run, planner)
    second = services.import_candidates(seed_run, planner)

    assert (len(first), second, Target.objects.count()) == (1, [], 1)


def test_nothing_is_created_for_pending_or_rejected_candidates(planner, seed_run):
    _decide(seed_run, planner, {1: ReviewState.REJECTED})

    assert services.import_candidates(seed_run, planner) == []
    assert Target.objects.count() == 0


def test_an_accepted_new_indicator_is_created_with_the_target(client, planner, seed_run):
    poverty = seed_run.candidates.get(order=4)
    client.force_login(planner)
    client.post(
        reverse("extraction:review_candidate", args=[seed_run.pk, poverty.pk]),
        candidate_form(poverty, "accept", new_indicator_name="Tỷ lệ hộ nghèo đa chiều"),
    )

    (target,) = services.import_candidates(seed_run, planner)

    indicator = Indicator.objects.get(code="ty_le_ho_ngheo_da_chieu")
    assert target.indicator == indicator
    assert (indicator.name, indicator.unit, indicator.direction) == (
        "Tỷ lệ hộ nghèo đa chiều", "%", "decrease",
    )  # fmt: skip
    assert (target.kind, target.comparator, target.value, target.unit) == (
        "annual_change", "<=", Decimal("-4.0"), "điểm %/năm",
    )  # fmt: skip
    assert (target.start_year, target.target_year) == (2021, 2025)


def test_a_target_outside_the_plans_period_refuses_the_whole_import(client, planner, registry):
    five_year = Plan.objects.create(
        code="KH5N-CB-2026-2030",
        title="Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030",
        kind=PlanKind.FIVE_YEAR_PLAN,
        period_start=2026,
        period_end=2030,
        status=PlanStatus.IN_FORCE,
    )
    from extraction_helpers import SEED_PATH

    run = services.create_run(
        file_name="seed.txt", data=SEED_PATH.read_bytes(), user=planner, plan=five_year
    )
    _decide(run, planner, {1: ReviewState.ACCEPTED, 2: ReviewState.ACCEPTED})
    client.force_login(planner)

    response = client.post(reverse("extraction:import", args=[run.pk]), follow=True)

    assertContains(
        response,
        "Năm của chỉ tiêu phải nằm trong thời kỳ của quy hoạch, kế hoạch (hoặc đến năm tầm nhìn).",
    )
    assertContains(response, "Chưa nhập chỉ tiêu nào")
    assert Target.objects.count() == 0
    assert run.candidates.filter(target__isnull=False).count() == 0


def test_a_run_without_a_plan_cannot_be_imported(planner, registry):
    from extraction_helpers import SEED_PATH

    run = services.create_run(file_name="seed.txt", data=SEED_PATH.read_bytes(), user=planner)
    _decide(run, planner, {1: ReviewState.ACCEPTED})

    with pytest.raises(services.ImportRefused, match="Chưa chọn quy hoạch"):
        services.import_candidates(run, planner)
