"""Tasks export to XLSX and CSV in the importer's layout, with the illustrative fields named
in Vietnamese, texts that could run as formulas neutralised, numbers and dates as such; and
the file imports again with nothing changed."""

import csv
import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pytest_django.asserts import assertContains

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.export import export_tasks_bytes
from plantrack.workplan.models import DeadlineChange, Task, TaskUpdate
from plantrack.workplan.services import import_tasks, move_deadline

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2025, 7, 1)


@pytest.fixture
def tasks(make_task, health, finance, planner, master_plan):
    directive = make_task(
        title="Khẩn trương rà soát, điều chỉnh các quy hoạch chuyên ngành",
        deadline=datetime.date(2026, 12, 31),
        expected_product="Quyết định phê duyệt điều chỉnh",
        plan=master_plan,
        illustrative_fields=["lead_agency", "expected_product", "deadline", "status"],
    )
    directive.cooperating_agencies.add(health, finance)
    done = make_task(
        title="Phê duyệt đề án",
        deadline=datetime.date(2025, 5, 31),
        status=TaskStatus.COMPLETED,
        completed_on=datetime.date(2025, 5, 19),
        percent_complete=100,
        description='=HYPERLINK("http://example.invalid")',
        source="-2,5 theo báo cáo",
    )
    late = make_task(title="Báo cáo PCI", deadline=datetime.date(2025, 6, 30), percent_complete=40)
    move_deadline(late, user=planner, new_deadline=datetime.date(2025, 9, 30), reason="Lùi hạn")
    make_task(title="Việc không hạn", agency=None)
    return directive, done, late


def rows_of_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_xlsx_holds_one_row_a_task_with_types_kept(tasks):
    data = export_tasks_bytes(Task.objects.all(), "xlsx", as_of=AS_OF)

    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("Mã", "Nhiệm vụ")
    assert "Tình trạng thời hạn (tính đến 01/07/2025)" in header
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(by_code) == 4
    directive = by_code["NV-001"]
    assert directive["Cơ quan chủ trì"] == "SCT"
    assert directive["Cơ quan phối hợp"] == "STC; SYT"
    assert directive["Thời hạn"].date() == datetime.date(2026, 12, 31)
    assert directive["Tình trạng"] == "Đang thực hiện"
    assert directive["Quy hoạch, kế hoạch (mã)"] == "QH-CB-2021-2030"
    illustrative = next(h for h in header if h.startswith("Thông tin minh họa"))
    assert directive[illustrative] == "cơ quan chủ trì; sản phẩm; thời hạn; tình trạng"
    late = by_code["NV-003"]
    assert (late["Thời hạn"].date(), late["Thời hạn ban đầu"].date()) == (
        datetime.date(2025, 9, 30),
        datetime.date(2025, 6, 30),
    )
    assert late["Tiến độ (%)"] == 40
    assert by_code["NV-002"]["Tình trạng thời hạn (tính đến 01/07/2025)"] == "Đã xong"


def test_texts_that_could_run_are_neutralised(tasks):
    rows = rows_of_csv(export_tasks_bytes(Task.objects.all(), "csv", as_of=AS_OF))
    header = rows[0]
    done = dict(zip(header, next(row for row in rows if row[0] == "NV-002"), strict=True))

    assert done["Mô tả"] == '\'=HYPERLINK("http://example.invalid")'
    assert done["Nguồn"] == "'-2,5 theo báo cáo"
    assert done["Tiến độ (%)"] == "100"
    assert done["Ngày hoàn thành"] == "2025-05-19"
    sheet = load_workbook(
        io.BytesIO(export_tasks_bytes(Task.objects.all(), "xlsx", as_of=AS_OF))
    ).active
    cell = next(row for row in sheet.iter_rows() if row[0].value == "NV-002")[2]
    assert cell.value == '=HYPERLINK("http://example.invalid")'
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_imports_again_with_nothing_changed(tasks, planner, file_format):
    data = export_tasks_bytes(Task.objects.all(), file_format, as_of=AS_OF)
    before = list(Task.objects.order_by("code").values())

    report = import_tasks(data, f"nhiem-vu.{file_format}", user=planner)

    assert report.errors == []
    assert (report.created, report.changed, report.unchanged) == (0, 0, 4)
    assert list(Task.objects.order_by("code").values()) == before
    assert DeadlineChange.objects.count() == 1 and not TaskUpdate.objects.exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_recreates_the_tasks_elsewhere(tasks, planner, file_format):
    data = export_tasks_bytes(Task.objects.all(), file_format, as_of=AS_OF)
    fields = ["code", "title", "lead_agency", "deadline", "status", "percent_complete"]
    fields += ["completed_on", "description", "source", "expected_product", "plan"]
    fields += ["illustrative_fields"]
    before = list(Task.objects.order_by("code").values(*fields))
    Task.objects.all().delete()

    report = import_tasks(data, f"nhiem-vu.{file_format}", user=planner)

    assert report.created == 4
    assert list(Task.objects.order_by("code").values(*fields)) == before
    assert sorted(
        Task.objects.get(code="NV-001").cooperating_agencies.values_list("code", flat=True)
    ) == ["STC", "SYT"]


def test_the_list_page_links_its_download_with_its_filters(client, tasks):
    response = client.get("/tasks/?agency=SCT&state=overdue&as_of=2025-07-01")

    assertContains(
        response,
        'href="/tasks/export/?agency=SCT&amp;state=overdue&amp;as_of=2025-07-01&amp;format=xlsx"',
    )
    download = client.get("/tasks/export/?agency=SCT&as_of=2025-07-01&format=csv")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="plantrack-nhiem-vu-20250701.csv"' in download["Content-Disposition"]
    codes = [row[0] for row in rows_of_csv(b"".join(download.streaming_content))[1:]]
    assert codes == ["NV-002", "NV-003", "NV-001"]  # by deadline; NV-004 has no agency


def test_the_download_keeps_the_lists_state_filter(client, tasks, make_task):
    make_task(title="Quá hạn thật", deadline=datetime.date(2025, 6, 1))

    download = client.get("/tasks/export/?state=overdue&as_of=2025-07-01&format=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Quá hạn thật"]


def test_an_unknown_format_is_a_bad_request(client, tasks):
    response = client.get("/tasks/export/?format=sdmx-csv")

    assert response.status_code == 400
    assert "csv, xlsx" in response.content.decode()


def test_the_export_reads_a_fixed_number_of_queries(
    client, make_task, health, django_assert_num_queries
):
    for day in range(1, 8):
        make_task(deadline=datetime.date(2025, 7, day)).cooperating_agencies.add(health)

    with django_assert_num_queries(2):  # tasks with agencies and plan, co-operating agencies
        client.get("/tasks/export/?format=xlsx")


def test_the_command_writes_the_file_the_import_reads(tasks, tmp_path, planner):
    path = tmp_path / "nhiem-vu.xlsx"
    out = StringIO()

    call_command(
        "export_tasks", "-o", str(path), "--agency", "SCT", "--as-of", "2025-07-01", stdout=out
    )

    assert "Đã ghi 3 nhiệm vụ (xlsx)" in out.getvalue()
    out = StringIO()
    call_command("import_tasks", str(path), "--user", planner.username, "--dry-run", stdout=out)
    assert "3 dòng nhiệm vụ: mới 0, thay đổi 0, không đổi 3." in out.getvalue()
