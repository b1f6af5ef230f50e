"""Four eyes: no one approves a figure they entered or last edited, planners included, on the
web, through the API or in a script, unless ``PLANTRACK_ALLOW_SELF_APPROVAL`` lets a
one-person office do it; then the figure's history says it was a self-approval.

Công (``reporter``) is made an approver of his own agency too: the case the issue found,
a user who is both reporter and approver approving the figure he entered.
"""

from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.observations.choices import WorkflowState
from plantrack.observations.entry import enter_observation
from plantrack.observations.models import Observation
from plantrack.observations.workflow import (
    SelfApproval,
    approve_observations,
    edit_observation,
    submit_observations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cong(reporter, industry):
    """Công, reporter and approver of Sở Công Thương."""
    Membership.objects.create(user=reporter, agency=industry, role=Role.APPROVER)
    return reporter


def entered_by(user, grdp_growth, province, *, period="2024") -> Observation:
    observation, _written = enter_observation(
        user=user,
        indicator=grdp_growth.code,
        unit=province.code,
        period=period,
        value="6,74",
        source="Sở Công Thương",
        submit=True,
    )
    return observation


def test_a_reporter_who_is_also_approver_does_not_approve_what_he_entered(
    cong, grdp_growth, province
):
    figure = entered_by(cong, grdp_growth, province)

    with pytest.raises(SelfApproval, match="nguyên tắc bốn mắt") as refused:
        approve_observations([figure.pk], user=cong)

    assert refused.value.code == "self_approval"
    figure.refresh_from_db()
    assert figure.state == WorkflowState.SUBMITTED


def test_another_approver_approves_it(cong, approver, grdp_growth, province):
    figure = entered_by(cong, grdp_growth, province)

    approve_observations([figure.pk], user=approver)

    figure.refresh_from_db()
    assert figure.state == WorkflowState.APPROVED
    assert "self_approval" not in figure.revisions.last().changes


def test_the_last_editor_does_not_approve_either(
    reporter, approver, planner, grdp_growth, province
):
    # Công enters it; the planner corrects the value: the planner is now its last editor.
    figure, _written = enter_observation(
        user=reporter,
        indicator=grdp_growth.code,
        unit=province.code,
        period="2024",
        value="6,74",
        source="Sở Công Thương",
    )
    edit_observation(figure.pk, user=planner, expected_version=figure.version, value="6.8")
    submit_observations([figure.pk], user=reporter)

    with pytest.raises(SelfApproval):
        approve_observations([figure.pk], user=planner)
    approve_observations([figure.pk], user=approver)

    figure.refresh_from_db()
    assert (figure.state, figure.value) == (WorkflowState.APPROVED, Decimal("6.8"))


def test_a_bulk_approval_with_one_own_figure_approves_none(
    cong, reporter, approver, grdp_growth, province, django_user_model, industry
):
    other = django_user_model.objects.create_user(username="lan", password="pw")
    Membership.objects.create(user=other, agency=industry, role=Role.REPORTER)
    mine = entered_by(cong, grdp_growth, province, period="2023")
    theirs = entered_by(other, grdp_growth, province, period="2024")

    with pytest.raises(SelfApproval):
        approve_observations([theirs.pk, mine.pk], user=cong)

    states = set(Observation.objects.values_list("state", flat=True))
    assert states == {WorkflowState.SUBMITTED}


def test_a_one_person_office_approves_its_own_figure_marked_in_the_history(
    cong, grdp_growth, province, settings
):
    settings.PLANTRACK_ALLOW_SELF_APPROVAL = True
    figure = entered_by(cong, grdp_growth, province)

    approve_observations([figure.pk], user=cong, note="Đã đối chiếu")

    figure.refresh_from_db()
    assert figure.state == WorkflowState.APPROVED
    approval = figure.revisions.last()
    assert approval.user == cong
    assert approval.changes["self_approval"] == [False, True]
    assert approval.reason.startswith("Đã đối chiếu (tự phê duyệt")


def test_the_api_refuses_a_self_approval_with_403(cong, grdp_growth, province):
    figure = entered_by(cong, grdp_growth, province)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=cong).key}")

    one = client.post(f"/api/observations/{figure.pk}/approve/", {}, format="json")
    many = client.post("/api/observations/approve/", {"ids": [figure.pk]}, format="json")

    assert (one.status_code, one.json()["error"]["code"]) == (403, "self_approval")
    assert (many.status_code, many.json()["error"]["code"]) == (403, "self_approval")


def test_the_approval_page_refuses_a_self_approval(client, cong, grdp_growth, province):
    figure = entered_by(cong, grdp_growth, province)
    client.force_login(cong)

    response = client.post("/observations/approvals/", {"ids": [figure.pk], "action": "approve"})

    assert response.status_code == 403
    assert "nguyên tắc bốn mắt" in response.content.decode()
    figure.refresh_from_db()
    assert figure.state == WorkflowState.SUBMITTED


def test_the_approval_page_refuses_an_id_past_64_bits_naming_the_field(client, cong):
    client.force_login(cong)

    response = client.post(
        "/observations/approvals/", {"ids": "99999999999999999999", "action": "approve"}
    )

    assert response.status_code == 400
    assert "“ids”" in response.content.decode()
