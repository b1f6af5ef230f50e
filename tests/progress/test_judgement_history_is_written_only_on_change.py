"""A target's history gets a row when its judgement changes, and only then."""

import pytest

from plantrack.progress.choices import Cause
from plantrack.progress.live import rejudge_all, rejudge_targets
from plantrack.progress.models import JudgementChange
from tests.progress.live_world import build_world, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(master_plan, province):
    return build_world(master_plan, province)


def history(target):
    return list(
        JudgementChange.objects.filter(target=target)
        .order_by("at", "id")
        .values_list("status", "cause", "cause_figure_id")
    )


def test_a_new_figure_adds_one_row_and_a_sweep_with_nothing_new_adds_none(world, master_plan):
    target = world["targets"]["poverty_commune"]
    assert history(target) == [("insufficient_data", Cause.TARGET, None)]

    first = publish(world["poverty"], world["communes"][0], 2020, 9)
    second = publish(world["poverty"], world["communes"][0], 2024, 4)
    rejudge_all(master_plan)
    rejudge_targets([target.pk])

    assert history(target) == [
        ("insufficient_data", Cause.TARGET, None),
        ("insufficient_data", Cause.FIGURE, first.pk),
        ("achieved", Cause.FIGURE, second.pk),
    ]


def test_a_figure_that_changes_nothing_adds_no_row(world):
    target = world["targets"]["poverty_commune"]
    publish(world["poverty"], world["communes"][1], 2024, 4)  # another commune: no target

    assert len(history(target)) == 1


def test_a_revised_figure_adds_a_row_naming_it(world):
    target = world["targets"]["poverty_commune"]
    publish(world["poverty"], world["communes"][0], 2020, 9)
    publish(world["poverty"], world["communes"][0], 2024, 6)

    revised = publish(world["poverty"], world["communes"][0], 2024, 4.5)

    assert history(target)[-1] == ("achieved", Cause.FIGURE, revised.pk)


def test_editing_a_target_rejudges_it(world):
    target = world["targets"]["poverty_commune"]
    publish(world["poverty"], world["communes"][0], 2020, 9)
    publish(world["poverty"], world["communes"][0], 2024, 6)
    assert history(target)[-1][0] != "achieved"

    target.value = 7
    target.save(update_fields=["value"])

    assert history(target)[-1] == ("achieved", Cause.TARGET, None)
