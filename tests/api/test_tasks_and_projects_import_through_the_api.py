"""POST /api/imports/tasks/ and /api/imports/projects/ run an appendix through the one
importer: planners only, 201 when written, 200 for a clean dry run, 422 with every problem
located when refused, and nothing written then."""

import io

import pytest
from api_helpers import error
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from plantrack.investment.models import Project
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db

TASKS = (
    "STT,Nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành\r\n"
    "1,Rà soát quy hoạch,SCT,Quý II/2025\r\n"
    "2,Cải thiện PCI,Sở Y tế,2025\r\n"
)
BAD_TASKS = (
    "STT,Nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành\r\n"
    "1,Rà soát quy hoạch,SCT,Quý II/2025\r\n"
    "2,Cải thiện PCI,Sở Mới,sắp tới\r\n"
)


def projects_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(
        ["Mã", "Tên dự án", "Địa điểm", "Tổng mức đầu tư (tỷ đồng)", "Hình thức đầu tư"]
    )
    workbook.active.append(["DA-01", "Đường cao tốc", "04", "14.331", "PPP"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, address, content, name, **fields):
    file = SimpleUploadedFile(name, content)
    return client.post(address, {"file": file, **fields}, format="multipart")


def test_a_planner_imports_a_task_appendix(api, planner, industry, health):
    response = upload(api(planner), "/api/imports/tasks/", TASKS.encode(), "nv.csv", prefix="KH")

    assert response.status_code == 201, response.content
    report = response.json()
    assert (report["layout"], report["created"], report["written"]) == ("tasks", 2, True)
    assert sorted(Task.objects.values_list("code", flat=True)) == ["KH-1", "KH-2"]
    again = upload(api(planner), "/api/imports/tasks/", TASKS.encode(), "nv.csv", prefix="KH")
    assert (again.status_code, again.json()["unchanged"]) == (201, 2)


def test_a_dry_run_answers_200_and_writes_nothing(api, planner, industry, health):
    response = upload(
        api(planner), "/api/imports/tasks/", TASKS.encode(), "nv.csv", prefix="KH", dry_run="true"
    )

    assert response.status_code == 200
    assert (response.json()["created"], response.json()["dry_run"]) == (2, True)
    assert not Task.objects.exists()


def test_a_bad_appendix_is_refused_with_its_problems(api, planner, industry):
    response = upload(
        api(planner), "/api/imports/tasks/", BAD_TASKS.encode(), "nv.csv", prefix="KH"
    )

    assert response.status_code == 422
    body = error(response)
    assert body["code"] == "import_refused"
    problems = {(p["row"], p["column"], p["code"]) for p in body["details"]["problems"]}
    assert problems == {
        (3, "Cơ quan chủ trì", "unknown_agency"),
        (3, "Thời gian hoàn thành", "invalid_deadline"),
    }
    assert not Task.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "approver", "viewer", "other_reporter"])
def test_only_planners_and_admins_import(api, persona, request, industry, health):
    client = api(request.getfixturevalue(persona))

    tasks = upload(client, "/api/imports/tasks/", TASKS.encode(), "nv.csv", prefix="KH")
    projects = upload(client, "/api/imports/projects/", projects_xlsx(), "da.xlsx")

    for response in (tasks, projects):
        assert response.status_code == 403
        assert error(response)["code"] == "not_permitted"
    assert not Task.objects.exists() and not Project.objects.exists()
    anonymous = upload(api(), "/api/imports/tasks/", TASKS.encode(), "nv.csv")
    assert anonymous.status_code == 401


def test_an_administrator_imports_a_project_appendix(api, administrator, province):
    client = api(administrator)
    ambiguous = upload(client, "/api/imports/projects/", projects_xlsx(), "da.xlsx")
    (problem,) = error(ambiguous)["details"]["problems"]
    assert (problem["code"], problem["value"]) == ("ambiguous_number", "14.331")

    response = upload(client, "/api/imports/projects/", projects_xlsx(), "da.xlsx", locale="vi")

    assert response.status_code == 201, response.content
    assert response.json()["locale"] == "vi"
    assert Project.objects.get().total_investment == 14_331 * 10**9


def test_an_unknown_plan_is_a_validation_error(api, planner):
    response = upload(
        api(planner), "/api/imports/tasks/", TASKS.encode(), "nv.csv", prefix="KH", plan="QH-X"
    )

    assert response.status_code == 400
    assert "plan" in error(response)["details"]
