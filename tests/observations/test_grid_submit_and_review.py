"""The grid's "submit all" sends every draft and returned figure of the agency's open
rounds; the approver's grid approves or returns one cell (a return needs a reason, which
the reporter then sees beside the cell) or every submitted figure at once."""

from decimal import Decimal

import pytest
from grid_helpers import HTMX, SOURCE, cell_key, cell_post, grid_url, open_grid_round, review_url
from pytest_django.asserts import assertContains

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import WorkflowState
from plantrack.observations.entry import enter_observation
from plantrack.observations.models import Observation
from plantrack.observations.workflow import submit_observations

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(province):
    return AdminUnit.objects.create(
        code="040", name="Thành phố Cao Bằng", level=UnitLevel.DISTRICT, parent=province
    )


@pytest.fixture
def grid_round(planner, province, district, industry, grdp_growth):
    return open_grid_round(planner, industry, [grdp_growth], units=[province, district])


def _enter(user, unit, value: str, *, submit: bool = False) -> Observation:
    observation, _written = enter_observation(
        user=user,
        indicator="grdp_growth",
        unit=unit.code,
        period="2025",
        value=value,
        source=SOURCE,
        submit=submit,
    )
    return observation


def test_submit_all_saves_the_typed_cells_and_submits_every_draft(
    client, reporter, industry, province, district, grdp_growth, grid_round
):
    _enter(reporter, district, "7,1")
    client.force_login(reporter)
    key = cell_key(grid_round, grdp_growth, province)

    response = client.post(
        grid_url(industry), cell_post(key, "6,5") | {"save": "", "submit": "all"}, follow=True
    )

    assertContains(response, "Đã gửi duyệt 2 số liệu.")
    assert sorted(Observation.objects.values_list("value", "state")) == [
        (Decimal("6.5"), WorkflowState.SUBMITTED),
        (Decimal("7.1"), WorkflowState.SUBMITTED),
    ]


def test_submit_all_with_nothing_to_send_says_so(client, reporter, industry, grid_round):
    client.force_login(reporter)

    response = client.post(grid_url(industry), {"submit": "all"})

    assertContains(response, "Không có số liệu nháp hoặc bị trả lại", status_code=400)


def test_a_submitted_cell_is_shown_but_not_typed_in(
    client, reporter, industry, province, grdp_growth, grid_round
):
    _enter(reporter, province, "6,5", submit=True)
    client.force_login(reporter)
    key = cell_key(grid_round, grdp_growth, province)

    response = client.get(grid_url(industry))

    assertContains(response, "Đã gửi")
    assert f'name="cell-{key}"' not in response.content.decode()
    refused = client.post(grid_url(industry), cell_post(key, "9", was="6,5"), **HTMX)
    assertContains(refused, "Số liệu đã gửi duyệt")
    assert Observation.objects.get().value == Decimal("6.5")


def test_the_approver_returns_one_cell_with_a_reason_the_reporter_then_reads(
    client, reporter, approver, industry, province, district, grdp_growth, grid_round
):
    returned = _enter(reporter, province, "6,5", submit=True)
    kept = _enter(reporter, district, "7,1", submit=True)
    client.force_login(approver)
    key = cell_key(grid_round, grdp_growth, province)
    reason = "Số liệu chưa khớp báo cáo quý 4 của Cục Thống kê"

    response = client.post(
        review_url(industry), {"reject": str(key), f"reason-{key}": reason}, **HTMX
    )

    assert response.status_code == 200
    assertContains(response, "Đã trả lại grdp_growth")
    assertContains(response, f"Lý do trả lại: {reason}")
    returned.refresh_from_db()
    kept.refresh_from_db()
    assert (returned.state, returned.review_note) == (WorkflowState.REJECTED, reason)
    assert kept.state == WorkflowState.SUBMITTED

    client.force_login(reporter)
    page = client.get(grid_url(industry))
    assertContains(page, "Bị trả lại")
    assertContains(page, f"Lý do trả lại: {reason}")
    assertContains(page, f'name="cell-{key}"')  # returned: the reporter may correct it


def test_a_return_without_a_reason_is_refused_in_place(
    client, reporter, approver, industry, province, grdp_growth, grid_round
):
    figure = _enter(reporter, province, "6,5", submit=True)
    client.force_login(approver)
    key = cell_key(grid_round, grdp_growth, province)

    response = client.post(review_url(industry), {"reject": str(key), f"reason-{key}": " "}, **HTMX)

    assertContains(response, "Hãy ghi lý do trả lại.")
    figure.refresh_from_db()
    assert figure.state == WorkflowState.SUBMITTED


def test_the_approver_approves_one_cell_without_javascript(
    client, reporter, approver, industry, province, grdp_growth, grid_round
):
    figure = _enter(reporter, province, "6,5", submit=True)
    client.force_login(approver)
    key = cell_key(grid_round, grdp_growth, province)

    response = client.post(review_url(industry), {"approve": str(key)}, follow=True)

    assertContains(response, "Đã phê duyệt grdp_growth")
    figure.refresh_from_db()
    assert (figure.state, figure.is_current) == (WorkflowState.APPROVED, True)


def test_approve_all_and_return_all(
    client, reporter, approver, industry, province, district, grid_round
):
    _enter(reporter, province, "6,5", submit=True)
    _enter(reporter, district, "7,1", submit=True)
    client.force_login(approver)

    refused = client.post(review_url(industry), {"reject": "all", "reason-all": ""})
    assertContains(refused, "Hãy ghi lý do trả lại.", status_code=400)

    response = client.post(review_url(industry), {"approve": "all"}, follow=True)

    assertContains(response, "Đã phê duyệt 2 số liệu.")
    assert set(Observation.objects.values_list("state", flat=True)) == {WorkflowState.APPROVED}


def test_return_all_sends_every_submitted_figure_back(
    client, reporter, approver, industry, province, district, grid_round
):
    ids = [_enter(reporter, unit, "6,5").pk for unit in (province, district)]
    submit_observations(ids, user=reporter)
    client.force_login(approver)

    response = client.post(
        review_url(industry), {"reject": "all", "reason-all": "Thiếu nguồn chính thức"}, follow=True
    )

    assertContains(response, "Đã trả lại 2 số liệu.")
    assert set(Observation.objects.values_list("state", "review_note")) == {
        (WorkflowState.REJECTED, "Thiếu nguồn chính thức")
    }
