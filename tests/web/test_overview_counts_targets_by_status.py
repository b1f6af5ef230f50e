"""The overview (/) counts a plan's targets by status, as a chart and a table, and every
count links to the targets that make it up."""

import json
import re

import overview_world
import pytest
from overview_world import (
    GROWTH_2025_PHRASE,
    GROWTH_PHRASE,
    PER_CAPITA_PHRASE,
    QUALITATIVE_PHRASE,
)
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db
PLAN = "QH-CB-2021-2030"


@pytest.fixture
def world(master_plan, grdp_growth, grdp_per_capita, province, publish):
    return overview_world.build(master_plan, grdp_growth, grdp_per_capita, province, publish)


def counts_table(html: str) -> dict[str, str]:
    """Return status → the count cell of the status table, as written."""
    table = html.split('<table class="status-counts">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'status-(\w+)">[^<]*</span></th>\s*<td class="count">(.*?)</td>', table)
    return dict(rows)


def test_the_overview_counts_every_status_of_the_master_plan(client, world):
    html = client.get("/").content.decode()

    counts = counts_table(html)
    link = f'<a href="/targets/?plan={PLAN}&amp;status=%s">1</a>'
    assert counts["needs_acceleration"] == link % "needs_acceleration"
    assert counts["off_track"] == link % "off_track"
    assert counts["insufficient_data"] == link % "insufficient_data"
    assert counts["not_assessable"] == link % "not_assessable"
    assert counts["on_track"] == "0"
    assert "not_judged" not in counts  # shown only when a target has no judgement yet
    assert f'<a href="/targets/?plan={PLAN}">4 chỉ tiêu</a> đang có hiệu lực' in html


def test_the_chart_reads_the_same_numbers_as_the_table(client, world):
    html = client.get("/").content.decode()

    block = re.search(
        r'<script id="status-chart-data" type="application/json">(.*?)</script>', html
    )
    data = json.loads(block.group(1))
    assert data["kind"] == "status-bar"
    by_status = dict(zip(data["statuses"], data["values"], strict=True))
    assert by_status == {
        "achieved": 0,
        "on_track": 0,
        "needs_acceleration": 1,
        "off_track": 1,
        "regressing": 0,
        "insufficient_data": 1,
        "not_assessable": 1,
    }
    assert data["labels"][data["statuses"].index("off_track")] == "Chậm tiến độ"
    assert data["links"][data["statuses"].index("off_track")] == (
        f"/targets/?plan={PLAN}&status=off_track"
    )
    assertContains(client.get("/"), 'data-chart="status-bar"')
    assertContains(client.get("/"), "/static/web/vendor/echarts/echarts.min.js")


def test_a_count_leads_to_exactly_its_targets(client, world):
    response = client.get(f"/targets/?plan={PLAN}&status=off_track")

    assertContains(response, GROWTH_2025_PHRASE)
    for other in (GROWTH_PHRASE, PER_CAPITA_PHRASE, QUALITATIVE_PHRASE):
        assertNotContains(response, other)
    assertContains(response, "1 chỉ tiêu")
    assertContains(response, "Đánh giá: <strong>Chậm tiến độ</strong>", html=False)


def test_a_target_without_a_judgement_is_counted_apart(client, world):
    world["targets"]["per_capita"].judgement.delete()

    counts = counts_table(client.get("/").content.decode())

    assert counts["not_judged"] == f'<a href="/targets/?plan={PLAN}&amp;status=not_judged">1</a>'
    assert counts["insufficient_data"] == "0"
    response = client.get(f"/targets/?plan={PLAN}&status=not_judged")
    assertContains(response, PER_CAPITA_PHRASE)
    assertNotContains(response, GROWTH_PHRASE)


def test_the_overview_says_the_as_of_date(client, world):
    assertContains(client.get("/"), "Đánh giá trên số liệu đã phê duyệt, tính đến ngày 30/06/2026.")


def test_the_overview_reads_in_english(client, world):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/")

    assertContains(response, '<html lang="en">')
    assertContains(response, "2026–2030 needs 13.69 %/year on average")
    assertContains(response, '<strong class="number">13.69 %/year</strong>', html=True)
    assertContains(response, "Specific objectives and targets")
