import pytest

from plantrack.accounts.models import Agency
from plantrack.demo.services import load_demo
from plantrack.geo.models import AdminUnit, UnitSuccession
from plantrack.observations.models import Observation, ObservationRevision
from plantrack.plans.models import Indicator, Plan, PlanSection, Target

pytestmark = pytest.mark.django_db

MODELS = [
    AdminUnit,
    UnitSuccession,
    Agency,
    Indicator,
    Plan,
    PlanSection,
    Target,
    Observation,
    ObservationRevision,
]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_first_load_creates_everything(demo):
    # agencies, indicators, plans, sections, targets, observations, tasks, projects, and
    # the 19 documents the figures cite (caobang-sources.json).
    assert demo.created == 10 + 35 + 3 + 25 + 27 + 47 + 9 + 4 + 19
    assert demo.boundaries == 10
    assert AdminUnit.objects.exclude(geometry=None).count() == 10


def test_loading_twice_creates_and_changes_nothing(demo):
    before = _counts()

    again = load_demo()

    assert _counts() == before
    assert again.created == 0
    assert not again.changed_anything
    assert all(tally.updated == 0 for tally in again.tallies().values())
