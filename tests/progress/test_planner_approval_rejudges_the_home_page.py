"""The planner's story of issue 13: a figure approved on the web changes the home page at once.

On the demo, the planner enters the 2025 budget revenue (2.400 tỷ đồng) and submits it; the
demo's admin approves it (four eyes: not the planner who entered it, issue 14); the next page
opened already judges the target on it.
"""

import pytest
from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains

from plantrack.demo.services import reset_demo_users
from plantrack.observations.models import Observation
from plantrack.plans.models import Target
from plantrack.progress.choices import Cause, Status
from plantrack.progress.models import Judgement, JudgementChange

pytestmark = pytest.mark.django_db

SOURCE = "Báo cáo ước thực hiện thu ngân sách năm 2025 (nhập thử trong kiểm thử)"


@pytest.fixture
def planner(demo):
    reset_demo_users()
    return get_user_model().objects.get(username="planner")


def revenue_target() -> Target:
    return Target.objects.current().get(
        plan__code="QH-CB-2021-2030", indicator__code="budget_revenue"
    )


def test_approving_a_figure_changes_the_home_page_in_the_same_request_cycle(client, planner):
    target = revenue_target()
    assert Judgement.objects.get(target=target).status == Status.ON_TRACK
    client.force_login(planner)

    entered = client.post(
        "/observations/mine/new/",
        {
            "indicator": "budget_revenue",
            "unit": target.plan.scope_unit.code,
            "period": "2025",
            "value": "2.400",
            "status": "estimate",
            "source": SOURCE,
            "comment": "",
            "submit": "on",
        },
    )
    assert entered.status_code in (200, 302), entered.content.decode()[:2000]
    figure = Observation.objects.get(indicator__code="budget_revenue", period="2025")
    own = client.post("/observations/approvals/", {"ids": [figure.pk], "action": "approve"})
    assert own.status_code == 403  # the planner entered it
    client.force_login(get_user_model().objects.get(username="admin"))
    approved = client.post("/observations/approvals/", {"ids": [figure.pk], "action": "approve"})
    assert approved.status_code == 302

    response = client.get("/")

    assertContains(response, "2.400 tỷ đồng")
    assertContains(response, "Cần đẩy nhanh")
    assertContains(response, "9,28 %/năm")
    figure.refresh_from_db()
    judged = Judgement.objects.get(target=target)
    assert judged.status == Status.NEEDS_ACCELERATION
    assert [figure.pk, figure.version] in judged.figures
    last = JudgementChange.objects.filter(target=target).order_by("at", "id").last()
    assert last.cause == Cause.FIGURE
    assert last.cause_figure_id == figure.pk
    assert last.status == Status.NEEDS_ACCELERATION
