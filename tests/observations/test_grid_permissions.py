"""Who opens which grid: the agency's reporters enter, its approvers review, planners do
both for every agency; a viewer, another agency's reporter and a reporter asking for the
review grid get 404 with a Vietnamese message saying why; anonymous visitors log in."""

import pytest
from django.http import Http404
from grid_helpers import HTMX, cell_key, cell_post, grid_url, open_grid_round, review_url
from pytest_django.asserts import assertContains, assertRedirects

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.observations import grid_views
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid_round(planner, province, industry, grdp_growth):
    return open_grid_round(planner, industry, [grdp_growth])


@pytest.fixture
def viewer(django_user_model, industry):
    user = django_user_model.objects.create_user(username="xem", password="pw")
    Membership.objects.create(user=user, agency=industry, role=Role.VIEWER)
    return user


def test_anonymous_visitors_are_sent_to_log_in(client, industry, grid_round):
    for url in ("/observations/grid/", grid_url(industry), review_url(industry)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_a_reporter_with_one_grid_goes_straight_to_it(client, reporter, industry, grid_round):
    client.force_login(reporter)

    assertRedirects(client.get("/observations/grid/"), grid_url(industry))


def test_a_planner_opens_both_grids_of_every_agency(client, planner, industry, grid_round):
    client.force_login(planner)

    assertContains(client.get("/observations/grid/"), grid_url(industry))
    assertContains(client.get(grid_url(industry)), "Mở bảng để duyệt số liệu")
    assertContains(client.get(review_url(industry)), "Mở bảng để nhập số liệu")


@pytest.mark.parametrize(
    ("persona", "url", "message"),
    [
        ("viewer", "entry", "chỉ người báo cáo của cơ quan"),
        ("viewer", "review", "chỉ người phê duyệt của cơ quan"),
        ("other_reporter", "entry", "chỉ người báo cáo của cơ quan"),
        ("reporter", "review", "chỉ người phê duyệt của cơ quan"),
        ("approver", "entry", "chỉ người báo cáo của cơ quan"),
    ],
)
def test_a_user_the_grid_is_not_for_gets_404_saying_why(
    client, rf, request, industry, grid_round, persona, url, message
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    address = grid_url(industry) if url == "entry" else review_url(industry)

    assert client.get(address).status_code == 404
    assert client.post(address, {"save": "all"}).status_code == 404
    # The 404 page shows the exception's message (web/404.html): it says who the page is for.
    view = grid_views.grid if url == "entry" else grid_views.review_grid
    page = rf.get(address)
    page.user = user
    with pytest.raises(Http404, match=message):
        view(page, agency_code=industry.code)


def test_a_viewer_has_no_grid_at_all(client, viewer, grid_round):
    client.force_login(viewer)

    assert client.get("/observations/grid/").status_code == 404


def test_another_agencys_reporter_cannot_write_a_cell(
    client, other_reporter, industry, province, grdp_growth, grid_round
):
    client.force_login(other_reporter)
    key = cell_key(grid_round, grdp_growth, province)

    response = client.post(grid_url(industry), cell_post(key, "6,5"), **HTMX)

    assert response.status_code == 404
    assert not Observation.objects.exists()


def test_a_cell_of_another_grid_is_not_found(client, reporter, industry, grid_round):
    client.force_login(reporter)

    assert client.post(grid_url(industry), cell_post(999999, "6,5"), **HTMX).status_code == 404
    assert client.post(grid_url(industry), cell_post("x", "6,5"), **HTMX).status_code == 404
