"""The tasks board and the project pages in Chromium, on a desktop and at 390 px: the
timeline is drawn with every dated task, the board counts each agency's tasks by deadline
state, a project's capital chart and its district map are drawn, the page never scrolls
sideways, no JavaScript error; English pages name agencies in English."""

import datetime
from decimal import Decimal

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from viewports import DESKTOP, PHONE  # noqa: E402  (after the skip when Playwright is absent)


def _timeline_rows(browser) -> int:
    """Return how many tasks the drawn timeline holds, over its series."""
    series = browser.chart_values("[data-task-timeline]")
    return sum(len(data) for data in series)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_tasks_board_and_timeline_draw(open_browser, demo_site, viewport):
    from plantrack.workplan.models import Task

    dated = Task.objects.exclude(deadline=None).count()
    browser = open_browser(viewport)
    page = browser.page
    browser.open("/tasks/")

    expect(page.locator("[data-task-timeline] canvas")).to_have_count(1)
    assert _timeline_rows(browser) == dated > 10
    expect(page.locator("table.task-board tbody tr").first).to_be_visible()
    expect(page.locator("table.tasks .deadline-overdue").first).to_be_visible()
    assert page.locator("table.tasks tbody.state-overdue tr").count() > 1
    assert browser.page_width() <= viewport["width"]
    browser.shot("1-board")

    # A state count leads to the agency's tasks in that state.
    page.locator("table.task-board td.cell-overdue a").first.click()
    page.wait_for_load_state()
    assert "state=overdue" in page.url
    assert page.locator("table.tasks tbody.state-overdue tr").count() >= 1
    assert page.locator("table.tasks tbody.state-on_schedule .no-data").count() == 1
    browser.shot("2-board-filtered")
    assert browser.errors == []


def test_the_board_reads_in_english(open_browser, demo_site):
    browser = open_browser(DESKTOP)
    page = browser.page
    browser.open("/tasks/")
    page.locator('.language-switch button[value="en"]').click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("table.task-board")).to_contain_text("Department of Finance")
    expect(page.locator("[data-task-timeline] canvas")).to_have_count(1)
    browser.shot("english")
    assert browser.errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_project_page_draws_its_capital_and_its_map(open_browser, demo_site, viewport):
    from plantrack.investment.choices import CapitalSourceKind
    from plantrack.investment.models import CapitalSource, Project, ProjectFinance

    # The demo's projects have no published capital; the test gives one project figures of
    # its own (test data, never shown by the demo) so the chart has something to draw.
    project = Project.objects.get(code="DA-01")
    for year, planned, disbursed in (
        (2024, "1500000000000", "900000000000"),
        (2025, "2000000000000", None),
    ):
        ProjectFinance.objects.create(
            project=project,
            year=year,
            planned=Decimal(planned),
            disbursed=Decimal(disbursed) if disbursed else None,
            as_of=datetime.date(year, 12, 31),
            source="Dữ liệu kiểm thử",
        )
    CapitalSource.objects.create(
        project=project, kind=CapitalSourceKind.CENTRAL_BUDGET, amount=Decimal("5000000000000")
    )
    browser = open_browser(viewport)
    page = browser.page
    browser.open("/projects/DA-01/")

    expect(page.locator('[data-chart-data="capital-years-data"] canvas')).to_have_count(1)
    planned, allocated, disbursed = browser.chart_values('[data-chart-data="capital-years-data"]')
    assert planned == [1500, 2000] and allocated == [None, None] and disbursed == [900, None]
    expect(page.locator('[data-chart-data="capital-sources-data"] canvas')).to_have_count(1)
    expect(page.locator('[data-project-chart="map"] canvas')).to_have_count(1)
    (districts,) = browser.chart_values('[data-project-chart="map"]')
    assert len(districts) == 10
    assert [d["name"] for d in districts if d["value"] == 1] == ["053"]  # Thạch An
    expect(page.locator("#map-table")).to_contain_text("Huyện Thạch An")
    assert browser.page_width() <= viewport["width"]
    browser.shot("project")

    # A project whose capital and place are not published says so, and draws nothing.
    browser.open("/projects/DA-02/")
    expect(page.locator("canvas")).to_have_count(0)
    expect(page.locator("#capital-table")).to_contain_text("Chưa có số liệu vốn công bố")
    assert browser.page_width() <= viewport["width"]
    browser.shot("project-unknown")
    assert browser.errors == []
