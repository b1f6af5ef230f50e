"""A priority-project appendix imports in one go: places by unit code or name (an ambiguous
name refused), the total investment scaled by the unit its header gives, capital sources
and kinds and statuses by their usual names, years as "2024-2027"; importing it again
changes nothing; anything wrong refuses the whole file, said where."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)
from plantrack.investment.services import import_projects
from plantrack.tabular.pipeline import ImportNotPermitted

pytestmark = pytest.mark.django_db
BILLION = Decimal(10**9)
REFORM = datetime.date(2025, 7, 1)
HEADER = [
    "STT",
    "Tên dự án",
    "Địa điểm",
    "Quy mô",
    "Tổng mức đầu tư (tỷ đồng)",
    "Nguồn vốn",
    "Thời gian thực hiện",
    "Chủ đầu tư",
    "Hình thức đầu tư",
    "Tình trạng",
]


def xlsx(*rows, header=HEADER) -> bytes:
    workbook = Workbook()
    workbook.active.title = "Phụ lục II"
    workbook.active.append(["DANH MỤC DỰ ÁN ƯU TIÊN ĐẦU TƯ"])
    for row in [header, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def units(province):
    before = datetime.date(2025, 6, 30)
    district = AdminUnit.objects.create(
        code="053",
        name="Huyện Thạch An",
        level=UnitLevel.DISTRICT,
        parent=province,
        valid_to=before,
    )
    other = AdminUnit.objects.create(
        code="045", name="Huyện Hòa An", level=UnitLevel.DISTRICT, parent=province, valid_to=before
    )
    for code, parent in (("01300", district), ("01400", other)):
        AdminUnit.objects.create(
            code=code, name="Xã Hưng Đạo", level=UnitLevel.COMMUNE, parent=parent, valid_to=before
        )
    new = AdminUnit.objects.create(
        code="01273",
        name="Phường Thục Phán",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=REFORM,
    )
    return {"district": district, "new": new}


ROAD = [
    1,
    "Đường bộ cao tốc Đồng Đăng - Trà Lĩnh",
    "053, 04",
    "4 làn xe, 121 km",
    "14.331,5",
    "Ngân sách trung ương, ngân sách địa phương và vốn doanh nghiệp, tư nhân",
    "2024-2027",
    "UBND tỉnh Cao Bằng",
    "PPP",
    "Đang thi công",
]
ZONE = [
    2,
    "Khu kinh tế cửa khẩu",
    "Phường Thục Phán",
    None,
    None,
    None,
    "2026 - 2030",
    None,
    "Khu chức năng",
    "Kêu gọi đầu tư",
]


def test_an_appendix_imports_its_projects(planner, units, province):
    report = import_projects(xlsx(ROAD, ZONE), "phu-luc-2.xlsx", user=planner, prefix="DA")

    assert report.written, [p.as_dict() for p in report.errors]
    assert (report.created, report.locale) == (2, "vi")
    road = Project.objects.get(code="DA-1")
    assert road.total_investment == Decimal("14331.5") * BILLION
    assert (road.kind, road.status) == (ProjectKind.PPP, PipelineStatus.UNDER_CONSTRUCTION)
    assert (road.start_year, road.end_year) == (2024, 2027)
    assert road.investor == "UBND tỉnh Cao Bằng"
    assert road.note == "Quy mô: 4 làn xe, 121 km"
    assert set(road.locations.values_list("unit__code", flat=True)) == {"053", "04"}
    assert set(road.capital_sources.values_list("kind", flat=True)) == {
        CapitalSourceKind.CENTRAL_BUDGET,
        CapitalSourceKind.LOCAL_BUDGET,
        CapitalSourceKind.PRIVATE,
    }
    zone = Project.objects.get(code="DA-2")
    assert (zone.kind, zone.status, zone.total_investment) == (
        ProjectKind.FUNCTIONAL_ZONE,
        PipelineStatus.PROPOSED,
        None,
    )
    assert list(zone.locations.values_list("unit", flat=True)) == [units["new"].pk]


def test_importing_the_same_file_again_changes_nothing(planner, units, province):
    content = xlsx(ROAD, ZONE)
    import_projects(content, "phu-luc-2.xlsx", user=planner, prefix="DA")
    before = list(Project.objects.order_by("code").values())

    again = import_projects(content, "phu-luc-2.xlsx", user=planner, prefix="DA")

    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert list(Project.objects.order_by("code").values()) == before
    assert ProjectLocation.objects.count() == 3 and CapitalSource.objects.count() == 3


def test_a_new_status_is_a_progress_report_and_relations_are_only_added(planner, units, province):
    import_projects(xlsx(ROAD), "lan-1.xlsx", user=planner, prefix="DA")
    changed = [*ROAD]
    changed[2], changed[5], changed[9] = "053", "Vốn ODA", "Đã đưa vào sử dụng"

    report = import_projects(xlsx(changed), "lan-2.xlsx", user=planner, prefix="DA")

    assert report.changed == 1
    road = Project.objects.get(code="DA-1")
    assert road.status == PipelineStatus.IN_OPERATION
    (update,) = ProjectUpdate.objects.all()
    assert (update.new_status, update.text) == (
        PipelineStatus.IN_OPERATION,
        "Nhập từ tệp lan-2.xlsx",
    )
    assert road.locations.count() == 2  # 04 stays
    assert road.capital_sources.count() == 4  # ODA added, none removed


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("Tổng mức đầu tư (tỷ đồng)", "1.500", 1500 * BILLION),
        ("Tổng mức đầu tư (triệu đồng)", "2.500,5", Decimal(2_500_500_000)),
        ("TMĐT (đồng)", 1_000_000_000, BILLION),
        ("Tổng vốn đầu tư (tỷ VNĐ)", 12.5, Decimal("12.5") * BILLION),
    ],
)
def test_the_header_says_the_unit_of_the_total_investment(planner, header, value, expected):
    content = xlsx(
        ["DA-1", "Dự án", value, "Đầu tư công"],
        header=["Mã", "Tên dự án", header, "Hình thức đầu tư"],
    )

    report = import_projects(content, "x.xlsx", user=planner, locale="vi")

    assert report.written, [p.as_dict() for p in report.errors]
    assert Project.objects.get().total_investment == expected


def test_a_malformed_appendix_is_refused_with_every_problem_located(planner, units, province):
    project = Project.objects.create(code="DA-9", name="Dự án có sẵn", kind=ProjectKind.PPP)
    ProjectFinance.objects.create(project=project, year=2024, planned=BILLION)
    before = [
        list(model.objects.order_by("pk").values())
        for model in (Project, ProjectLocation, CapitalSource, ProjectFinance, ProjectUpdate)
    ]
    rows = [
        [1, "Dự án ở Hưng Đạo", "Xã Hưng Đạo", None, "100", "NSTW", "2024-2027", None, "PPP", None],
        [
            2,
            "Dự án sai số",
            "053",
            None,
            "khoảng 100",
            "Ngân sách nhà nước",
            "2027-2024",
            None,
            "BOT",
            "Xong",
        ],
        [3, None, "99999", None, "-5", None, None, None, None, None],
    ]

    report = import_projects(xlsx(*rows), "phu-luc-2.xlsx", user=planner, prefix="DA")

    assert not report.written
    assert [
        list(model.objects.order_by("pk").values())
        for model in (Project, ProjectLocation, CapitalSource, ProjectFinance, ProjectUpdate)
    ] == before
    found = {(p.row, p.column, p.code, p.value) for p in report.errors}
    assert found == {
        (3, "C", "ambiguous_unit", "Xã Hưng Đạo"),
        (4, "G", "invalid_period", "2027-2024"),
        (4, "E", "not_a_number", "khoảng 100"),
        (4, "F", "unknown_capital_source", "Ngân sách nhà nước"),
        (4, "I", "unknown_kind", "BOT"),
        (4, "J", "unknown_status", "Xong"),
        (5, "B", "missing_name", ""),
        (5, "I", "missing_kind", ""),
        (5, "C", "unknown_unit", "99999"),
        (5, "E", "negative_capital", "-5"),
    }
    ambiguous = next(p for p in report.errors if p.code == "ambiguous_unit")
    assert "hãy dùng mã đơn vị" in ambiguous.message
    assert ambiguous.sheet == "Phụ lục II"


def test_a_total_investment_without_its_unit_is_refused(planner):
    content = xlsx(
        ["DA-1", "Dự án", "100", "PPP"],
        header=["Mã", "Tên dự án", "Tổng mức đầu tư", "Hình thức đầu tư"],
    )

    report = import_projects(content, "x.xlsx", user=planner)

    (problem,) = report.errors
    assert (problem.code, problem.column) == ("missing_money_unit", "C")
    assert "(tỷ đồng)" in problem.message


def test_numbers_in_both_styles_are_refused_without_a_declared_locale(planner):
    content = xlsx(
        ["DA-1", "Một", "1.234,5", "PPP"],
        ["DA-2", "Hai", "6,5", "PPP"],
        ["DA-3", "Ba", "1,234.5", "PPP"],
        header=["Mã", "Tên dự án", "Tổng mức đầu tư (tỷ đồng)", "Hình thức đầu tư"],
    )

    report = import_projects(content, "x.xlsx", user=planner)

    assert [(p.row, p.code) for p in report.errors] == [(5, "mixed_number_formats")]
    assert not Project.objects.exists()


def test_only_planners_and_admins_import(reporter):
    with pytest.raises(ImportNotPermitted):
        import_projects(xlsx(ROAD), "x.xlsx", user=reporter, prefix="DA")
    assert not Project.objects.exists()
