"""The year page in Chromium: the provinces' table (sort, filter, shown rows as CSV), the search over every
organisation of every province, links, phones, no request outside the site, no script from names."""
from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import threading
from urllib.parse import unquote

import pytest

from tests.site.conftest import PREVIEW, Recorder, local_path
from tests.site.entries import ALPHA, KOH, SAMRUEAN, small_site
from toolkit.kit import thai
from toolkit.site import build_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    year = small_site(root)
    assert build_site(root).problems == []
    return year


@pytest.fixture
def rec(browser, site):
    r = Recorder(browser, site / "index.html", site.parent, downloads=True)
    yield r
    r.check()
    r.close()


def provinces_shown(pg):
    return pg.eval_on_selector_all("#provinces tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.name)")


def results(pg):
    return pg.eval_on_selector_all("#search-results li", """ls => ls.map(l => ({
      name: l.querySelector('.org').textContent, province: l.querySelector('.province').textContent,
      href: l.querySelector('a.org') ? l.querySelector('a.org').href : null,
      provinceHref: l.querySelector('a.province').href}))""")


def test_the_provinces_table_sorts_filters_and_numbers_rows(rec):
    pg = rec.page
    assert provinces_shown(pg) == thai.sort_thai(["ราชบุรี", "กาญจนบุรี", "กระบี่"])
    head = pg.locator("#provinces thead th[data-col='mean'] button")
    head.click()
    means = pg.eval_on_selector_all("#provinces tbody tr td.c-total", "ts => ts.map(t => t.getAttribute('data-sort'))")
    assert [float(m) for m in means] == sorted(float(m) for m in means)
    assert pg.eval_on_selector_all("#provinces tbody td.no", "ts => ts.map(t => t.textContent)") == ["๑", "๒", "๓"]
    pg.fill("#p-text", "กาญ")
    assert provinces_shown(pg) == ["กาญจนบุรี"]
    assert pg.eval_on_selector_all("#provinces tbody tr:not([hidden]) td.no", "ts => ts.map(t => t.textContent)") == ["๑"]
    pg.fill("#p-text", "")
    pg.check("#p-failed")  # provinces with a document that could not be made
    assert set(provinces_shown(pg)) == {"ราชบุรี", "กระบี่"} or set(provinces_shown(pg)) == {"ราชบุรี"}
    row = pg.locator("#provinces tbody tr[data-name='ราชบุรี']")
    assert row.locator("td.c-count").first.text_content() == "๑๐"
    assert row.locator("td.c-status").text_content() == "๓"


def test_download_of_the_shown_provinces_equals_the_table(rec, site):
    pg = rec.page
    pg.locator("#provinces thead th[data-col='pass_share'] button").click()
    pg.fill("#p-text", "บุรี")
    shown = provinces_shown(pg)
    assert set(shown) == {"ราชบุรี", "กาญจนบุรี"}
    with pg.expect_download() as info:
        pg.click("#download-shown")
    data = info.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0][:3] == ["ลำดับ", "จังหวัด", "จำนวนหน่วยงาน"]
    assert [r[1] for r in rows[1:]] == shown and [r[0] for r in rows[1:]] == ["1", "2"]
    static = list(csv.reader(io.StringIO((site / "ita-provinces.csv").read_bytes()[3:].decode("utf-8"), newline="")))
    assert static[0] == rows[0]
    by_name = {r[1]: r[1:] for r in static[1:]}
    assert [r[1:] for r in rows[1:]] == [by_name[n] for n in shown]


def test_search_finds_organisations_across_provinces(rec, site):
    pg = rec.page
    status = pg.locator("#search-status")
    assert "พิมพ์เพื่อค้นหา" in status.text_content()
    pg.type("#search-input", "เกาะ")  # as typed: results follow each key
    found = results(pg)
    assert {(r["name"], r["province"]) for r in found if r["name"] == KOH} == {(KOH, "ราชบุรี"), (KOH, "กาญจนบุรี")}
    assert status.text_content() == f"พบ {thai.to_thai_digits(str(len(found)))} หน่วยงาน"
    pg.fill("#search-input", "เกาะ กาญจนบุรี")  # every word must match: name, district or province
    assert [(r["name"], r["province"]) for r in results(pg)] == [(KOH, "กาญจนบุรี")]
    pg.fill("#search-input", "อบต.ข่อย")  # the abbreviation, expanded
    assert {r["name"] for r in results(pg)} == {"องค์การบริหารส่วนตำบลข่อย", "องค์การบริหารส่วนตำบลข่อยงาม"}
    pg.fill("#search-input", "อบตสามเรือน")  # without the dot
    assert [r["name"] for r in results(pg)] == [SAMRUEAN]
    pg.fill("#search-input", "ท่าม่วง")  # a district
    assert {r["province"] for r in results(pg)} == {"กาญจนบุรี"} and len(results(pg)) == 2
    pg.fill("#search-input", "ไม่มีชื่อนี้แน่นอน")
    assert results(pg) == [] and status.text_content() == "ไม่พบหน่วยงานที่ตรงกับคำค้น"
    pg.fill("#search-input", "องค์การ")  # more than the list shows: the count says so
    assert len(results(pg)) == 50 and "แสดง ๕๐ รายการแรก" in status.text_content()
    pg.fill("#search-input", "")
    assert results(pg) == [] and "พิมพ์เพื่อค้นหา" in status.text_content()


def test_search_results_link_to_existing_reports(rec, site):
    pg = rec.page
    pg.fill("#search-input", "เทศบาล")
    found = results(pg)
    assert len(found) >= 5
    for r in found:
        for url in (r["href"], r["provinceHref"]):
            if url:
                path = local_path(url)
                assert path and path.is_file() and path.resolve().is_relative_to(site.resolve()), unquote(url)
    pg.fill("#search-input", "สามเรือน ราชบุรี")
    assert [r["name"] for r in results(pg)] == [SAMRUEAN]
    pg.locator("#search-results a.org").first.click()
    pg.wait_for_load_state()
    assert unquote(pg.url).endswith(f"ราชบุรี/{SAMRUEAN}/ita_analysis.html")
    assert pg.locator("#ok").text_content() == "รายงาน"


def test_hostile_names_in_the_search_stay_text(rec):
    pg = rec.page
    pg.fill("#search-input", "alpha")
    assert [r["name"] for r in results(pg)] == [ALPHA]
    pg.fill("#search-input", "<img")
    assert [r["name"] for r in results(pg)] == [ALPHA]
    assert pg.locator("img").count() == 0
    assert pg.evaluate("window.__pwned") is None


def test_the_search_data_cannot_close_its_script_element(site):
    html = (site / "index.html").read_text("utf-8")
    block = re.search(r'<script type="application/json" id="search-data">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in block and "\\u003c" in block  # ALPHA's '<' escaped: no '</script>' can appear
    data = json.loads(block)
    assert len(data["rows"]) == 10 + 3 + 60
    assert len(re.findall(r"<script>", html)) == 1  # the one executable script


def test_every_link_of_the_year_page_resolves(rec, site):
    hrefs = rec.page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    names = set()
    for url in hrefs:
        path = local_path(url)
        assert path and path.is_file() and path.resolve().is_relative_to(site.resolve()), unquote(url)
        names.add(str(path.relative_to(site)))
    assert {"ราชบุรี/index.html", "ราชบุรี/province_summary.html", "ราชบุรี/province_summary.pdf",
            "กาญจนบุรี/ita-results.xlsx", "ita-results.csv", "ita-results.xlsx", "ita-provinces.csv"} <= names


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_and_reflow(browser, site, width):
    PREVIEW.mkdir(parents=True, exist_ok=True)
    r = Recorder(browser, site / "index.html", site.parent, width=width, height=900)
    pg = r.page
    pg.evaluate("document.fonts.ready")
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    pg.fill("#search-input", "หนอง")
    for selector in ("#search-input", "#provinces tbody tr >> nth=0 >> td.c-name",
                     "#provinces tbody tr >> nth=0 >> td.c-total"):
        box = pg.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
    pg.screenshot(path=str(PREVIEW / f"year_{width}.png"), full_page=True)
    r.check()
    r.close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test's output stays readable
        pass


@pytest.fixture(scope="module")
def server(site):
    """Any static web server: Python's, on a free local port, serving the output folder."""
    handler = functools.partial(Quiet, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_site_works_from_a_static_web_server(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors, console, requests, statuses = [], [], [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: console.append((m.type, m.text)))
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("response", lambda r: statuses.append((r.status, r.url)))
    pg.goto(f"{server}/2569/index.html")
    pg.fill("#search-input", "เกาะ")
    assert {r["province"] for r in results(pg) if r["name"] == KOH} == {"ราชบุรี", "กาญจนบุรี"}
    pg.locator("#provinces a.org", has_text="ราชบุรี").click()
    pg.wait_for_load_state()
    assert pg.locator("#shown").text_content() == "แสดง ๑๐ จาก ๑๐ หน่วยงาน"  # the province page's script ran
    pg.locator("nav.crumbs a").click()
    pg.wait_for_load_state()
    assert statuses and all(s == 200 for s, _ in statuses), [unquote(u) for s, u in statuses if s != 200]
    assert errors == [] and [m for m in console if m[0] in ("error", "warning")] == []
    assert requests and all(u.startswith((server + "/", "data:")) for u in requests), requests
    # and on to a report (a stand-in here; its own page may ask the server for an icon: not the site's)
    pg.fill("#search-input", "สามเรือน ราชบุรี")
    pg.locator("#search-results a.org").click()
    pg.wait_for_load_state()
    assert pg.locator("#ok").text_content() == "รายงาน"
    context.close()
