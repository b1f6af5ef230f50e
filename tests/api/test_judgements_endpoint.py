"""/api/judgements/: the current judgements, read only, filtered by plan and status."""

import pytest

from plantrack.plans.choices import PlanStatus
from plantrack.progress.live import rejudge_all
from tests.progress.live_world import build_world, publish

pytestmark = pytest.mark.django_db

URL = "/api/judgements/"


@pytest.fixture
def world(master_plan, province):
    world = build_world(master_plan, province)
    publish(world["poverty"], world["communes"][0], 2020, 9)
    publish(world["poverty"], world["communes"][0], 2024, 4)
    return world


def results(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_lists_every_targets_judgement_with_its_explanation(client, world, master_plan):
    rows = results(client.get(URL, {"plan": master_plan.code}))

    assert len(rows) == 4
    poverty = next(r for r in rows if r["target"] == world["targets"]["poverty_commune"].pk)
    assert poverty["status"] == "achieved"
    assert poverty["explanation_vi"].startswith("Đã đạt")
    assert poverty["explanation_en"].startswith("Achieved")
    assert poverty["stale"] is False
    assert len(poverty["figures"]) == 2


def test_filters_by_status(client, world):
    rows = results(client.get(URL, {"status": "achieved"}))

    assert [r["target"] for r in rows] == [world["targets"]["poverty_commune"].pk]


def test_says_when_a_judgement_is_stale(client, world, master_plan):
    import datetime

    rejudge_all(master_plan, datetime.date(2024, 6, 30))
    target = world["targets"]["poverty_commune"].pk

    detail = client.get(f"{URL}{Judgement_id(target)}/").json()

    assert detail["stale"] is True


def test_is_read_only(client, planner, world):
    client.force_login(planner)

    assert client.post(URL, {}).status_code == 405


def test_a_draft_plans_judgements_are_hidden_from_the_public(client, world, master_plan):
    master_plan.status = PlanStatus.DRAFT
    master_plan.save(update_fields=["status"])

    assert results(client.get(URL)) == []


def Judgement_id(target_id):  # noqa: N802 -- reads as the id of a judgement
    from plantrack.progress.models import Judgement

    return Judgement.objects.get(target_id=target_id).pk
