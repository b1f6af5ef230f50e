"""Browser tests: Playwright for Python driving Debian's Chromium on the Cao Bằng demo.

The browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium``; `.ci/run`
installs it when missing), never a browser build downloaded by Playwright. Where it is
absent every test here is skipped, with the reason in pytest's summary. Each test gets
Django's live server (pytest-django ``live_server``) over a database holding the demo, a
fresh browser page that records every JavaScript console error, and a folder for its
screenshots: ``test-artifacts/screenshots/`` (git-ignored; ``PLANTRACK_SCREENSHOTS`` names
another).
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(
    os.environ.get(
        "PLANTRACK_SCREENSHOTS",
        Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots",
    )
)

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test extras are not installed
    sync_playwright = None


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "Playwright is not installed: install the test extras (make install-test)."
    if not CHROMIUM.exists():
        return (
            f"Chromium is not installed at {CHROMIUM}: browser tests skipped "
            "(apt-get install chromium runs them; Playwright never downloads a browser)."
        )
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def demo_site(live_server, settings):
    """Load the Cao Bằng demo and its demo accounts; return the live server.

    The live server's database is the test database, emptied after each test
    (``transactional_db``, which ``live_server`` brings).
    """
    from plantrack.demo.services import assess_demo_plans, load_demo, reset_demo_users

    load_demo()
    assess_demo_plans()
    live_server.logins = {login.username: login.password for login in reset_demo_users()}
    return live_server


class BrowserPage:
    """A Chromium page on the live server that keeps its console errors and screenshots."""

    def __init__(self, page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.name = name
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def shot(self, step: str) -> Path:
        """Write a full-page screenshot named after the test and the step; return its path."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def chart_values(self, selector: str) -> list:
        """Return the data of every series of the ECharts chart drawn in ``selector``."""
        return self.page.evaluate(
            """(selector) => {
                const element = document.querySelector(selector);
                const chart = element && echarts.getInstanceByDom(element);
                return chart ? chart.getOption().series.map((s) => s.data) : null;
            }""",
            selector,
        )

    def page_width(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def chromium(monkeypatch):
    """Yield a Chromium browser (the system's), closed after the test."""
    # Playwright's sync API runs its event loop in this thread; Django's ORM (the test's
    # own set-up and tear-down) would otherwise refuse to run beside it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()
        # Inside Playwright's loop the ORM keeps its connections apart from the test's
        # (Django holds them per context); closed here, or PostgreSQL's test database keeps
        # a session open and pytest-django cannot drop it at the end of the run.
        connections.close_all()


@pytest.fixture
def open_browser(chromium, demo_site, request):
    """Return a function that opens a page of the given viewport, named for screenshots."""
    contexts = []

    def open_page(viewport: dict, suffix: str = "") -> BrowserPage:
        context = chromium.new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        name = re.sub(r"[^\w-]+", "-", request.node.name.removeprefix("test_")).strip("-")
        name += f"-{suffix}" if suffix else ""
        return BrowserPage(context.new_page(), demo_site.url, name)

    yield open_page
    for context in contexts:
        context.close()
