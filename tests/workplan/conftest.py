import datetime

import pytest

from plantrack.workplan.choices import TaskStatus
from plantrack.workplan.models import Task

AS_OF = datetime.date(2025, 7, 1)


@pytest.fixture
def make_task(db, industry):
    counter = iter(range(1, 1000))

    def make(deadline=None, status=TaskStatus.IN_PROGRESS, agency=industry, **fields):
        number = next(counter)
        fields.setdefault("title", f"Nhiệm vụ {number}")
        return Task.objects.create(
            code=f"NV-{number:03d}", lead_agency=agency, deadline=deadline, status=status, **fields
        )

    return make
