"""A file with errors is refused on the web as by the command: the page lists each problem
with its file, sheet, row, column and value, and the database is exactly as it was."""

import pytest
from entry_pages_helpers import SOURCE, figure, upload
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState

pytestmark = pytest.mark.django_db


def problem_row(row, column, value, message, *, file="so-lieu-2024.csv", sheet="", code):
    return (
        f"<tr><td>{file}</td><td>{sheet}</td><td class='number'>{row}</td><td>{column}</td>"
        f"<td class='value'>{value}</td><td>{message}</td><td><code>{code}</code></td></tr>"
    )


def test_a_refused_csv_lists_every_row_problem_and_writes_nothing(
    client, reporter, industry, province, grdp_growth, csv_file, tables
):
    figure(grdp_growth, province, "2023", "4.5", WorkflowState.APPROVED)
    before = tables()
    content = csv_file(
        [
            ("grdp_growth", "04", "2024", "5,1", "", SOURCE, ""),
            ("grdp_growth", "04", "2025", "khoảng 7", "", SOURCE, ""),
            ("grdp_growth", "99", "2026", "5", "", SOURCE, ""),
        ]
    )

    response = upload(client, reporter, content, agency=industry.pk)

    assert response.status_code == 422
    assert tables() == before
    assertContains(response, "Không ghi gì: tệp có 2 lỗi.", status_code=422)
    assertContains(
        response,
        problem_row(
            3, "value", "khoảng 7", "“khoảng 7” không phải là một số.", code="not_a_number"
        ),
        html=True,
        status_code=422,
    )
    assertContains(
        response,
        problem_row(
            4,
            "unit",
            "99",
            "Không có đơn vị hành chính “99” (theo mã hay tên).",
            code="unknown_unit",
        ),
        html=True,
        status_code=422,
    )
    assertNotContains(response, "Đã ghi.", status_code=422)
    assertNotContains(response, "count-created", status_code=422)


def test_a_refused_workbook_names_the_sheet_and_column_letter(
    client, reporter, industry, province, grdp_growth, xlsx_file, tables
):
    before = tables()
    content = xlsx_file([("grdp_growth", "04", "2024/07", 5.1, "", SOURCE, "")], sheet="GRDP")

    response = upload(client, reporter, content, name="grdp.xlsx", agency=industry.pk)

    assert response.status_code == 422
    assert tables() == before
    text = response.content.decode()
    assert "<td>grdp.xlsx</td>\n        <td>GRDP</td>" in text
    assert "<td>C</td>" in text
    assert "<code>invalid_period</code>" in text


def test_warnings_are_listed_apart_from_errors_and_do_not_stop_the_import(
    client, reporter, industry, province, grdp_growth, csv_file
):
    figure(grdp_growth, province, "2023", "4.5", WorkflowState.APPROVED)
    content = csv_file(
        [("grdp_growth", "04", "2024", "9", "", SOURCE, "Phục hồi sau thiên tai năm 2023")]
    )

    response = upload(client, reporter, content, agency=industry.pk)

    assert response.status_code == 200
    assertContains(response, "Cảnh báo (không chặn việc ghi)")
    assertContains(response, "<code>needs_comment</code>")
    assertNotContains(response, "Lỗi (phải sửa)")
    assertContains(response, "Đã ghi.")


def test_a_file_over_the_size_limit_is_refused_before_reading(
    client, reporter, industry, grdp_growth, tables, settings
):
    before = tables()
    content = b"indicator,unit,period,value\n" + b"x" * settings.PLANTRACK_IMPORT_MAX_BYTES

    response = upload(client, reporter, content, agency=industry.pk)

    assert response.status_code == 400
    assert tables() == before
    assertContains(response, "quá giới hạn 20 MB", status_code=400)


def test_a_file_of_another_kind_is_refused_with_what_is_accepted(
    client, reporter, industry, grdp_growth, tables
):
    before = tables()

    response = upload(client, reporter, b"%PDF-1.7", name="bao-cao.pdf", agency=industry.pk)

    assert tables() == before
    assertContains(
        response,
        "Tệp “bao-cao.pdf” không đúng loại: chỉ nhận tệp .csv, .xlsx hoặc .json.",
        status_code=400,
    )


def test_an_upload_without_a_file_says_so(client, reporter, industry):
    client.force_login(reporter)

    response = client.post("/observations/import/", {"agency": industry.pk})

    assert response.status_code == 400
    assertContains(response, 'class="error"', status_code=400)
