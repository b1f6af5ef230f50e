"""The tasks board: tasks by deadline state and by agency, the timeline's data, the filters
(agency, state, key issue group, plan), English agency names and day-first dates on English
pages, styled deadline states, codes that do not wrap, tables that scroll on a phone."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.plans.choices import SectionKind
from plantrack.plans.models import PlanSection
from plantrack.workplan.board import STATE_ORDER, counts_by_agency, group_by_state, timeline
from plantrack.workplan.choices import DeadlineState, TaskStatus
from plantrack.workplan.models import Task

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 12, 3)
CSS = Path(__file__).resolve().parents[2] / "src/plantrack/workplan/static/workplan/workplan.css"


@pytest.fixture
def board(make_task, health, industry):
    industry.name_en = "Department of Industry and Trade"
    industry.save()
    return {
        "overdue": make_task(deadline=datetime.date(2026, 6, 30), title="Quá hạn rồi"),
        "soon": make_task(
            deadline=datetime.date(2026, 12, 10),
            start_date=datetime.date(2026, 1, 1),
            title="Sắp đến hạn",
        ),
        "later": make_task(agency=health, deadline=datetime.date(2027, 12, 31), title="Còn lâu"),
        "done": make_task(
            deadline=datetime.date(2025, 12, 31),
            status=TaskStatus.COMPLETED,
            completed_on=datetime.date(2025, 12, 1),
            title="Đã xong",
        ),
        "open": make_task(agency=health, title="Không thời hạn"),
    }


def _listed():
    return list(Task.objects.with_deadline_state(AS_OF).select_related("lead_agency"))


def test_tasks_are_grouped_by_deadline_state_overdue_first(board):
    groups = group_by_state(_listed())
    assert [group.state for group in groups] == list(STATE_ORDER)
    assert [[task.title for task in group.tasks] for group in groups] == [
        ["Quá hạn rồi"],
        ["Sắp đến hạn"],
        ["Còn lâu"],
        ["Đã xong"],
        ["Không thời hạn"],
    ]


def test_each_agency_is_counted_by_state(board):
    rows = {row.code: dict(row.counts) for row in counts_by_agency(_listed())}
    assert rows["SCT"] == {
        DeadlineState.OVERDUE: 1,
        DeadlineState.DUE_SOON: 1,
        DeadlineState.ON_SCHEDULE: 0,
        DeadlineState.DONE: 1,
        DeadlineState.NO_DEADLINE: 0,
    }
    assert rows["SYT"][DeadlineState.ON_SCHEDULE] == rows["SYT"][DeadlineState.NO_DEADLINE] == 1


def test_the_timeline_draws_start_to_deadline_and_leaves_out_undated_tasks(board):
    data = timeline(_listed(), AS_OF, lambda agency: agency.name if agency else "")
    rows = {row["code"]: row for row in data["tasks"]}
    assert data["today"] == "2026-12-03"
    assert data["undated"] == 1 and board["open"].code not in rows
    soon = rows[board["soon"].code]
    assert (soon["start"], soon["end"], soon["state"]) == ("2026-01-01", "2026-12-10", "due_soon")
    assert rows[board["overdue"].code]["start"] is None  # unknown start: a point, not a bar


def test_the_board_page_shows_states_timeline_data_and_scrolling_tables(client, board):
    response = client.get("/tasks/?as_of=2026-12-03")
    html = response.content.decode()
    assertContains(response, '<span class="deadline deadline-overdue">Quá hạn</span>', html=True)
    data = json.loads(re.search(r'id="task-timeline-data"[^>]*>(.*?)</script>', html, re.S)[1])
    assert len(data["tasks"]) == 4
    assert "data-task-timeline" in html and "workplan/timeline.js" in html
    assert "workplan/workplan.css" in html
    # Every table sits in its own scroll container, so a phone never scrolls the page sideways.
    assert html.count('<div class="table-scroll"') == html.count("<table")
    assertContains(response, f'<td class="task-code"><a href="/tasks/{board["soon"].code}/">')


def test_the_board_filters_by_key_issue_group_and_plan(client, make_task, master_plan):
    issues = PlanSection.objects.create(
        plan=master_plan, kind=SectionKind.KEY_ISSUES, order=6, title="Sáu nhóm"
    )
    mining = PlanSection.objects.create(
        plan=master_plan,
        parent=issues,
        kind=SectionKind.KEY_ISSUES,
        order=2,
        title="Các quy hoạch về khoáng sản",
    )
    make_task(title="Việc khoáng sản", section=mining, plan=master_plan)
    make_task(title="Việc khác")

    by_group = client.get(f"/tasks/?group={mining.pk}")
    assertContains(by_group, "Việc khoáng sản")
    assertNotContains(by_group, "Việc khác")
    assertContains(by_group, "Các quy hoạch về khoáng sản")  # the filter's choice
    by_plan = client.get(f"/tasks/?plan={master_plan.code}")
    assertContains(by_plan, "Việc khoáng sản")
    assertNotContains(by_plan, "Việc khác")
    assertNotContains(client.get("/tasks/?group=abc"), "Traceback")


def test_english_pages_name_agencies_in_english_and_write_dates_day_first(client, board):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/tasks/?as_of=2026-12-03")
    html = response.content.decode()
    assert "Department of Industry and Trade" in html
    assert ">Sở Công Thương<" not in html  # the agency has an English name: used everywhere
    assert "Sở Y tế" in html  # no English name: the Vietnamese one, rather than nothing
    assert "10/12/2026" in html and "12/10/2026" not in html  # 10 December, not October
    detail = client.get(f"/tasks/{board['soon'].code}/").content.decode()
    assert "Department of Industry and Trade" in detail and "01/01/2026" in detail


def test_the_deadline_states_and_codes_are_styled_in_the_apps_css():
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r"\.deadline-overdue \{([^}]*)\}", css)
    assert rule and "color:" in rule[1]  # "Quá hạn" is not plain text any more
    assert re.search(r"\.deadline \{[^}]*border:", css)  # a label, not colour alone
    assert re.search(r"\.task-code[^{]*\{[^}]*white-space: nowrap", css)  # "CT-07" never wraps
