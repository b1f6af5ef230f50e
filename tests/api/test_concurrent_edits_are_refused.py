"""Two people editing one figure: the second save, made on a stale version, is refused with
409 ``concurrent_edit`` rather than overwriting the first; an edit must say its version."""

import pytest
from api_helpers import error

pytestmark = pytest.mark.django_db


def test_the_second_save_on_the_same_version_is_refused(api, reporter, planner, figures):
    draft = figures["industry_draft"]
    seen = api(reporter).get(f"/api/observations/{draft.pk}/")["ETag"]

    # 2024 grew much faster than 2023 (3,73 %): the importer's jump rule wants a comment.
    change = {"comment": "Công nghiệp chế biến tăng mạnh"}
    first = api(planner).patch(
        f"/api/observations/{draft.pk}/", change | {"value": 6.9}, HTTP_IF_MATCH=seen
    )
    second = api(reporter).patch(
        f"/api/observations/{draft.pk}/", change | {"value": 7.1}, HTTP_IF_MATCH=seen
    )

    assert first.status_code == 200
    assert second.status_code == 409
    body = error(second)
    assert body["code"] == "concurrent_edit"
    assert "phiên bản 2" in body["message"] and "phuong" in body["message"]
    draft.refresh_from_db()
    assert (str(draft.value.normalize()), draft.version) == ("6.9", 2)


def test_a_stale_version_in_the_body_is_refused(api, reporter, figures):
    draft = figures["industry_draft"]
    client = api(reporter)
    client.patch(f"/api/observations/{draft.pk}/", {"comment": "lần 1", "version": 1})

    response = client.patch(f"/api/observations/{draft.pk}/", {"comment": "lần 2", "version": 1})

    assert response.status_code == 409
    assert error(response)["code"] == "concurrent_edit"


def test_an_edit_without_a_version_is_refused(api, reporter, figures):
    draft = figures["industry_draft"]

    response = api(reporter).patch(f"/api/observations/{draft.pk}/", {"value": 7})

    assert response.status_code == 428
    assert error(response)["code"] == "version_required"
    draft.refresh_from_db()
    assert draft.version == 1


def test_an_if_match_that_is_not_a_version_is_refused(api, reporter, figures):
    draft = figures["industry_draft"]

    response = api(reporter).patch(
        f"/api/observations/{draft.pk}/", {"value": 7}, HTTP_IF_MATCH="abc"
    )

    assert response.status_code == 400
    assert "If-Match" in error(response)["details"]


def test_an_approved_figure_is_not_edited_but_replaced(api, planner, figures):
    approved = figures["industry_approved"]

    response = api(planner).patch(
        f"/api/observations/{approved.pk}/", {"value": 4, "version": approved.version}
    )

    assert response.status_code == 409
    assert error(response)["code"] == "wrong_state"
