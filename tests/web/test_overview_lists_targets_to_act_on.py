"""The overview lists the off-track and needs-acceleration targets, worst first, each with
its explanation, the rate now required in the remaining years and its latest figure; past
``ALERT_LIMIT`` of them it lists the worst and links to the rest by status."""

import pytest
from overview_world import GROWTH_2025_PHRASE, GROWTH_PHRASE, PER_CAPITA_PHRASE, build
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(master_plan, grdp_growth, grdp_per_capita, province, publish):
    return build(master_plan, grdp_growth, grdp_per_capita, province, publish)


def acting_section(client) -> str:
    html = client.get("/").content.decode()
    return html.split('<h2 id="acting">', 1)[1].split("</section>", 1)[0]


def test_off_track_comes_before_needs_acceleration(client, world):
    section = acting_section(client)

    assert section.index(GROWTH_2025_PHRASE) < section.index(GROWTH_PHRASE)
    assert PER_CAPITA_PHRASE not in section  # not enough data: not a target to act on


def test_each_target_to_act_on_says_why_and_what_rate_is_now_needed(client, world):
    section = acting_section(client)

    assert "Cần đẩy nhanh: thực hiện trong 2023–2025 bình quân 5,89 %/năm" in section
    assert '<strong class="number">13,69 %/năm</strong>' in section
    assert "(2026–2030)" in section
    assert "Chậm tiến độ: năm 2025 đạt 7,22 % so với mục tiêu 8 % của năm 2025." in section
    assert "Năm mục tiêu 2025 đã qua" in section  # judged in 2026: no year remains
    assert '<a href="/indicators/grdp_growth/">7,22 %</a>' in section


def test_a_plan_with_nothing_to_act_on_says_so(client, world):
    for name in ("growth", "growth_2025"):
        world["targets"][name].judgement.delete()

    assertContains(client.get("/"), "Không có chỉ tiêu nào chậm tiến độ, đi lùi hay cần đẩy nhanh.")
    assertNotContains(client.get("/"), '<table class="alerts">')


def test_past_the_limit_the_worst_are_listed_and_the_rest_are_linked(client, world, monkeypatch):
    monkeypatch.setattr("plantrack.web.services.ALERT_LIMIT", 1)

    section = acting_section(client)

    assert GROWTH_2025_PHRASE in section  # off track: worse than needing acceleration
    assert GROWTH_PHRASE not in section.split('<p class="alerts-rest">')[0]
    assert "Trên đây là 1 chỉ tiêu nghiêm trọng nhất trong 2 chỉ tiêu cần xử lý." in section
    # The rest by status, worst first, as the list is.
    rest = section.split('<p class="alerts-rest">')[1]
    assert rest.index('status=off_track">Chậm tiến độ (1)</a>') < rest.index(
        'status=needs_acceleration">Cần đẩy nhanh (1)</a>'
    )


def test_within_the_limit_no_link_to_the_rest(client, world):
    assert '<p class="alerts-rest">' not in acting_section(client)
