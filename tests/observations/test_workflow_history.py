"""Every workflow step lands in the revision history: old and new, who, when and why."""

from decimal import Decimal

import pytest
from django.utils import timezone

from plantrack.observations.choices import FigureStatus, RevisionAction, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import (
    approve_observations,
    edit_observation,
    reject_observations,
    submit_observations,
)

pytestmark = pytest.mark.django_db


def test_a_figures_life_reads_from_its_history(grdp_growth, province, industry, reporter, approver):
    started = timezone.now()
    draft, _created = record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        value=Decimal("6.74"),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương",
        agency=industry,
        user=reporter,
        reason="Nhập trên biểu mẫu",
    )
    submit_observations([draft.pk], user=reporter)
    reject_observations([draft.pk], user=approver, reason="Chưa khớp Cục Thống kê")
    draft.refresh_from_db()
    edit_observation(
        draft.pk,
        user=reporter,
        expected_version=draft.version,
        value="6.9",
        comment="Theo số liệu Cục Thống kê",
        reason="Sửa theo ý kiến người duyệt",
    )
    submit_observations([draft.pk], user=reporter)
    approve_observations([draft.pk], user=approver, note="Đã đối chiếu")

    history = [
        (r.action, r.user, r.reason, r.old_value, r.new_value, r.changes)
        for r in draft.revisions.order_by("id")
    ]
    assert history == [
        (RevisionAction.CREATED, reporter, "Nhập trên biểu mẫu", None, Decimal("6.74"), {}),
        (
            RevisionAction.CHANGED,
            reporter,
            "Gửi duyệt",
            Decimal("6.74"),
            Decimal("6.74"),
            {"state": ["draft", "submitted"]},
        ),
        (
            RevisionAction.CHANGED,
            approver,
            "Chưa khớp Cục Thống kê",
            Decimal("6.74"),
            Decimal("6.74"),
            {"review_note": ["", "Chưa khớp Cục Thống kê"], "state": ["submitted", "rejected"]},
        ),
        (
            RevisionAction.CHANGED,
            reporter,
            "Sửa theo ý kiến người duyệt",
            Decimal("6.74"),
            Decimal("6.9"),
            {
                "value": ["6.74", "6.9"],
                "state": ["rejected", "draft"],
                "comment": ["", "Theo số liệu Cục Thống kê"],
            },
        ),
        (
            RevisionAction.CHANGED,
            reporter,
            "Gửi duyệt",
            Decimal("6.9"),
            Decimal("6.9"),
            {"state": ["draft", "submitted"]},
        ),
        (
            RevisionAction.CHANGED,
            approver,
            "Đã đối chiếu",
            Decimal("6.9"),
            Decimal("6.9"),
            {
                "review_note": ["Chưa khớp Cục Thống kê", "Đã đối chiếu"],
                "state": ["submitted", "approved"],
            },
        ),
    ]
    moments = [r.at for r in draft.revisions.order_by("id")]
    assert moments == sorted(moments)
    assert all(started <= moment <= timezone.now() for moment in moments)
    draft.refresh_from_db()
    assert (draft.state, draft.version) == (WorkflowState.APPROVED, 6)
