"""Who may take each step: a reporter submits its own agency's figures, an approver approves
or rejects its own agency's, a planner does everything; nobody touches another agency's."""

from decimal import Decimal

import pytest

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import (
    NotPermitted,
    approve_observations,
    edit_observation,
    reject_observations,
    submit_observations,
)

pytestmark = pytest.mark.django_db


def figure(indicator, unit, state):
    observation, _created = record_observation(
        indicator=indicator,
        unit=unit,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương",
        state=state,
    )
    return observation


@pytest.fixture
def draft(grdp_growth, province):
    return figure(grdp_growth, province, WorkflowState.DRAFT)


@pytest.fixture
def submitted(grdp_growth, province):
    return figure(grdp_growth, province, WorkflowState.SUBMITTED)


@pytest.fixture
def other_approver(django_user_model, health):
    user = django_user_model.objects.create_user(username="binh", password="pw")
    Membership.objects.create(user=user, agency=health, role=Role.APPROVER)
    return user


def test_a_reporter_submits_its_own_agencys_figures(draft, reporter):
    (submitted,) = submit_observations([draft.pk], user=reporter)

    assert submitted.state == WorkflowState.SUBMITTED


def test_a_reporter_of_another_agency_cannot_submit_them(draft, other_reporter):
    with pytest.raises(NotPermitted) as refused:
        submit_observations([draft.pk], user=other_reporter)

    assert refused.value.code == "not_permitted"
    assert str(refused.value) == (
        "Bạn không được báo cáo chỉ số grdp_growth cho Tỉnh Cao Bằng (04): chỉ số này thuộc "
        "Sở Công Thương."
    )
    draft.refresh_from_db()
    assert draft.state == WorkflowState.DRAFT


def test_an_approver_does_not_submit(draft, approver):
    with pytest.raises(NotPermitted):
        submit_observations([draft.pk], user=approver)


def test_an_approver_approves_its_own_agencys_figures(submitted, approver):
    (approved,) = approve_observations([submitted.pk], user=approver)

    assert approved.state == WorkflowState.APPROVED


@pytest.mark.parametrize("who", ["reporter", "other_approver", "other_reporter"])
def test_nobody_else_approves_or_rejects(who, submitted, request):
    user = request.getfixturevalue(who)

    with pytest.raises(NotPermitted) as approving:
        approve_observations([submitted.pk], user=user)
    with pytest.raises(NotPermitted) as rejecting:
        reject_observations([submitted.pk], user=user, reason="Sai")

    assert approving.value.code == rejecting.value.code == "not_permitted"
    assert str(approving.value) == "Bạn không được phê duyệt số liệu của chỉ số grdp_growth."
    submitted.refresh_from_db()
    assert submitted.state == WorkflowState.SUBMITTED


def test_a_planner_takes_every_step_for_any_agency(draft, planner, settings):
    # The planner edits the figure, so approving it is a self-approval: allowed here by the
    # one-person office's setting (four eyes: tests/observations/test_four_eyes_approval.py).
    settings.PLANTRACK_ALLOW_SELF_APPROVAL = True
    submit_observations([draft.pk], user=planner)
    reject_observations([draft.pk], user=planner, reason="Thiếu nguồn")
    draft.refresh_from_db()
    edit_observation(draft.pk, user=planner, expected_version=draft.version, value="6.8")
    submit_observations([draft.pk], user=planner)
    approve_observations([draft.pk], user=planner)

    draft.refresh_from_db()
    assert (draft.state, draft.value) == (WorkflowState.APPROVED, Decimal("6.8"))


def test_a_reporter_of_another_agency_cannot_edit(draft, other_reporter):
    with pytest.raises(NotPermitted):
        edit_observation(draft.pk, user=other_reporter, expected_version=draft.version, value="1")

    draft.refresh_from_db()
    assert draft.value == Decimal("6.74")


def test_an_anonymous_visitor_takes_no_step(draft, submitted):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotPermitted):
        submit_observations([draft.pk], user=AnonymousUser())
    with pytest.raises(NotPermitted):
        approve_observations([submitted.pk], user=AnonymousUser())
