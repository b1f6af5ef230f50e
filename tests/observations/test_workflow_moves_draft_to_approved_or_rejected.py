"""Figures move draft → submitted → approved, or → rejected with a reason and back."""

from decimal import Decimal

import pytest

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import (
    WorkflowError,
    approve_observations,
    edit_observation,
    reject_observations,
    submit_observations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(grdp_growth, province, industry, reporter):
    observation, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương, báo cáo tháng 12/2024",
        agency=industry,
        user=reporter,
    )
    return observation


def state_of(observation):
    observation.refresh_from_db()
    return observation.state


def test_a_draft_is_submitted_then_approved(draft, reporter, approver):
    submit_observations([draft.pk], user=reporter)
    assert state_of(draft) == WorkflowState.SUBMITTED

    approve_observations([draft.pk], user=approver, note="Khớp số liệu thống kê")

    assert state_of(draft) == WorkflowState.APPROVED
    assert draft.is_current
    assert draft.review_note == "Khớp số liệu thống kê"


def test_a_rejected_figure_is_corrected_and_submitted_again(draft, reporter, approver):
    submit_observations([draft.pk], user=reporter)

    reject_observations([draft.pk], user=approver, reason="Chưa khớp báo cáo của Cục Thống kê")
    assert state_of(draft) == WorkflowState.REJECTED
    assert draft.review_note == "Chưa khớp báo cáo của Cục Thống kê"

    edit_observation(
        draft.pk,
        user=reporter,
        expected_version=draft.version,
        value="6.5",
        reason="Sửa theo ý kiến",
    )
    assert state_of(draft) == WorkflowState.DRAFT
    submit_observations([draft.pk], user=reporter)
    approve_observations([draft.pk], user=approver)

    assert state_of(draft) == WorkflowState.APPROVED
    assert draft.value == Decimal("6.5")


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_needs_a_reason(reason, draft, reporter, approver):
    submit_observations([draft.pk], user=reporter)

    with pytest.raises(WorkflowError) as refused:
        reject_observations([draft.pk], user=approver, reason=reason)

    assert refused.value.code == "reason_required"
    assert str(refused.value) == "Hãy ghi lý do trả lại."
    assert state_of(draft) == WorkflowState.SUBMITTED


def test_steps_out_of_order_are_refused(draft, reporter, approver):
    with pytest.raises(WorkflowError) as approving_a_draft:
        approve_observations([draft.pk], user=approver)
    with pytest.raises(WorkflowError) as rejecting_a_draft:
        reject_observations([draft.pk], user=approver, reason="?")
    submit_observations([draft.pk], user=reporter)
    with pytest.raises(WorkflowError) as submitting_twice:
        submit_observations([draft.pk], user=reporter)

    assert approving_a_draft.value.code == "wrong_state"
    assert str(approving_a_draft.value) == (
        "Chỉ phê duyệt được số liệu đã gửi; số liệu này đang “Nháp”."
    )
    assert rejecting_a_draft.value.code == "wrong_state"
    assert submitting_twice.value.code == "wrong_state"
    assert str(submitting_twice.value) == (
        "Chỉ gửi được số liệu nháp hoặc bị trả lại; số liệu này đang “Đã gửi”."
    )


def test_a_step_over_several_figures_is_all_or_nothing(
    draft, reporter, approver, grdp_growth, province
):
    approved, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2023",
        value=Decimal("3.73"),
        status=FigureStatus.DERIVED,
        source="Cục Thống kê",
        state=WorkflowState.APPROVED,
    )

    with pytest.raises(WorkflowError):
        submit_observations([draft.pk, approved.pk], user=reporter)

    assert state_of(draft) == WorkflowState.DRAFT


def test_an_unknown_figure_is_not_found(reporter):
    with pytest.raises(WorkflowError) as refused:
        submit_observations([987654], user=reporter)

    assert refused.value.code == "not_found"


def test_approving_a_pending_new_vintage_makes_it_current(draft, reporter, approver, csv_file):
    submit_observations([draft.pk], user=reporter)
    approve_observations([draft.pk], user=approver)
    import_observations(
        csv_file(
            [("grdp_growth", "04", "2024", "6,9", "chính thức")],
            ("indicator", "unit", "period", "value", "status"),
        ),
        "chinh-thuc.csv",
        user=reporter,
    )
    pending = Observation.objects.get(is_current=False)
    assert Observation.objects.current().get() == draft

    approve_observations([pending.pk], user=approver)

    pending.refresh_from_db()
    draft.refresh_from_db()
    assert pending.is_current and pending.state == WorkflowState.APPROVED
    assert pending.supersedes == draft
    assert not draft.is_current and draft.state == WorkflowState.APPROVED


def test_a_pending_figure_already_replaced_by_a_newer_one_cannot_be_approved(
    reporter, approver, csv_file, grdp_growth, province
):
    header = ("indicator", "unit", "period", "value")
    import_observations(
        csv_file([("grdp_growth", "04", "2024", "6,7")], header), "1.csv", user=reporter
    )
    import_observations(
        csv_file([("grdp_growth", "04", "2024", "6,9")], header), "2.csv", user=reporter
    )
    older = Observation.objects.get(value=Decimal("6.7"))

    with pytest.raises(WorkflowError) as refused:
        approve_observations([older.pk], user=approver)

    assert refused.value.code == "superseded"
    assert str(refused.value) == (
        "Số liệu 6,7 của grdp_growth, Tỉnh Cao Bằng (04), kỳ 2024 đã được thay bằng số liệu mới "
        "hơn (6,9): hãy duyệt số liệu mới."
    )
    assert Observation.objects.current().get().value == Decimal("6.9")
