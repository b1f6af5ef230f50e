"""Projects export to XLSX (with a sheet of yearly capital) and CSV in the importer's layout,
with the illustrative fields named; the file imports again with nothing changed."""

import csv
import datetime
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pytest_django.asserts import assertContains

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.export import export_projects_bytes
from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)
from plantrack.investment.services import import_projects

pytestmark = pytest.mark.django_db
BILLION = Decimal(10**9)


@pytest.fixture
def projects(province, industry, master_plan):
    old = AdminUnit.objects.create(
        code="01273",
        name="Phường Hợp Giang",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_to=datetime.date(2025, 6, 30),
    )
    AdminUnit.objects.create(
        code="01273",
        name="Phường Thục Phán",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )
    road = Project.objects.create(
        code="DA-01",
        name="Đường bộ cao tốc Đồng Đăng - Trà Lĩnh",
        kind=ProjectKind.PPP,
        sector="Giao thông",
        plan=master_plan,
        status=PipelineStatus.UNDER_CONSTRUCTION,
        total_investment=Decimal(14_331) * BILLION,
        start_year=2024,
        lead_agency=industry,
        note="Tình trạng theo nguồn: đang thi công.\nĐịa điểm theo nguồn: Thạch An.",
        source="=cmd|' /C calc'!A0",
        illustrative_fields=["status", "lead_agency"],
    )
    ProjectLocation.objects.create(project=road, unit=old)  # the old ward: its code was reused
    ProjectLocation.objects.create(project=road, unit=province)
    CapitalSource.objects.create(
        project=road, kind=CapitalSourceKind.CENTRAL_BUDGET, amount=BILLION
    )
    CapitalSource.objects.create(project=road, kind=CapitalSourceKind.PRIVATE)
    ProjectFinance.objects.create(
        project=road,
        year=2024,
        planned=100 * BILLION,
        allocated=80 * BILLION,
        disbursed=20 * BILLION,
    )
    ProjectFinance.objects.create(project=road, year=2025, planned=50 * BILLION)
    zone = Project.objects.create(
        code="DA-02", name="Khu kinh tế cửa khẩu", kind=ProjectKind.FUNCTIONAL_ZONE, end_year=2030
    )
    return road, zone


def test_the_xlsx_has_the_projects_and_their_yearly_capital(projects):
    workbook = load_workbook(io.BytesIO(export_projects_bytes(Project.objects.all(), "xlsx")))

    assert workbook.sheetnames == ["Dự án", "Vốn theo năm"]
    rows = list(workbook["Dự án"].iter_rows(values_only=True))
    header = rows[0]
    road = dict(zip(header, rows[1], strict=True))
    assert road["Tổng mức đầu tư (đồng)"] == 14_331 * 10**9
    assert road["Địa điểm"] == "01273; 04"
    assert road["Tên địa điểm"] == "Phường Hợp Giang; Tỉnh Cao Bằng"
    assert road["Nguồn vốn"] == "Ngân sách trung ương; Vốn doanh nghiệp, tư nhân"
    assert (road["Hình thức đầu tư"], road["Tình trạng"]) == (
        "Đối tác công tư (PPP)",
        "Đang thi công",
    )
    assert road["Thời gian thực hiện"] == "2024-"
    illustrative = next(h for h in header if h.startswith("Thông tin minh họa"))
    assert road[illustrative] == "tình trạng; cơ quan chủ trì"
    assert dict(zip(header, rows[2], strict=True))["Thời gian thực hiện"] == "-2030"
    finance = list(workbook["Vốn theo năm"].iter_rows(values_only=True))
    assert finance[1][:6] == ("DA-01", 2024, 100 * 10**9, 80 * 10**9, 20 * 10**9, 25)
    assert finance[2][:6] == ("DA-01", 2025, 50 * 10**9, None, None, None)


def test_the_csv_holds_the_projects_with_texts_neutralised(projects):
    data = export_projects_bytes(Project.objects.all(), "csv")

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    road = dict(zip(rows[0], rows[1], strict=True))
    assert road["Nguồn"] == "'=cmd|' /C calc'!A0"
    assert road["Tổng mức đầu tư (đồng)"] == "14331000000000"
    assert len(rows) == 3


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_imports_again_with_nothing_changed(projects, planner, file_format):
    data = export_projects_bytes(Project.objects.all(), file_format)
    tables = (Project, ProjectLocation, CapitalSource, ProjectFinance, ProjectUpdate)
    before = [list(model.objects.order_by("pk").values()) for model in tables]

    report = import_projects(data, f"du-an.{file_format}", user=planner)

    assert report.errors == []
    assert (report.created, report.changed, report.unchanged) == (0, 0, 2)
    assert [list(model.objects.order_by("pk").values()) for model in tables] == before


def test_the_export_recreates_the_projects_elsewhere(projects, planner):
    data = export_projects_bytes(Project.objects.all(), "xlsx")
    fields = ["code", "name", "kind", "sector", "status", "total_investment", "start_year"]
    fields += ["end_year", "lead_agency", "plan", "note", "source", "illustrative_fields"]
    before = list(Project.objects.order_by("code").values(*fields))
    Project.objects.all().delete()

    report = import_projects(data, "du-an.xlsx", user=planner)

    assert report.created == 2
    assert list(Project.objects.order_by("code").values(*fields)) == before
    road = Project.objects.get(code="DA-01")
    # 01273 was reused in the 2025 reform: the unit that carried it in the project's years
    # (from 2024) is taken, the old ward, not the new one.
    assert sorted(road.locations.values_list("unit__name", flat=True)) == [
        "Phường Hợp Giang",
        "Tỉnh Cao Bằng",
    ]


def test_the_list_page_links_its_download_with_its_filter(client, projects):
    response = client.get("/projects/?status=under_construction")

    assertContains(response, 'href="/projects/export/?status=under_construction&amp;format=csv"')
    download = client.get("/projects/export/?status=under_construction&format=xlsx")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)))["Dự án"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["DA-01"]


def test_the_export_reads_a_fixed_number_of_queries(client, projects, django_assert_num_queries):
    for number in range(3, 9):
        project = Project.objects.create(
            code=f"DA-{number:02d}", name="Dự án", kind=ProjectKind.ODA
        )
        ProjectFinance.objects.create(project=project, year=2025, planned=BILLION)

    # projects with agency and plan, locations with units, capital sources, finances
    with django_assert_num_queries(4):
        client.get("/projects/export/?format=xlsx")


def test_the_command_writes_the_file_the_import_reads(projects, tmp_path, planner):
    path = tmp_path / "du-an.csv"
    out = StringIO()

    call_command("export_projects", "-o", str(path), "--kind", "ppp", stdout=out)

    assert "Đã ghi 1 dự án (csv)" in out.getvalue()
    out = StringIO()
    call_command("import_projects", str(path), "--user", planner.username, stdout=out)
    assert "1 dòng dự án: mới 0, thay đổi 0, không đổi 1." in out.getvalue()
