"""The web edit form carries the version it was loaded at: when someone saved in between,
the save is refused with the service's message and the form shows the current value."""

from decimal import Decimal

import pytest
from entry_pages_helpers import SOURCE, edit_url, figure
from pytest_django.asserts import assertContains

from plantrack.observations.workflow import edit_observation

pytestmark = pytest.mark.django_db


def edit(client, observation, version, value):
    return client.post(
        edit_url(observation),
        {"version": version, "value": value, "status": "estimate", "source": SOURCE},
    )


def test_the_second_web_editor_is_refused_and_sees_the_current_value(
    client, reporter, planner, province, grdp_growth
):
    draft = figure(grdp_growth, province, "2024", "5.1")
    client.force_login(reporter)
    loaded = client.get(edit_url(draft))
    assertContains(loaded, '<input type="hidden" name="version" value="1"')
    edit_observation(draft.pk, user=planner, expected_version=1, value=Decimal("5.6"))

    response = edit(client, draft, 1, "5,3")

    assert response.status_code == 409
    assertContains(response, "Số liệu này vừa được phuong sửa lúc", status_code=409)
    assertContains(response, "(phiên bản 2)", status_code=409)
    # The form starts again from what is stored now, and shows what the user had typed.
    assertContains(response, '<input type="hidden" name="version" value="2"', status_code=409)
    assertContains(response, 'name="value" value="5,6"', status_code=409)
    assertContains(response, "<dd>5,3</dd>", status_code=409)
    draft.refresh_from_db()
    assert (draft.value, draft.version) == (Decimal("5.6"), 2)


def test_after_seeing_the_current_value_the_editor_saves(
    client, reporter, planner, province, grdp_growth
):
    draft = figure(grdp_growth, province, "2024", "5.1")
    edit_observation(draft.pk, user=planner, expected_version=1, value=Decimal("5.6"))
    client.force_login(reporter)
    assert edit(client, draft, 1, "5,3").status_code == 409

    response = edit(client, draft, 2, "5,3")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.value, draft.version) == (Decimal("5.3"), 3)
