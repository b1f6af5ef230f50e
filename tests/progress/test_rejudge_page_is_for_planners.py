"""The re-judge page and command: planners re-judge a whole plan as of a date."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains

from plantrack.progress.models import Judgement
from tests.progress.live_world import build_world, publish

pytestmark = pytest.mark.django_db

URL = "/progress/rejudge/"


@pytest.fixture
def world(master_plan, province):
    world = build_world(master_plan, province)
    publish(world["poverty"], world["communes"][0], 2020, 9)
    publish(world["poverty"], world["communes"][0], 2024, 4)
    return world


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_reporter_is_refused(client, reporter, master_plan):
    client.force_login(reporter)

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"plan": master_plan.code, "as_of": "2026-06-30"}).status_code == 404


def test_a_planner_rejudges_the_plan_as_of_a_date(client, planner, master_plan, world):
    client.force_login(planner)
    page = client.get(URL)
    assertContains(page, "Đang đánh giá lại, xin chờ…")

    response = client.post(URL, {"plan": master_plan.code, "as_of": "2024-06-30"})

    assertContains(response, "đã đánh giá lại 4 chỉ tiêu tính đến 30/06/2024")
    judged = Judgement.objects.get(target=world["targets"]["poverty_commune"])
    assert judged.as_of == datetime.date(2024, 6, 30)
    assert judged.components["series"] == [[2020, 9.0]]  # 2024 was not known then
    assertContains(client.get("/"), "Chưa cập nhật")  # stale: 2024 is known today


def test_a_bad_date_is_refused_with_the_form(client, planner, master_plan):
    client.force_login(planner)

    response = client.post(URL, {"plan": master_plan.code, "as_of": "hôm qua"})

    assert response.status_code == 400


def test_the_command_rejudges_a_plan(master_plan, world):
    out = StringIO()

    call_command("rejudge", "--plan", master_plan.code, "--as-of", "2026-06-30", stdout=out)

    assert "đã đánh giá lại 4 chỉ tiêu tính đến 30/06/2026" in out.getvalue()
    assert set(Judgement.objects.values_list("as_of", flat=True)) == {datetime.date(2026, 6, 30)}
