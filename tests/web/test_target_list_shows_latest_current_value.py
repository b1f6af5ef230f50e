"""/targets/ shows the latest current figure of a target's indicator, never an old vintage."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus

pytestmark = pytest.mark.django_db


def test_target_list_shows_the_revised_figure_not_the_superseded_estimate(
    client, growth_target, growth_2023_revised
):
    response = client.get("/targets/")

    assertContains(response, "3,73 %")
    assertContains(response, "Tính từ số liệu công bố")  # the figure's status, in words
    assertNotContains(response, "2,24")


def test_target_list_shows_the_latest_period(client, growth_target, grdp_growth, province, publish):
    publish(grdp_growth, province, "2024", "6.74", FigureStatus.ESTIMATE)
    publish(grdp_growth, province, "2020", "4.76", FigureStatus.OFFICIAL)

    response = client.get("/targets/")

    assertContains(response, "6,74 %")
    assertContains(response, "(2024)")
    assertContains(response, "Ước thực hiện")
    assertNotContains(response, "4,76")


def test_a_year_counts_as_later_than_its_own_quarters(
    client, growth_target, grdp_growth, province, publish
):
    publish(grdp_growth, province, "2024Q3", "5.10")
    publish(grdp_growth, province, "2024", "6.74")

    response = client.get("/targets/")

    assertContains(response, "6,74 %")
    assertNotContains(response, "5,1 %")


def test_figures_of_another_unit_are_not_the_targets(
    client, growth_target, grdp_growth, province, publish
):
    district = AdminUnit.objects.create(
        code="040", name="Thành phố Cao Bằng", level=UnitLevel.DISTRICT, parent=province
    )
    publish(grdp_growth, district, "2024", "8.15")

    response = client.get("/targets/")

    # Not as the target's latest figure (the province's judgement may add its units up).
    assertNotContains(response, "8,15 %</a>")
    assertContains(response, "Chưa có số liệu")


def test_a_target_without_a_unit_reads_its_plans_unit(
    client, growth_target, grdp_growth, province, publish
):
    growth_target.scope_unit = None
    growth_target.save(update_fields=["scope_unit"])
    publish(grdp_growth, province, "2024", "6.74")

    assertContains(client.get("/targets/"), "6,74 %")
