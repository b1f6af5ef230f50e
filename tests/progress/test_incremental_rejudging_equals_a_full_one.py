"""Property: after any sequence of figure changes, the judgements kept current one change at
a time are exactly those a full re-assessment of the plan gives (progress/live.py)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantrack.progress.live import rejudge_all
from plantrack.progress.models import Judgement
from tests.progress.live_world import build_world, publish

pytestmark = pytest.mark.django_db

INDICATORS = ("revenue", "population", "poverty")
UNITS = 7  # the province, two districts, four communes

change = st.tuples(
    st.sampled_from(INDICATORS),
    st.integers(min_value=0, max_value=UNITS - 1),
    st.integers(min_value=2019, max_value=2025),
    st.floats(min_value=1, max_value=5000, allow_nan=False).map(lambda v: round(v, 2)),
)


@pytest.fixture
def world(master_plan, province):
    world = build_world(master_plan, province)
    world["units"] = [world["province"], *world["districts"], *world["communes"]]
    for unit in world["communes"]:
        publish(world["revenue"], unit, 2020, 100)
        publish(world["population"], unit, 2020, 50_000)
    return world


def current(plan) -> dict:
    rows = Judgement.objects.filter(plan=plan).values_list("target_id", "digest", "figures")
    return {target: (digest, figures) for target, digest, figures in rows}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(change, min_size=1, max_size=8))
def test_incremental_judgements_equal_a_full_reassessment(world, master_plan, changes):
    with transaction.atomic():
        for indicator, unit, year, value in changes:
            publish(world[indicator], world["units"][unit], year, value)
        incremental = current(master_plan)

        sweep = rejudge_all(master_plan)

        assert sweep.changed == []
        assert current(master_plan) == incremental
        assert len(incremental) == len(world["targets"])
        # And the same as judging from nothing (no judgement's inputs skipped by mistake).
        Judgement.objects.filter(plan=master_plan).delete()
        rejudge_all(master_plan)
        assert current(master_plan) == incremental
        transaction.set_rollback(True)
