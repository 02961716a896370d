"""The report HTML on a phone (390 px) and a desktop (1280 px) in real Chromium (Playwright): the page never
scrolls sideways, a wide table or chart scrolls inside its own box, chart text stays at least 10 px high."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support import EXAMPLES, PLAN_EXAMPLE, PROVINCE_EXAMPLE, SEED003, SIX_MONTH
from toolkit.export.pdf import chromium_path

pytestmark = pytest.mark.slow
playwright = pytest.importorskip("playwright.sync_api")
ONE_PER_TYPE = [SEED003, EXAMPLES / "thungtuayang_2569.yaml", SIX_MONTH, PLAN_EXAMPLE, PROVINCE_EXAMPLE]

MEASURE = """() => {
  const vw = window.innerWidth;
  const scrolls = el => { for (let p = el; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const out = {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: vw, sticking: [], small: [], texts: 0};
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 0.5 && !scrolls(el))
      out.sticking.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 30));
  }
  for (const t of document.querySelectorAll('figure.chart svg text')) {
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    out.texts += 1;
    if (px < 9.95) out.small.push(px.toFixed(1) + 'px ' + t.textContent.slice(0, 20));
  }
  out.sticking = out.sticking.slice(0, 10); out.small = out.small.slice(0, 10);
  return out;
}"""


class Browser:
    """Chromium driven from a thread of its own: the PDF renderer keeps a Playwright of its own in this one."""

    def __init__(self, path: str):
        self.pool = ThreadPoolExecutor(1)
        self.pool.submit(self._start, path).result()

    def _start(self, path: str) -> None:
        self.pw = playwright.sync_playwright().start()
        self.browser = self.pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])

    def _measure(self, html: str, width: int) -> dict:
        page = self.browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.route(re.compile(r"^(?!data:|about:).*"), lambda route: route.abort())
            page.set_content(html, wait_until="load")
            return page.evaluate(MEASURE)
        finally:
            page.close()

    def measure(self, html: str, width: int) -> dict:
        return self.pool.submit(self._measure, html, width).result()

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self.pw.stop()
        self.pool.submit(stop).result()
        self.pool.shutdown()


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium installed")
    b = Browser(path)
    yield b
    b.close()


def measure(browser: Browser, html: str, width: int) -> dict:
    return browser.measure(html, width)


def phone_rules_removed(html: str) -> str:
    """The same report without report.css's phone rules: what the test must catch."""
    start = html.index("@media (max-width: 40em)")
    depth, i = 0, html.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(html[i], 0)
        if depth == 0:
            return html[:start] + html[i + 1:]
        i += 1


@pytest.mark.parametrize("path", ONE_PER_TYPE, ids=lambda p: p.stem)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_report_reflows(path, width, browser, example_render):
    m = measure(browser, example_render(path).html, width)
    assert m["scrollWidth"] <= m["innerWidth"], m
    assert m["sticking"] == [], m["sticking"]
    if width < 600:  # on a desktop charts show at their print size (the heatmap's 7 pt cells: 9.3 px)
        assert m["small"] == [], m["small"]
    if path.suffix != ".json" and "plan" not in path.stem:
        assert m["texts"] > 20  # the charts are there, as text


def test_the_phone_check_fails_without_the_phone_rules(browser, example_render):
    m = measure(browser, phone_rules_removed(example_render(SEED003).html), 390)
    assert m["sticking"] and m["small"], m  # tables stick out of the screen, chart text shrinks below 10 px
