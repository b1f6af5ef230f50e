"""Every figure in the report names its observation, vintage and source document."""

import io

import pytest
from openpyxl import load_workbook

from plantrack.observations.models import Observation

pytestmark = pytest.mark.django_db


def _appendix_row(built, indicator_code: str, period: str, value: str):
    figure = next(
        f
        for f in built.package()["figures"]
        if f["period"] == period
        and f["value"] == value
        and Observation.objects.get(pk=f["observation"]).indicator.code == indicator_code
    )
    return figure


def test_revised_2023_growth_is_traced_to_its_report(reports):
    figure = _appendix_row(reports["today"], "grdp_growth", "2023", "3,73")
    observation = Observation.objects.get(pk=figure["observation"])
    assert observation.is_current and figure["version"] == observation.version
    assert figure["vintage"] == "lần 2/2, công bố 31/12/2024"
    assert figure["source"] == {
        "title": "Báo cáo tình hình kinh tế - xã hội tháng 12 và năm 2024",
        "issuer": "Cục Thống kê tỉnh Cao Bằng",
        "date": "12/2024",
        "link": observation.source,
    }


def test_figures_in_the_tables_point_to_their_appendix_rows(reports):
    data = reports["today"].package()
    grdp = next(t for t in data["targets"] if "9,72%/năm" in t["phrase"])
    figure = _appendix_row(reports["today"], "grdp_growth", "2023", "3,73")
    assert grdp["by_year"]["2023"] == f"3,73 [{figure['ref']}]"
    assert figure["ref"] in grdp["figures"]


def test_no_source_shown_is_a_file_of_ours(reports):
    for figure in reports["today"].package()["figures"]:
        shown = " ".join(figure["source"].values())
        assert ".md" not in shown and "repo" not in shown and "seed/" not in shown, shown


def test_run_records_the_figures_it_used(reports):
    run = reports["today"].run
    cited = {(f["observation"], f["version"]) for f in run.figures}
    revised = Observation.objects.get(indicator__code="grdp_growth", period="2023", is_current=True)
    assert (revised.pk, revised.version) in cited
    assert run.digest and run.as_of and run.finished_at


def test_xlsx_appendices_hold_targets_tasks_projects_and_sources(reports):
    workbook = load_workbook(io.BytesIO(reports["today"].files["xlsx"]), read_only=True)
    assert workbook.sheetnames == [
        "Chỉ tiêu",
        "Số liệu theo năm",
        "Nhiệm vụ",
        "Dự án",
        "Nguồn số liệu",
    ]
    targets = [list(row) for row in workbook["Chỉ tiêu"].iter_rows(values_only=True)]
    grdp = next(row for row in targets if row[2] and "9,72%/năm" in row[2])
    header = targets[0]
    assert grdp[header.index("Mục tiêu")] == "≥ 9,72 %/năm (2021–2030)"
    assert grdp[header.index("Đánh giá")] == "cần đẩy nhanh"
    assert grdp[header.index("Yêu cầu các năm còn lại")] == "13,69 %/năm (2026–2030)"
    projects = [row for row in workbook["Dự án"].iter_rows(values_only=True)]
    assert any(row[3] and "Trà Lĩnh" in row[3] for row in projects[1:])
    sources = [row for row in workbook["Nguồn số liệu"].iter_rows(values_only=True)]
    assert any(
        row[6] == "Báo cáo tình hình kinh tế - xã hội tháng 12 và năm 2024"
        and row[5] == "lần 2/2, công bố 31/12/2024"
        for row in sources[1:]
    )
