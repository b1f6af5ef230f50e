"""A reporter's journey in Chromium, on a desktop and on a 390 px phone: log in, open the
grid of the agency's open round, type a bad number (refused in place, beside the cell),
correct it and press Enter (saved at once by htmx, no page load, the focus one cell down),
and submit all; no JavaScript error."""

import re

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from grid_journeys import GRID, SOURCE, log_in, open_industry_round  # noqa: E402
from viewports import DESKTOP, PHONE  # noqa: E402  (after the skip when Playwright is absent)

from plantrack.observations.choices import WorkflowState  # noqa: E402
from plantrack.observations.models import Observation  # noqa: E402


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reporter_fills_the_grid_and_submits_all(open_browser, demo_site, viewport):
    reporting_round = open_industry_round()
    browser = open_browser(viewport)
    page = browser.page
    log_in(browser, demo_site, "reporter", "/observations/grid/")
    page.wait_for_url(demo_site.url + GRID)
    expect(page.locator("h1")).to_contain_text("Bảng nhập số liệu")
    expect(page.locator(".grid-rounds")).to_contain_text(reporting_round.title)
    assert browser.page_width() <= viewport["width"]
    browser.shot("1-grid")

    page.fill("#grid-source", SOURCE)
    cell = page.locator("td.grid-cell", has=page.locator("input.cell-value")).first
    cell_id = cell.get_attribute("id")
    cell = page.locator(f"#{cell_id}")

    # A bad number: htmx brings the cell back with the message beside it; nothing is saved.
    cell.locator("input.cell-value").fill("12,3,4")
    cell.locator("input.cell-value").press("Tab")
    expect(cell.locator(".cell-errors")).to_contain_text("không phải là một số")
    expect(cell.locator("input.cell-value")).to_have_attribute("aria-invalid", "true")
    browser.shot("2-bad-number")
    before = Observation.objects.filter(created_by__username="reporter").count()

    # Corrected, in Vietnamese style, and Enter: saved as a draft, the page not reloaded,
    # the focus one cell down the column, as in a spreadsheet.
    page.evaluate("window.notReloaded = true")
    cell.locator("input.cell-value").fill("1.234,5")
    cell.locator("input.cell-value").press("Enter")
    expect(cell.locator(".cell-note")).to_have_text("Đã lưu.")
    focused = page.evaluate(
        "document.activeElement.closest('td') && document.activeElement.closest('td').id"
    )
    assert focused and focused != cell_id
    expect(cell.locator(".cell-state")).to_contain_text("Nháp")
    assert page.evaluate("window.notReloaded") is True
    assert Observation.objects.filter(created_by__username="reporter").count() == before + 1
    browser.shot("3-saved")

    # Submit all: every draft of the grid goes to the approver.
    page.get_by_role("button", name="Lưu và gửi duyệt tất cả").click()
    page.wait_for_url(re.compile(re.escape(GRID) + "$"))
    expect(page.locator(".messages")).to_contain_text("Đã gửi duyệt")
    expect(page.locator(f"#{cell_id} .cell-state")).to_contain_text("Đã gửi")
    saved = Observation.objects.get(created_by__username="reporter", period="2025")
    assert saved.state == WorkflowState.SUBMITTED
    assert str(saved.value.normalize()) == "1234.5"
    assert browser.page_width() <= viewport["width"]
    browser.shot("4-submitted")
    assert browser.errors == []
