"""A long target list comes in pages of ``TARGETS_PER_PAGE`` targets, in the order shown,
each page with its sections and links to the pages before and after; the filters' count is
the whole list's. An indicator page lists the figures of the units below the province a
page of units at a time, its map's table and every plan's targets on it likewise."""

from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.plans.models import Target

GROWTH = "tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm"
PER_CAPITA = "GRDP bình quân/người khoảng 102 triệu đồng/người (giá hiện hành)"

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_a_page(monkeypatch):
    monkeypatch.setattr("plantrack.web.services.TARGETS_PER_PAGE", 1)


def test_each_page_shows_its_own_targets_and_where_it_is(
    client, growth_target, per_capita_target, one_a_page
):
    first = client.get("/targets/?plan=QH-CB-2021-2030")
    second = client.get("/targets/?plan=QH-CB-2021-2030&page=2")

    assertContains(first, GROWTH)
    assertNotContains(first, PER_CAPITA)
    assertContains(first, "Chỉ tiêu 1–1 trong 2", count=2)  # above and below the list
    assertContains(first, 'href="/targets/?plan=QH-CB-2021-2030&amp;page=2" rel="next"', count=2)
    assertNotContains(first, 'rel="prev"')
    assertContains(second, PER_CAPITA)
    assertNotContains(second, GROWTH)
    assertContains(second, "Trang 2/2")
    assertContains(second, 'href="/targets/?plan=QH-CB-2021-2030" rel="prev"', count=2)
    assertContains(second, "Mục tiêu, chỉ tiêu cụ thể")  # the section of the page's target


def test_a_page_past_the_end_or_not_a_number_shows_the_last_or_first(
    client, growth_target, per_capita_target, one_a_page
):
    assertContains(client.get("/targets/?plan=QH-CB-2021-2030&page=9"), PER_CAPITA)
    assertContains(client.get("/targets/?plan=QH-CB-2021-2030&page=abc"), GROWTH)


def test_a_short_list_has_no_page_links(client, growth_target, per_capita_target):
    response = client.get("/targets/?plan=QH-CB-2021-2030")

    assertContains(response, GROWTH)
    assertContains(response, PER_CAPITA)
    assertNotContains(response, '<nav class="pages"')


def test_the_filter_counts_the_whole_list_and_pages_keep_the_filter(
    client, growth_target, per_capita_target, targets_section, one_a_page
):
    section = targets_section.pk
    response = client.get(f"/targets/?plan=QH-CB-2021-2030&section={section}")

    assertContains(response, "<p>2 chỉ tiêu:")
    assertContains(response, f"&amp;section={section}&amp;page=2")


def test_an_indicator_page_lists_the_units_below_the_province_a_page_at_a_time(
    client, grdp_growth, province, publish, monkeypatch
):
    monkeypatch.setattr("plantrack.web.views.UNITS_PER_PAGE", 1)
    publish(grdp_growth, province, "2024", "6.74")
    add_two_districts(grdp_growth, province, publish)

    # The figures' section (the map above still shows every unit of its year).
    first, second = (
        client.get(address).content.decode().split('<h2 id="figures">')[1]
        for address in ("/indicators/grdp_growth/", "/indicators/grdp_growth/?page=2")
    )

    for page in (first, second):
        assert f'<h3 id="unit-{province.pk}">Tỉnh Cao Bằng' in page  # always shown
    assert "Thành phố Cao Bằng" in first
    assert "Huyện Bảo Lâm" not in first
    assert "Đơn vị 1–1 trong 2" in first
    assert 'href="/indicators/grdp_growth/?page=2" rel="next"' in first
    assert "Huyện Bảo Lâm" in second
    assert 'href="/indicators/grdp_growth/" rel="prev"' in second


def test_the_maps_table_lists_its_units_a_page_at_a_time_and_opens_on_the_map(
    client, growth_target, grdp_growth, province, publish, monkeypatch
):
    monkeypatch.setattr("plantrack.web.views.MAP_AREAS_PER_PAGE", 1)
    publish(grdp_growth, province, "2023", "4.92")
    publish(grdp_growth, province, "2024", "6.74")
    add_two_districts(grdp_growth, province, publish)

    first, second = (
        client.get(address).content.decode()
        for address in (
            "/indicators/grdp_growth/",
            "/indicators/grdp_growth/?map_year=2024&map_page=2",
        )
    )

    first_map, second_map = (page.split('id="panel-map"')[1] for page in (first, second))
    first_table, second_table = (page.split("</table>")[0] for page in (first_map, second_map))
    assert "Huyện Bảo Lâm" in first_table and "Thành phố Cao Bằng" not in first_table  # by name
    assert "Thành phố Cao Bằng" in second_table and "Huyện Bảo Lâm" not in second_table
    assert "Đơn vị 1–1 trong 2" in first_map
    assert 'href="/indicators/grdp_growth/?map_page=2#over-the-years" rel="next"' in first_map
    assert "Đơn vị 2–2 trong 2" in second_map
    assert 'href="/indicators/grdp_growth/?map_year=2024#over-the-years" rel="prev"' in second_map
    # The chart opens first; a year or a page of the map asked for opens the map.
    assert 'id="tab-chart" aria-controls="panel-chart" aria-selected="true"' in first
    assert 'id="tab-map" aria-controls="panel-map" aria-selected="false"' in first
    assert 'id="tab-chart" aria-controls="panel-chart" aria-selected="false"' in second
    assert 'id="tab-map" aria-controls="panel-map" aria-selected="true"' in second


def test_an_indicator_page_lists_every_plans_targets_on_it_a_page_at_a_time(
    client, growth_target, master_plan, grdp_growth, province, monkeypatch
):
    from plantrack.plans.choices import Comparator, TargetKind

    monkeypatch.setattr("plantrack.web.services.TARGETS_PER_PAGE", 1)
    milestone = Target.objects.create(
        plan=master_plan,
        indicator=grdp_growth,
        scope_unit=province,
        kind=TargetKind.LEVEL,
        comparator=Comparator.GTE,
        value=Decimal("8"),
        target_year=2025,
        phrase="Tăng trưởng GRDP năm 2025 đạt 8% trở lên",
        order=2,
    )

    first, second = (
        client.get(address)
        .content.decode()
        .split('<h2 id="commitments">')[1]
        .split("</section>")[0]
        for address in ("/indicators/grdp_growth/", "/indicators/grdp_growth/?targets_page=2")
    )

    assert growth_target.phrase in first and milestone.phrase not in first
    assert milestone.phrase in second and growth_target.phrase not in second
    assert "Chỉ tiêu 1–1 trong 2" in first
    assert 'href="/indicators/grdp_growth/?targets_page=2#commitments" rel="next"' in first
    assert 'href="/indicators/grdp_growth/#commitments" rel="prev"' in second


def add_two_districts(indicator, province, publish) -> None:
    """Add two districts of ``province`` with a 2024 figure of ``indicator`` each."""
    for code, name in (("040", "Thành phố Cao Bằng"), ("042", "Huyện Bảo Lâm")):
        unit = AdminUnit.objects.create(
            code=code, name=name, level=UnitLevel.DISTRICT, parent=province
        )
        publish(indicator, unit, "2024", "5")


def test_an_indicator_with_no_target_charts_the_province_first(
    client, grdp_growth, province, publish
):
    publish(grdp_growth, province, "2023", "4.92")
    publish(grdp_growth, province, "2024", "6.74")
    add_two_districts(grdp_growth, province, publish)

    html = client.get("/indicators/grdp_growth/").content.decode()

    heading = html.split('<h2 id="over-the-years">')[1].split("</h2>")[0]
    assert "(Tỉnh Cao Bằng)" in heading  # the districts come after it, as the list shows them
