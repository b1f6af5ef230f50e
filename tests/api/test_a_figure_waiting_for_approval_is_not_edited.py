"""A figure waiting for approval is not edited by its reporter, through the API as on the page.

The rule is decided once (``Observation.is_editable``): only a draft or a returned figure is
edited; a submitted one waits for its approver, who returns it to be corrected. Before the
permission chokepoint, ``PATCH`` on a submitted figure answered 200 and changed its value.
"""

from decimal import Decimal

import pytest
from api_helpers import error

from plantrack.observations.choices import WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def test_the_reporter_cannot_patch_a_submitted_figure(api, reporter, figures):
    submitted = figures["industry_submitted"]

    response = api(reporter).patch(
        f"/api/observations/{submitted.pk}/",
        {"value": "9,99", "version": submitted.version, "reason": "Sửa sau khi gửi"},
    )

    assert response.status_code == 409, response.content
    assert error(response)["code"] == "wrong_state"
    stored = Observation.objects.get(pk=submitted.pk)
    assert (stored.value, stored.state, stored.version) == (
        submitted.value,
        WorkflowState.SUBMITTED,
        submitted.version,
    )


def test_a_planner_cannot_patch_a_submitted_figure_either(api, planner, figures):
    submitted = figures["industry_submitted"]

    response = api(planner).patch(
        f"/api/observations/{submitted.pk}/",
        {"value": "9,99", "version": submitted.version},
    )

    assert response.status_code == 409, response.content
    assert Observation.objects.get(pk=submitted.pk).value == submitted.value


def test_once_returned_the_reporter_corrects_it(api, reporter, approver, figures):
    submitted = figures["industry_submitted"]
    returned = api(approver).post(
        f"/api/observations/{submitted.pk}/reject/", {"reason": "Kiểm tra lại số liệu quý IV"}
    )

    corrected = api(reporter).patch(
        f"/api/observations/{submitted.pk}/",
        {"value": "9,99", "version": returned.json()["version"]},
    )

    assert corrected.status_code == 200, corrected.content
    stored = Observation.objects.get(pk=submitted.pk)
    assert (stored.value, stored.state) == (Decimal("9.99"), WorkflowState.DRAFT)
