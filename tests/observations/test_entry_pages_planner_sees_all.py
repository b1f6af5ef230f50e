"""A planner sees every agency's figures on the data-entry pages and may act on them."""

import pytest
from entry_pages_helpers import APPROVALS_URL, MINE_URL, doctors_indicator, figure, states
from pytest_django.asserts import assertContains

from plantrack.observations.choices import WorkflowState

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(health, province, grdp_growth):
    doctors = doctors_indicator(health)
    return {
        "industry_draft": figure(grdp_growth, province, "2024", "5.1"),
        "industry_submitted": figure(grdp_growth, province, "2023", "4.5", "submitted"),
        "health_submitted": figure(doctors, province, "2024", "11.2", "submitted"),
    }


def test_the_planner_sees_every_agencys_pending_figures(client, planner, both):
    client.force_login(planner)

    mine = client.get(MINE_URL)
    approvals = client.get(APPROVALS_URL)

    for observation in both.values():
        assertContains(mine, f"<code>{observation.indicator.code}</code>")
    assertContains(mine, f'name="ids" value="{both["industry_draft"].pk}"')
    assertContains(approvals, f'value="{both["industry_submitted"].pk}"')
    assertContains(approvals, f'value="{both["health_submitted"].pk}"')


def test_the_planner_approves_figures_of_two_agencies_at_once(client, planner, both):
    client.force_login(planner)
    chosen = [both["industry_submitted"], both["health_submitted"]]

    response = client.post(APPROVALS_URL, {"ids": [o.pk for o in chosen], "action": "approve"})

    assert response.status_code == 302
    assert [state for state, _version in states(*chosen)] == [WorkflowState.APPROVED] * 2


def test_the_planner_submits_an_agencys_draft(client, planner, both):
    client.force_login(planner)

    response = client.post(MINE_URL, {"ids": [both["industry_draft"].pk]})

    assert response.status_code == 302
    assert states(both["industry_draft"]) == [(WorkflowState.SUBMITTED, 2)]
