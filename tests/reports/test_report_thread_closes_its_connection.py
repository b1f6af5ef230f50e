"""A report built in the background (``start_report``) gives its database connection back.

The web server starts one thread per report; with persistent connections (``CONN_MAX_AGE``,
60 s on PostgreSQL) a connection the thread left open would stay open after the thread had
ended, one more each report, until the server's connection limit is reached.
"""

import datetime
import threading

import pytest
from django.db import connection, connections

from plantrack.demo.services import load_demo
from plantrack.plans.models import Plan
from plantrack.reports import services
from plantrack.reports.models import ReportRun

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's test database is in memory: another thread does not see it.",
    ),
]


def test_the_build_thread_closes_its_connection(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    load_demo()
    run = services.create_run(
        Plan.objects.get(code="QH-CB-2021-2030"), user=None, as_of=datetime.date(2024, 6, 30),
        formats=["xlsx"],
    )  # fmt: skip
    left_open = []

    def build() -> None:
        services._build_in_thread(run.pk)
        left_open.append(connections["default"].connection is not None)

    thread = threading.Thread(target=build)
    thread.start()
    thread.join()

    assert ReportRun.objects.get(pk=run.pk).state == "done"
    assert left_open == [False]
