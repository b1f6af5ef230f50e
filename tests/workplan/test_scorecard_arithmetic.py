"""Each agency's tasks due, completed on time or late, overdue, and its on-time rate."""

import datetime

import pytest

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import Task
from plantrack.workplan.scorecards import agency_scorecard
from plantrack.workplan.services import move_deadline

AS_OF = datetime.date(2025, 7, 1)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_the_scorecard_counts_each_case_once(make_task, health, planner):
    done = TaskStatus.COMPLETED
    make_task(deadline=AS_OF - 10 * DAY, status=done, completed_on=AS_OF - 12 * DAY)  # on time
    make_task(deadline=AS_OF - 10 * DAY, status=done, completed_on=AS_OF - 10 * DAY)  # on time
    make_task(deadline=AS_OF - 10 * DAY, status=done, completed_on=AS_OF - 2 * DAY)  # late
    make_task(deadline=AS_OF - DAY)  # overdue
    moved = make_task(deadline=AS_OF - 5 * DAY)
    move_deadline(moved, user=planner, new_deadline=AS_OF + 30 * DAY, reason="Điều chỉnh")
    make_task(deadline=AS_OF + 5 * DAY)  # not due yet
    make_task(agency=health, deadline=AS_OF - DAY)  # another agency's, overdue

    scores = {score.agency: score for score in agency_scorecard(Task.objects.all(), AS_OF)}

    industry = scores["Sở Công Thương"]
    assert (industry.tasks, industry.due) == (6, 4)
    assert (industry.completed_on_time, industry.completed_late, industry.overdue) == (2, 1, 1)
    assert industry.deadlines_moved == 1
    assert industry.on_time_rate == pytest.approx(50.0)
    assert (scores["Sở Y tế"].due, scores["Sở Y tế"].overdue) == (1, 1)
    assert scores["Sở Y tế"].on_time_rate == 0.0


def test_an_agency_with_nothing_due_has_no_rate(make_task):
    make_task(deadline=AS_OF + 5 * DAY)
    (score,) = agency_scorecard(Task.objects.all(), AS_OF)
    assert score.on_time_rate is None
