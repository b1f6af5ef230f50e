"""The overview says when a judgement is out of date: figures changed after it was made."""

import datetime

import pytest
from overview_world import build
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.progress.live import rejudge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(master_plan, grdp_growth, grdp_per_capita, province, publish):
    return build(master_plan, grdp_growth, grdp_per_capita, province, publish)


def test_a_current_overview_has_no_stale_notice(client, world):
    assertNotContains(client.get("/"), "notice-stale")


def test_judgements_made_before_figures_were_known_are_flagged(client, world, master_plan):
    rejudge_all(master_plan, as_of=datetime.date(2024, 6, 30))

    response = client.get("/")

    assertContains(response, '<p class="notice notice-stale" role="status">')
    assertContains(response, "chỉ tiêu có số liệu thay đổi sau lần đánh giá gần nhất")
    assertContains(response, "tính đến ngày 30/06/2024")
