"""An approver approves and rejects its own agency's submitted figures, several at once; a
rejection needs a reason; another agency's figures are neither listed nor touched."""

from decimal import Decimal

import pytest
from entry_pages_helpers import APPROVALS_URL, MINE_URL, doctors_indicator, figure, states
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(province, grdp_growth):
    return [
        figure(grdp_growth, province, period, value, WorkflowState.SUBMITTED)
        for period, value in (("2023", "4.5"), ("2024", "5.1"))
    ]


@pytest.fixture
def health_submitted(health, province):
    return figure(doctors_indicator(health), province, "2024", "11.2", WorkflowState.SUBMITTED)


def test_the_approver_sees_its_agencys_submissions_only(
    client, approver, submitted, health_submitted
):
    client.force_login(approver)

    response = client.get(APPROVALS_URL)

    assert response.status_code == 200
    for observation in submitted:
        assertContains(response, f'name="ids" value="{observation.pk}"')
    assertNotContains(response, "doctors_per_10k")
    assertNotContains(response, f'value="{health_submitted.pk}"')


def test_the_approver_approves_several_at_once_with_a_note(client, approver, submitted):
    client.force_login(approver)

    response = client.post(
        APPROVALS_URL,
        {"ids": [o.pk for o in submitted], "action": "approve", "note": "Khớp niên giám"},
    )

    assert response.status_code == 302
    assert response["Location"] == APPROVALS_URL
    assert [state for state, _version in states(*submitted)] == [WorkflowState.APPROVED] * 2
    assert {o.review_note for o in Observation.objects.all()} == {"Khớp niên giám"}
    assertContains(client.get(APPROVALS_URL), "Đã phê duyệt 2 số liệu.")


def test_the_approver_rejects_with_a_reason_the_reporter_then_reads(
    client, approver, reporter, submitted
):
    client.force_login(approver)

    response = client.post(
        APPROVALS_URL,
        {"ids": [submitted[0].pk], "action": "reject", "note": "Thiếu nguồn số liệu gốc"},
    )

    assert response.status_code == 302
    assert states(*submitted) == [(WorkflowState.REJECTED, 2), (WorkflowState.SUBMITTED, 1)]
    client.force_login(reporter)
    assertContains(client.get(MINE_URL), "Lý do trả lại: Thiếu nguồn số liệu gốc")


def test_a_rejection_without_a_reason_is_refused_and_changes_nothing(
    client, approver, submitted, tables
):
    client.force_login(approver)
    before = tables()

    response = client.post(
        APPROVALS_URL, {"ids": [o.pk for o in submitted], "action": "reject", "note": "  "}
    )

    assertContains(response, "Hãy ghi lý do trả lại.", status_code=400)
    assert tables() == before


def test_another_agencys_figure_among_the_ids_is_404_and_nothing_changes(
    client, approver, submitted, health_submitted, tables
):
    client.force_login(approver)
    before = tables()

    response = client.post(
        APPROVALS_URL,
        {"ids": [submitted[0].pk, health_submitted.pk], "action": "approve"},
    )

    assert response.status_code == 404
    assert tables() == before


def test_an_approved_figure_of_another_agency_is_refused_by_the_service(
    client, approver, health, province, submitted, tables
):
    published = figure(doctors_indicator(health), province, "2023", "10.9", WorkflowState.APPROVED)
    client.force_login(approver)
    before = tables()

    response = client.post(
        APPROVALS_URL, {"ids": [submitted[0].pk, published.pk], "action": "approve"}
    )

    assertContains(
        response, "Bạn không được phê duyệt số liệu của chỉ số doctors_per_10k.", status_code=403
    )
    assert tables() == before


def test_nothing_ticked_is_said_plainly(client, approver, submitted):
    client.force_login(approver)

    response = client.post(APPROVALS_URL, {"action": "approve"})

    assertContains(response, "Hãy chọn ít nhất một số liệu.", status_code=400)


def test_a_pending_vintage_shows_beside_the_approved_value_it_would_replace(
    client, approver, province, grdp_growth
):
    figure(grdp_growth, province, "2023", "2.24", WorkflowState.APPROVED, source="Ước 12/2023")
    revised = figure(
        grdp_growth,
        province,
        "2023",
        "3.73",
        WorkflowState.SUBMITTED,
        status=FigureStatus.OFFICIAL,
        source="Báo cáo năm 2024",
    )
    assert not revised.is_current
    client.force_login(approver)

    response = client.get(APPROVALS_URL)

    assertContains(
        response,
        '<td class="number approved-value">2,24 %<br><span class="hint">Ước 12/2023</span></td>',
        html=True,
    )
    client.post(APPROVALS_URL, {"ids": [revised.pk], "action": "approve"})
    current = Observation.objects.get(is_current=True)
    assert (current.pk, current.value) == (revised.pk, Decimal("3.73"))
