"""Every change to plans, tasks, projects, finance and memberships is in the change log:
who, when, from where, before and after; shown to planners on the record's page and
exported by ``plantrack audit``.

Phương (planner) corrects a project's capital through the API with her token; the project
page shows her change to her and to nobody else.
"""

import csv

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains
from rest_framework.authtoken.models import Token

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Membership
from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project, ProjectFinance
from plantrack.workplan.models import Task


@pytest.fixture
def expressway(db):
    return Project.objects.create(
        code="DA-01",
        name="Đường bộ cao tốc Đồng Đăng - Trà Lĩnh",
        kind=ProjectKind.PPP,
        sector="Giao thông",
        status=PipelineStatus.UNDER_CONSTRUCTION,
    )


def record_capital(client, planner, **values):
    token = Token.objects.create(user=planner) if not hasattr(planner, "auth_token") else None
    key = (token or planner.auth_token).key
    return client.post(
        "/api/projects/DA-01/finance/",
        {"year": 2025, **values},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
        HTTP_X_FORWARDED_FOR="6.6.6.6",  # forged: no proxy is trusted
    )


def test_finance_overwritten_in_place_keeps_who_when_before_and_after(client, planner, expressway):
    assert record_capital(client, planner, planned=1000).status_code == 201
    assert record_capital(client, planner, planned=1500).status_code == 200

    finance = ProjectFinance.objects.get(project=expressway, year=2025)
    created, changed = LogEntry.objects.get_for_object(finance).order_by("timestamp", "pk")
    assert created.action == LogEntry.Action.CREATE
    assert changed.action == LogEntry.Action.UPDATE
    assert changed.actor == planner  # authenticated by token, inside the API view
    assert changed.remote_addr == "127.0.0.1"  # not the forged X-Forwarded-For
    assert changed.changes_dict["planned"] == ["1000", "1500"]


def test_the_project_page_shows_the_changes_to_planners_only(client, planner, reporter, expressway):
    record_capital(client, planner, planned=1000)
    record_capital(client, planner, planned=1500)

    client.force_login(planner)
    page = client.get("/projects/DA-01/")
    assertContains(page, "Lịch sử thay đổi")
    assertContains(page, "phuong")
    assertContains(page, "1000 → 1500")

    client.force_login(reporter)
    assertNotContains(client.get("/projects/DA-01/"), "Lịch sử thay đổi")
    client.logout()
    assertNotContains(client.get("/projects/DA-01/"), "Lịch sử thay đổi")


def test_the_task_page_shows_a_changed_field(client, planner, industry):
    task = Task.objects.create(code="NV-01", title="Lập quy hoạch chung", lead_agency=industry)
    task.title = "Lập quy hoạch chung đô thị"
    task.save(update_fields=["title"])

    client.force_login(planner)
    page = client.get("/tasks/NV-01/")

    assertContains(page, "Lập quy hoạch chung → Lập quy hoạch chung đô thị")


def test_memberships_and_their_roles_are_logged(reporter):
    membership = Membership.objects.get(user=reporter)
    membership.role = Role.APPROVER
    membership.save()

    entry = LogEntry.objects.get_for_object(membership).latest("timestamp")
    assert entry.changes_dict["role"] == [Role.REPORTER, Role.APPROVER]


def test_the_change_log_is_exported(client, planner, expressway, tmp_path):
    record_capital(client, planner, planned=1000)
    record_capital(client, planner, planned=1500)

    call_command("audit", "-o", str(tmp_path / "nhat-ky.csv"), verbosity=0)

    with (tmp_path / "nhat-ky.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    planned = str(ProjectFinance._meta.get_field("planned").verbose_name)
    changes = [row for row in rows if row["Trường"] == planned]
    assert [(row["Thao tác"], row["Trước"], row["Sau"]) for row in changes][-1] == (
        "sửa",
        "1000",
        "1500",
    )
    assert changes[-1]["Người thay đổi"] == "phuong"
    assert changes[-1]["Đối tượng"]


def test_a_new_target_is_logged_with_its_values_and_keeps_its_judgement(master_plan):
    from plantrack.plans.choices import TargetKind
    from plantrack.plans.models import Target

    target = Target.objects.create(
        plan=master_plan, kind=TargetKind.QUALITATIVE, target_year=2030, phrase="đạt chuẩn"
    )

    entry = LogEntry.objects.get_for_object(target).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes_dict["phrase"] == ["None", "đạt chuẩn"]
    # The change log reads the target's own columns only, so the judgement made on the same
    # save (progress.live) is found on the instance.
    assert target.judgement is not None


def test_the_export_holds_logins_logouts_and_failed_logins_in_time_order(
    client, reporter, tmp_path
):
    client.post("/login/", {"username": "cong", "password": "sai"})
    client.post("/login/", {"username": "cong", "password": "pw-cong"})
    client.post("/logout/")

    call_command("audit", "-o", str(tmp_path / "nhat-ky.csv"), verbosity=0)

    with (tmp_path / "nhat-ky.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["Loại đối tượng"] == "đăng nhập"]
    assert [(row["Thao tác"], row["Người thay đổi"], row["Địa chỉ"]) for row in rows] == [
        ("đăng nhập sai mật khẩu", "cong", "127.0.0.1"),
        ("đăng nhập", "cong", "127.0.0.1"),
        ("đăng xuất", "cong", "127.0.0.1"),
    ]
    assert [row["Đối tượng"] for row in rows] == ["/login/", "/login/", ""]
