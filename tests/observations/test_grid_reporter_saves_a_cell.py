"""A reporter types a figure in a cell of the grid: saved at once (htmx gets the cell
back), a bad number is refused with its message next to the cell, and the same post
without htmx saves and comes back to the page."""

from decimal import Decimal

import pytest
from grid_helpers import HTMX, SOURCE, cell_key, cell_post, grid_url, open_grid_round
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid_round(planner, province, industry, grdp_growth):
    return open_grid_round(planner, industry, [grdp_growth])


@pytest.fixture
def key(grid_round, grdp_growth, province):
    return cell_key(grid_round, grdp_growth, province)


def test_the_grid_shows_the_owed_figure_as_an_empty_cell(client, reporter, industry, key):
    client.force_login(reporter)

    response = client.get(grid_url(industry))

    assertContains(response, "Bảng nhập số liệu")
    assertContains(response, "grdp_growth")
    assertContains(response, "Tỉnh Cao Bằng")
    assertContains(response, f'name="cell-{key}"')
    assertContains(response, "Chưa nhập")
    assertContains(response, "observations/vendor/htmx/htmx.min.js")


def test_a_cell_saved_by_htmx_is_a_draft_and_comes_back_alone(client, reporter, industry, key):
    client.force_login(reporter)

    response = client.post(grid_url(industry), cell_post(key, "6,5"), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<td id="cell-{key}"')
    assert "<html" not in html
    assertContains(response, "Đã lưu.")
    assertContains(response, 'value="6,5"')
    observation = Observation.objects.get()
    assert (observation.value, observation.state, observation.source) == (
        Decimal("6.5"),
        WorkflowState.DRAFT,
        SOURCE,
    )


def test_a_bad_number_is_refused_in_place_and_nothing_is_written(client, reporter, industry, key):
    client.force_login(reporter)

    response = client.post(grid_url(industry), cell_post(key, "sáu phẩy năm"), **HTMX)

    assert (
        response.status_code == 200
    )  # the cell says it was refused; a 4xx would be a console error
    assertContains(response, 'aria-invalid="true"')
    assertContains(response, 'value="sáu phẩy năm"')
    assertContains(response, 'role="alert"')
    assertContains(response, "không phải là một số")
    assert not Observation.objects.exists()


def test_a_new_figure_without_a_source_is_refused_in_place(client, reporter, industry, key):
    client.force_login(reporter)

    response = client.post(grid_url(industry), cell_post(key, "6,5", source=""), **HTMX)

    assertContains(response, "Hãy ghi nguồn của số liệu")
    assert not Observation.objects.exists()


def test_editing_a_saved_draft_changes_it_and_keeps_its_history(client, reporter, industry, key):
    client.force_login(reporter)
    client.post(grid_url(industry), cell_post(key, "6,5"), **HTMX)
    draft = Observation.objects.get()

    response = client.post(
        grid_url(industry), cell_post(key, "6,8", was="6,5", version=str(draft.version)), **HTMX
    )

    assertContains(response, "Đã lưu.")
    draft.refresh_from_db()
    assert (draft.value, draft.version, draft.revisions.count()) == (Decimal("6.8"), 2, 2)


def test_a_cell_saved_by_someone_else_in_between_is_not_overwritten(
    client, reporter, industry, key
):
    client.force_login(reporter)
    client.post(grid_url(industry), cell_post(key, "6,5"), **HTMX)

    # A second page, opened before the first save, still shows the cell empty.
    response = client.post(grid_url(industry), cell_post(key, "7,0"), **HTMX)

    assertContains(response, "vừa được")
    assert Observation.objects.get().value == Decimal("6.5")


def test_the_same_post_without_htmx_saves_and_returns_to_the_page(client, reporter, industry, key):
    client.force_login(reporter)
    data = cell_post(key, "6,5") | {"save": "all"}

    response = client.post(grid_url(industry), data, follow=True)

    assert response.redirect_chain == [(grid_url(industry), 302)]
    assertContains(response, "Đã lưu 1 ô.")
    assertContains(response, 'value="6,5"')
    assert Observation.objects.get().value == Decimal("6.5")


def test_a_bad_number_without_htmx_shows_the_page_with_the_message_beside_the_cell(
    client, reporter, industry, key
):
    client.force_login(reporter)
    data = cell_post(key, "abc") | {"save": "all"}

    response = client.post(grid_url(industry), data)

    assert response.status_code == 422
    assertContains(response, "1 ô chưa lưu được", status_code=422)
    html = response.content.decode()
    cell = html[html.index(f'<td id="cell-{key}"') :]
    cell = cell[: cell.index("</td>")]
    assert 'value="abc"' in cell and "không phải là một số" in cell
    assert not Observation.objects.exists()


def test_an_unchanged_cell_writes_nothing(client, reporter, industry, key):
    client.force_login(reporter)

    response = client.post(grid_url(industry), cell_post(key, "") | {"save": "all"}, follow=True)

    assertContains(response, "Không có ô nào thay đổi.")
    assertNotContains(response, "Đã lưu")
    assert not Observation.objects.exists()
