"""A reporter enters one figure with the web form (the importer's checks, as for the API),
lists its agency's pending figures, corrects a rejected one and submits several at once."""

from decimal import Decimal

import pytest
from entry_pages_helpers import ENTER_URL, MINE_URL, SOURCE, edit_url, figure, states
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import RevisionAction, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.workflow import reject_observations

pytestmark = pytest.mark.django_db


def entry(**fields) -> dict:
    return {
        "indicator": "grdp_growth",
        "unit": "04",
        "period": "2024",
        "value": "5,1",
        "status": "estimate",
        "source": SOURCE,
        "comment": "",
    } | fields


def test_a_reporter_enters_a_draft_written_in_vietnamese_style(
    client, reporter, industry, province, grdp_growth
):
    client.force_login(reporter)

    response = client.post(ENTER_URL, entry(value="1.234,5"))

    assert response.status_code == 302
    assert response["Location"] == MINE_URL
    observation = Observation.objects.get()
    assert (observation.value, observation.state, observation.agency) == (
        Decimal("1234.5"),
        WorkflowState.DRAFT,
        industry,
    )
    (revision,) = observation.revisions.all()
    assert (revision.action, revision.user, revision.reason) == (
        RevisionAction.CREATED,
        reporter,
        "Nhập trên trang web",
    )
    assertContains(client.get(MINE_URL), "Đã ghi số liệu grdp_growth, Tỉnh Cao Bằng (04), kỳ 2024")


def test_a_figure_may_be_submitted_as_it_is_entered(client, reporter, province, grdp_growth):
    client.force_login(reporter)

    client.post(ENTER_URL, entry(submit="on"))

    assert Observation.objects.get().state == WorkflowState.SUBMITTED


def test_a_check_that_fails_is_shown_beside_its_field(
    client, reporter, province, grdp_growth, tables
):
    client.force_login(reporter)
    before = tables()

    response = client.post(ENTER_URL, entry(period="2024Q3", value="khoảng 5"))

    assert response.status_code == 400
    assert tables() == before
    text = response.content.decode()
    assert "“khoảng 5” không phải là một số." in text.split('id="id_value"')[1]
    assert "không khớp kỳ báo cáo hằng năm" in text.split('id="id_period"')[1]


def test_the_pending_list_puts_rejected_figures_first_with_their_reason(
    client, reporter, approver, province, grdp_growth
):
    draft = figure(grdp_growth, province, "2022", "4.2")
    rejected = figure(grdp_growth, province, "2023", "4.5", WorkflowState.SUBMITTED)
    reject_observations([rejected.pk], user=approver, reason="Số liệu chưa khớp niên giám")
    sent = figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)
    figure(grdp_growth, province, "2021", "3.9", WorkflowState.APPROVED)
    client.force_login(reporter)

    response = client.get(MINE_URL)

    text = response.content.decode()
    order = [
        text.index(f'<tr class="state-{state}">') for state in ("rejected", "draft", "submitted")
    ]
    assert order == sorted(order)
    assertContains(response, "Lý do trả lại: Số liệu chưa khớp niên giám")
    assertContains(response, f'name="ids" value="{draft.pk}"')
    assertContains(response, f'name="ids" value="{rejected.pk}"')
    assertNotContains(response, f'name="ids" value="{sent.pk}"')
    assertNotContains(response, "3,9 %")  # approved: not pending work


def test_a_reporter_submits_several_figures_at_once(client, reporter, province, grdp_growth):
    drafts = [figure(grdp_growth, province, p, v) for p, v in (("2023", "4.5"), ("2024", "5.1"))]
    client.force_login(reporter)

    response = client.post(MINE_URL, {"ids": [o.pk for o in drafts]})

    assert response.status_code == 302
    assert states(*drafts) == [(WorkflowState.SUBMITTED, 2)] * 2
    assertContains(client.get(MINE_URL), "Đã gửi duyệt 2 số liệu.")


def test_a_submission_with_one_figure_in_the_wrong_state_submits_none(
    client, reporter, province, grdp_growth
):
    draft = figure(grdp_growth, province, "2023", "4.5")
    sent = figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)
    client.force_login(reporter)

    response = client.post(MINE_URL, {"ids": [draft.pk, sent.pk]})

    assertContains(response, "Chỉ gửi được số liệu nháp hoặc bị trả lại", status_code=409)
    assert states(draft, sent) == [(WorkflowState.DRAFT, 1), (WorkflowState.SUBMITTED, 1)]


def test_a_rejected_figure_corrected_goes_back_to_draft(
    client, reporter, approver, province, grdp_growth
):
    observation = figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)
    (observation,) = reject_observations([observation.pk], user=approver, reason="Sai đơn vị")
    client.force_login(reporter)
    form = client.get(edit_url(observation))
    assertContains(form, f'<input type="hidden" name="version" value="{observation.version}"')
    assertContains(form, 'value="5,1"')

    response = client.post(
        edit_url(observation),
        {
            "version": observation.version,
            "value": "5,3",
            "status": "estimate",
            "source": SOURCE,
            "comment": "",
            "reason": "Sửa theo ý kiến của Sở",
        },
    )

    assert response.status_code == 302
    observation.refresh_from_db()
    assert (observation.value, observation.state) == (Decimal("5.3"), WorkflowState.DRAFT)
    assert observation.revisions.last().reason == "Sửa theo ý kiến của Sở"


def test_a_submitted_figure_is_not_edited_here(client, reporter, province, grdp_growth):
    sent = figure(grdp_growth, province, "2024", "5.1", WorkflowState.SUBMITTED)
    client.force_login(reporter)

    response = client.get(edit_url(sent))

    assertContains(response, "chỉ sửa số liệu nháp hoặc bị trả lại")
    assertNotContains(response, 'name="value"')
