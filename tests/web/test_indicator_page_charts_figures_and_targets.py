"""The indicator page draws its figures over the years with each plan's target, from the
same data as the table beside the chart (Chart / Table tabs)."""

import json
import re
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import FigureStatus
from plantrack.plans.choices import Comparator, PlanKind, PlanStatus, TargetKind
from plantrack.plans.models import Plan, Target

pytestmark = pytest.mark.django_db


def chart_data(html: str) -> dict:
    pattern = r'<script id="indicator-chart-data" type="application/json">(.*?)</script>'
    return json.loads(re.search(pattern, html, re.S).group(1))


@pytest.fixture
def annual_target(province, grdp_growth) -> Target:
    plan = Plan.objects.create(
        code="KH-CB-2025",
        title="Kế hoạch phát triển kinh tế - xã hội năm 2025",
        kind=PlanKind.ANNUAL_PLAN,
        period_start=2025,
        period_end=2025,
        scope_unit=province,
        status=PlanStatus.ENDED,
    )
    return Target.objects.create(
        plan=plan,
        indicator=grdp_growth,
        kind=TargetKind.LEVEL,
        comparator=Comparator.GTE,
        value=Decimal("8"),
        unit="%",
        target_year=2025,
        phrase="tăng trưởng kinh tế 8%",
    )


@pytest.fixture
def figures(grdp_growth, province, publish, growth_2023_revised):
    publish(grdp_growth, province, "2020", "4.76", FigureStatus.OFFICIAL)
    publish(grdp_growth, province, "2024", "6.74", FigureStatus.PRELIMINARY)
    publish(grdp_growth, province, "2025Q2", "7.01")  # not a year: not on the yearly chart


def test_the_chart_has_every_yearly_figure_with_its_status(client, figures):
    data = chart_data(client.get("/indicators/grdp_growth/").content.decode())

    assert data["kind"] == "indicator-series"
    assert data["unit"] == "%"
    assert data["figures"] == [
        {"year": "2020", "value": 4.76, "status": "official"},
        {"year": "2023", "value": 3.73, "status": "derived"},  # the current vintage only
        {"year": "2024", "value": 6.74, "status": "preliminary"},
    ]
    assert [status["key"] for status in data["statuses"]] == ["official", "preliminary", "derived"]
    assert data["years"] == ["2020", "2021", "2022", "2023", "2024"]


def test_each_plan_targeting_the_indicator_has_its_line(
    client, figures, growth_target, annual_target
):
    data = chart_data(client.get("/indicators/grdp_growth/").content.decode())

    master, annual = [line for line in data["targets"] if line["kind"] == "target"]
    assert master["label"] == "Quy hoạch tỉnh 2021–2030: ≥ 9,72 %/năm"
    assert master["points"] == [[str(year), 9.72] for year in range(2021, 2031)]
    assert annual["label"] == "Kế hoạch phát triển KT-XH hằng năm 2025: ≥ 8 %"
    assert annual["points"] == [["2025", 8.0]]
    assert data["years"][0] == "2020" and data["years"][-1] == "2030"


def test_the_table_has_the_same_numbers_as_the_chart(client, figures, growth_target):
    html = client.get("/indicators/grdp_growth/").content.decode()

    table = html.split('<table class="chart-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr>\s*<th scope="row">(\d{4})</th>(.*?)</tr>', table, re.S)
    cells = {year: re.sub(r"<[^>]+>", " ", body).split() for year, body in rows}
    assert cells["2020"][:2] == ["4,76", "Chính"]
    assert cells["2021"] == ["—", "9,72"]
    assert cells["2024"][:2] == ["6,74", "Sơ"]
    assert cells["2030"] == ["—", "9,72"]
    assert "Chỉ tiêu: Quy hoạch tỉnh 2021–2030: ≥ 9,72 %/năm" in table


def test_chart_and_table_sit_in_keyboard_tabs_with_the_table_shown_without_javascript(
    client, figures
):
    response = client.get("/indicators/grdp_growth/")

    assertContains(response, 'role="tablist"')
    assertContains(
        response,
        '<button type="button" role="tab" id="tab-table" aria-controls="panel-table" '
        'aria-selected="false" tabindex="-1">Bảng</button>',
        html=True,
    )
    html = response.content.decode()
    assert re.search(r'id="panel-chart"[^>]*hidden', html)  # shown by charts.js
    assert not re.search(r'id="panel-table"[^>]*hidden', html)
    assertContains(response, "/static/web/charts.js")


def test_an_indicator_with_nothing_to_draw_has_no_chart(client, grdp_growth):
    response = client.get("/indicators/grdp_growth/")

    assertNotContains(response, "indicator-chart-data")
    assertNotContains(response, "echarts.min.js")


def test_the_title_holds_no_markup(client, grdp_growth):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/indicators/grdp_growth/")

    assertContains(response, "<title>GRDP growth (constant prices) · PlanTrack</title>")
