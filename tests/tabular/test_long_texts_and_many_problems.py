"""Every text an import writes into a column of limited length is checked against it before
anything is written, the same on SQLite (which would store it) and PostgreSQL (which would
raise StringDataRightTruncation); and a report lists at most PLANTRACK_IMPORT_MAX_PROBLEMS
problems, counting all of them by code, in the API, on the page and on the command line."""

import csv
import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from plantrack.investment.models import Project
from plantrack.investment.services import import_projects
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def projects_csv(*rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Mã", "Tên dự án", "Hình thức đầu tư", "Ngành, lĩnh vực", "Chủ đầu tư"])
    writer.writerows(rows)
    return buffer.getvalue().encode()


def test_a_sector_or_investor_longer_than_its_field_is_refused_by_name(planner):
    content = projects_csv(
        ("DA-1", "Đường tỉnh 208", "Đầu tư công", "Giao thông " * 12, "Sở Giao thông vận tải"),
        ("DA-2", "Cấp nước sạch", "Đầu tư công", "Cấp nước", "Ban quản lý " * 30),
        ("DA-3", "Chợ trung tâm", "Đầu tư công", "Thương mại", "UBND huyện"),
    )

    report = import_projects(content, "du-an.csv", user=planner, locale="vi")

    problems = [(p.row, p.column, p.code) for p in report.errors]
    assert problems == [(2, "Ngành, lĩnh vực", "too_long"), (3, "Chủ đầu tư", "too_long")]
    assert "131 ký tự, quá 120" in report.errors[0].message
    assert not report.written and Project.objects.count() == 0


def test_texts_as_long_as_their_fields_are_written(planner):
    content = projects_csv(("DA-1", "Đường tỉnh 208", "Đầu tư công", "x" * 120, "y" * 300))

    report = import_projects(content, "du-an.csv", user=planner, locale="vi")

    assert report.written, [p.message for p in report.errors]
    assert (len(Project.objects.get().sector), len(Project.objects.get().investor)) == (120, 300)


def test_a_breakdown_longer_than_its_field_is_refused_on_every_database(
    planner, grdp_growth, province
):
    content = (
        "indicator,unit,period,value,breakdown,source\n"
        f"grdp_growth,04,2024,6.5,{'gioi_tinh=nu;' * 10},Báo cáo\n"
    ).encode()

    report = import_observations(content, "phan-to.csv", user=planner)

    assert [(p.row, p.column, p.code) for p in report.errors] == [(2, "breakdown", "too_long")]
    assert Observation.objects.count() == 0


# --- the problem list is capped ----------------------------------------------------------------


def bad_figures(count: int) -> bytes:
    """A file of ``count`` rows, each with an unknown unit and a value that is no number."""
    rows = "".join(f"grdp_growth,9{n:04d},2024,abc,Báo cáo\n" for n in range(count))
    return ("indicator,unit,period,value,source\n" + rows).encode()


def test_the_report_lists_the_first_problems_and_counts_all_by_code(
    planner, grdp_growth, province, settings
):
    settings.PLANTRACK_IMPORT_MAX_PROBLEMS = 50

    report = import_observations(bad_figures(100), "hong.csv", user=planner).as_dict()

    assert len(report["problems"]) == 50
    assert report["problems_total"] == 200
    assert report["problem_counts"] == {"unknown_unit": 100, "not_a_number": 100}
    assert [p["row"] for p in report["problems"][:4]] == [2, 2, 3, 3]


def test_the_api_answers_a_body_the_size_of_the_cap_not_of_the_file(
    planner, grdp_growth, province, settings
):
    settings.PLANTRACK_IMPORT_MAX_PROBLEMS = 20
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=planner)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    small, large = bad_figures(10), bad_figures(2000)

    answers = [
        client.post(
            "/api/imports/", {"file": SimpleUploadedFile("hong.csv", content)}, format="multipart"
        )
        for content in (small, large)
    ]

    assert [answer.status_code for answer in answers] == [422, 422]
    details = answers[1].json()["error"]["details"]
    assert (len(details["problems"]), details["problems_total"]) == (20, 4000)
    assert details["problem_counts"] == {"unknown_unit": 2000, "not_a_number": 2000}
    # 200 times the rows, the same body but for the counts and the file's checksum.
    assert len(answers[1].content) < 1.1 * len(answers[0].content)


def test_the_page_lists_the_first_problems_and_the_counts(
    client, planner, grdp_growth, province, settings
):
    settings.PLANTRACK_IMPORT_MAX_PROBLEMS = 20
    client.force_login(planner)

    response = client.post(
        "/observations/import/",
        {"file": SimpleUploadedFile("hong.csv", bad_figures(500)), "locale": ""},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert page.count("<code>unknown_unit</code>") == 10 + 1  # 10 listed, 1 counted
    assert "… và 980 lỗi, cảnh báo khác không liệt kê." in page
    assert '<td class="number">500</td>' in page


def test_the_command_prints_the_first_problems_and_the_counts(
    tmp_path, planner, grdp_growth, province, settings
):
    settings.PLANTRACK_IMPORT_MAX_PROBLEMS = 20
    path = tmp_path / "hong.csv"
    path.write_bytes(bad_figures(500))
    out = StringIO()

    with pytest.raises(SystemExit):
        call_command("import", str(path), stdout=out)

    lines = out.getvalue().splitlines()
    assert sum(line.startswith("  Lỗi:") for line in lines) == 20
    assert lines[-1] == (
        "  … và 980 lỗi, cảnh báo khác; theo mã, cả tệp: unknown_unit 500, not_a_number 500."
    )
