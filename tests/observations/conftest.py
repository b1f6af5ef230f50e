"""Shared objects for the importer and workflow tests.

- ``demo``: the Cao Bằng demo (units, agencies, indicators with owners, figures), loaded
  once per module inside a transaction rolled back when the module ends;
- ``demo_member``: a user with one role in one of the demo's agencies (the personas of
  tests/conftest.py create their own agencies, which would clash with the demo's codes);
- ``csv_file``, ``xlsx_file``, ``json_file``: build the bytes of a file in the long layout;
- ``tables``: a full snapshot of the observation, revision and import-batch tables.
"""

import csv
import io
import json

import pytest
from django.db import transaction

from plantrack.accounts.models import Agency, Membership
from plantrack.demo.services import load_demo
from plantrack.observations.models import ImportBatch, Observation, ObservationRevision

LONG_HEADER = ("indicator", "unit", "period", "value", "status", "source", "comment")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_demo()
        yield report
        transaction.set_rollback(True)


@pytest.fixture
def demo_member(django_user_model, demo):
    """Return a function making a user with ``role`` in the demo agency ``agency_code``."""

    def make(username: str, role: str, agency_code: str):
        user = django_user_model.objects.create_user(username=username, password="pw")
        Membership.objects.create(user=user, agency=Agency.objects.get(code=agency_code), role=role)
        return user

    return make


def _long_rows(rows, header):
    return [list(header), *[[("" if cell is None else cell) for cell in row] for row in rows]]


@pytest.fixture
def csv_file():
    """Return a function writing rows (and a header) as CSV bytes in an encoding."""

    def make(rows, header=LONG_HEADER, *, delimiter=",", encoding="utf-8") -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        writer.writerows(_long_rows(rows, header))
        return buffer.getvalue().encode(encoding)

    return make


@pytest.fixture
def xlsx_file():
    """Return a function writing rows (and a header) on one sheet of a new workbook."""

    def make(rows, header=LONG_HEADER, *, sheet="Số liệu", before=()) -> bytes:
        from openpyxl import Workbook

        workbook = Workbook()
        worksheet = workbook.active
        worksheet.title = sheet
        for line in before:
            worksheet.append(list(line))
        worksheet.append(list(header))
        for row in rows:
            worksheet.append(list(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return make


@pytest.fixture
def json_file():
    """Return a function writing records as a JSON list, or as an object with a locale."""

    def make(records, *, locale=None, wrap=False) -> bytes:
        data = records
        if wrap or locale is not None:
            data = {"observations": records}
            if locale is not None:
                data["locale"] = locale
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    return make


@pytest.fixture
def tables():
    """Return a function snapshotting every row of the three tables an import writes."""

    def snapshot() -> dict:
        return {
            model.__name__: list(model.objects.order_by("pk").values())
            for model in (Observation, ObservationRevision, ImportBatch)
        }

    return snapshot
