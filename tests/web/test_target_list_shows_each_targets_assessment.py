"""/targets/ shows each target's current judgement: status, explanation, as-of date."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.observations.choices import WorkflowState
from plantrack.plans.choices import Comparator, SeriesMeasure, TargetKind
from plantrack.plans.models import Target
from plantrack.progress.live import rejudge_all
from plantrack.progress.models import Judgement

pytestmark = pytest.mark.django_db


@pytest.fixture
def grdp_target(master_plan, grdp_growth, publish, province):
    for year, value in (("2023", "3.73"), ("2024", "6.74"), ("2025", "7.22")):
        publish(grdp_growth, province, year, value)
    return Target.objects.create(
        plan=master_plan,
        indicator=grdp_growth,
        kind=TargetKind.AVERAGE_GROWTH,
        measure=SeriesMeasure.GROWTH_RATE,
        comparator=Comparator.GTE,
        value="9.72",
        unit="%/năm",
        start_year=2021,
        target_year=2030,
        phrase="tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm",
    )


def test_a_target_shows_its_latest_status_and_explanation(client, master_plan, grdp_target):
    rejudge_all(master_plan, as_of=datetime.date(2026, 6, 30))

    response = client.get("/targets/")

    assertContains(response, '<span class="status status-needs_acceleration">Cần đẩy nhanh</span>')
    assertContains(response, "2026–2030 cần bình quân 13,69 %/năm")
    assertContains(response, "tính đến 30/06/2026")
    assertNotContains(response, "Chưa cập nhật")


def test_the_explanation_follows_the_language(client, master_plan, grdp_target):
    rejudge_all(master_plan, as_of=datetime.date(2026, 6, 30))
    client.post("/i18n/setlang/", {"language": "en", "next": "/targets/"})

    assertContains(client.get("/targets/"), "2026–2030 needs 13.69 %/year on average")


def test_a_target_is_judged_when_it_is_created(client, grdp_target):
    assertContains(client.get("/targets/"), "Cần đẩy nhanh")


def test_a_target_without_a_judgement_says_so(client, grdp_target):
    Judgement.objects.all().delete()

    assertContains(client.get("/targets/"), "Chưa đánh giá")


def test_a_submitted_figure_does_not_change_the_judgement_until_approved(
    client, master_plan, grdp_target, grdp_growth, province, publish, planner
):
    before = Judgement.objects.get(target=grdp_target)

    publish(grdp_growth, province, "2022", "30", state=WorkflowState.SUBMITTED)

    assert Judgement.objects.get(target=grdp_target).digest == before.digest
    client.force_login(planner)
    assertContains(client.get("/targets/"), "Cần đẩy nhanh")
