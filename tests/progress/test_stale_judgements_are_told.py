"""A judgement says when it is out of date: a figure it used changed, or one it lacks is known."""

import datetime

import pytest
from django.db.models import F

from plantrack.observations.models import Observation
from plantrack.plans.choices import Comparator
from plantrack.progress import live
from plantrack.progress.live import rejudge_all, stale_targets
from plantrack.progress.models import Judgement
from tests.progress.live_world import build_world, publish, target

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(master_plan, province):
    world = build_world(master_plan, province)
    world["figures"] = [
        publish(world["poverty"], world["communes"][0], 2020, 9),
        publish(world["poverty"], world["communes"][0], 2024, 4),
    ]
    return world


def stale(world) -> set:
    judgements = list(Judgement.objects.all())
    targets = {t.pk: t.indicator_id for t in world["targets"].values()}
    return stale_targets(judgements, targets)


def test_judgements_kept_by_the_services_are_current(world):
    assert stale(world) == set()


def test_a_figure_changed_around_the_services_makes_its_judgement_stale(world):
    Observation.objects.filter(pk=world["figures"][1].pk).update(version=F("version") + 1)

    assert stale(world) == {world["targets"]["poverty_commune"].pk}


def test_a_judgement_as_of_a_date_before_a_known_figure_is_stale(world, master_plan):
    rejudge_all(master_plan, datetime.date(2024, 6, 30))

    assert stale(world) == {world["targets"]["poverty_commune"].pk}


def test_many_judgements_are_checked_in_chunks(world, monkeypatch):
    monkeypatch.setattr(live, "CHUNK", 1)
    Observation.objects.filter(pk=world["figures"][0].pk).update(version=F("version") + 1)

    assert stale(world) == {world["targets"]["poverty_commune"].pk}


def test_every_target_of_one_indicator_and_unit_is_checked(world, master_plan):
    # Two targets on the same series (a 2030 level and a milestone): a figure they lack
    # makes both stale, not only the last one read.
    milestone = target(master_plan, world["poverty"], world["communes"][0], "7", Comparator.LTE)
    world["targets"]["poverty_milestone"] = milestone

    rejudge_all(master_plan, datetime.date(2024, 6, 30))

    assert stale(world) == {world["targets"]["poverty_commune"].pk, milestone.pk}
