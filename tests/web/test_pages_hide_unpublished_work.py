"""Anonymous visitors see only what is published: no draft plan, no unapproved figure.

The pages read through ``Plan.objects.for_user`` and ``Observation.objects.for_user``; these
tests check that they do, with the personas of tests/conftest.py.
"""

from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState
from plantrack.plans.choices import Comparator, PlanKind, PlanStatus, TargetKind
from plantrack.plans.models import Plan, Target

pytestmark = pytest.mark.django_db

DRAFT_PHRASE = "tăng trưởng GRDP bình quân đạt trên 10%/năm (dự thảo)"


@pytest.fixture
def draft_plan_target(province, grdp_growth):
    plan = Plan.objects.create(
        code="KH5N-CB-2026-2030",
        title="Dự thảo kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030",
        kind=PlanKind.FIVE_YEAR_PLAN,
        period_start=2026,
        period_end=2030,
        scope_unit=province,
        status=PlanStatus.DRAFT,
    )
    return Target.objects.create(
        plan=plan,
        indicator=grdp_growth,
        scope_unit=province,
        kind=TargetKind.AVERAGE_GROWTH,
        comparator=Comparator.GT,
        value=Decimal("10"),
        start_year=2026,
        target_year=2030,
        phrase=DRAFT_PHRASE,
    )


@pytest.fixture
def draft_figure(growth_target, grdp_growth, province, reporter, industry, publish):
    return publish(
        grdp_growth,
        province,
        "2025",
        "7.22",
        state=WorkflowState.DRAFT,
        agency=industry,
        user=reporter,
    )


def test_anonymous_visitor_does_not_see_a_draft_plan(client, master_plan, draft_plan_target):
    home = client.get("/targets/")
    indicator = client.get("/indicators/grdp_growth/")

    assertContains(home, master_plan.title)
    assertNotContains(home, "Dự thảo kế hoạch phát triển")
    assertNotContains(home, DRAFT_PHRASE)
    assertNotContains(indicator, DRAFT_PHRASE)


def test_planner_sees_the_draft_plan(client, planner, draft_plan_target):
    client.force_login(planner)

    assertContains(client.get("/targets/"), DRAFT_PHRASE)
    assertContains(client.get("/indicators/grdp_growth/"), DRAFT_PHRASE)


def test_anonymous_visitor_does_not_see_an_unapproved_figure(client, draft_figure):
    home = client.get("/targets/")
    indicator = client.get("/indicators/grdp_growth/")

    assertNotContains(home, "7,22")
    assertContains(home, "Chưa có số liệu")
    assertNotContains(indicator, "7,22")


def test_reporter_of_another_agency_does_not_see_the_unapproved_figure(
    client, other_reporter, draft_figure
):
    client.force_login(other_reporter)

    assertNotContains(client.get("/targets/"), "7,22")
    assertNotContains(client.get("/indicators/grdp_growth/"), "7,22")


def test_reporting_agency_sees_its_unapproved_figure_labelled(client, approver, draft_figure):
    client.force_login(approver)

    assertContains(client.get("/targets/"), "7,22 %")
    indicator = client.get("/indicators/grdp_growth/")
    assertContains(indicator, "7,22 %")
    assertContains(indicator, '<span class="label label-unapproved">Nháp</span>', html=True)
