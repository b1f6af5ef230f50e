"""A script exchanges a user name and password for a token at /api/token/ and sends it as
"Authorization: Token …"; the browser uses its session."""

import pytest
from api_helpers import error
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_a_token_is_given_for_a_user_name_and_password(reporter, figures):
    client = APIClient()

    token = client.post("/api/token/", {"username": "cong", "password": "pw-cong"}).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    seen = client.get(f"/api/observations/{figures['industry_draft'].pk}/")

    assert seen.status_code == 200


def test_a_wrong_password_gets_no_token(reporter):
    response = APIClient().post("/api/token/", {"username": "cong", "password": "sai"})

    assert response.status_code == 400
    assert error(response)["code"] == "invalid"
    assert "token" not in response.json()


def test_a_signed_in_browser_uses_its_session(client, reporter, figures):
    client.force_login(reporter)

    response = client.get(f"/api/observations/{figures['industry_draft'].pk}/")

    assert response.status_code == 200


def test_a_browser_write_needs_the_csrf_token(reporter, figures):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(reporter)

    response = browser.post(f"/api/observations/{figures['industry_draft'].pk}/submit/")

    assert response.status_code == 403
    assert error(response)["code"] == "permission_denied"
    assert "CSRF" in error(response)["message"]
