"""An agency's member sees the rounds that ask their agency for figures, and only their own
agency's rows; other rounds are 404; opening and closing are for planners; anonymous
visitors are sent to log in."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from rounds_helpers import make_hospital_beds, open_year_round

pytestmark = [pytest.mark.django_db, pytest.mark.urls("rounds_helpers")]


@pytest.fixture
def hospital_beds(health):
    return make_hospital_beds(health)


@pytest.fixture
def shared_round(planner, province, industry, health, grdp_growth, hospital_beds):
    return open_year_round(
        planner,
        [(industry, [grdp_growth]), (health, [hospital_beds])],
        title="Số liệu chung năm 2025",
    )


@pytest.fixture
def health_round(planner, province, health, hospital_beds):
    return open_year_round(planner, [(health, [hospital_beds])], title="Số liệu y tế năm 2025")


def test_member_sees_their_agencys_rows_only(client, reporter, shared_round):
    client.force_login(reporter)

    response = client.get(f"/rounds/{shared_round.pk}/")

    assertContains(response, "Số liệu chung năm 2025")
    assertContains(response, "Sở Công Thương")
    assertContains(response, "grdp_growth")
    assertNotContains(response, "Sở Y tế")
    assertNotContains(response, "hospital_beds_per_10000")
    assertNotContains(response, "Đóng đợt và ghi kết quả")


def test_member_lists_only_the_rounds_of_their_agency(client, reporter, shared_round, health_round):
    client.force_login(reporter)

    response = client.get("/rounds/")

    assertContains(response, "Số liệu chung năm 2025")
    assertNotContains(response, "Số liệu y tế năm 2025")
    assertNotContains(response, "/rounds/new/")


def test_another_agencys_round_is_not_found(client, reporter, health_round):
    client.force_login(reporter)

    assert client.get(f"/rounds/{health_round.pk}/").status_code == 404
    assert client.get("/rounds/999999/").status_code == 404


def test_member_cannot_open_or_close_a_round(client, reporter, shared_round):
    client.force_login(reporter)

    assert client.get("/rounds/new/").status_code == 404
    assert client.post("/rounds/new/", {"title": "x"}).status_code == 404
    assert client.post(f"/rounds/{shared_round.pk}/close/").status_code == 404
    shared_round.refresh_from_db()
    assert shared_round.closed_at is None


def test_a_user_without_an_agency_sees_no_round(client, django_user_model, shared_round):
    client.force_login(django_user_model.objects.create_user(username="khach", password="pw"))

    response = client.get("/rounds/")

    assertContains(response, "Không có đợt báo cáo nào đang mở.")
    assert client.get(f"/rounds/{shared_round.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, shared_round):
    for path in ("/rounds/", f"/rounds/{shared_round.pk}/", "/rounds/new/"):
        response = client.get(path)
        assertRedirects(response, f"/login/?next={path}", fetch_redirect_response=False)
