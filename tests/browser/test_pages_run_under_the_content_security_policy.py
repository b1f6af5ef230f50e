"""Every kind of page runs under the Content-Security-Policy (script-src 'self', no inline
script or style): Chromium reports a blocked script or style as a console error, and none
appears, on the pages, the charts' tooltips, the forms' scripts and the API's docs."""

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from viewports import DESKTOP  # noqa: E402  (after the skip when Playwright is absent)

PAGES = [
    "/",
    "/targets/",
    "/tasks/",
    "/projects/",
    "/rounds/",
    "/observations/import/",
    "/observations/mine/",
    "/observations/approvals/",
    "/progress/rejudge/",
    "/extraction/",
    "/admin/",
    "/api/docs/endpoints/",
]


def test_pages_raise_no_policy_violation(open_browser, demo_site):
    browser = open_browser(DESKTOP)
    page = browser.page
    response = page.goto(demo_site.url + "/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "admin")
    page.fill("#id_password", demo_site.logins["admin"])
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(demo_site.url + "/")

    missing: list[str] = []
    page.on("response", lambda answer: answer.status >= 400 and missing.append(answer.url))
    for path in PAGES:
        browser.open(path)
    # An indicator page with its chart, and a task and a project page, from the lists.
    browser.open("/indicators/grdp_growth/")
    expect(page.locator("[data-chart] canvas").first).to_be_visible()
    # The chart's tooltip is written by ECharts into the page: hover it.
    page.locator("[data-chart] canvas").first.hover()
    page.mouse.move(400, 300)
    browser.open("/tasks/")
    page.locator("main table a[href^='/tasks/']").first.click()
    browser.open("/projects/")
    page.locator("main table a[href^='/projects/']").first.click()
    # The re-judge page's script (a static file) still runs: it shows the busy note.
    browser.open("/progress/rejudge/")
    page.locator("#rejudge-button").click()
    page.wait_for_load_state()

    # The admin names no icon, so Chromium asks for /favicon.ico: the one resource missing.
    assert {url.removeprefix(demo_site.url) for url in missing} <= {"/favicon.ico"}
    errors = [error for error in browser.errors if "Failed to load resource" not in error]
    assert errors == [], "\n".join(errors)


def test_the_api_docs_start_swagger_ui_from_a_file(open_browser, demo_site):
    browser = open_browser(DESKTOP)
    browser.open("/api/docs/")

    expect(browser.page.locator(".swagger-ui .information-container")).to_be_visible()
    assert browser.errors == [], "\n".join(browser.errors)
