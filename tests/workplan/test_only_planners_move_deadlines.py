"""A task's deadline is the planning office's decision: the service itself refuses anyone else.

Before the permission chokepoint ``move_deadline`` checked nothing, so any caller (a command,
a script, a future page) could move a deadline for anyone.
"""

import datetime

import pytest

from plantrack.accounts.permissions import NotPermitted
from plantrack.workplan.models import DeadlineChange
from plantrack.workplan.services import move_deadline

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2025, 6, 30)


@pytest.mark.parametrize("persona", ["reporter", "approver", "other_reporter"])
def test_an_agency_member_cannot_move_a_deadline(request, make_task, persona):
    task = make_task(deadline=DEADLINE)
    user = request.getfixturevalue(persona)

    with pytest.raises(NotPermitted):
        move_deadline(task, user=user, new_deadline=datetime.date(2025, 12, 31), reason="Xin lùi")

    task.refresh_from_db()
    assert (task.deadline, task.original_deadline) == (DEADLINE, None)
    assert not DeadlineChange.objects.exists()


def test_an_anonymous_caller_cannot_move_a_deadline(make_task):
    from django.contrib.auth.models import AnonymousUser

    task = make_task(deadline=DEADLINE)

    with pytest.raises(NotPermitted):
        move_deadline(task, user=AnonymousUser(), new_deadline=None, reason="Bỏ thời hạn")

    assert not DeadlineChange.objects.exists()


def test_a_planner_moves_it_and_the_original_is_kept(make_task, planner):
    task = make_task(deadline=DEADLINE)

    move_deadline(task, user=planner, new_deadline=datetime.date(2025, 9, 30), reason="Chờ TW")

    task.refresh_from_db()
    assert (task.deadline, task.original_deadline) == (datetime.date(2025, 9, 30), DEADLINE)
    assert DeadlineChange.objects.get().changed_by == planner


def test_a_deadline_before_the_start_is_refused_by_name(db, planner):
    import datetime

    import pytest

    from plantrack.workplan.models import Task
    from plantrack.workplan.services import TaskError, move_deadline

    task = Task.objects.create(
        code="NV-START",
        title="…",
        start_date=datetime.date(2023, 11, 24),
        deadline=datetime.date(2026, 12, 31),
    )

    with pytest.raises(TaskError) as refused:
        move_deadline(task, user=planner, new_deadline=datetime.date(2020, 1, 1), reason="lùi")

    assert refused.value.code == "deadline_before_start"
    assert "trước ngày bắt đầu 24/11/2023" in str(refused.value)
    task.refresh_from_db()
    assert task.deadline == datetime.date(2026, 12, 31)
