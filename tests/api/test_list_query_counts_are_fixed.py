"""The figure and target lists read a fixed number of queries, however many rows: an N+1
regression fails here."""

import pytest
from api_helpers import figure

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import WorkflowState
from plantrack.plans.choices import Comparator, TargetKind
from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_figures(grdp_growth, doctors, province):
    units = AdminUnit.objects.bulk_create(
        AdminUnit(code=f"{1000 + n:05d}", name=f"Xã {n}", level=UnitLevel.COMMUNE, parent=province)
        for n in range(10)
    )
    for unit in units:
        figure(grdp_growth, unit, "2024", "6.5", WorkflowState.APPROVED)
        figure(doctors, unit, "2024", "10", WorkflowState.DRAFT)


@pytest.fixture
def many_targets(master_plan, targets_section, grdp_growth, doctors, province):
    for year in range(2021, 2031):
        for indicator in (grdp_growth, doctors):
            Target.objects.create(
                plan=master_plan,
                section=targets_section,
                indicator=indicator,
                scope_unit=province,
                kind=TargetKind.LEVEL,
                comparator=Comparator.GTE,
                value=year,
                target_year=year,
                phrase=f"đạt {year}",
            )


def test_anonymous_figure_list(api, many_figures, django_assert_num_queries):
    client = api()

    with django_assert_num_queries(2):  # count, page
        response = client.get("/api/observations/")

    assert response.json()["count"] == 10


def test_reporter_figure_list_with_a_token(
    api, other_reporter, many_figures, django_assert_num_queries
):
    client = api(other_reporter)

    # token, memberships (Permissions.of), count, page
    with django_assert_num_queries(4):
        response = client.get("/api/observations/?all_vintages=1")

    assert response.json()["count"] == 20


def test_anonymous_target_list(api, many_targets, django_assert_num_queries):
    client = api()

    with django_assert_num_queries(2):  # count, page (plans for_user is a subquery)
        response = client.get("/api/targets/")

    assert response.json()["count"] == 20


def test_planner_target_list_with_a_token(api, planner, many_targets, django_assert_num_queries):
    client = api(planner)

    with django_assert_num_queries(4):  # token, memberships (Permissions.of), count, page
        response = client.get("/api/targets/")

    assert response.json()["count"] == 20
