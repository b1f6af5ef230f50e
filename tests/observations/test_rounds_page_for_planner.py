"""A planner sees every round and agency, opens a round from the form (each agency's own
indicators ticked by default) and closes a round past its deadline."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains
from rounds_helpers import at, make_hospital_beds, open_year_round, submitted_figure

from plantrack.observations.choices import ObligationState
from plantrack.observations.models import ReportingRound
from plantrack.observations.rounds import close_round

pytestmark = [pytest.mark.django_db, pytest.mark.urls("rounds_helpers")]


@pytest.fixture
def hospital_beds(health):
    return make_hospital_beds(health)


@pytest.fixture
def year_round(planner, reporter, province, industry, health, grdp_growth, hospital_beds):
    """The 2025 round, due 15/12/2025: Sở Công Thương reported late, Sở Y tế never did."""
    reporting_round = open_year_round(
        planner, [(industry, [grdp_growth]), (health, [hospital_beds])]
    )
    submitted_figure(grdp_growth, province, "2025", user=reporter, submitted=at("2025-12-17 09:00"))
    return reporting_round


@pytest.fixture
def signed_in(client, planner):
    client.force_login(planner)
    return client


def test_round_page_shows_each_agency_and_figure(signed_in, year_round):
    response = signed_in.get(f"/rounds/{year_round.pk}/")

    assertContains(response, "<h1>Số liệu năm 2025</h1>", html=True)
    assertContains(response, "đến hết ngày 15/12/2025")
    assertContains(response, "Đã quá hạn, chưa đóng")
    assertContains(response, "Sở Công Thương")
    assertContains(response, "Sở Y tế")
    assertContains(response, "Báo cáo muộn")
    assertContains(response, "17/12/2025 09:00")
    assertContains(response, "Quá hạn, chưa báo cáo")
    assertContains(response, "Chưa có đợt nào đã đóng")
    assertContains(response, "Đóng đợt và ghi kết quả")


def test_planner_closes_a_round_past_its_deadline(signed_in, year_round):
    response = signed_in.post(f"/rounds/{year_round.pk}/close/", follow=True)

    assertContains(response, "Đã đóng đợt “Số liệu năm 2025”.")
    assertContains(response, "Không báo cáo")
    assertContains(response, "0/1 số liệu đúng hạn (0 %) qua 1 đợt")
    assertNotContains(response, "Đóng đợt và ghi kết quả")
    outcomes = set(year_round.obligations.values_list("outcome", flat=True))
    assert outcomes == {ObligationState.LATE, ObligationState.NEVER}


def test_list_shows_open_and_closed_rounds_and_the_records(
    signed_in, planner, year_round, industry, grdp_growth
):
    earlier = open_year_round(
        planner, [(industry, [grdp_growth])], period="2024", deadline=datetime.date(2024, 12, 15)
    )
    close_round(earlier, user=planner, as_of=datetime.date(2024, 12, 31))

    response = signed_in.get("/rounds/")

    assertContains(response, "Mở đợt báo cáo")
    assertContains(response, f'href="/rounds/{year_round.pk}/"')
    assertContains(response, f'href="/rounds/{earlier.pk}/"')
    assertContains(response, "Đã đóng")
    content = response.content.decode()
    assert content.index("Đợt đang mở") < content.index("Số liệu năm 2025")
    assert content.index("Đợt đã đóng gần đây") < content.index("Số liệu năm 2024")
    records = content[content.index("Báo cáo đúng hạn qua các đợt đã đóng") :]
    assert "Sở Công Thương" in records and "0 %" in records


def test_the_form_ticks_each_agencys_own_indicators(
    signed_in, industry, grdp_growth, hospital_beds, health
):
    response = signed_in.get("/rounds/new/")

    assertContains(
        response,
        f'<input type="checkbox" name="owes_{industry.pk}" value="{grdp_growth.pk}" '
        f'id="id_owes_{industry.pk}_0" checked>',
        html=True,
    )
    assertContains(response, f'name="owes_{health.pk}"')
    assertContains(response, f'name="extra_{industry.pk}"')


def test_planner_opens_a_round_from_the_form(
    signed_in, province, industry, health, finance, grdp_growth, hospital_beds
):
    response = signed_in.post(
        "/rounds/new/",
        {
            "title": "Số liệu ước thực hiện năm 2026",
            "period": "2026",
            "deadline": "2026-12-15",
            "figure_status": "",
            "note": "",
            f"owes_{industry.pk}": [grdp_growth.pk],
            f"extra_{finance.pk}": [hospital_beds.pk],
        },
    )

    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 302
    assert response.url == f"/rounds/{reporting_round.pk}/"
    assert reporting_round.deadline == datetime.date(2026, 12, 15)
    owed = sorted(reporting_round.obligations.values_list("agency__code", "indicator__code"))
    # Sở Y tế's own indicator was left unticked (it is sent to nobody but Sở Tài chính).
    assert owed == [("SCT", "grdp_growth"), ("STC", "hospital_beds_per_10000")]


def test_the_form_explains_what_is_wrong(
    signed_in, province, industry, health, grdp_growth, hospital_beds
):
    response = signed_in.post(
        "/rounds/new/",
        {
            "title": "Số liệu năm 2026",
            "period": "2026",
            "deadline": "2026-12-15",
            f"owes_{industry.pk}": [grdp_growth.pk],
            f"extra_{health.pk}": [grdp_growth.pk],
        },
    )

    assert response.status_code == 400
    assertContains(
        response,
        "Chỉ số grdp_growth cho Tỉnh Cao Bằng (04) được giao cho cả Sở Công Thương và Sở Y tế",
        status_code=400,
    )
    assert not ReportingRound.objects.exists()


def test_the_form_refuses_a_period_it_cannot_read_and_an_empty_round(signed_in, province, industry):
    response = signed_in.post(
        "/rounds/new/", {"title": "Số liệu", "period": "năm 2026", "deadline": "15/12/2026"}
    )

    assertContains(response, "không đúng dạng", status_code=400)
    assertContains(response, "Hãy chọn ít nhất một chỉ số", status_code=400)
