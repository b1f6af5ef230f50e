"""The public's journey, with no login: the menu's open data, a plan's published figures
downloaded as CSV, an indicator page's own download; nothing unpublished in the file."""

import csv
import io

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from viewports import DESKTOP, PHONE  # noqa: E402  (after the skip when Playwright is absent)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_citizen_downloads_the_published_figures(open_browser, demo_site, viewport):
    browser = open_browser(viewport)
    page = browser.page
    browser.open("/")
    page.locator("nav a", has_text="Dữ liệu mở").click()
    page.wait_for_url(demo_site.url + "/open-data/")
    expect(page.locator("h1")).to_have_text("Dữ liệu mở")
    assert browser.page_width() <= viewport["width"]
    browser.shot("1-open-data")

    with page.expect_download() as download_info:
        page.locator("table.open-data-plans tr", has_text="1486/QĐ-TTg").get_by_role(
            "link", name="CSV", exact=True
        ).click()
    path = download_info.value.path()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "the master plan's published figures"
    assert all(row for row in rows)
    assert "grdp_growth" in text and "https://" in text  # figures with their sources

    browser.open("/indicators/grdp_growth/")
    expect(page.locator(".downloads a", has_text="SDMX-CSV")).to_be_visible()
    browser.shot("2-indicator-downloads")
    assert browser.errors == []
