"""The task pages: the list with the scorecard, a task, progress reports, evidence."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.workplan.models import DeadlineChange, Evidence, TaskUpdate

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def task(make_task):
    return make_task(
        deadline=datetime.date(2025, 6, 30),
        title="Rà soát, điều chỉnh các quy hoạch chuyên ngành",
        illustrative_fields=["deadline"],
    )


def test_the_list_shows_each_task_its_state_and_what_is_illustrative(client, task):
    response = client.get("/tasks/?as_of=2025-07-01")

    assertContains(response, "Rà soát, điều chỉnh các quy hoạch chuyên ngành")
    assertContains(response, '<span class="deadline deadline-overdue">Quá hạn</span>', html=True)
    assertContains(response, "minh họa")
    assertContains(response, "Sở Công Thương")  # the scorecard's row


def test_the_list_filters_by_state_and_agency(client, task, make_task, health):
    make_task(agency=health, deadline=datetime.date(2025, 12, 31), title="Việc của Sở Y tế")

    overdue = client.get("/tasks/?as_of=2025-07-01&state=overdue")
    assertNotContains(overdue, "Việc của Sở Y tế")
    by_agency = client.get(f"/tasks/?agency={health.code}")
    assertContains(by_agency, "Việc của Sở Y tế")
    assertNotContains(by_agency, "Rà soát, điều chỉnh")


def test_the_list_runs_a_fixed_number_of_queries(client, make_task, django_assert_num_queries):
    for day in range(1, 6):
        make_task(deadline=datetime.date(2025, 7, day))
    # Tasks (board, timeline and list share them), the scorecard, the agency names, the
    # filters' choices: agencies, key issue groups, plans.
    with django_assert_num_queries(6):
        client.get("/tasks/")


def test_the_lead_agency_reports_progress_with_evidence(client, task, reporter):
    client.force_login(reporter)

    response = client.post(
        f"/tasks/{task.code}/update/",
        {
            "date": "2025-07-01",
            "text": "Đã trình UBND tỉnh dự thảo",
            "percent_complete": "70",
            "files": [_upload("to-trinh.pdf", PDF)],
        },
    )

    assert response.status_code == 302
    (update,) = TaskUpdate.objects.filter(task=task)
    assert update.author == reporter and update.percent_complete == 70
    assert update.evidence.get().original_name == "to-trinh.pdf"


def test_another_agency_cannot_report_on_the_task(client, task, other_reporter):
    client.force_login(other_reporter)
    response = client.post(f"/tasks/{task.code}/update/", {"date": "2025-07-01", "text": "x"})
    assert response.status_code == 404
    assert not TaskUpdate.objects.exists()


def test_a_forbidden_file_is_refused_with_a_message_and_nothing_written(client, task, reporter):
    client.force_login(reporter)

    response = client.post(
        f"/tasks/{task.code}/update/",
        {"date": "2025-07-01", "text": "x", "files": [_upload("virus.exe", b"MZ\x90")]},
        follow=True,
    )

    assertContains(response, "không phải loại được nhận làm minh chứng")
    assert not TaskUpdate.objects.exists()


def test_evidence_is_served_only_to_those_concerned(
    client, task, reporter, other_reporter, planner
):
    from plantrack.workplan.services import UploadedFile, add_task_update

    update = add_task_update(
        task,
        user=reporter,
        date=datetime.date(2025, 7, 1),
        text="Biên bản",
        files=[UploadedFile("bien-ban.pdf", PDF)],
    )
    url = f"/tasks/evidence/{Evidence.objects.get(update=update).pk}/"

    assert client.get(url).status_code == 404  # anonymous
    client.force_login(other_reporter)
    assert client.get(url).status_code == 404
    client.force_login(reporter)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(planner)
    assert client.get(url).status_code == 200


def test_a_planner_moves_a_deadline_and_the_page_shows_the_original(client, task, planner):
    client.force_login(planner)

    client.post(
        f"/tasks/{task.code}/deadline/", {"new_deadline": "2025-12-31", "reason": "Chờ hướng dẫn"}
    )

    assert DeadlineChange.objects.get().reason == "Chờ hướng dẫn"
    assertContains(client.get(f"/tasks/{task.code}/"), "ban đầu 30/06/2025")


def test_a_reporter_cannot_move_a_deadline(client, task, reporter):
    client.force_login(reporter)
    response = client.post(
        f"/tasks/{task.code}/deadline/", {"new_deadline": "2025-12-31", "reason": "x"}
    )
    assert response.status_code == 404
    assert not DeadlineChange.objects.exists()


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
