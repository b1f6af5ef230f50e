"""The Cao Bằng demo for the batch-assessment tests, loaded once per module."""

import pytest
from django.db import transaction

from plantrack.demo.services import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_demo()
        yield report
        transaction.set_rollback(True)
