"""Importing a corrected appendix updates the tasks it names, through the same services as
the pages: a moved deadline is a recorded deadline change (the original kept), a new status
a progress report; an empty cell changes nothing; agencies are added, never removed."""

import datetime
import io

import pytest
from openpyxl import Workbook

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import DeadlineChange, Task, TaskUpdate
from plantrack.workplan.services import import_tasks

pytestmark = pytest.mark.django_db
HEADER = ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Tình trạng"]


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def imported(planner, industry, health):
    content = xlsx(["NV-1", "Rà soát quy hoạch", "SCT", "SYT", "Quý II/2025", "Đang thực hiện"])
    report = import_tasks(content, "lan-1.xlsx", user=planner)
    assert report.written
    return Task.objects.get(code="NV-1")


def test_a_moved_deadline_is_recorded_with_the_file_as_its_reason(imported, planner):
    report = import_tasks(
        xlsx(["NV-1", "Rà soát quy hoạch", "SCT", "SYT", "Quý IV/2025", "Đang thực hiện"]),
        "lan-2.xlsx",
        user=planner,
    )

    assert (report.changed, report.unchanged) == (1, 0)
    imported.refresh_from_db()
    assert imported.deadline == datetime.date(2025, 12, 31)
    assert imported.original_deadline == datetime.date(2025, 6, 30)
    (change,) = DeadlineChange.objects.all()
    assert (change.old_deadline, change.new_deadline) == (
        datetime.date(2025, 6, 30),
        datetime.date(2025, 12, 31),
    )
    assert change.reason == "Nhập từ tệp lan-2.xlsx"
    assert change.changed_by == planner


def test_a_new_status_is_a_progress_report(imported, planner):
    content = xlsx(["NV-1", "Rà soát quy hoạch", "SCT", None, "Quý II/2025", "Tạm hoãn"])

    import_tasks(content, "lan-2.xlsx", user=planner)

    imported.refresh_from_db()
    assert imported.status == TaskStatus.POSTPONED
    (update,) = TaskUpdate.objects.all()
    assert (update.new_status, update.text, update.author) == (
        TaskStatus.POSTPONED,
        "Nhập từ tệp lan-2.xlsx",
        planner,
    )


def test_completing_through_a_file_records_the_day_it_gives(imported, planner):
    header = [*HEADER, "Ngày hoàn thành"]
    workbook = Workbook()
    workbook.active.append(header)
    workbook.active.append(
        ["NV-1", "Rà soát quy hoạch", "SCT", None, "Quý II/2025", "Đã hoàn thành", "20/6/2025"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = import_tasks(buffer.getvalue(), "lan-3.xlsx", user=planner)

    assert report.written, [p.as_dict() for p in report.errors]
    imported.refresh_from_db()
    assert (imported.status, imported.completed_on, imported.percent_complete) == (
        TaskStatus.COMPLETED,
        datetime.date(2025, 6, 20),
        100,
    )
    assert imported.completed_on_time is True


def test_empty_cells_change_nothing_and_agencies_are_only_added(imported, planner, finance):
    content = xlsx(["NV-1", None, None, "STC", None, None])

    report = import_tasks(content, "lan-2.xlsx", user=planner)

    assert report.changed == 1
    imported.refresh_from_db()
    assert imported.title == "Rà soát quy hoạch"
    assert imported.deadline == datetime.date(2025, 6, 30)
    assert imported.lead_agency.code == "SCT"
    assert sorted(imported.cooperating_agencies.values_list("code", flat=True)) == ["STC", "SYT"]


def test_the_illustrative_column_sets_the_labels(imported, planner):
    workbook = Workbook()
    workbook.active.append(["Mã", "Nhiệm vụ", "Thông tin minh họa"])
    workbook.active.append(["NV-1", None, "cơ quan chủ trì; thời hạn"])
    workbook.active.append(["NV-2", None, "ngày trăng tròn"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    refused = import_tasks(buffer.getvalue(), "minh-hoa.xlsx", user=planner)

    assert [(p.row, p.code) for p in refused.errors] == [
        (3, "missing_title"),
        (3, "unknown_field"),
    ]
    workbook.active.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_tasks(buffer.getvalue(), "minh-hoa.xlsx", user=planner)
    imported.refresh_from_db()
    assert imported.illustrative_fields == ["lead_agency", "deadline"]
