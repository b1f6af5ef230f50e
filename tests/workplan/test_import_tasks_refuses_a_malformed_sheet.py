"""A malformed task sheet is refused as a whole: every problem says file, sheet, row,
column and value, and no table changes (compared row by row before and after)."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from plantrack.accounts.models import Agency
from plantrack.tabular.pipeline import ImportNotPermitted
from plantrack.workplan.models import DeadlineChange, Evidence, Task, TaskUpdate
from plantrack.workplan.services import import_tasks

pytestmark = pytest.mark.django_db


def xlsx(rows, title="Nhiệm vụ") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def snapshot() -> dict:
    """Every row of every table an import could touch."""
    return {
        "tasks": list(Task.objects.order_by("pk").values()),
        "cooperating": list(Task.cooperating_agencies.through.objects.order_by("pk").values()),
        "updates": list(TaskUpdate.objects.values()),
        "deadline_changes": list(DeadlineChange.objects.values()),
        "evidence": list(Evidence.objects.values()),
        "agencies": list(Agency.objects.order_by("pk").values()),
    }


MALFORMED = [
    ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Tình trạng"],
    ["NV-1", "Việc đúng", "SCT", "SYT", "Quý II/2025", "Đang thực hiện"],
    ["NV-2", "Việc của cơ quan lạ", "Sở Không Có", None, "2025", None],
    ["NV-3", "Thời hạn hỏng", "SCT", None, "Quý V/2025", None],
    ["NV-1", "Mã trùng", "SCT", None, "2025", None],
    ["NV-5", "Tình trạng lạ", "SCT", "Các sở, ngành liên quan", "31/6/2025", "Xong rồi"],
    ["NV-6", "Hoàn thành không ngày", "SCT", None, "2025", "Đã hoàn thành"],
]


@pytest.fixture
def existing(make_task):
    return make_task(title="Nhiệm vụ đã có")


def test_a_malformed_sheet_is_refused_with_every_problem_located(
    planner, industry, health, existing
):
    before = snapshot()

    report = import_tasks(xlsx(MALFORMED), "phu-luc.xlsx", user=planner)

    assert not report.written
    assert snapshot() == before
    found = {(p.row, p.column, p.code, p.value) for p in report.errors}
    assert found == {
        (3, "C", "unknown_agency", "Sở Không Có"),
        (4, "E", "invalid_deadline", "Quý V/2025"),
        (5, "A", "duplicate_row", "NV-1"),
        (6, "D", "unknown_agency", "Các sở, ngành liên quan"),
        (6, "E", "invalid_deadline", "31/6/2025"),
        (6, "F", "unknown_status", "Xong rồi"),
        (7, "F", "completed_without_date", "Đã hoàn thành"),
    }
    for problem in report.errors:
        assert (problem.file, problem.sheet) == ("phu-luc.xlsx", "Nhiệm vụ")
    duplicate = next(p for p in report.errors if p.code == "duplicate_row")
    assert duplicate.message == "Mã nhiệm vụ “NV-1” đã có ở dòng 2 của tệp."
    deadline = next(p for p in report.errors if p.code == "invalid_deadline")
    assert "Quý II/2025" in deadline.message  # it says which forms are read
    assert [p.row for p in report.problems] == sorted(p.row for p in report.problems)


def test_the_command_prints_the_problems_and_exits_1(planner, industry, health, tmp_path):
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(xlsx(MALFORMED))
    before = snapshot()
    out = StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command("import_tasks", str(path), "--user", planner.username, stdout=out)

    assert exited.value.code == 1
    text = out.getvalue()
    assert "Không ghi gì: tệp có lỗi." in text
    assert "Lỗi: phu-luc.xlsx, trang “Nhiệm vụ”, dòng 3, cột C [Sở Không Có]" in text
    assert snapshot() == before


def test_a_sheet_without_the_task_column_is_refused(planner):
    report = import_tasks(xlsx([["STT", "Tên", "Ghi chú"], [1, "x", "y"]]), "x.xlsx", user=planner)

    (problem,) = report.errors
    assert problem.code == "missing_columns"
    assert "Nhiệm vụ" in problem.message


def test_without_a_code_column_or_a_prefix_the_file_is_refused(planner, industry):
    content = xlsx([["STT", "Nhiệm vụ", "Cơ quan chủ trì"], [1, "Việc", "SCT"]])

    report = import_tasks(content, "x.xlsx", user=planner)

    assert [p.code for p in report.errors] == ["missing_code"]
    assert "--prefix" in report.errors[0].message
    assert not Task.objects.exists()


def test_an_old_excel_file_and_a_json_file_are_refused(planner):
    old = import_tasks(b"\xd0\xcf\x11\xe0rest", "phu-luc.xls", user=planner)
    json = import_tasks(b"[]", "phu-luc.json", user=planner)

    assert [p.code for p in old.errors] == ["unsupported_format"]
    assert [p.code for p in json.errors] == ["unsupported_format"]


def test_only_planners_and_admins_import(reporter, industry, tmp_path):
    content = xlsx([["Mã", "Nhiệm vụ", "Cơ quan chủ trì"], ["NV-1", "Việc", "SCT"]])

    with pytest.raises(ImportNotPermitted):
        import_tasks(content, "x.xlsx", user=reporter)
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(Exception, match="Chỉ cán bộ kế hoạch") as caught:
        call_command("import_tasks", str(path), "--user", reporter.username)
    assert caught.value.returncode == 1
    assert not Task.objects.exists()


def test_a_row_with_only_a_title_is_a_heading_and_a_warning(planner, industry):
    content = xlsx(
        [
            ["Mã", "Nhiệm vụ", "Cơ quan chủ trì"],
            [None, "Nhóm nhiệm vụ về đầu tư", None],
            ["NV-1", "Việc", "SCT"],
        ]
    )

    report = import_tasks(content, "x.xlsx", user=planner)

    assert report.written and report.created == 1
    (warning,) = report.warnings
    assert (warning.code, warning.row) == ("heading_skipped", 2)
