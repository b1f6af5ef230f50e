"""The Cao Bằng demo's figures, exported to CSV, import again with nothing changed."""

import csv
import io

import pytest
from django.db import transaction

from plantrack.demo.services import load_demo
from plantrack.observations.export import LONG_COLUMNS, export_bytes, select_observations
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Plan


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def demo_csv() -> bytes:
    return export_bytes(
        select_observations(Observation.objects.all(), plans=Plan.objects.all()), "csv"
    )


@pytest.mark.django_db
def test_the_demo_exports_one_row_per_current_figure(demo):
    rows = list(csv.reader(io.StringIO(demo_csv().decode("utf-8-sig"))))

    assert tuple(rows[0]) == LONG_COLUMNS
    assert len(rows) - 1 == Observation.objects.current().count()
    assert {len(row) for row in rows} == {len(LONG_COLUMNS)}


@pytest.mark.django_db
def test_the_demo_csv_reimports_with_nothing_changed(demo, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="pw-root")

    report = import_observations(demo_csv(), "cao-bang.csv", user=admin)

    assert report.errors == []
    assert report.unchanged == report.rows == Observation.objects.current().count()
