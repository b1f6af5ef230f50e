"""WCAG 2.1 AA basics, measured in Chromium on the pages everyone opens, in Vietnamese and
English, on a desktop and a phone: every visible text has a contrast ratio of at least
4.5:1 against what is drawn behind it (3:1 for large text: 24 px, or 18.66 px bold;
success criterion 1.4.3), and every form control and chart has an accessible name
(1.3.1, 4.1.2).

The ratio is WCAG's own formula on the computed colours: the text's colour over the first
opaque background among its ancestors (a background image or a translucent text is
reported, never guessed).
"""

import pytest

pytest.importorskip("playwright.sync_api")

from viewports import DESKTOP, PHONE  # noqa: E402  (after the skip when Playwright is absent)

PAGES = [
    "/",
    "/targets/?plan=QH-CB-2021-2030",
    "/indicators/grdp_growth/",
    "/indicators/commune_area_2025/",
    "/tasks/",
    "/projects/",
    "/open-data/",
    "/login/",
]

# Runs in the page: every element with its own visible text, and the controls' names.
AUDIT = """() => {
  const channel = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) =>
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const backdrop = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") return { image: true };
      const colour = parse(style.backgroundColor);
      if (colour && colour.a === 1) return colour;
      if (colour && colour.a > 0) return { translucent: true };
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 1 && box.height > 1 && style.visibility !== "hidden"
      && !element.closest("[hidden], .visually-hidden, details:not([open]) > :not(summary)");
  };
  const problems = [];
  for (const element of document.body.querySelectorAll("*")) {
    const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(element) || element.closest("canvas, svg, script, style")) continue;
    const style = getComputedStyle(element);
    const text = parse(style.color);
    const back = backdrop(element);
    const words = element.textContent.trim().slice(0, 40);
    if (back.image || back.translucent || !text || text.a < 1) {
      problems.push(`${words}: colour over an image or translucent, not measurable`);
      continue;
    }
    const [hi, lo] = [luminance(text), luminance(back)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      const behind = `rgb(${back.r}, ${back.g}, ${back.b})`;
      problems.push(`${words}: ${ratio.toFixed(2)}:1 (${style.color} on ${behind})`);
    }
  }
  const controls = "input:not([type=hidden]), select, textarea, button";
  for (const control of document.querySelectorAll(controls)) {
    const named = control.labels?.length || control.getAttribute("aria-label")
      || control.getAttribute("aria-labelledby") || control.textContent.trim()
      || control.getAttribute("title") || control.type === "submit" && control.value;
    if (!named) problems.push(`${control.outerHTML.slice(0, 80)}: a control with no name`);
  }
  for (const chart of document.querySelectorAll("[data-chart]")) {
    if (!chart.getAttribute("aria-label") && !chart.getAttribute("aria-labelledby")) {
      problems.push(`${chart.outerHTML.slice(0, 80)}: a chart with no name`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_text_contrast_and_names_on_every_public_page(open_browser, language):
    found = {}
    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        browser = open_browser(viewport, f"{language}-{suffix}")
        browser.page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": browser.base_url}]
        )
        for path in PAGES:
            browser.open(path)
            assert browser.page.evaluate("document.documentElement.lang") == language
            problems = browser.page.evaluate(AUDIT)
            if problems:
                found[f"{suffix} {path}"] = problems

    assert not found, found


def test_the_audit_finds_pale_text_a_nameless_field_and_an_unnamed_chart(open_browser):
    # The measure itself: what it must catch, planted on a real page.
    browser = open_browser(DESKTOP)
    browser.open("/")
    browser.page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend",
            '<p id="pale">Chữ nhạt</p><input id="nameless"><div data-chart="x">…</div>');
          document.getElementById("pale").style.color = "#aaaaaa";
        }"""
    )

    problems = browser.page.evaluate(AUDIT)

    assert any(p.startswith("Chữ nhạt: 2.32:1") for p in problems), problems
    assert any("nameless" in p and "no name" in p for p in problems), problems
    assert any('data-chart="x"' in p for p in problems), problems
    assert len(problems) == 3, problems
