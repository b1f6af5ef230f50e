"""The grid pages run the same number of queries whatever the number of owed figures and
of figures already entered, for the reporter's grid and the approver's."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from grid_helpers import SOURCE, grid_url, open_grid_round, review_url

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.vintages import record_observation
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

# The session, the user, the memberships; the agencies the user may open (to find the
# page's agency); the rounds, the owed figures, the figures; the agencies again (the link
# to the agency's other grid).
GRID_QUERIES = 8


def build(planner, province, industry, count: int):
    """Open a round asking for ``count`` indicators for the province and ``count`` districts,
    half of the figures already entered (drafts and submitted)."""
    districts = [
        AdminUnit.objects.create(
            code=f"0{40 + index}", name=f"Huyện {index}", level=UnitLevel.DISTRICT, parent=province
        )
        for index in range(count)
    ]
    indicators = [
        Indicator.objects.create(code=f"chi_so_{index}", name=f"Chỉ số {index}", owner=industry)
        for index in range(count)
    ]
    units = [province, *districts]
    reporting_round = open_grid_round(planner, industry, indicators, units=units)
    for number, (indicator, unit) in enumerate(
        (indicator, unit) for indicator in indicators for unit in units
    ):
        if number % 2:
            state = WorkflowState.SUBMITTED if number % 4 == 1 else WorkflowState.DRAFT
            record_observation(
                indicator=indicator,
                unit=unit,
                period="2025",
                value=Decimal(number),
                status=FigureStatus.ESTIMATE,
                source=SOURCE,
                state=state,
                agency=industry,
            )
    return reporting_round


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [1, 4])
def test_the_grid_pages_run_a_fixed_number_of_queries(client, planner, province, industry, count):
    build(planner, province, industry, count)
    client.force_login(planner)

    assert count_queries(client, grid_url(industry)) == GRID_QUERIES
    assert count_queries(client, review_url(industry)) == GRID_QUERIES
