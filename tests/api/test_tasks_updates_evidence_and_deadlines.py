"""Writing to tasks through the API: the lead agency (and planners) report progress with
evidence; another agency gets 403 and writes nothing; anonymous visitors only read; evidence
too large or of a forbidden type is refused with 422; only planners move a deadline, with a
reason; the detail shows evidence links only to those who may see evidence."""

import datetime

import pytest
from api_helpers import error
from django.core.files.uploadedfile import SimpleUploadedFile

from plantrack.workplan.models import DeadlineChange, Evidence, Task, TaskUpdate

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def task(industry):
    return Task.objects.create(
        code="CT-01",
        title="Rà soát, điều chỉnh các quy hoạch chuyên ngành",
        lead_agency=industry,
        deadline=datetime.date(2025, 6, 30),
    )


def report(client, code="CT-01", files=(), **fields):
    body = {"date": "2025-07-01", "text": "Đã trình dự thảo", "percent_complete": 60, **fields}
    if files:
        body["files"] = list(files)
    return client.post(f"/api/tasks/{code}/updates/", body, format="multipart")


def pdf(name="bien-ban.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def nothing_written() -> bool:
    return not TaskUpdate.objects.exists() and not Evidence.objects.exists()


def test_the_lead_agency_reports_progress_with_evidence(api, task, reporter):
    response = report(api(reporter), files=[pdf(), pdf("anh.png", b"\x89PNG\r\n\x1a\nxx")])

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["text"], body["percent_complete"]) == ("Đã trình dự thảo", 60)
    assert [item["name"] for item in body["evidence"]] == ["bien-ban.pdf", "anh.png"]
    assert body["evidence"][0]["url"].endswith(f"/api/evidence/{body['evidence'][0]['id']}/")
    task.refresh_from_db()
    assert task.percent_complete == 60


def test_a_planner_reports_on_any_agencys_task(api, task, planner):
    response = report(api(planner), new_status="completed")

    assert response.status_code == 201
    task.refresh_from_db()
    assert (task.status, task.completed_on) == ("completed", datetime.date(2025, 7, 1))


def test_another_agency_sees_the_task_but_may_not_report_on_it(api, task, other_reporter):
    client = api(other_reporter)

    assert client.get("/api/tasks/CT-01/").status_code == 200
    response = report(client)

    assert response.status_code == 403
    assert error(response)["code"] == "not_permitted"
    assert "Sở Công Thương" in error(response)["message"]
    assert nothing_written()


def test_anonymous_visitors_read_and_write_nothing(api, task):
    client = api()

    assert client.get("/api/tasks/CT-01/").status_code == 200
    response = report(client)
    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"
    assert nothing_written()


def test_an_unknown_task_is_404(api, reporter):
    response = report(api(reporter), code="CT-99")

    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


def test_evidence_too_large_is_refused_and_nothing_written(api, task, reporter, settings):
    settings.PLANTRACK_EVIDENCE_MAX_BYTES = 100

    response = report(api(reporter), files=[pdf("nho.pdf"), pdf("lon.pdf", PDF * 10)])

    assert response.status_code == 422
    body = error(response)
    assert body["code"] == "file_too_large"
    assert "lon.pdf" in body["message"]
    assert nothing_written()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("chuong-trinh.exe", b"MZ\x90\x00"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf"),
        ("trang.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_evidence_of_a_forbidden_type_is_refused(api, task, reporter, name, content):
    response = report(api(reporter), files=[SimpleUploadedFile(name, content)])

    assert response.status_code == 422
    assert error(response)["code"] == "file_type_not_allowed"
    assert nothing_written()


def test_a_report_without_text_or_with_a_bad_percent_is_refused(api, task, reporter):
    client = api(reporter)

    empty = report(client, text=" ")
    too_much = report(client, percent_complete=120)

    assert (empty.status_code, error(empty)["code"]) == (422, "text_required")
    assert (too_much.status_code, error(too_much)["code"]) == (422, "invalid_percent")
    assert nothing_written()


def test_the_detail_gives_evidence_links_only_to_those_who_may_see_evidence(
    api, task, reporter, other_reporter, planner, health
):
    report(api(reporter), files=[pdf()])

    mine = api(reporter).get("/api/tasks/CT-01/").json()
    theirs = api(other_reporter).get("/api/tasks/CT-01/").json()
    public = api().get("/api/tasks/CT-01/").json()

    (item,) = mine["updates"][0]["evidence"]
    assert item["name"] == "bien-ban.pdf" and item["url"]
    for body in (theirs, public):
        (hidden,) = body["updates"][0]["evidence"]
        assert (hidden["name"], hidden["url"]) == (None, None)
        assert hidden["size"] == len(PDF)
    task.cooperating_agencies.add(health)  # a co-operating agency may see the evidence
    assert api(other_reporter).get("/api/tasks/CT-01/").json()["updates"][0]["evidence"][0]["url"]
    assert api(planner).get("/api/tasks/CT-01/").json()["updates"][0]["evidence"][0]["url"]


def test_the_evidence_file_is_served_to_those_who_may_see_it_only(
    api, task, reporter, other_reporter
):
    body = report(api(reporter), files=[pdf()]).json()
    address = f"/api/evidence/{body['evidence'][0]['id']}/"

    served = api(reporter).get(address)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert 'filename="bien-ban.pdf"' in served["Content-Disposition"]
    for client in (api(other_reporter), api()):
        refused = client.get(address)
        assert refused.status_code == 404
        assert error(refused)["code"] == "not_found"
    assert api(reporter).get("/api/evidence/999/").status_code == 404


def test_a_planner_moves_a_deadline_with_a_reason(api, task, planner):
    response = api(planner).post(
        "/api/tasks/CT-01/deadline/",
        {"new_deadline": "2025-12-31", "reason": "Chờ hướng dẫn của Bộ"},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["deadline"], body["original_deadline"]) == ("2025-12-31", "2025-06-30")
    (change,) = body["deadline_changes"]
    assert change["reason"] == "Chờ hướng dẫn của Bộ"
    assert change["changed_by"] == planner.username


def test_a_deadline_moved_without_a_reason_is_refused(api, task, planner):
    response = api(planner).post(
        "/api/tasks/CT-01/deadline/", {"new_deadline": "2025-12-31"}, format="json"
    )

    assert response.status_code == 422
    assert error(response)["code"] == "reason_required"
    assert not DeadlineChange.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "other_reporter", "approver"])
def test_only_planners_move_deadlines(api, task, persona, request):
    response = api(request.getfixturevalue(persona)).post(
        "/api/tasks/CT-01/deadline/",
        {"new_deadline": "2025-12-31", "reason": "Xin lùi"},
        format="json",
    )

    assert response.status_code == 403
    assert error(response)["code"] == "not_permitted"
    task.refresh_from_db()
    assert task.deadline == datetime.date(2025, 6, 30)
    assert api().post("/api/tasks/CT-01/deadline/", {}, format="json").status_code == 401


def test_an_empty_form_deadline_is_no_date_not_null(api, task, planner):
    # The schema's null is JSON's: an empty form value would otherwise clear the deadline.
    response = api(planner).post(
        "/api/tasks/CT-01/deadline/",
        "new_deadline=&reason=Xin+l%C3%B9i",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert set(error(response)["details"]) == {"new_deadline"}
    task.refresh_from_db()
    assert task.deadline == datetime.date(2025, 6, 30)


def test_a_json_null_deadline_removes_it(api, task, planner):
    response = api(planner).post(
        "/api/tasks/CT-01/deadline/", {"new_deadline": None, "reason": "Bỏ thời hạn"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["deadline"] is None
