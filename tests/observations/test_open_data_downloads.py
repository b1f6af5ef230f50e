"""Open data: the published figures (approved, current) download without a login in CSV,
XLSX and SDMX-CSV; nothing unpublished leaks (drafts, submitted, returned, a pending new
vintage beside an approved one, another agency's work), whoever asks; text that a
spreadsheet could run as a formula is neutralised; the download panel links to them."""

import csv
import io
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from openpyxl import load_workbook
from test_export_support import build, publish

from plantrack.observations.choices import WorkflowState
from plantrack.observations.workflow import reject_observations
from plantrack.plans.choices import Comparator, PlanStatus, TargetKind
from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db
URL = "/observations/open-data/"


@pytest.fixture
def setting(province, industry, health, hospital_beds, approver):
    setting = build(province, industry)
    publish(setting.turnover, province, "2024", "946.462")
    publish(setting.turnover, province, "2025", "1010", state=WorkflowState.SUBMITTED)
    # A pending new vintage beside the approved 2024 growth: the approved -2.5 stays public.
    publish(setting.growth, province, "2024", "-2.5")
    publish(setting.growth, province, "2024", "-1.9", state=WorkflowState.DRAFT)
    publish(setting.share, province, "2024", "31", state=WorkflowState.DRAFT)
    returned = publish(setting.share, province, "2023", "30", state=WorkflowState.SUBMITTED)
    reject_observations([returned.pk], user=approver, reason="Sai nguồn")
    publish(hospital_beds, province, "2024", "27.5", state=WorkflowState.SUBMITTED)
    return setting


@pytest.fixture
def hospital_beds(health):
    from plantrack.plans.models import Indicator

    return Indicator.objects.create(
        code="hospital_beds_per_10000", name="Số giường bệnh trên 1 vạn dân", owner=health
    )


def rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


PUBLISHED = [("growth_industry", "2024", "-2.5"), ("trade_turnover", "2024", "946.4620")]


def test_anonymous_visitors_download_the_published_figures_as_csv(client, setting):
    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "plantrack-du-lieu-mo-" in response["Content-Disposition"]
    found = sorted((r["indicator"], r["period"], r["value"]) for r in rows(response))
    assert found == PUBLISHED


@pytest.mark.parametrize("persona", ["reporter", "other_reporter", "planner"])
def test_members_get_the_same_public_file_without_their_work_in_progress(
    client, request, setting, persona
):
    client.force_login(request.getfixturevalue(persona))

    found = sorted((r["indicator"], r["period"], r["value"]) for r in rows(client.get(URL)))

    assert found == PUBLISHED


def test_xlsx_and_sdmx_csv_hold_the_published_figures_only(client, setting):
    workbook = load_workbook(io.BytesIO(b"".join(client.get(URL, {"format": "xlsx"}))))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    listed = sorted(
        (row[header.index("indicator")], row[header.index("period")])
        for row in sheet.iter_rows(min_row=2, values_only=True)
    )
    assert listed == [("growth_industry", "2024"), ("trade_turnover", "2024")]

    sdmx = rows(client.get(URL, {"format": "sdmx-csv"}))
    assert sorted((r["INDICATOR"], r["TIME_PERIOD"]) for r in sdmx) == listed
    assert {r["OBS_STATUS"] for r in sdmx} == {"A"}


def test_a_filter_by_indicator_and_an_unknown_code(client, setting):
    response = client.get(URL, {"indicator": "trade_turnover"})
    assert [(r["indicator"], r["value"]) for r in rows(response)] == [
        ("trade_turnover", "946.4620")
    ]
    # An unpublished figure's indicator is still known: the file is empty, not an error.
    assert rows(client.get(URL, {"indicator": "hospital_beds_per_10000"})) == []
    assert client.get(URL, {"indicator": "khong_co"}).status_code == 404
    bad = client.get(URL, {"format": "pdf"})
    assert bad.status_code == 400
    assert "Định dạng “pdf” không hỗ trợ" in bad.content.decode()


def test_a_plan_not_yet_adopted_is_unknown_to_the_public(client, setting, master_plan):
    Target.objects.create(
        plan=master_plan,
        indicator=setting.turnover,
        scope_unit=setting.province,
        kind=TargetKind.LEVEL,
        comparator=Comparator.GTE,
        value=Decimal(1000),
        target_year=2030,
        phrase="kim ngạch xuất nhập khẩu đạt trên 1 tỷ USD",
    )
    assert [r["indicator"] for r in rows(client.get(URL, {"plan": master_plan.code}))] == [
        "trade_turnover"
    ]
    master_plan.status = PlanStatus.DRAFT
    master_plan.save(update_fields=["status"])

    assert client.get(URL, {"plan": master_plan.code}).status_code == 404


def test_a_source_that_looks_like_a_formula_is_neutralised(client, setting, province):
    publish(setting.turnover, province, "2023", "900", source='=HYPERLINK("http://x","y")')

    (row,) = [r for r in rows(client.get(URL)) if r["period"] == "2023"]
    assert row["source"] == '\'=HYPERLINK("http://x","y")'

    workbook = load_workbook(io.BytesIO(b"".join(client.get(URL, {"format": "xlsx"}))))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    column = header.index("source") + 1
    cell = next(
        sheet.cell(row=r, column=column)
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(row=r, column=header.index("period") + 1).value == "2023"
    )
    assert cell.data_type == "s" and cell.quotePrefix


def test_the_download_panel_links_to_the_three_formats_with_its_filters(setting):
    request = RequestFactory().get("/")
    html = render_to_string(
        "observations/_downloads.html", {"indicator": setting.turnover}, request=request
    )

    for file_format in ("csv", "xlsx", "sdmx-csv"):
        assert f"{URL}?format={file_format}&amp;indicator=trade_turnover" in html
    assert "Tải dữ liệu mở" in html
    everything = render_to_string("observations/_downloads.html", {}, request=request)
    assert f'href="{URL}?format=csv"' in everything
