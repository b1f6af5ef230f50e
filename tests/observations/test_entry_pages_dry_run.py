"""“Chỉ kiểm tra” runs every check and shows the counts a real import would give, and
writes nothing."""

import pytest
from entry_pages_helpers import SOURCE, figure, upload
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState

pytestmark = pytest.mark.django_db


def test_a_dry_run_shows_the_counts_and_writes_nothing(
    client, reporter, industry, province, grdp_growth, csv_file, tables
):
    figure(grdp_growth, province, "2023", "4.5", WorkflowState.APPROVED)
    before = tables()
    content = csv_file(
        [
            ("grdp_growth", "04", "2023", "4,5", "", "", ""),
            ("grdp_growth", "04", "2024", "5,1", "", SOURCE, ""),
        ]
    )

    response = upload(client, reporter, content, agency=industry.pk, dry_run="on")

    assert response.status_code == 200
    assert tables() == before
    assertContains(response, "Kiểm tra xong (chỉ kiểm tra): không có lỗi, chưa ghi gì.")
    assertContains(response, '<dd class="count-created">1</dd>', html=True)
    assertContains(response, '<dd class="count-unchanged">1</dd>', html=True)
    assertNotContains(response, "Đã ghi.")
    assertNotContains(response, "/observations/imports/")


def test_a_dry_run_of_a_bad_file_reports_its_problems(
    client, reporter, industry, province, grdp_growth, csv_file, tables
):
    before = tables()
    content = csv_file([("grdp_growth", "04", "2024Q3", "5,1", "", SOURCE, "")])

    response = upload(client, reporter, content, agency=industry.pk, dry_run="on")

    assert response.status_code == 422
    assert tables() == before
    assertContains(response, "<code>period_frequency</code>", status_code=422)


def test_the_number_style_decides_an_ambiguous_number(
    client, reporter, industry, province, grdp_growth, csv_file
):
    content = csv_file([("grdp_growth", "04", "2024", "1.234", "", SOURCE, "")])

    refused = upload(client, reporter, content, agency=industry.pk, dry_run="on")
    vietnamese = upload(client, reporter, content, agency=industry.pk, dry_run="on", locale="vi")

    assertContains(refused, "<code>ambiguous_number</code>", status_code=422)
    assert vietnamese.status_code == 200
    assertContains(vietnamese, "kiểu số “vi”")
