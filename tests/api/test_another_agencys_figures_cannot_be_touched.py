"""No role of one agency can touch another agency's figures through the API.

For each persona of Sở Công Thương (reporter, approver, viewer) and the reporter of Sở Y tế,
every write on the other agency's figures fails: 404 where the figure is unpublished (they
may not even see it), 403 ``not_permitted`` where it is published; and the figure is left
exactly as it was.
"""

import pytest
from api_helpers import SOURCE, error
from django.core.files.uploadedfile import SimpleUploadedFile

from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db

# persona → the other agency's prefix in the ``figures`` fixture, and its indicator.
OTHERS = {
    "reporter": ("health", "doctors_per_10k"),
    "approver": ("health", "doctors_per_10k"),
    "viewer": ("health", "doctors_per_10k"),
    "other_reporter": ("industry", "grdp_growth"),
}
ACTIONS = {
    "edit": lambda client, pk, version: client.patch(
        f"/api/observations/{pk}/", {"value": "1", "version": version}
    ),
    "submit": lambda client, pk, version: client.post(f"/api/observations/{pk}/submit/"),
    "approve": lambda client, pk, version: client.post(f"/api/observations/{pk}/approve/"),
    "reject": lambda client, pk, version: client.post(
        f"/api/observations/{pk}/reject/", {"reason": "Sai số liệu"}
    ),
    "bulk_submit": lambda client, pk, version: client.post(
        "/api/observations/submit/", {"ids": [pk]}
    ),
    "bulk_approve": lambda client, pk, version: client.post(
        "/api/observations/approve/", {"ids": [pk]}
    ),
    "bulk_reject": lambda client, pk, version: client.post(
        "/api/observations/reject/", {"ids": [pk], "reason": "Sai số liệu"}
    ),
}


def snapshot(observation: Observation) -> tuple:
    observation.refresh_from_db()
    return (observation.value, observation.state, observation.version, observation.is_current)


@pytest.mark.parametrize("persona", sorted(OTHERS))
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(
    ("state", "expected"), [("draft", 404), ("submitted", 404), ("approved", 403)]
)
def test_no_write_on_another_agencys_figure(
    request, api, figures, persona, action, state, expected
):
    user = request.getfixturevalue(persona)
    other, _indicator = OTHERS[persona]
    observation = figures[f"{other}_{state}"]
    before = snapshot(observation)

    response = ACTIONS[action](api(user), observation.pk, observation.version)

    assert response.status_code == expected, response.content
    assert error(response)["code"] == ("not_found" if expected == 404 else "not_permitted")
    assert snapshot(observation) == before


@pytest.mark.parametrize("persona", sorted(OTHERS))
def test_no_figure_is_entered_for_another_agencys_indicator(request, api, figures, persona):
    user = request.getfixturevalue(persona)
    _other, indicator = OTHERS[persona]
    count = Observation.objects.count()

    response = api(user).post(
        "/api/observations/",
        {"indicator": indicator, "unit": "04", "period": "2022", "value": 5, "source": SOURCE},
    )

    assert response.status_code == 403, response.content
    assert error(response)["code"] == "not_permitted"
    assert indicator in error(response)["message"]
    assert Observation.objects.count() == count


@pytest.mark.parametrize("persona", sorted(OTHERS))
def test_no_file_of_another_agencys_figures_is_imported(request, api, figures, persona):
    user = request.getfixturevalue(persona)
    _other, indicator = OTHERS[persona]
    count = Observation.objects.count()
    content = f"indicator,unit,period,value\n{indicator},04,2022,5\n".encode()

    response = api(user).post(
        "/api/imports/",
        {"file": SimpleUploadedFile("so-lieu.csv", content, content_type="text/csv")},
        format="multipart",
    )

    assert response.status_code == 422, response.content
    problems = error(response)["details"]["problems"]
    assert [(p["code"], p["row"]) for p in problems] == [("not_permitted", 2)]
    assert Observation.objects.count() == count


def test_a_bulk_action_with_one_unseen_figure_changes_nothing(api, figures, approver):
    own, theirs = figures["industry_submitted"], figures["health_submitted"]

    response = api(approver).post("/api/observations/approve/", {"ids": [own.pk, theirs.pk]})

    assert response.status_code == 404
    assert error(response)["details"] == {"missing": [theirs.pk]}
    own.refresh_from_db()
    assert own.state == "submitted"
