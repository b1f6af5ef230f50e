"""A leader's journey in Chromium, on a desktop and on a 390 px phone: the overview's status
chart is drawn with its data, an off-track count leads to its targets, a target leads to its
indicator page, whose chart is drawn and whose table is one key away; no JavaScript error."""

import re

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from viewports import DESKTOP, PHONE  # noqa: E402  (after the skip when Playwright is absent)

ANNUAL_PLAN = "KH-CB-2025"
OFF_TRACK_PHRASE = "tăng trưởng kinh tế 8%"


def log_in(browser, site, username: str) -> None:
    page = browser.page
    browser.open("/login/?next=/")
    page.fill("#id_username", username)
    page.fill("#id_password", site.logins[username])
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(site.url + "/")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_leader_reads_the_overview_and_opens_an_off_track_target(open_browser, demo_site, viewport):
    browser = open_browser(viewport)
    page = browser.page
    narrow = viewport["width"]
    log_in(browser, demo_site, "viewer")

    # The overview of the master plan: the status bar chart, drawn with the table's numbers.
    chart = page.locator('[data-chart="status-bar"]')
    expect(chart.locator("canvas")).to_have_count(1)
    bars = browser.chart_values('[data-chart="status-bar"]')[0]
    cells = page.locator("table.status-counts td.count").all_inner_texts()
    assert [bar["value"] for bar in bars] == [int(cell) for cell in cells]
    assert sum(bar["value"] for bar in bars) > 0
    assert browser.page_width() <= narrow
    browser.shot("1-overview")

    # Another plan, then its off-track count.
    page.select_option("#plan-picker", ANNUAL_PLAN)
    page.locator(".plan-picker button").click()
    page.wait_for_url(re.compile(rf"\?plan={ANNUAL_PLAN}$"))
    expect(page.locator("#acting + .table-scroll, #acting ~ div").first).to_contain_text(
        OFF_TRACK_PHRASE
    )
    browser.shot("2-annual-plan")
    page.locator("table.status-counts tr", has=page.locator(".status-off_track")).locator(
        "a"
    ).click()
    page.wait_for_url(re.compile(rf"/targets/\?plan={ANNUAL_PLAN}&status=off_track$"))
    rows = page.locator("table.targets tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(OFF_TRACK_PHRASE)
    expect(rows.first.locator(".status-off_track")).to_be_visible()
    assert browser.page_width() <= narrow
    browser.shot("3-off-track-targets")

    # The target's indicator: its chart is drawn with the figures and the plans' targets.
    rows.first.locator(".indicator-link a").click()
    page.wait_for_url(re.compile(r"/indicators/grdp_growth/$"))
    expect(page.locator("#panel-chart canvas")).to_have_count(1)
    series = browser.chart_values('[data-chart="indicator-series"]')
    figures = [value for value in series[0] if value is not None]
    assert len(figures) >= 5  # GRDP growth 2018–2025, with the gaps the sources leave
    assert len(series) > 2  # the figures' line, a series per status, the plans' targets
    assert browser.page_width() <= narrow
    browser.shot("4-indicator-chart")

    # Chart / Table with the keyboard: the table shows, the chart hides.
    page.focus("#tab-chart")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-table")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tab-table")).to_be_focused()
    expect(page.locator("#panel-table table")).to_be_visible()
    expect(page.locator("#panel-chart")).to_be_hidden()
    browser.shot("5-indicator-table")

    # Back to the off-track target, now its own page: the three methods and its history.
    page.go_back()
    page.locator("table.targets tbody tr").first.locator("a.phrase").click()
    page.wait_for_url(re.compile(r"/targets/\d+/$"))
    expect(page.locator("h1")).to_contain_text(OFF_TRACK_PHRASE)
    expect(page.locator("table.methods tbody tr")).to_have_count(3)
    expect(page.locator('[data-chart="status-history"] canvas')).to_have_count(1)
    history = browser.chart_values('[data-chart="status-history"]')[0]
    rows = page.locator("table.history tbody tr")
    assert len(history) == rows.count() > 0  # a point per date, as in the table
    assert browser.page_width() <= narrow
    browser.shot("6-target-page")

    assert browser.errors == []


def test_the_map_draws_the_districts_and_the_new_communes_are_a_table(open_browser, demo_site):
    browser = open_browser(DESKTOP)
    page = browser.page
    browser.open("/indicators/commune_units_per_district/")
    expect(page.locator('[data-chart="choropleth"] canvas')).to_have_count(1)
    areas = browser.chart_values('[data-chart="choropleth"]')[0]
    assert len(areas) == 10 and sum(area["value"] for area in areas) == 161
    browser.shot("1-district-map")

    browser.open("/indicators/commune_area_2025/")
    expect(page.locator(".map-reason")).to_contain_text("Chưa có ranh giới")
    expect(page.locator("table.map-table tbody tr")).to_have_count(56)
    browser.shot("2-commune-table")
    assert browser.errors == []


def test_chart_numbers_follow_the_page_language(open_browser, demo_site):
    browser = open_browser(DESKTOP)
    page = browser.page
    browser.open("/indicators/grdp_per_capita/")
    expect(page.locator("#panel-chart canvas")).to_have_count(1)
    formatter = """() => {
        const chart = echarts.getInstanceByDom(document.querySelector('[data-chart]'));
        return chart.getOption().yAxis[0].axisLabel.formatter(6700.3);
    }"""
    assert page.evaluate(formatter) == "6.700,3"

    page.locator('.language-switch button[value="en"]').click()
    page.wait_for_url(re.compile(r"/indicators/grdp_per_capita/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#panel-chart canvas")).to_have_count(1)
    assert page.evaluate(formatter) == "6,700.3"
    browser.shot("english")
    assert browser.errors == []
