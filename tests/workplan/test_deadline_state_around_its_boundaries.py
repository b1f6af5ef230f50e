"""Overdue and due soon are derived from the deadline and the as-of date, never stored."""

import datetime

import pytest

from plantrack.workplan.choices import DeadlineState, TaskStatus
from plantrack.workplan.models import Task

AS_OF = datetime.date(2025, 7, 1)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("deadline", "status", "expected"),
    [
        (AS_OF - DAY, TaskStatus.IN_PROGRESS, DeadlineState.OVERDUE),  # yesterday
        (AS_OF, TaskStatus.IN_PROGRESS, DeadlineState.DUE_SOON),  # today: not yet overdue
        (AS_OF + 14 * DAY, TaskStatus.NOT_STARTED, DeadlineState.DUE_SOON),  # last day of soon
        (AS_OF + 15 * DAY, TaskStatus.NOT_STARTED, DeadlineState.ON_SCHEDULE),
        (AS_OF - 30 * DAY, TaskStatus.POSTPONED, DeadlineState.OVERDUE),  # postponed still owes
        (AS_OF - 30 * DAY, TaskStatus.CANCELLED, DeadlineState.DONE),
        (None, TaskStatus.IN_PROGRESS, DeadlineState.NO_DEADLINE),
    ],
)
def test_the_state_as_of_a_date(make_task, deadline, status, expected):
    task = make_task(deadline=deadline, status=status)

    assert task.deadline_state(AS_OF) == expected
    annotated = Task.objects.with_deadline_state(AS_OF).get(pk=task.pk)
    assert annotated.deadline_state == expected


def test_a_completed_task_is_done_whatever_its_deadline(make_task):
    task = make_task(
        deadline=AS_OF - 10 * DAY, status=TaskStatus.COMPLETED, completed_on=AS_OF - 20 * DAY
    )
    assert task.deadline_state(AS_OF) == DeadlineState.DONE
    assert task.completed_on_time is True


def test_the_same_task_changes_state_as_time_passes(make_task):
    task = make_task(deadline=datetime.date(2025, 7, 20))

    states = [task.deadline_state(day) for day in (AS_OF, datetime.date(2025, 7, 6))]
    states.append(task.deadline_state(datetime.date(2025, 7, 21)))

    assert states == [DeadlineState.ON_SCHEDULE, DeadlineState.DUE_SOON, DeadlineState.OVERDUE]


def test_the_due_soon_window_follows_the_setting(make_task, settings):
    settings.PLANTRACK_DUE_SOON_DAYS = 3
    task = make_task(deadline=AS_OF + 4 * DAY)
    assert task.deadline_state(AS_OF) == DeadlineState.ON_SCHEDULE


def test_overdue_lists_only_open_tasks_past_their_deadline(make_task):
    late = make_task(deadline=AS_OF - DAY)
    make_task(deadline=AS_OF)
    make_task(deadline=AS_OF - DAY, status=TaskStatus.COMPLETED, completed_on=AS_OF)

    assert list(Task.objects.overdue(AS_OF)) == [late]


def test_the_last_day_of_the_calendar_has_a_deadline_state(db):
    import datetime

    from plantrack.workplan.choices import DeadlineState
    from plantrack.workplan.models import Task

    task = Task.objects.create(code="NV-MAX", title="…", deadline=datetime.date(9999, 12, 31))
    last = datetime.date(9999, 12, 30)

    assert task.deadline_state(last) == DeadlineState.DUE_SOON
    annotated = Task.objects.with_deadline_state(last).get(pk=task.pk)
    assert annotated.deadline_state == DeadlineState.DUE_SOON
