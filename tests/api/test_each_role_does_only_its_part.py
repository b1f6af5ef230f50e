"""Within its own agency each role does its part: a reporter enters and submits, an
approver approves and rejects, a viewer only reads; planners and admins do all of it for
every agency."""

import pytest
from api_helpers import SOURCE, error, figure

pytestmark = pytest.mark.django_db


def test_an_approver_approves_its_agencys_submission(api, approver, figures):
    submitted = figures["industry_submitted"]

    response = api(approver).post(
        f"/api/observations/{submitted.pk}/approve/", {"note": "Khớp báo cáo của Cục Thống kê"}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["is_current"], body["review_note"]) == (
        "approved",
        True,
        "Khớp báo cáo của Cục Thống kê",
    )


def test_an_approver_approves_many_at_once(api, approver, figures, grdp_growth, province):
    second = figure(grdp_growth, province, "2022", "4.1", "submitted")
    ids = [figures["industry_submitted"].pk, second.pk]

    response = api(approver).post("/api/observations/approve/", {"ids": ids})

    assert response.status_code == 200, response.content
    rows = response.json()["observations"]
    assert [(row["id"], row["state"]) for row in rows] == [(pk, "approved") for pk in sorted(ids)]


@pytest.mark.parametrize("action", ["submit", "edit", "enter"])
def test_an_approver_does_not_report(api, approver, figures, action):
    draft = figures["industry_draft"]
    client = api(approver)

    response = {
        "submit": lambda: client.post(f"/api/observations/{draft.pk}/submit/"),
        "edit": lambda: client.patch(
            f"/api/observations/{draft.pk}/", {"value": 7, "version": draft.version}
        ),
        "enter": lambda: client.post(
            "/api/observations/",
            {
                "indicator": "grdp_growth",
                "unit": "04",
                "period": "2022",
                "value": 4,
                "source": SOURCE,
            },
        ),
    }[action]()

    assert response.status_code == 403, response.content
    assert error(response)["code"] == "not_permitted"


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_reporter_does_not_approve_its_own_figures(api, reporter, figures, action):
    submitted = figures["industry_submitted"]

    response = api(reporter).post(f"/api/observations/{submitted.pk}/{action}/", {"reason": "Sai"})

    assert response.status_code == 403
    assert error(response)["code"] == "not_permitted"
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


@pytest.mark.parametrize("action", ["submit", "approve", "reject", "edit", "enter"])
def test_a_viewer_only_reads(api, viewer, figures, action):
    observation = figures[
        "industry_submitted" if action in ("approve", "reject") else "industry_draft"
    ]
    client = api(viewer)

    if action == "edit":
        response = client.patch(
            f"/api/observations/{observation.pk}/", {"value": 1, "version": observation.version}
        )
    elif action == "enter":
        response = client.post(
            "/api/observations/",
            {"indicator": "grdp_growth", "unit": "04", "period": "2022", "value": 4, "source": "x"},
        )
    else:
        response = client.post(f"/api/observations/{observation.pk}/{action}/", {"reason": "x"})

    assert client.get(f"/api/observations/{observation.pk}/").status_code == 200
    assert response.status_code == 403
    assert error(response)["code"] == "not_permitted"


@pytest.mark.parametrize("persona", ["planner", "administrator"])
def test_planners_and_admins_act_on_every_agency(request, api, figures, persona):
    client = api(request.getfixturevalue(persona))
    health_draft, health_submitted = figures["health_draft"], figures["health_submitted"]

    edited = client.patch(f"/api/observations/{health_draft.pk}/", {"value": "10,4", "version": 1})
    submitted = client.post(f"/api/observations/{health_draft.pk}/submit/")
    approved = client.post(f"/api/observations/{health_submitted.pk}/approve/")
    entered = client.post(
        "/api/observations/",
        {
            "indicator": "doctors_per_10k",
            "unit": "04",
            "period": "2022",
            "value": 9,
            "source": SOURCE,
        },
    )

    assert edited.json()["value"] == "10.4"
    assert submitted.json()["state"] == "submitted"
    assert approved.json()["state"] == "approved"
    assert entered.status_code == 201
    assert entered.json()["agency"] == "SYT"  # the indicator's owner reports it
