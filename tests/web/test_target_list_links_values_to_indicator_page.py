"""Each figure on the target list links to its indicator page, where its source is."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_latest_value_links_to_the_indicator_page(
    client, growth_target, grdp_growth, province, publish
):
    publish(grdp_growth, province, "2024", "6.74")

    response = client.get("/targets/")

    assertContains(response, '<a href="/indicators/grdp_growth/">6,74 %</a>', html=True)


def test_a_target_without_data_still_links_to_its_indicator(client, growth_target):
    response = client.get("/targets/")

    assertContains(response, 'href="/indicators/grdp_growth/"')
    assertContains(client.get("/indicators/grdp_growth/"), "Tốc độ tăng trưởng GRDP")
