"""A target's own page: the phrase and its plan, the judgement with its calculation, the
three methods side by side, and how the status moved as figures arrived and were revised."""

import datetime

import pytest
from overview_world import AS_OF, GROWTH_2025_PHRASE, GROWTH_PHRASE, build
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import FigureStatus
from plantrack.plans.choices import PlanKind, PlanStatus
from plantrack.plans.models import Plan, Target
from plantrack.progress.live import rejudge_all
from plantrack.web.target_page import target_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(master_plan, grdp_growth, grdp_per_capita, province, publish):
    return build(master_plan, grdp_growth, grdp_per_capita, province, publish)


def page_of(client, target):
    return client.get(f"/targets/{target.pk}/")


def test_the_page_names_the_target_its_plan_and_its_judgement(client, world):
    response = page_of(client, world["targets"]["growth"])

    assertContains(response, GROWTH_PHRASE)
    assertContains(response, "Quy hoạch tỉnh Cao Bằng")
    assertContains(response, "Mục tiêu, chỉ tiêu cụ thể")
    assertContains(response, '<span class="status status-needs_acceleration">Cần đẩy nhanh</span>')
    assertContains(response, "Cần đẩy nhanh: thực hiện trong 2023–2025 bình quân 5,89 %/năm")


def test_the_calculation_components_carry_their_unit(client, world):
    response = page_of(client, world["targets"]["growth"])

    assertContains(response, "Tốc độ cần đạt những năm còn lại")
    assertContains(response, "13,69 %/năm")
    assertContains(response, "Tỷ lệ thực hiện/yêu cầu")
    assertContains(response, "0,61")
    assertContains(response, "Đúng tiến độ ≥ 0,95")


def test_the_three_methods_are_side_by_side(world):
    growth = target_page(world["targets"]["growth"], None, today=AS_OF)
    level = target_page(world["targets"]["growth_2025"], None, today=AS_OF)

    assert [result.name for result in growth.methods] == [
        "UNSD",
        "Statistics Canada / Open SDG",
        "ESCAP",
    ]
    assert growth.methods[0].assessment.status == "needs_acceleration"
    assert growth.methods[2].assessment is None  # ESCAP judges levels only, and says so
    assert "ESCAP chỉ đánh giá chỉ tiêu về mức đạt được" in growth.methods[2].explanation
    assert all(result.assessment is not None for result in level.methods)
    assert level.methods[2].assessment.method.startswith("escap")


def test_the_history_replays_each_date_a_figure_became_known(world):
    page = target_page(world["targets"]["growth"], None, today=AS_OF)

    assert [(point.as_of, point.status) for point in page.history] == [
        (datetime.date(2023, 12, 31), "off_track"),  # 3,73 % against 9,72 %
        (datetime.date(2024, 12, 31), "needs_acceleration"),
        (datetime.date(2025, 12, 31), "needs_acceleration"),
        (AS_OF, "needs_acceleration"),
    ]
    assert page.history[-1].status == page.judgement.status
    assert page.history_data()["points"][-1] == {
        "date": "2026-06-30",
        "status": "needs_acceleration",
        "label": "Cần đẩy nhanh",
    }


def test_a_revised_figure_shows_in_the_history_on_the_day_it_was_published(
    world, grdp_growth, province, publish
):
    publish(
        grdp_growth,
        province,
        "2025",
        "9.9",
        status=FigureStatus.OFFICIAL,
        published_on=datetime.date(2026, 3, 15),
    )
    rejudge_all(world["targets"]["growth"].plan, as_of=AS_OF)
    page = target_page(world["targets"]["growth"], None, today=AS_OF)

    dates = [point.as_of for point in page.history]
    assert datetime.date(2026, 3, 15) in dates
    before = page.history[dates.index(datetime.date(2025, 12, 31))]
    after = page.history[dates.index(datetime.date(2026, 3, 15))]
    assert before.ratio < after.ratio  # the higher official figure lifted the ratio


def test_the_lists_and_the_overview_link_each_phrase_to_its_page(client, world):
    growth = world["targets"]["growth"]
    link = f'href="/targets/{growth.pk}/">{GROWTH_PHRASE}</a>'

    assertContains(client.get("/"), link)
    assertContains(client.get("/targets/"), link)
    assertContains(client.get("/indicators/grdp_growth/"), link)


def test_the_history_chart_has_its_data_and_its_table(client, world):
    response = page_of(client, world["targets"]["growth_2025"])

    assertContains(response, GROWTH_2025_PHRASE)
    assertContains(response, 'data-chart="status-history"')
    assertContains(response, '<script id="history-chart-data" type="application/json">')
    assertContains(response, '<table class="history">')


def test_a_target_of_a_draft_plan_is_not_found_by_the_public(client, province):
    draft = Plan.objects.create(
        code="KH-DRAFT",
        title="Dự thảo kế hoạch",
        kind=PlanKind.FIVE_YEAR_PLAN,
        period_start=2026,
        period_end=2030,
        scope_unit=province,
        status=PlanStatus.DRAFT,
    )
    target = Target.objects.create(
        plan=draft, kind="qualitative", target_year=2030, phrase="dự thảo chưa công bố"
    )

    response = page_of(client, target)

    assert response.status_code == 404
    assertNotContains(response, "dự thảo chưa công bố", status_code=404)


def test_the_page_reads_a_fixed_number_of_queries_however_long_the_history(
    client, world, grdp_growth, province, publish
):
    growth = world["targets"]["growth"]
    client.get(f"/targets/{growth.pk}/")  # warm: content types, the session machinery
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        first = page_of(client, growth)
    for day in range(1, 11):  # ten revisions of 2025, each published on its own day
        publish(grdp_growth, province, "2025", f"7.{day}", published_on=datetime.date(2026, 1, day))
    with CaptureQueriesContext(connection) as after:
        response = page_of(client, growth)

    def history_rows(page) -> int:
        table = page.content.decode().split('<table class="history">', 1)[1].split("</table>")[0]
        return table.count("<tr>")

    assert history_rows(response) == history_rows(first) + 10  # a point per publication day
    assert len(after) == len(before)
