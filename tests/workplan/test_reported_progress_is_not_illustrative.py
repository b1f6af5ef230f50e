"""A progress report is real: the fields it sets lose their "minh họa" (illustrative) label,
and the task page says who filed it and for which agency."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.services import add_task_update

pytestmark = pytest.mark.django_db

ILLUSTRATIVE = ["lead_agency", "deadline", "status", "percent_complete"]


@pytest.fixture
def directive(make_task):
    return make_task(deadline=datetime.date(2026, 6, 30), illustrative_fields=list(ILLUSTRATIVE))


def test_reported_progress_and_status_are_no_longer_illustrative(directive, reporter):
    add_task_update(
        directive,
        user=reporter,
        date=datetime.date(2026, 3, 1),
        text="Đã trình dự thảo",
        percent_complete=40,
        new_status=TaskStatus.IN_PROGRESS,
    )
    directive.refresh_from_db()
    # What the agency did not report keeps its label.
    assert directive.illustrative_fields == ["lead_agency", "deadline"]


def test_a_report_without_progress_keeps_the_illustrative_progress(directive, reporter):
    add_task_update(directive, user=reporter, date=datetime.date(2026, 3, 1), text="Họp bàn")
    directive.refresh_from_db()
    assert directive.illustrative_fields == ILLUSTRATIVE


def test_completing_a_task_makes_its_completion_real(directive, reporter):
    add_task_update(
        directive,
        user=reporter,
        date=datetime.date(2026, 6, 1),
        text="Đã ban hành",
        new_status=TaskStatus.COMPLETED,
    )
    directive.refresh_from_db()
    assert directive.illustrative_fields == ["lead_agency", "deadline"]


def test_the_page_says_who_filed_the_report_and_drops_the_label(client, directive, reporter):
    reporter.first_name, reporter.last_name = "Công", "Nguyễn Văn"
    reporter.save()
    add_task_update(
        directive,
        user=reporter,
        date=datetime.date(2026, 3, 1),
        text="Đã trình dự thảo",
        percent_complete=40,
        new_status=TaskStatus.IN_PROGRESS,
    )
    response = client.get(f"/tasks/{directive.code}/")
    assertContains(response, "Người báo cáo: Công Nguyễn Văn (Sở Công Thương)")
    status_row = response.content.decode().split("Tình trạng</dt>")[1].split("</dd>")[0]
    assert "minh họa" not in status_row
    assertContains(response, "01/03/2026")


def test_a_report_by_a_deleted_account_says_so(client, directive, reporter):
    add_task_update(directive, user=reporter, date=datetime.date(2026, 3, 1), text="Họp bàn")
    reporter.delete()
    response = client.get(f"/tasks/{directive.code}/")
    assertContains(response, "Người báo cáo: không rõ")
    assertNotContains(response, "None")
