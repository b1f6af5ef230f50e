"""A moved deadline keeps the original and says who moved it and why."""

import datetime

import pytest

from plantrack.workplan.models import DeadlineChange
from plantrack.workplan.services import TaskError, move_deadline

pytestmark = pytest.mark.django_db


def test_moving_a_deadline_keeps_the_original_and_the_reason(make_task, planner):
    task = make_task(deadline=datetime.date(2025, 7, 20))

    move_deadline(task, user=planner, new_deadline=datetime.date(2025, 9, 30), reason="Chờ TW")
    move_deadline(task, user=planner, new_deadline=datetime.date(2025, 12, 31), reason="Lần 2")

    task.refresh_from_db()
    assert task.deadline == datetime.date(2025, 12, 31)
    assert task.original_deadline == datetime.date(2025, 7, 20)
    changes = list(
        DeadlineChange.objects.filter(task=task).values_list(
            "old_deadline", "new_deadline", "reason", "changed_by"
        )
    )
    assert changes == [
        (datetime.date(2025, 7, 20), datetime.date(2025, 9, 30), "Chờ TW", planner.pk),
        (datetime.date(2025, 9, 30), datetime.date(2025, 12, 31), "Lần 2", planner.pk),
    ]


def test_a_deadline_is_not_moved_without_a_reason(make_task, planner):
    task = make_task(deadline=datetime.date(2025, 7, 20))

    with pytest.raises(TaskError) as caught:
        move_deadline(task, user=planner, new_deadline=datetime.date(2025, 8, 1), reason=" ")

    assert caught.value.code == "reason_required"
    task.refresh_from_db()
    assert task.deadline == datetime.date(2025, 7, 20)
    assert not DeadlineChange.objects.exists()
