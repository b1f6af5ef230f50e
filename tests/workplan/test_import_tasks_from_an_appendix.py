"""A task appendix as implementation plans print it imports in one go: title rows, a
numbering row, section headings, STT, quarters and months as deadlines, agencies by name;
importing it again changes nothing, and a dry run writes nothing."""

import datetime
import io

import pytest
from openpyxl import Workbook

from plantrack.accounts.choices import AgencyKind
from plantrack.accounts.models import Agency
from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import DeadlineChange, Task, TaskUpdate
from plantrack.workplan.services import import_tasks

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Sản phẩm / Kết quả đầu ra",
    "Thời gian hoàn thành",
]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục I"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def culture(db):
    return Agency.objects.create(
        code="SVHTTDL", name="Sở Văn hóa, Thể thao và Du lịch", kind=AgencyKind.DEPARTMENT
    )


@pytest.fixture
def appendix(industry, health, finance, culture):
    return xlsx(
        [
            ["PHỤ LỤC I"],
            ["DANH MỤC NHIỆM VỤ THỰC HIỆN QUY HOẠCH TỈNH NĂM 2025"],
            ["(Kèm theo Kế hoạch số 123/KH-UBND)"],
            HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["I", "NHIỆM VỤ VỀ QUY HOẠCH", None, None, None, None],
            [
                1,
                "Rà soát, điều chỉnh quy hoạch chung đô thị",
                "Sở Công Thương",
                "Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch",
                "Quyết định phê duyệt",
                "Quý II/2025",
            ],
            [2, "Lập kế hoạch phát triển y tế", "SYT", None, "Kế hoạch", "Tháng 9/2025"],
            ["II", "NHIỆM VỤ VỀ ĐẦU TƯ", None, None, None, None],
            [1, "Cải thiện chỉ số PCI", "so cong thuong", "STC", "Báo cáo", "2025"],
            [2, "Xây dựng cơ sở dữ liệu", "SCT", None, None, "Thường xuyên"],
            [3, "Chương trình chuyển đổi số", "SCT", None, None, "2026-2030"],
            [4, "Hoàn thành đề án", "SCT", None, None, datetime.date(2025, 10, 15)],
        ]
    )


def test_an_appendix_imports_with_codes_from_its_sections_and_stt(appendix, planner):
    report = import_tasks(appendix, "phu-luc-1.xlsx", user=planner, prefix="KH123")

    assert report.written, [p.as_dict() for p in report.errors]
    assert (report.created, report.changed, report.unchanged) == (6, 0, 0)
    codes = set(Task.objects.values_list("code", flat=True))
    assert codes == {
        "KH123-I.1",
        "KH123-I.2",
        "KH123-II.1",
        "KH123-II.2",
        "KH123-II.3",
        "KH123-II.4",
    }
    first = Task.objects.get(code="KH123-I.1")
    assert first.lead_agency.code == "SCT"
    assert sorted(first.cooperating_agencies.values_list("code", flat=True)) == ["STC", "SVHTTDL"]
    assert first.expected_product == "Quyết định phê duyệt"
    assert first.status == TaskStatus.NOT_STARTED
    assert first.illustrative_fields == []


@pytest.mark.parametrize(
    ("code", "start", "deadline"),
    [
        ("KH123-I.1", None, datetime.date(2025, 6, 30)),  # Quý II/2025: the quarter's last day
        ("KH123-I.2", None, datetime.date(2025, 9, 30)),  # Tháng 9/2025: the month's last day
        ("KH123-II.1", None, datetime.date(2025, 12, 31)),  # 2025: the year's last day
        ("KH123-II.2", None, None),  # Thường xuyên: ongoing, no deadline
        ("KH123-II.3", datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)),  # 2026-2030
        ("KH123-II.4", None, datetime.date(2025, 10, 15)),  # an Excel date is that day
    ],
)
def test_each_form_of_deadline_becomes_the_periods_last_day(
    appendix, planner, code, start, deadline
):
    import_tasks(appendix, "phu-luc-1.xlsx", user=planner, prefix="KH123")

    task = Task.objects.get(code=code)
    assert (task.start_date, task.deadline) == (start, deadline)


def test_the_lead_agency_is_matched_without_diacritics_and_case(appendix, planner):
    import_tasks(appendix, "phu-luc-1.xlsx", user=planner, prefix="KH123")

    assert Task.objects.get(code="KH123-II.1").lead_agency.code == "SCT"  # "so cong thuong"


def test_importing_the_same_file_again_changes_nothing(appendix, planner):
    import_tasks(appendix, "phu-luc-1.xlsx", user=planner, prefix="KH123")

    again = import_tasks(appendix, "phu-luc-1.xlsx", user=planner, prefix="KH123")

    assert again.written
    assert (again.created, again.changed, again.unchanged) == (0, 0, 6)
    assert not TaskUpdate.objects.exists() and not DeadlineChange.objects.exists()


def test_a_dry_run_counts_but_writes_nothing(appendix, planner):
    report = import_tasks(appendix, "phu-luc-1.xlsx", user=planner, prefix="KH123", dry_run=True)

    assert (report.created, report.written, report.dry_run) == (6, False, True)
    assert not Task.objects.exists()


def test_a_code_column_is_used_as_it_is(planner, industry):
    content = xlsx(
        [
            ["Mã", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
            ["NV-7", "Việc", "SCT", "30/6/2025"],
        ]
    )

    report = import_tasks(content, "nv.xlsx", user=planner)

    assert report.written
    assert Task.objects.get(code="NV-7").deadline == datetime.date(2025, 6, 30)


def test_a_csv_appendix_with_semicolons_imports_too(planner, industry):
    content = (
        "STT;Nhiệm vụ;Cơ quan chủ trì;Thời gian hoàn thành\r\n"
        "1;Rà soát quy hoạch;SCT;Quý IV/2025\r\n"
    ).encode("utf-8-sig")

    report = import_tasks(content, "phu-luc.csv", user=planner, prefix="KH")

    assert report.written and report.file_format == "csv"
    assert Task.objects.get(code="KH-1").deadline == datetime.date(2025, 12, 31)


def test_a_plan_given_to_the_import_is_set_on_its_tasks(planner, industry, master_plan):
    content = xlsx([["Mã", "Nhiệm vụ", "Cơ quan chủ trì"], ["NV-1", "Việc", "SCT"]])

    import_tasks(content, "nv.xlsx", user=planner, plan=master_plan)

    assert Task.objects.get(code="NV-1").plan == master_plan
