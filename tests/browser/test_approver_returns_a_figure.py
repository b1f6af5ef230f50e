"""An approver's journey in Chromium: the reporter has submitted two figures of the open
round; the approver opens the review grid, returns one with a reason (saved at once by
htmx, the other left waiting), and the reporter then sees it returned with the reason,
ready to correct; no JavaScript error."""

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from django.contrib.auth import get_user_model  # noqa: E402
from grid_journeys import GRID, REVIEW, SOURCE, log_in, open_industry_round  # noqa: E402
from viewports import DESKTOP  # noqa: E402  (after the skip when Playwright is absent)

from plantrack.observations.choices import WorkflowState  # noqa: E402
from plantrack.observations.entry import enter_observation  # noqa: E402
from plantrack.observations.models import Observation  # noqa: E402

REASON = "Chưa khớp số liệu của Thống kê tỉnh: đề nghị kiểm tra lại"


def test_approver_returns_one_figure_with_a_reason(open_browser, demo_site):
    open_industry_round()
    reporter = get_user_model().objects.get(username="reporter")
    for code, value in (("trade_turnover", "1050,5"), ("growth_industry", "7,5")):
        enter_observation(
            user=reporter,
            indicator=code,
            unit="04",
            period="2025",
            value=value,
            source=SOURCE,
            submit=True,
        )

    browser = open_browser(DESKTOP, "approver")
    page = browser.page
    log_in(browser, demo_site, "approver", "/observations/grid/")
    page.wait_for_url(demo_site.url + REVIEW)
    expect(page.locator("h1")).to_contain_text("Duyệt số liệu trên bảng")
    browser.shot("1-review-grid")

    row = page.locator("tr", has=page.locator("code", has_text="trade_turnover"))
    # The figure just submitted (the demo's own round adds a 2024 column, approved).
    cell = row.locator("td.grid-cell.state-submitted")
    cell_id = cell.get_attribute("id")
    # Returning without a reason is refused in place.
    cell.get_by_role("button", name="Trả lại").click()
    expect(page.locator(f"#{cell_id} .cell-errors")).to_contain_text("Hãy ghi lý do trả lại.")
    page.locator(f"#{cell_id} textarea").fill(REASON)
    page.locator(f"#{cell_id}").get_by_role("button", name="Trả lại").click()
    expect(page.locator(f"#{cell_id} .cell-note")).to_contain_text("Đã trả lại trade_turnover")
    expect(page.locator(f"#{cell_id} .review-note")).to_contain_text(REASON)
    browser.shot("2-returned")
    states = dict(
        Observation.objects.filter(created_by=reporter).values_list("indicator__code", "state")
    )
    assert states == {
        "trade_turnover": WorkflowState.REJECTED,
        "growth_industry": WorkflowState.SUBMITTED,
    }
    assert browser.errors == []

    reporter_view = open_browser(DESKTOP, "reporter")
    log_in(reporter_view, demo_site, "reporter", "/observations/grid/")
    reporter_view.page.wait_for_url(demo_site.url + GRID)
    returned = reporter_view.page.locator(f"#{cell_id}")
    expect(returned.locator(".cell-state")).to_contain_text("Bị trả lại")
    expect(returned.locator(".review-note")).to_contain_text(f"Lý do trả lại: {REASON}")
    expect(returned.locator("input.cell-value")).to_be_editable()
    reporter_view.shot("3-reporter-sees-the-reason")
    assert reporter_view.errors == []
