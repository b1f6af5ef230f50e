"""The indicator page shows every commitment and every vintage of every figure, with sources."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import FigureStatus

pytestmark = pytest.mark.django_db


def test_indicator_page_shows_the_indicators_description(client, grdp_growth):
    grdp_growth.definition = "Tốc độ tăng tổng sản phẩm trên địa bàn theo giá so sánh 2010."
    grdp_growth.save(update_fields=["definition"])

    response = client.get("/indicators/grdp_growth/")

    assertContains(response, "<h1>", count=1)
    assertContains(response, "Tốc độ tăng trưởng GRDP (giá so sánh)")
    assertContains(response, "theo giá so sánh 2010")
    assertContains(response, "Sở Công Thương")  # the owner
    assertContains(response, "Càng cao càng tốt")  # the direction


def test_an_owner_assigned_only_for_illustration_is_labelled(client, grdp_growth):
    grdp_growth.owner_is_illustrative = True
    grdp_growth.save(update_fields=["owner_is_illustrative"])

    response = client.get("/indicators/grdp_growth/")

    assertContains(response, "Phân công minh họa, không theo văn bản công bố")


def test_indicator_page_links_each_source_that_is_a_url(client, grdp_growth, growth_2023_revised):
    estimate, revision = growth_2023_revised

    response = client.get("/indicators/grdp_growth/")

    assertContains(response, f'<a href="{estimate.source}" rel="nofollow">')
    assertContains(response, f'<a href="{revision.source}" rel="nofollow">')


def test_a_source_with_a_url_inside_links_the_url_and_keeps_the_words(
    client, grdp_growth, province, publish
):
    publish(
        grdp_growth,
        province,
        "2020",
        "4.76",
        FigureStatus.OFFICIAL,
        source="Cục Thống kê Cao Bằng, https://thongkecaobang.gso.gov.vn/ (niên giám 2020)",
    )

    response = client.get("/indicators/grdp_growth/")

    assertContains(response, "Cục Thống kê Cao Bằng, ")
    assertContains(response, 'href="https://thongkecaobang.gso.gov.vn/"')


def test_a_source_without_a_url_is_plain_text(client, grdp_growth, province, publish):
    publish(
        grdp_growth,
        province,
        "2019",
        "7.0",
        source="Cục Thống kê Cao Bằng, Tổng quan KT-XH 10 năm 2010-2019",
    )

    response = client.get("/indicators/grdp_growth/")

    assertContains(response, "Cục Thống kê Cao Bằng, Tổng quan KT-XH 10 năm 2010-2019")
    assertNotContains(response, '<a href="Cục')


def test_indicator_page_shows_superseded_vintages_marked_as_such(
    client, grdp_growth, growth_2023_revised
):
    html = client.get("/indicators/grdp_growth/").content.decode()

    current = html.index("3,73 %")
    superseded = html.index("2,24 %")
    assert current < superseded  # within a period the current vintage comes first
    assert html.count('<tr class="superseded">') == 1
    assert html.count("Đã được thay bằng số liệu mới hơn") == 1
    assert "Ước thực hiện" in html and "Tính từ số liệu công bố" in html
    assert "08/12/2023" in html and "27/12/2024" in html  # published on
    assert "6,74 % năm 2024 cao hơn năm 2023 3,01 điểm %" in html  # the comment


def test_indicator_page_lists_periods_newest_first(client, grdp_growth, province, publish):
    publish(grdp_growth, province, "2020", "4.76", FigureStatus.OFFICIAL)
    publish(grdp_growth, province, "2024", "6.74")
    publish(grdp_growth, province, "2025Q2", "7.01")

    html = client.get("/indicators/grdp_growth/").content.decode()

    figures = html.split('<h2 id="figures">', 1)[1]  # the chart's table reads oldest first
    assert figures.index("7,01") < figures.index("6,74") < figures.index("4,76")
    assert "quý 2/2025" in figures


def test_indicator_page_shows_every_plans_commitment(client, growth_target):
    response = client.get("/indicators/grdp_growth/")

    assertContains(response, "Quy hoạch tỉnh Cao Bằng thời kỳ 2021 - 2030")
    assertContains(response, growth_target.phrase)
    assertContains(response, "≥ 9,72 %/năm")
    assertContains(response, "2021–2030")
    assertContains(response, "Quyết định 1486/QĐ-TTg, Điều 1")  # the target's source
