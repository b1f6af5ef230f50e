"""A planner uploads a decision; its text and candidates are kept for review; a wrong file
is refused with a clear Vietnamese message and nothing is kept."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from extraction_helpers import SEED_PATH, docx_bytes
from extraction_pdf import text_pdf
from pytest_django.asserts import assertContains

from plantrack.extraction.models import ExtractionRun

pytestmark = pytest.mark.django_db


def _upload(client, name: str, data: bytes, plan=None):
    form = {"file": SimpleUploadedFile(name, data), "source": ""}
    if plan is not None:
        form["plan"] = plan.pk
    return client.post(reverse("extraction:upload"), form)


def test_an_uploaded_text_becomes_a_run_with_its_candidates(client, planner, master_plan):
    client.force_login(planner)

    response = _upload(client, "1486-QD-TTg.txt", SEED_PATH.read_bytes(), master_plan)

    run = ExtractionRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("extraction:review", args=[run.pk])
    assert (run.file_name, run.plan, run.created_by) == ("1486-QD-TTg.txt", master_plan, planner)
    assert run.source == "1486/QĐ-TTg"  # the plan's decision, as no source was given
    assert len(run.checksum) == 64
    assert run.candidates.count() == 4
    assert set(run.candidates.values_list("state", flat=True)) == {"pending"}


def test_the_review_page_highlights_each_candidate_and_links_both_ways(client, planner, seed_run):
    client.force_login(planner)

    response = client.get(reverse("extraction:review", args=[seed_run.pk]))

    for order in range(1, 5):
        assertContains(response, f'<mark id="mark-{order}"><a href="#candidate-{order}">')
        assertContains(response, f'id="candidate-{order}"')
        assertContains(response, f'href="#mark-{order}"')
    assertContains(
        response, "Tỷ lệ hộ nghèo đa chiều giai đoạn 2021 - 2025 giảm bình quân trên 4,0%/năm"
    )
    assertContains(response, "6.700,3 km2")  # the whole text is shown
    assertContains(response, "Chờ rà soát")


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_the_review_survives_a_reload(client, planner, seed_run):
    client.force_login(planner)
    first = _without_csrf(client.get(reverse("extraction:review", args=[seed_run.pk])))

    assert _without_csrf(client.get(reverse("extraction:review", args=[seed_run.pk]))) == first


def test_docx_and_pdf_uploads_are_read(client, planner):
    client.force_login(planner)
    lines = ["Mục tiêu đến năm 2030:", "Tỷ lệ đô thị hóa đạt 35%."]

    _upload(client, "qd.docx", docx_bytes(lines))
    _upload(client, "qd.pdf", text_pdf(lines))

    assert [run.candidates.get().value for run in ExtractionRun.objects.all()] == [35, 35]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bang.xlsx", b"PK\x03\x04", "không đúng loại: chỉ nhận tệp .txt, .docx hoặc .pdf"),
        ("qd.pdf", b"<html>", "không phải tệp PDF hợp lệ"),
        ("qd.txt", b"\xff\xfe\x00", "không phải văn bản UTF-8"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_kept(
    client, planner, name, data, message
):
    client.force_login(planner)

    response = _upload(client, name, data)

    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assert ExtractionRun.objects.count() == 0


def test_a_file_over_10_mb_is_refused(client, planner, settings):
    client.force_login(planner)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    data = b"a" * (10 * 1024 * 1024 + 1)

    response = _upload(client, "lon.txt", data)

    assertContains(response, "lớn hơn 10 MB", status_code=400)
    assert ExtractionRun.objects.count() == 0


def test_the_plan_choice_offers_only_plans_the_user_may_see(client, planner, master_plan):
    client.force_login(planner)

    assertContains(client.get(reverse("extraction:upload")), master_plan.title)
