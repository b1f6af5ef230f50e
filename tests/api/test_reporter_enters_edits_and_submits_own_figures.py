"""A reporter of Sở Công Thương enters, edits and submits its own agency's figures; every
step lands in the revision history."""

from decimal import Decimal

import pytest
from api_helpers import SOURCE

from plantrack.observations.choices import RevisionAction, WorkflowState
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def enter(client, **fields):
    body = {
        "indicator": "grdp_growth",
        "unit": "04",
        "period": "2024",
        "value": 6.74,
        "status": "estimate",
        "source": SOURCE,
    } | fields
    return client.post("/api/observations/", body)


def test_a_reporter_enters_a_draft_of_its_own_indicator(api, reporter, grdp_growth, province):
    response = enter(api(reporter))

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["value"], body["state"], body["agency"], body["version"]) == (
        "6.74",
        "draft",
        "SCT",
        1,
    )
    assert response["Location"] == f"http://testserver/api/observations/{body['id']}/"
    observation = Observation.objects.get(pk=body["id"])
    assert observation.created_by == reporter
    (revision,) = observation.revisions.all()
    assert (revision.action, revision.user) == (RevisionAction.CREATED, reporter)


def test_entering_the_same_figure_twice_writes_it_once(api, reporter, grdp_growth, province):
    first = enter(api(reporter))
    second = enter(api(reporter))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Observation.objects.count() == 1


def test_a_reporter_enters_and_submits_in_one_request(api, reporter, grdp_growth, province):
    response = enter(api(reporter), submit=True)

    assert response.status_code == 201
    assert response.json()["state"] == "submitted"


def test_a_vietnamese_number_is_read_as_vietnamese(api, reporter, grdp_growth, province):
    response = enter(api(reporter), value="6,74")

    assert response.status_code == 201, response.content
    assert response.json()["value"] == "6.74"


def test_a_reporter_edits_then_submits_its_draft(api, reporter, grdp_growth, province):
    client = api(reporter)
    created = enter(client).json()

    edited = client.patch(
        f"/api/observations/{created['id']}/",
        {"value": "6,8", "version": created["version"], "reason": "Số liệu cập nhật tháng 12"},
    )
    submitted = client.post(f"/api/observations/{created['id']}/submit/")

    assert edited.status_code == 200, edited.content
    assert (edited.json()["value"], edited.json()["version"]) == ("6.8", 2)
    assert edited["ETag"] == '"2"'
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "submitted"
    observation = Observation.objects.get(pk=created["id"])
    history = [(r.action, r.old_value, r.new_value, r.reason) for r in observation.revisions.all()]
    assert [(action, reason) for action, _old, _new, reason in history] == [
        (RevisionAction.CREATED, "Nhập qua API"),
        (RevisionAction.CHANGED, "Số liệu cập nhật tháng 12"),
        (RevisionAction.CHANGED, "Gửi duyệt"),
    ]
    assert (history[1][1], history[1][2]) == (Decimal("6.74"), Decimal("6.8"))


def test_the_version_may_come_in_an_if_match_header(api, reporter, figures):
    draft = figures["industry_draft"]

    response = api(reporter).patch(
        f"/api/observations/{draft.pk}/",
        {"comment": "Theo báo cáo của Cục Thống kê"},
        HTTP_IF_MATCH=f'"{draft.version}"',
    )

    assert response.status_code == 200, response.content
    assert response.json()["comment"] == "Theo báo cáo của Cục Thống kê"


def test_a_rejected_figure_is_corrected_and_submitted_again(api, reporter, approver, figures):
    submitted = figures["industry_submitted"]
    rejected = api(approver).post(
        f"/api/observations/{submitted.pk}/reject/", {"reason": "Thiếu nguồn"}
    )

    corrected = api(reporter).patch(
        f"/api/observations/{submitted.pk}/",
        {"source": SOURCE + "#bieu-2", "version": rejected.json()["version"]},
    )
    again = api(reporter).post(f"/api/observations/{submitted.pk}/submit/")

    assert corrected.json()["state"] == WorkflowState.DRAFT
    assert again.json()["state"] == WorkflowState.SUBMITTED
