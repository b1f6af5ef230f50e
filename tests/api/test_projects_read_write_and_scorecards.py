"""Projects through the API: lists with filters and a fixed number of queries; a detail with
locations, capital sources, yearly capital and its derived rate; yearly capital and progress
written by the lead agency and planners only; the scorecards by sector and by unit."""

from decimal import Decimal

import pytest
from api_helpers import error, results

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)

pytestmark = pytest.mark.django_db
BILLION = Decimal(10**9)


@pytest.fixture
def projects(province, industry, health):
    district = AdminUnit.objects.create(
        code="053", name="Huyện Thạch An", level=UnitLevel.DISTRICT, parent=province
    )
    road = Project.objects.create(
        code="DA-01",
        name="Đường bộ cao tốc Đồng Đăng - Trà Lĩnh",
        kind=ProjectKind.PPP,
        sector="Giao thông",
        status=PipelineStatus.UNDER_CONSTRUCTION,
        lead_agency=industry,
        total_investment=14_331 * BILLION,
        illustrative_fields=["status"],
    )
    link = Project.objects.create(
        code="DA-02",
        name="Tuyến đường kết nối đến cửa khẩu",
        kind=ProjectKind.PUBLIC_INVESTMENT,
        sector="Giao thông",
        lead_agency=health,
    )
    zone = Project.objects.create(
        code="DA-03",
        name="Khu kinh tế cửa khẩu",
        kind=ProjectKind.FUNCTIONAL_ZONE,
        sector="Thương mại",
    )
    ProjectLocation.objects.create(project=road, unit=district, latitude=22.4, longitude=106.4)
    ProjectLocation.objects.create(project=link, unit=province)
    CapitalSource.objects.create(
        project=road, kind=CapitalSourceKind.CENTRAL_BUDGET, amount=BILLION
    )
    ProjectFinance.objects.create(
        project=road,
        year=2024,
        planned=100 * BILLION,
        allocated=80 * BILLION,
        disbursed=20 * BILLION,
    )
    ProjectFinance.objects.create(
        project=link,
        year=2024,
        planned=50 * BILLION,
        allocated=40 * BILLION,
        disbursed=30 * BILLION,
    )
    ProjectFinance.objects.create(
        project=road, year=2025, planned=10 * BILLION, allocated=10 * BILLION
    )
    return road, link, zone


def codes(response) -> list[str]:
    return [row["code"] for row in results(response)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["DA-01", "DA-02", "DA-03"]),
        ("kind=ppp", ["DA-01"]),
        ("status=proposed", ["DA-02", "DA-03"]),
        ("sector=giao thông", ["DA-01", "DA-02"]),
        ("unit=053", ["DA-01"]),
        ("unit=04", ["DA-02"]),
        ("agency=SYT", ["DA-02"]),
    ],
)
def test_the_project_list_filters(api, projects, query, expected):
    assert codes(api().get(f"/api/projects/?{query}")) == expected


def test_the_detail_has_locations_capital_and_the_derived_rate(api, projects):
    body = api().get("/api/projects/DA-01/").json()

    assert body["total_investment"] == "14331000000000"
    assert body["illustrative_fields"] == ["status"]
    (location,) = body["locations"]
    assert (location["unit_code"], location["unit_name"], location["latitude"]) == (
        "053",
        "Huyện Thạch An",
        22.4,
    )
    assert body["capital_sources"] == [{"kind": "central_budget", "amount": "1000000000"}]
    first, second = body["finances"]
    assert (first["year"], first["allocated"], first["disbursed"]) == (
        2024,
        "80000000000",
        "20000000000",
    )
    assert first["disbursement_rate"] == pytest.approx(25.0)
    assert second["disbursement_rate"] is None  # nothing disbursed reported yet


def test_the_project_list_reads_a_fixed_number_of_queries(
    api, projects, province, django_assert_num_queries
):
    for number in range(4, 14):
        project = Project.objects.create(
            code=f"DA-{number:02d}", name="Dự án", kind=ProjectKind.ODA
        )
        ProjectLocation.objects.create(project=project, unit=province)
    client = api()

    with django_assert_num_queries(3):  # count, page, locations with their units
        response = client.get("/api/projects/")

    assert response.json()["count"] == 13


def finance(client, code="DA-01", **body):
    return client.post(f"/api/projects/{code}/finance/", body, format="json")


def test_the_lead_agency_records_a_years_capital_then_corrects_it(api, projects, reporter):
    client = api(reporter)

    created = finance(client, year=2026, planned="1.500.000.000", allocated=1_200_000_000)
    corrected = finance(client, year=2026, disbursed="600.000.000", source="Báo cáo Sở Tài chính")

    assert created.status_code == 201, created.content
    assert corrected.status_code == 200
    body = corrected.json()
    assert (body["planned"], body["allocated"], body["disbursed"]) == (
        "1500000000",
        "1200000000",
        "600000000",
    )
    assert body["disbursement_rate"] == pytest.approx(50.0)
    assert body["source"] == "Báo cáo Sở Tài chính"
    assert ProjectFinance.objects.filter(project__code="DA-01", year=2026).count() == 1


def test_negative_or_unreadable_capital_is_refused(api, projects, planner):
    client = api(planner)

    negative = finance(client, year=2026, planned=-5)
    unreadable = finance(client, year=2026, planned="khoảng 5 tỷ")
    fraction = finance(client, year=2026, planned="1,5")

    assert (negative.status_code, error(negative)["code"]) == (422, "negative_capital")
    assert (unreadable.status_code, error(unreadable)["code"]) == (400, "invalid")
    assert "planned" in error(unreadable)["details"]
    assert (fraction.status_code, error(fraction)["code"]) == (422, "not_whole")
    assert not ProjectFinance.objects.filter(year=2026).exists()


def test_another_agency_may_not_write_a_projects_capital_or_progress(api, projects, other_reporter):
    client = api(other_reporter)
    before = list(ProjectFinance.objects.order_by("pk").values())

    capital = finance(client, year=2024, disbursed=80 * 10**9)
    progress = client.post(
        "/api/projects/DA-01/updates/", {"date": "2025-07-01", "text": "Xong"}, format="json"
    )

    for response in (capital, progress):
        assert response.status_code == 403
        assert error(response)["code"] == "not_permitted"
    assert list(ProjectFinance.objects.order_by("pk").values()) == before
    assert not ProjectUpdate.objects.exists()
    assert finance(api(other_reporter), code="DA-02", year=2026, planned=1).status_code == 201


def test_anonymous_visitors_only_read_projects(api, projects):
    client = api()

    assert client.get("/api/projects/DA-01/").status_code == 200
    assert finance(client, year=2026, planned=1).status_code == 401
    assert client.post("/api/projects/DA-01/updates/", {}, format="json").status_code == 401


def test_a_planner_writes_any_projects_progress_with_a_new_status(api, projects, planner):
    response = api(planner).post(
        "/api/projects/DA-03/updates/",
        {"date": "2025-07-01", "text": "Đã có chủ trương đầu tư", "new_status": "policy_approved"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["new_status"] == "policy_approved"
    assert Project.objects.get(code="DA-03").status == PipelineStatus.POLICY_APPROVED
    empty = api(planner).post(
        "/api/projects/DA-03/updates/", {"date": "2025-07-01", "text": ""}, format="json"
    )
    assert (empty.status_code, error(empty)["code"]) == (422, "text_required")


def test_the_scorecard_by_sector_sums_capital(api, projects):
    body = api().get("/api/scorecards/projects/?by=sector&year=2024").json()

    assert (body["by"], body["year"]) == ("sector", 2024)
    transport, trade = body["results"]
    assert transport == {
        "key": "Giao thông",
        "projects": 2,
        "by_status": {"under_construction": 1, "proposed": 1},
        "planned": "150000000000",
        "allocated": "120000000000",
        "disbursed": "50000000000",
        "disbursement_rate": pytest.approx(50 / 120 * 100),
    }
    assert (trade["key"], trade["projects"], trade["disbursed"], trade["disbursement_rate"]) == (
        "Thương mại",
        1,
        "0",
        None,
    )


def test_the_scorecard_by_unit_over_all_years(api, projects):
    body = api().get("/api/scorecards/projects/?by=unit").json()

    rows = {row["key"]: row for row in body["results"]}
    assert rows["Huyện Thạch An (053)"]["disbursed"] == "20000000000"
    assert rows["Huyện Thạch An (053)"]["allocated"] == "90000000000"  # 2024 and 2025
    assert rows["Tỉnh Cao Bằng (04)"]["by_status"] == {"proposed": 1}
    bad = api().get("/api/scorecards/projects/?by=district")
    assert (bad.status_code, error(bad)["code"]) == (400, "invalid")
