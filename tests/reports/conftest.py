"""The Cao Bằng demo and its evaluation reports, built once per test module.

``demo_plan`` loads the demo under a temporary MEDIA_ROOT; ``reports`` generates the master
plan's report as of today in every format and as of 30/6/2024 (the DOCX and the package).
The data and the runs are rolled back when the module ends.
"""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from report_world import MID_2024, PLAN, build

from plantrack.demo.services import load_demo
from plantrack.plans.models import Plan


@pytest.fixture(scope="module")
def demo_plan(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded, under a temporary MEDIA_ROOT; rolled back when the module ends."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            load_demo()
            yield Plan.objects.get(code=PLAN)
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reports(demo_plan, django_db_blocker):
    with django_db_blocker.unblock():
        today = build(demo_plan, timezone.localdate(), ["docx", "xlsx", "pdf", "package"])
        mid_2024 = build(demo_plan, MID_2024, ["docx", "package"])
    return {"today": today, "mid_2024": mid_2024, "plan": demo_plan}
