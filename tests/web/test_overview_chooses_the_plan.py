"""The overview opens on the master plan; another plan is one choice away; a plan the
visitor may not see answers 404, as one that does not exist."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.plans.choices import PlanKind, PlanStatus
from plantrack.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(master_plan, province):
    annual = Plan.objects.create(
        code="KH-CB-2025",
        title="Kế hoạch phát triển kinh tế - xã hội năm 2025",
        kind=PlanKind.ANNUAL_PLAN,
        period_start=2025,
        period_end=2025,
        scope_unit=province,
        status=PlanStatus.ENDED,
    )
    draft = Plan.objects.create(
        code="KH-DRAFT",
        title="Dự thảo kế hoạch",
        kind=PlanKind.PROGRAMME,
        period_start=2026,
        period_end=2030,
        status=PlanStatus.DRAFT,
    )
    return {"master": master_plan, "annual": annual, "draft": draft}


def test_the_master_plan_is_chosen_by_default(client, plans):
    response = client.get("/")

    assertContains(response, '<option value="QH-CB-2021-2030" selected>', html=False)
    assertContains(response, '<option value="KH-CB-2025">', html=False)
    assertNotContains(response, "KH-DRAFT")


def test_another_plan_is_chosen_by_its_code(client, plans):
    response = client.get("/?plan=KH-CB-2025")

    assertContains(response, '<option value="KH-CB-2025" selected>', html=False)
    assertContains(response, 'href="/targets/?plan=KH-CB-2025"')


def test_a_draft_plan_is_not_found_for_the_public_but_shown_to_a_planner(client, plans, planner):
    assert client.get("/?plan=KH-DRAFT").status_code == 404
    assert client.get("/?plan=NO-SUCH-PLAN").status_code == 404
    assert client.get("/targets/?plan=KH-DRAFT").status_code == 404

    client.force_login(planner)
    assertContains(client.get("/?plan=KH-DRAFT"), '<option value="KH-DRAFT" selected>')


def test_with_no_plan_published_the_overview_says_so(client):
    assertContains(client.get("/"), "Chưa có quy hoạch, kế hoạch nào được công bố.")
