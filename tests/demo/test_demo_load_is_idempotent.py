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
    # Agencies, indicators, plans, sections, targets, observations, tasks (2 published, 9
    # directive sentences, 6 key issue groups), projects, the illustrative reporting round,
    # the two indicators counted from the unit lists and their 66 figures, and the 20
    # documents the figures cite (caobang-sources.json: 21 entries, two of the facts' notes
    # on Wikipedia read alike once worded for the reader).
    assert demo.created == 10 + 35 + 3 + 25 + 27 + 47 + 17 + 4 + 1 + 2 + 66 + 20
    assert demo.boundaries == 10
    assert AdminUnit.objects.exclude(geometry=None).count() == 10


def test_loading_twice_creates_and_changes_nothing(demo):
    before = _counts()

    again = load_demo()

    assert _counts() == before
    assert again.created == 0
    assert not again.changed_anything
    assert all(tally.updated == 0 for tally in again.tallies().values())
