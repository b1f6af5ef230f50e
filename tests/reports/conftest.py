"""The Cao Bằng demo and its evaluation reports, built once per test module.

``reports`` generates the master plan's report as of today in every format and as of
30/6/2024 (the DOCX and the package), under a temporary MEDIA_ROOT; the data and the runs
are rolled back when the module ends.
"""

from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from report_world import MID_2024, PLAN, build

from plantrack.demo.services import load_demo
from plantrack.plans.models import Plan


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            load_demo()
            plan = Plan.objects.get(code=PLAN)
            today = build(plan, timezone.localdate(), ["docx", "xlsx", "pdf", "package"])
            mid_2024 = build(plan, MID_2024, ["docx", "package"])
            yield {"today": today, "mid_2024": mid_2024, "plan": plan, "media": Path(media)}
            transaction.set_rollback(True)
