"""Password guessing is stopped on every login: the pages' /login/, the admin's and the
API's /api/token/ (django-axes), with the lock-out said in the request's language.

Công (reporter of Sở Công Thương) mistypes; an attacker guesses his password.
"""

import logging

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.core.cache import cache

LIMIT = 3  # PLANTRACK_LOGIN_FAILURES, lowered for the tests below
VIETNAMESE = "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu 3 lần liên tiếp"


@pytest.fixture(autouse=True)
def _low_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    cache.clear()  # the API's throttle counts in the cache, across tests otherwise


def web_login(client, password, path="/login/", **extra):
    return client.post(path, {"username": "cong", "password": password}, **extra)


def token_login(client, password, username="cong", **extra):
    return client.post(
        "/api/token/",
        {"username": username, "password": password},
        content_type="application/json",
        **extra,
    )


def test_the_web_login_locks_after_the_limit_with_a_vietnamese_message(client, reporter):
    for _ in range(LIMIT - 1):
        assert web_login(client, "sai").status_code == 200

    locked = web_login(client, "sai")

    assert locked.status_code == 429
    assert VIETNAMESE in locked.content.decode()
    assert locked["Retry-After"] == "900"
    # Locked means locked: the right password is refused too until the lock ends.
    assert web_login(client, "pw-cong").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_locks_too(client, reporter):
    for _ in range(LIMIT):
        response = web_login(client, "sai", path="/admin/login/")

    assert response.status_code == 429
    assert VIETNAMESE in response.content.decode()


def test_the_api_token_locks_with_a_json_error(client, reporter):
    for _ in range(LIMIT - 1):
        assert token_login(client, "sai").status_code == 400

    locked = token_login(client, "sai")

    assert locked.status_code == 429
    error = locked.json()["error"]
    assert error["code"] == "locked_out"
    assert VIETNAMESE in error["message"]
    assert "token" not in token_login(client, "pw-cong").json()


def test_the_lock_out_is_in_english_for_an_english_request(client, reporter):
    for _ in range(LIMIT):
        response = token_login(client, "sai", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert "locked" in response.json()["error"]["message"].lower()


def test_a_successful_login_before_the_limit_starts_the_count_again(client, reporter):
    for _ in range(LIMIT - 1):
        web_login(client, "sai")
    assert web_login(client, "pw-cong").status_code == 302
    client.logout()

    for _ in range(LIMIT - 1):
        assert web_login(client, "sai").status_code == 200


def test_a_new_x_forwarded_for_does_not_reset_the_count_without_proxies(client, reporter):
    for number in range(LIMIT):
        response = token_login(client, "sai", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"


def test_a_new_x_forwarded_for_does_not_escape_the_token_throttle(db, client, settings):
    # Different user names each time (no lock-out), a different forged address each time:
    # DRF's throttle (20 a minute) still counts them as one client.
    settings.AXES_FAILURE_LIMIT = 1000
    answers = [
        token_login(client, "sai", username=f"user{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(25)
    ]

    assert [answer.status_code for answer in answers[:20]] == [400] * 20
    assert {answer.status_code for answer in answers[20:]} == {429}
    assert answers[-1].json()["error"]["code"] == "throttled"


def test_behind_one_proxy_the_address_the_proxy_saw_is_locked(client, reporter, settings):
    # The proxy appends the address it saw (192.0.2.7); what the client wrote before it varies.
    settings.PLANTRACK_TRUSTED_PROXIES = 1
    for number in range(LIMIT):
        response = token_login(client, "sai", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 192.0.2.7")
    assert response.status_code == 429

    # Another visitor, as the same proxy saw them, is not locked.
    other = token_login(client, "pw-cong", HTTP_X_FORWARDED_FOR="192.0.2.8")
    assert other.status_code == 200


def test_logins_and_failed_logins_are_logged_and_kept(client, reporter, caplog):
    caplog.set_level(logging.INFO, logger="plantrack.security")

    web_login(client, "sai")
    web_login(client, "pw-cong")
    token_login(client, "pw-cong")

    messages = [record.getMessage() for record in caplog.records]
    assert "login failed user=cong address=127.0.0.1 path=/login/" in messages
    assert "login user=cong address=127.0.0.1 path=/login/" in messages
    assert "login user=cong address=127.0.0.1 path=/api/token/" in messages
    assert not any("pw-cong" in message or "sai" in message.split() for message in messages)
    assert AccessFailureLog.objects.filter(username="cong", path_info="/login/").count() == 1
    assert AccessLog.objects.filter(username="cong").count() == 2


def test_a_session_ends_eight_hours_after_sign_in(client, reporter):
    response = web_login(client, "pw-cong")

    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert response.cookies["sessionid"]["httponly"]
