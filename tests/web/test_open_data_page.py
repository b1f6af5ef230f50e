"""The public finds the open data without logging in: a menu entry on every page, the open
data page with every plan's files and the API, and the indicator page's own download panel."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_every_page_offers_open_data_in_the_menu(client, master_plan):
    nav = client.get("/").content.decode().split("</nav>", 1)[0]

    assert '<a href="/open-data/">Dữ liệu mở</a>' in nav


def test_the_open_data_page_lists_each_plans_files(client, master_plan):
    response = client.get("/open-data/")

    assertContains(response, "Không cần đăng nhập")
    assertContains(
        response, f'href="/observations/open-data/?format=sdmx-csv&amp;plan={master_plan.code}"'
    )
    assertContains(response, 'href="/api/docs/"')


def test_the_indicator_page_links_its_own_published_figures(client, growth_target, grdp_growth):
    response = client.get("/indicators/grdp_growth/")

    assertContains(response, 'href="/observations/open-data/?format=csv&amp;indicator=grdp_growth"')


def test_an_anonymous_download_is_served_without_a_login(
    client, growth_target, grdp_growth, province, publish
):
    publish(grdp_growth, province, "2024", "6.74")

    response = client.get("/observations/open-data/?format=csv&indicator=grdp_growth")

    assert response.status_code == 200
    assert "6.74" in b"".join(response.streaming_content).decode("utf-8-sig")
