"""A project page draws its capital by year and by source from the page's JSON, in tỷ đồng
with unknown years as gaps; its map colours the districts where it lies, and lists the
locations it cannot draw (the communes formed on 1 July 2025 have no boundary) with why."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import CapitalSource, Project, ProjectFinance, ProjectLocation

pytestmark = pytest.mark.django_db
SQUARE = {"type": "Polygon", "coordinates": [[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22]]]}


def _json(html: str, name: str):
    match = re.search(rf'id="{name}"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match[1]) if match else None


@pytest.fixture
def districts(province):
    thach_an = AdminUnit.objects.create(
        code="053",
        name="Huyện Thạch An",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
        geometry=SQUARE,
    )
    AdminUnit.objects.create(
        code="040",
        name="Thành phố Cao Bằng",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
        geometry=SQUARE,
    )
    commune = AdminUnit.objects.create(
        code="01999",
        name="Xã Đức Long",
        level=UnitLevel.COMMUNE,
        parent=thach_an,
        valid_to=datetime.date(2025, 6, 30),
    )
    new_commune = AdminUnit.objects.create(
        code="01834",
        name="Xã Thạch An",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )
    return {"thach_an": thach_an, "commune": commune, "new_commune": new_commune}


@pytest.fixture
def road(db):
    project = Project.objects.create(
        code="DA-09",
        name="Đường thử",
        kind=ProjectKind.PUBLIC_INVESTMENT,
        sector="Giao thông",
        status=PipelineStatus.UNDER_CONSTRUCTION,
        start_year=2024,
    )
    ProjectFinance.objects.create(
        project=project,
        year=2024,
        planned=Decimal("300000000000"),
        allocated=Decimal("250000000000"),
        disbursed=Decimal("125500000000"),
    )
    ProjectFinance.objects.create(project=project, year=2025, planned=Decimal("400000000000"))
    CapitalSource.objects.create(
        project=project, kind=CapitalSourceKind.CENTRAL_BUDGET, amount=Decimal("500000000000")
    )
    CapitalSource.objects.create(project=project, kind=CapitalSourceKind.LOCAL_BUDGET)
    return project


def test_the_capital_chart_has_every_year_in_billions_with_gaps_for_unknowns(client, road):
    html = client.get("/projects/DA-09/").content.decode()
    years = _json(html, "capital-years-data")
    assert years["categories"] == ["2024", "2025"]
    values = {series["key"]: series["values"] for series in years["series"]}
    assert values == {
        "planned": [300.0, 400.0],
        "allocated": [250.0, None],  # not published: a gap, not 0
        "disbursed": [125.5, None],
    }
    assert 'data-project-chart="bars"' in html and "investment/project.js" in html
    sources = _json(html, "capital-sources-data")
    assert sources["categories"] == ["Ngân sách trung ương"]  # the unknown amount is left out
    assert "chưa công bố" in html.split('id="sources-table"')[1]


def test_a_project_without_capital_draws_no_chart(client, road):
    road.finances.all().delete()
    road.capital_sources.all().delete()
    html = client.get("/projects/DA-09/").content.decode()
    assert _json(html, "capital-years-data") is None
    assert "echarts.min.js" not in html
    assert "Chưa có số liệu vốn công bố" in html


def test_the_map_colours_the_district_of_a_district_or_an_old_commune(client, road, districts):
    ProjectLocation.objects.create(project=road, unit=districts["commune"])
    html = client.get("/projects/DA-09/").content.decode()
    data = _json(html, "project-map-data")
    assert data["located"] == ["053"]  # the commune's district
    assert sorted(f["properties"]["name"] for f in data["geojson"]["features"]) == ["040", "053"]
    assert "Huyện Thạch An" in html.split('id="map-table"')[1]


def test_a_new_commune_is_listed_with_the_reason_instead_of_an_empty_map(client, road, districts):
    ProjectLocation.objects.create(project=road, unit=districts["new_commune"])
    html = client.get("/projects/DA-09/").content.decode()
    assert _json(html, "project-map-data") is None
    table = html.split('id="map-table"')[1]
    assert "Xã Thạch An" in table
    assert "chưa có ranh giới xã mới" in table


def test_the_project_page_runs_a_fixed_number_of_queries(
    client, road, districts, django_assert_num_queries
):
    for unit in (districts["commune"], districts["thach_an"]):
        ProjectLocation.objects.create(project=road, unit=unit)
    # The project; its locations, their units, the units' parents; sources, finances,
    # updates (with authors); the districts to draw: whatever the number of locations.
    with django_assert_num_queries(8):
        client.get("/projects/DA-09/")
