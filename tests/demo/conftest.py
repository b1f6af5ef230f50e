"""The Cao Bằng demo, loaded once per test module (loading the province's units takes a moment).

``demo`` loads inside a transaction that is rolled back when the module ends, so the data
never leaks into other modules; each test still runs in its own savepoint, so a test that
writes cannot disturb the next one.
"""

import json
from decimal import Decimal

import pytest
from django.db import transaction

from plantrack.demo.services import (
    FACTS_PATH,
    WORDING_PATH,
    DemoReport,
    load_demo,
    reader_wording,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> DemoReport:
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_demo()
        yield report
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def facts() -> dict:
    # Decimals, as the loader reads them: a float 7.15 is not the numeric 7.15 in PostgreSQL.
    return json.loads(FACTS_PATH.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture(scope="session")
def shown_facts(facts) -> dict:
    """The facts as the demo shows them: the reader's wording (demo-wording.json) applied."""
    wording = json.loads(WORDING_PATH.read_text(encoding="utf-8"), parse_float=Decimal)
    return reader_wording(facts, wording)
