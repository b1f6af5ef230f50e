import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership

USERS = {
    "admin": (Role.ADMIN, "STC"),
    "planner": (Role.PLANNER, "STC"),
    "reporter": (Role.REPORTER, "SCT"),
    "approver": (Role.APPROVER, "SCT"),
    "viewer": (Role.VIEWER, "UBND"),
}


def _run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def _passwords(output: str) -> dict[str, str]:
    rows = (line.split() for line in output.splitlines())
    return {row[0]: row[-1] for row in rows if row and row[0] in USERS}


@pytest.mark.django_db
def test_demo_command_prints_five_users_with_passwords_that_work(demo):
    output = _run_demo()

    passwords = _passwords(output)
    assert set(passwords) == set(USERS)
    assert "Tên đăng nhập" in output and "Mật khẩu" in output
    for username, password in passwords.items():
        # With a request, as a login has one (django-axes refuses an authentication without).
        login = RequestFactory().post("/login/")
        assert authenticate(login, username=username, password=password) is not None, username


@pytest.mark.django_db
def test_demo_users_hold_one_role_each_and_only_admin_is_superuser(demo):
    _run_demo()

    for username, (role, agency) in USERS.items():
        user = get_user_model().objects.get(username=username)
        memberships = list(Membership.objects.filter(user=user).values_list("role", "agency__code"))
        assert memberships == [(role, agency)]
        assert user.is_superuser == (username == "admin")
        assert user.is_staff == (username in {"admin", "planner"})


@pytest.mark.django_db
def test_the_planner_maintains_plans_in_the_admin_but_deletes_nothing(demo, client):
    passwords = _passwords(_run_demo())

    # Signed in through the login page (django-axes checks every login against its request).
    client.post("/login/", {"username": "planner", "password": passwords["planner"]})
    assert client.get("/admin/plans/target/").status_code == 200
    assert client.get("/admin/observations/observation/").status_code == 200
    planner = get_user_model().objects.get(username="planner")
    assert planner.has_perm("plans.change_target")
    assert not planner.has_perm("plans.delete_target")


@pytest.mark.django_db
def test_a_reporter_signs_in_on_the_site_not_in_the_admin(demo, client):
    passwords = _passwords(_run_demo())

    response = client.post("/login/", {"username": "reporter", "password": passwords["reporter"]})
    assert response.status_code == 302
    assert "Đăng nhập: reporter" in client.get("/").content.decode()
    assert client.get("/admin/").status_code == 302  # to the admin's own login


@pytest.mark.django_db
def test_each_run_gives_fresh_passwords_and_says_what_was_loaded(demo):
    first = _run_demo()
    second = _run_demo()

    assert set(_passwords(first).values()).isdisjoint(_passwords(second).values())
    assert re.search(r"Số liệu: 47 \(tạo mới 0, cập nhật 0, giữ nguyên 47\)", second)


def test_demo_command_refuses_a_bad_port_before_loading_anything(monkeypatch):
    monkeypatch.setenv("PORT", "tám nghìn")

    with pytest.raises(CommandError, match="PORT"):
        call_command("demo")
    with pytest.raises(CommandError, match="1–65535"):
        call_command("demo", "--port", "70000")
