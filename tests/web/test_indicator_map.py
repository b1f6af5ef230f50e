"""The indicator page's Map tab: the year chooses the geography. Districts before the 2025
reform are drawn from their stored boundaries; communes formed on 1 July 2025 have none, so
their figures are a table with the old units each was formed from, and the page says why."""

import datetime
import json
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit, UnitSuccession
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[106.0, 22.0], [106.1, 22.0], [106.1, 22.1], [106.0, 22.0]]],
}
LAST_DAY = REFORM_DATE - datetime.timedelta(days=1)


@pytest.fixture
def units(province):
    def district(code, name):
        return AdminUnit.objects.create(
            code=code,
            name=name,
            level=UnitLevel.DISTRICT,
            parent=province,
            valid_to=LAST_DAY,
            geometry=SQUARE,
        )

    bao_lam = district("042", "Huyện Bảo Lâm")
    bao_lac = district("043", "Huyện Bảo Lạc")
    old = AdminUnit.objects.create(
        code="01291", name="Xã Lý Bôn", level=UnitLevel.COMMUNE, parent=bao_lam, valid_to=LAST_DAY
    )
    new = AdminUnit.objects.create(
        code="01291",
        name="Xã Lý Bôn",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=REFORM_DATE,
        area_km2=Decimal("140.2"),
    )
    UnitSuccession.objects.create(predecessor=old, successor=new, effective_date=REFORM_DATE)
    return {"bao_lam": bao_lam, "bao_lac": bao_lac, "old": old, "new": new}


@pytest.fixture
def communes_per_district(industry):
    return Indicator.objects.create(
        code="communes",
        name="Số đơn vị hành chính cấp xã",
        unit="đơn vị",
        decimals=0,
        owner=industry,
    )


def map_data(response):
    html = response.content.decode()
    block = html.split('<script id="indicator-map-data" type="application/json">', 1)[1]
    return json.loads(block.split("</script>", 1)[0])


def test_a_year_before_the_reform_is_drawn_on_the_districts(
    client, units, communes_per_district, publish
):
    publish(communes_per_district, units["bao_lam"], "2024", "13")

    response = client.get("/indicators/communes/")

    assertContains(response, 'data-chart="choropleth"')
    data = map_data(response)
    assert [feature["properties"]["name"] for feature in data["geojson"]["features"]] == [
        "Huyện Bảo Lâm",
        "Huyện Bảo Lạc",  # no figure, still on the map: not a hole
    ]
    assert data["values"] == [
        {"name": "Huyện Bảo Lâm", "value": 13.0},
        {"name": "Huyện Bảo Lạc", "value": None},
    ]
    assertContains(response, "Chưa có số liệu")  # Bảo Lạc's row in the table under the map


def test_a_year_after_the_reform_is_a_table_with_the_succession(
    client, units, communes_per_district, publish
):
    publish(communes_per_district, units["bao_lam"], "2024", "13")
    publish(communes_per_district, units["new"], "2025", "140.2")

    response = client.get("/indicators/communes/?map_year=2025")

    assertNotContains(response, 'data-chart="choropleth"')
    assertContains(response, "Chưa có ranh giới của các đơn vị này")
    assertContains(response, "Hình thành từ (trước 01/07/2025)")
    table = response.content.decode().split('<table class="map-table">', 1)[1].split("</table>")[0]
    assert table.count("Xã Lý Bôn") == 2  # the new commune and the old one it came from
    assert "140" in table
    assert '<option value="2024">2024</option>' in response.content.decode()
    assert '<option value="2025" selected>2025</option>' in response.content.decode()


def test_an_indicator_with_only_provincial_figures_has_no_map_tab(
    client, growth_target, grdp_growth, province, publish
):
    publish(grdp_growth, province, "2024", "6.74")

    response = client.get("/indicators/grdp_growth/")

    assertNotContains(response, 'id="tab-map"')
    assertContains(response, 'id="tab-chart"')


def test_a_bad_map_year_falls_back_to_the_latest(client, units, communes_per_district, publish):
    publish(communes_per_district, units["bao_lam"], "2024", "13")

    response = client.get("/indicators/communes/?map_year=abc")

    assert response.status_code == 200
    assertContains(response, '<option value="2024" selected>2024</option>')


def test_one_source_for_every_figure_is_said_once_under_the_table(
    client, units, communes_per_district, publish
):
    publish(communes_per_district, units["bao_lam"], "2024", "13", source="Danh mục đơn vị")
    publish(communes_per_district, units["bao_lac"], "2024", "17", source="Danh mục đơn vị")

    html = client.get("/indicators/communes/").content.decode()

    table = html.split('<table class="map-table">', 1)[1].split("</table>")[0]
    assert "Danh mục đơn vị" not in table
    assert '<p class="source">Nguồn: <span lang="vi">Danh mục đơn vị</span></p>' in html
