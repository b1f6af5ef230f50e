"""Evidence files are checked for size and type, stored outside the database."""

import datetime

import pytest

from plantrack.workplan.models import Evidence, TaskUpdate
from plantrack.workplan.services import TaskError, UploadedFile, add_task_update

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def update(task, user, *files):
    return add_task_update(
        task,
        user=user,
        date=datetime.date(2025, 7, 1),
        text="Đã trình dự thảo",
        percent_complete=60,
        files=list(files),
    )


def test_a_pdf_is_stored_on_disk_by_its_checksum(make_task, reporter, settings):
    task = make_task()

    result = update(task, reporter, UploadedFile("Biên bản họp.pdf", PDF))

    (evidence,) = result.evidence.all()
    assert evidence.original_name == "Biên bản họp.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    stored = settings.MEDIA_ROOT / evidence.file.name
    assert stored.read_bytes() == PDF
    assert evidence.sha256 in evidence.file.name
    task.refresh_from_db()
    assert task.percent_complete == 60


def test_a_file_too_large_is_refused_and_nothing_written(make_task, reporter, settings):
    settings.PLANTRACK_EVIDENCE_MAX_BYTES = 100
    task = make_task()

    with pytest.raises(TaskError) as caught:
        update(task, reporter, UploadedFile("ok.pdf", PDF), UploadedFile("big.pdf", PDF * 10))

    assert caught.value.code == "file_too_large"
    assert "big.pdf" in str(caught.value)
    assert not TaskUpdate.objects.exists() and not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("chuong-trinh.exe", b"MZ\x90\x00"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf"),  # the name says PDF, the bytes do not
        ("trang.html", b"<html><script>alert(1)</script></html>"),
        ("khong-duoi", PDF),
    ],
)
def test_a_file_of_a_forbidden_type_is_refused(make_task, reporter, name, content):
    with pytest.raises(TaskError) as caught:
        update(make_task(), reporter, UploadedFile(name, content))

    assert caught.value.code == "file_type_not_allowed"
    assert not Evidence.objects.exists()


def test_completing_a_task_records_the_day(make_task, reporter):
    task = make_task(deadline=datetime.date(2025, 7, 10))

    add_task_update(
        task, user=reporter, date=datetime.date(2025, 7, 5), text="Xong", new_status="completed"
    )

    task.refresh_from_db()
    assert (task.status, task.completed_on, task.percent_complete) == (
        "completed",
        datetime.date(2025, 7, 5),
        100,
    )
    assert task.completed_on_time is True
