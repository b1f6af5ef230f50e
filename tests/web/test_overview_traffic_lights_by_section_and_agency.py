"""The overview's traffic-light tables: statuses by plan section, by sector and by lead
agency, every cell linking to its targets."""

import re

import pytest
from overview_world import GROWTH_2025_PHRASE, GROWTH_PHRASE, PER_CAPITA_PHRASE, build
from pytest_django.asserts import assertContains, assertNotContains

from plantrack.plans.choices import Sector

pytestmark = pytest.mark.django_db
PLAN = "QH-CB-2021-2030"


@pytest.fixture
def world(master_plan, grdp_growth, grdp_per_capita, province, publish):
    return build(master_plan, grdp_growth, grdp_per_capita, province, publish)


def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    """Return each row's heading (tags removed) → its cells (tags removed)."""
    table = html.split(f'id="{table_id}-table"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        heading = re.sub(r"<[^>]+>", "", re.search(r"<th.*?</th>", row, re.S).group(0)).strip()
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td.*?</td>", row, re.S)
        ]
        rows[heading] = cells
    return rows


def test_statuses_by_section_with_a_column_per_status_present(client, world):
    html = client.get("/").content.decode()

    rows = table_rows(html, "by-section")
    # Columns: needs acceleration, off track, not enough data, not assessable, total.
    assert rows == {
        "b) Mục tiêu, chỉ tiêu cụ thể": ["1", "0", "1", "0", "2"],
        "Chỉ tiêu năm 2025": ["0", "1", "0", "0", "1"],
        "Chỉ tiêu chưa gắn với mục nào": ["0", "0", "0", "1", "1"],
    }
    section = world["sections"]["specific"].pk
    assertContains(
        client.get("/"),
        f'href="/targets/?plan={PLAN}&amp;status=needs_acceleration&amp;section={section}"',
    )


def test_statuses_by_lead_agency_with_the_unassigned_last(client, world):
    rows = table_rows(client.get("/").content.decode(), "by-agency")

    assert list(rows) == ["Sở Công Thương", "Sở Tài chính", "Chưa phân công cơ quan chủ trì"]
    assert rows["Sở Công Thương"] == ["1", "1", "0", "0", "2"]
    assert rows["Sở Tài chính"] == ["0", "0", "1", "0", "1"]


def test_a_cell_leads_to_its_targets(client, world):
    section = world["sections"]["specific"].pk

    response = client.get(f"/targets/?plan={PLAN}&section={section}&status=needs_acceleration")

    assertContains(response, GROWTH_PHRASE)
    assertNotContains(response, PER_CAPITA_PHRASE)
    assertNotContains(response, GROWTH_2025_PHRASE)
    assertContains(response, "Mục: <strong>b) Mục tiêu, chỉ tiêu cụ thể</strong>")


def test_an_agency_cell_leads_to_its_targets(client, world):
    response = client.get(f"/targets/?plan={PLAN}&agency=SCT")

    assertContains(response, GROWTH_PHRASE)
    assertContains(response, GROWTH_2025_PHRASE)
    assertNotContains(response, PER_CAPITA_PHRASE)
    assertContains(response, "Cơ quan chủ trì: <strong>Sở Công Thương</strong>")


@pytest.fixture
def sectors(world, grdp_growth, grdp_per_capita):
    grdp_growth.sector = Sector.ECONOMY
    grdp_growth.save(update_fields=["sector"])
    grdp_per_capita.sector = Sector.SOCIETY  # not its sector: two sectors to tell apart
    grdp_per_capita.save(update_fields=["sector"])


def test_statuses_by_sector_in_the_plans_order_with_the_unsorted_last(client, sectors):
    rows = table_rows(client.get("/").content.decode(), "by-sector")

    assert rows == {
        "Kinh tế": ["1", "1", "0", "0", "2"],
        "Xã hội": ["0", "0", "1", "0", "1"],
        "Chưa xếp lĩnh vực": ["0", "0", "0", "1", "1"],
    }
    assertContains(
        client.get("/"), f'href="/targets/?plan={PLAN}&amp;status=off_track&amp;sector=economy"'
    )


def test_a_sector_cell_leads_to_its_targets_and_reads_in_english(client, sectors):
    response = client.get(f"/targets/?plan={PLAN}&sector=economy")

    assertContains(response, GROWTH_PHRASE)
    assertContains(response, GROWTH_2025_PHRASE)
    assertNotContains(response, PER_CAPITA_PHRASE)
    assertContains(response, "Lĩnh vực: <strong>Kinh tế</strong>")

    client.cookies["django_language"] = "en"
    rows = table_rows(client.get("/").content.decode(), "by-sector")
    assert list(rows) == ["Economy (Kinh tế)", "Society (Xã hội)", "Not assigned to a sector"]
