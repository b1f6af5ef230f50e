"""The Cao Bằng demo's tasks, exported, carry their illustrative labels and import again
with nothing changed."""

import csv
import datetime
import io

import pytest
from django.db import transaction

from plantrack.demo.services import load_demo
from plantrack.workplan.export import export_tasks_bytes
from plantrack.workplan.models import Task
from plantrack.workplan.services import import_tasks

AS_OF = datetime.date(2025, 7, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_demo_directive_says_what_the_demo_assigned(demo):
    data = export_tasks_bytes(Task.objects.all(), "csv", as_of=AS_OF)

    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    column = next(name for name in rows[0] if name.startswith("Thông tin minh họa"))
    directives = [row for row in rows if row["Mã"].startswith("CT-")]
    assert directives
    for row in directives:
        assert "cơ quan chủ trì" in row[column] and "thời hạn" in row[column]


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_demo_tasks_import_again_unchanged(demo, django_user_model, file_format):
    admin = django_user_model.objects.create_superuser("root", password="pw-root")
    data = export_tasks_bytes(Task.objects.all(), file_format, as_of=AS_OF)
    before = list(Task.objects.order_by("code").values())

    report = import_tasks(data, f"nhiem-vu.{file_format}", user=admin)

    assert report.errors == []
    assert report.unchanged == report.rows == Task.objects.count()
    assert list(Task.objects.order_by("code").values()) == before
