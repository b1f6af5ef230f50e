"""The planner's page (ask, watch the progress, download) and ``plantrack report evaluation``."""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from docx import Document
from report_world import MID_2024

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Agency, Membership
from plantrack.reports.content import build_content
from plantrack.reports.docx_writer import write_docx
from plantrack.reports.models import ReportRun
from plantrack.reports.outline import OutlineError, load_outline
from plantrack.reports.services import build_run, generate_report

pytestmark = pytest.mark.django_db

QUERIES = 22  # build_content on the demo (tests the same on SQLite and PostgreSQL)
STATIC = Path(__file__).resolve().parents[2] / "src/plantrack/reports"


def _member(django_user_model, name: str, role: str):
    user = django_user_model.objects.create_user(username=name, password="pw")
    Membership.objects.create(user=user, agency=Agency.objects.get(code="STC"), role=role)
    return user


def test_planner_asks_for_a_report_and_the_page_polls_its_state(
    demo_plan, client, django_user_model
):
    client.force_login(_member(django_user_model, "phuong", Role.PLANNER))
    page = client.get(reverse("reports:evaluation"))
    assert page.status_code == 200
    assert "Báo cáo đánh giá thực hiện quy hoạch" in page.content.decode()
    answer = client.post(
        reverse("reports:evaluation"),
        {
            "plan": "QH-CB-2021-2030",
            "as_of": "2024-06-30",
            "kind": "annual",
            "formats": ["xlsx"],
            "language": "vi",
        },
    )
    run = ReportRun.objects.latest("pk")
    assert answer.status_code == 302 and answer.url == reverse("reports:run", args=[run.pk])
    assert run.created_by.username == "phuong" and run.state == "pending"
    assert run.as_of == datetime.date(2024, 6, 30)
    detail = client.get(answer.url).content.decode()
    assert "reports/progress.js" in detail and "<script>" not in detail and "style=" not in detail
    build_run(run)  # what the background thread does
    status = json.loads(client.get(reverse("reports:status", args=[run.pk])).content)
    assert status["state"] == "done" and status["finished"] and status["percent"] == 100
    download = client.get(reverse("reports:download", args=[run.pk, "xlsx"]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert (STATIC / "static/reports/progress.js").is_file()


def test_reporters_and_visitors_cannot_make_or_read_reports(demo_plan, client, django_user_model):
    run = generate_report(demo_plan, user=None, as_of=MID_2024, formats=["package"])
    # The planners' pages answer 404 to everyone else, as for what does not exist.
    assert client.get(reverse("reports:evaluation")).status_code in (302, 404)
    client.force_login(_member(django_user_model, "cong", Role.REPORTER))
    assert client.get(reverse("reports:evaluation")).status_code == 404
    assert client.get(reverse("reports:status", args=[run.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[run.pk, "pdf"])).status_code == 404


def test_command_writes_the_files_and_stores_the_run(demo_plan, tmp_path):
    call_command(
        "report",
        "evaluation",
        "--plan",
        "QH-CB-2021-2030",
        "--as-of",
        "2024-06-30",
        "--format",
        "xlsx",
        "-o",
        str(tmp_path),
    )
    assert (tmp_path / "bao-cao-danh-gia_QH-CB-2021-2030_2024-06-30.xlsx").stat().st_size > 0
    run = ReportRun.objects.latest("pk")
    assert run.formats == ["xlsx"] and run.figures


def test_command_refuses_an_unknown_plan(demo_plan, tmp_path):
    with pytest.raises(CommandError, match="Không có quy hoạch, kế hoạch mã “KHONG-CO”"):
        call_command("report", "evaluation", "--plan", "KHONG-CO", "-o", str(tmp_path))


def test_the_office_changes_the_wording_without_code(tmp_path):
    shipped = json.loads((STATIC / "templates/reports/evaluation/outline.json").read_text())
    shipped["vi"]["results"]["title"] = "II. MỨC ĐỘ ĐẠT ĐƯỢC CÁC CHỈ TIÊU"
    (tmp_path / "outline.json").write_text(json.dumps(shipped, ensure_ascii=False))
    with override_settings(PLANTRACK_REPORT_TEMPLATE_DIR=str(tmp_path)):
        assert load_outline("vi").text("results.title") == "II. MỨC ĐỘ ĐẠT ĐƯỢC CÁC CHỈ TIÊU"
        shipped["vi"]["results"]["intro"] = "Có {so_chi_tieu} chỉ tiêu."
        (tmp_path / "outline.json").write_text(json.dumps(shipped, ensure_ascii=False))
        with pytest.raises(
            OutlineError, match=r"results.intro: không có giá trị cho \{so_chi_tieu\}"
        ):
            load_outline("vi").text("results.intro", targets_total=6)


def test_english_report_from_the_same_data(demo_plan, tmp_path):
    call_command(
        "report",
        "evaluation",
        "--plan",
        "QH-CB-2021-2030",
        "--format",
        "package",
        "--language",
        "en",
        "-o",
        str(tmp_path),
    )
    [package] = tmp_path.glob("*_en.zip")
    with zipfile.ZipFile(package) as archive:
        data = json.loads(archive.read("report.json"))
    grdp = next(t for t in data["targets"] if "9,72%/năm" in t["phrase"])
    assert grdp["status_label"] == "needs acceleration"
    assert grdp["actual_vs_required"] == "5.89 / 9.72 %/year"
    assert grdp["required_remaining"] == "13.69 %/year (2026–2030)"
    assert data["title"].startswith("Evaluation of the implementation of")


def test_content_query_count_is_fixed(demo_plan, django_assert_num_queries):
    # One query a kind of row whatever the number of targets, figures and projects: the
    # benchmark's plan of 300 targets makes the same queries as the demo's 6.
    build_content(demo_plan, as_of=MID_2024)  # caches warmed (what a first call reads once)
    with django_assert_num_queries(QUERIES):
        content = build_content(demo_plan, as_of=MID_2024)
    assert len(content.targets) == 6


def test_the_office_restyles_the_word_document_with_its_own_file(demo_plan, tmp_path):
    own = Document()
    own.styles["Normal"].font.name = "Arial"
    own.add_paragraph("Văn bản mẫu của văn phòng")
    own.save(tmp_path / "evaluation.docx")
    with override_settings(PLANTRACK_REPORT_TEMPLATE_DIR=str(tmp_path)):
        out = io.BytesIO()
        write_docx(build_content(demo_plan, as_of=MID_2024), out)
    written = Document(io.BytesIO(out.getvalue()))
    assert written.styles["Normal"].font.name == "Arial"
    text = "\n".join(p.text for p in written.paragraphs)
    assert "Văn bản mẫu của văn phòng" not in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(
        cell.text for table in written.tables for row in table.rows for cell in row.cells
    )
