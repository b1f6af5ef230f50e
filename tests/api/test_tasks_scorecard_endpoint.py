"""GET /api/scorecards/tasks/?as_of=: each lead agency's tasks due, completed on time or
late, overdue, moved deadlines and on-time rate, counted on a small fixture by hand."""

import datetime

import pytest
from api_helpers import error

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import Task
from plantrack.workplan.services import move_deadline

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2025, 7, 1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def tasks(industry, health, planner, master_plan):
    def make(code, agency, deadline, status=TaskStatus.IN_PROGRESS, completed_on=None, plan=None):
        return Task.objects.create(
            code=code,
            title=code,
            lead_agency=agency,
            deadline=deadline,
            status=status,
            completed_on=completed_on,
            plan=plan,
        )

    done = TaskStatus.COMPLETED
    make("A", industry, AS_OF - 10 * DAY, done, AS_OF - 12 * DAY, plan=master_plan)  # on time
    make("B", industry, AS_OF - 10 * DAY, done, AS_OF - 2 * DAY, plan=master_plan)  # late
    make("C", industry, AS_OF - DAY)  # overdue
    moved = make("D", industry, AS_OF - 5 * DAY)
    move_deadline(moved, user=planner, new_deadline=AS_OF + 30 * DAY, reason="Lùi hạn")
    make("E", industry, AS_OF + 5 * DAY)  # not due
    make("F", health, AS_OF - DAY)  # overdue
    make("G", health, AS_OF + 90 * DAY)  # not due


def test_the_scorecard_counts_each_agencys_tasks(api, tasks):
    response = api().get("/api/scorecards/tasks/?as_of=2025-07-01")

    assert response.status_code == 200
    body = response.json()
    assert body["as_of"] == "2025-07-01"
    industry, health = body["results"]  # by agency name: Sở Công Thương, Sở Y tế
    assert industry == {
        "agency": "SCT",
        "agency_name": "Sở Công Thương",
        "tasks": 5,
        "due": 3,  # A, B (deadline passed), C; D's deadline was moved past the date
        "completed_on_time": 1,
        "completed_late": 1,
        "overdue": 1,
        "deadlines_moved": 1,
        "on_time_rate": pytest.approx(100 / 3),
    }
    assert (health["agency"], health["tasks"], health["due"], health["overdue"]) == (
        "SYT",
        2,
        1,
        1,
    )
    assert health["on_time_rate"] == 0.0


def test_the_scorecard_moves_with_its_date_and_keeps_to_a_plan(api, tasks):
    early = api().get("/api/scorecards/tasks/?as_of=2025-01-01").json()["results"]
    plan = api().get("/api/scorecards/tasks/?as_of=2025-07-01&plan=QH-CB-2021-2030").json()

    assert [(row["agency"], row["due"], row["on_time_rate"]) for row in early] == [
        ("SCT", 0, None),
        ("SYT", 0, None),
    ]
    (only,) = plan["results"]
    assert (only["tasks"], only["completed_on_time"], only["completed_late"]) == (2, 1, 1)
    assert only["on_time_rate"] == 50.0


def test_a_bad_date_is_refused(api, tasks):
    response = api().get("/api/scorecards/tasks/?as_of=hôm-nay")

    assert response.status_code == 400
    assert error(response)["code"] == "invalid"
