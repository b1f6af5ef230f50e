"""Every error of the API is JSON: {"error": {"code", "message", "details"}}, with a code a
program can act on, whatever raised it (DRF, Django, the workflow services)."""

import pytest
from api_helpers import error

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = error(response)
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert body["message"]
    return body


def test_a_missing_token_is_401_not_authenticated(api):
    assert_error(api().post("/api/observations/", {}), 401, "not_authenticated")


def test_a_wrong_token_is_401_authentication_failed(api, province):
    client = api(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")

    assert_error(client.get("/api/units/"), 401, "authentication_failed")


def test_an_unknown_address_under_api_is_a_json_404(api):
    assert_error(api().get("/api/no-such-thing/"), 404, "not_found")
    assert_error(api().get("/api/observations/abc/"), 404, "not_found")


def test_an_unknown_id_is_404(api, province):
    assert_error(api().get("/api/units/999999/"), 404, "not_found")
    assert_error(api().get("/api/plans/KHONG-CO/"), 404, "not_found")


def test_a_method_not_offered_is_405(api, reporter, figures):
    draft = figures["industry_draft"]

    assert_error(api(reporter).delete(f"/api/observations/{draft.pk}/"), 405, "method_not_allowed")
    assert_error(api(reporter).put(f"/api/observations/{draft.pk}/", {}), 405, "method_not_allowed")
    assert_error(api(reporter).post("/api/plans/", {}), 405, "method_not_allowed")


def test_malformed_json_is_400_parse_error(api, reporter):
    response = api(reporter).generic(
        "POST", "/api/observations/", "{not json", content_type="application/json"
    )

    assert_error(response, 400, "parse_error")


def test_a_validation_error_lists_its_fields(api, reporter):
    body = assert_error(api(reporter).post("/api/observations/", {"value": True}), 400, "invalid")

    assert set(body["details"]) == {"indicator", "unit", "period", "value", "source"}
    assert "indicator" in body["message"]


def test_a_workflow_refusal_carries_the_services_code(api, approver, figures):
    draft = figures["industry_draft"]

    body = assert_error(
        api(approver).post(f"/api/observations/{draft.pk}/approve/"), 409, "wrong_state"
    )

    assert "Nháp" in body["message"]


def test_a_permission_refusal_is_403_not_permitted(api, reporter, figures):
    submitted = figures["industry_submitted"]

    body = assert_error(
        api(reporter).post(f"/api/observations/{submitted.pk}/approve/"), 403, "not_permitted"
    )

    assert "grdp_growth" in body["message"]
