"""Ids in forms are never grouped like numbers: figure 1234 is "1234", not "1.234"."""

from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def test_the_approval_queue_posts_ids_as_written(client, planner, grdp_growth, province):
    Observation(
        pk=1234,
        indicator=grdp_growth,
        unit=province,
        period="2025",
        value=Decimal("7.22"),
        status=FigureStatus.ESTIMATE,
        state=WorkflowState.SUBMITTED,
        source="Báo cáo",
    ).save()
    client.force_login(planner)

    response = client.get("/observations/approvals/")

    assertContains(response, 'name="ids" value="1234"')
