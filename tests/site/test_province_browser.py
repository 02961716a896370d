"""A province's page in Chromium: sort (mouse and keyboard), filters, row numbers, the shown rows as CSV,
links, phones, contrast, no request outside the site, no script from organisation names."""
from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest

from tests.site.conftest import PREVIEW, Recorder, local_path
from tests.site.entries import ALPHA, KOH, SAMRUEAN, ratchaburi, small_site
from toolkit.kit import thai
from toolkit.site import build_site
from toolkit.site.levels import contrast

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    year = small_site(root)
    result = build_site(root)
    assert result.problems == [] and result.provinces == 3
    return year


@pytest.fixture
def rec(browser, site):
    r = Recorder(browser, site / "ราชบุรี" / "index.html", site.parent, downloads=True)
    yield r
    r.check()
    r.close()


def visible(pg, attr="data-name"):
    return pg.eval_on_selector_all("#orgs tbody tr:not([hidden])", f"rs => rs.map(r => r.getAttribute('{attr}'))")


def column(pg, key):
    """data-sort of one column over the visible rows (the column found by its header's data-col)."""
    return pg.evaluate("""key => {
      const i = [...document.querySelectorAll('#orgs thead th')].findIndex(th => th.dataset.col === key);
      return [...document.querySelectorAll('#orgs tbody tr:not([hidden])')].map(r => r.cells[i].getAttribute('data-sort'));
    }""", key)


def numbers_shown(pg):
    return pg.eval_on_selector_all("#orgs tbody tr:not([hidden]) td.no", "ts => ts.map(t => t.textContent)")


def header(pg, key):
    return pg.locator(f"#orgs thead th[data-col='{key}']")


def thai_numbers(n):
    return [thai.to_thai_digits(str(i)) for i in range(1, n + 1)]


NAMED = [n for n in {e["organisation"]["name"] for e in ratchaburi()} if n]


def test_default_order_sort_by_score_and_row_numbers_follow(rec):
    pg = rec.page
    assert visible(pg) == thai.sort_thai(NAMED) + [""]
    assert header(pg, "name").get_attribute("aria-sort") == "ascending"
    assert numbers_shown(pg) == thai_numbers(10)

    header(pg, "total").locator("button").click()
    totals = column(pg, "total")
    known = [float(t) for t in totals if t]
    assert known == sorted(known) and totals[-2:] == ["", ""]  # no result: last, whichever the direction
    assert known[0] == 79.5  # numeric order, not text order
    assert header(pg, "total").get_attribute("aria-sort") == "ascending"
    assert header(pg, "name").get_attribute("aria-sort") is None
    assert numbers_shown(pg) == thai_numbers(10)  # ลำดับ follows the sort
    assert visible(pg)[0] == "องค์การบริหารส่วนตำบลกาหลง"
    arrow = pg.evaluate("el => getComputedStyle(el, '::before').content",
                        header(pg, "total").locator(".arrow").element_handle())
    assert arrow == '"▲"'

    header(pg, "total").locator("button").click()
    totals = column(pg, "total")
    known = [float(t) for t in totals if t]
    assert known == sorted(known, reverse=True) and totals[-2:] == ["", ""]
    assert header(pg, "total").get_attribute("aria-sort") == "descending"
    assert visible(pg)[0] == "องค์การบริหารส่วนตำบลข่อย"

    for key in ("IIT", "previous", "change", "level", "district", "weakest", "status"):
        header(pg, key).locator("button").click()
        values = column(pg, key)
        known = [float(v) for v in values if v]
        assert known == sorted(known), key
        assert all(v == "" for v in values[len(known):]), key
    assert header(pg, "no").locator("button").count() == 0  # row numbers are positions, not a column to sort


def test_sorting_by_keyboard(rec):
    pg = rec.page
    button = header(pg, "total").locator("button")
    button.focus()
    pg.keyboard.press("Enter")
    assert header(pg, "total").get_attribute("aria-sort") == "ascending"
    pg.keyboard.press("Space")
    assert header(pg, "total").get_attribute("aria-sort") == "descending"
    pg.keyboard.press("Shift+Tab")  # back to the previous header's button
    pg.keyboard.press("Enter")
    assert header(pg, "OIT").get_attribute("aria-sort") == "ascending"
    assert pg.evaluate("document.activeElement.closest('th').dataset.col") == "OIT"


def test_filters_count_and_numbers(rec):
    pg = rec.page
    shown = pg.locator("#shown")
    assert shown.text_content() == "แสดง ๑๐ จาก ๑๐ หน่วยงาน"
    pg.fill("#f-text", "เทศบาล")
    assert len(visible(pg)) == 3 and shown.text_content() == "แสดง ๓ จาก ๑๐ หน่วยงาน"
    assert numbers_shown(pg) == thai_numbers(3)
    pg.fill("#f-text", "โพธาราม")  # a district
    assert sorted(visible(pg)) == sorted([KOH, "องค์การบริหารส่วนตำบลข่อย"])
    pg.fill("#f-text", "อบต.ข่อย")  # the official abbreviation
    assert visible(pg) == ["องค์การบริหารส่วนตำบลข่อย"]
    pg.fill("#f-text", "alpha")  # Latin, any case
    assert visible(pg) == [ALPHA]
    pg.fill("#f-text", "ไม่มีหน่วยงานนี้")
    assert visible(pg) == [] and pg.locator("[data-no-match='orgs']").is_visible()
    pg.fill("#f-text", "")
    assert len(visible(pg)) == 10 and not pg.locator("[data-no-match='orgs']").is_visible()

    pg.select_option("#f-level", "ผ่านดีเยี่ยม")
    assert visible(pg) == thai.sort_thai([SAMRUEAN, "องค์การบริหารส่วนตำบลข่อย"])
    pg.select_option("#f-district", "โพธาราม")
    assert visible(pg) == ["องค์การบริหารส่วนตำบลข่อย"] and numbers_shown(pg) == ["๑"]
    pg.select_option("#f-level", "")
    pg.select_option("#f-district", "")
    pg.select_option("#f-type", "ทม.")
    assert sorted(visible(pg)) == sorted(["เทศบาลเมืองราชบุรี", "เทศบาลเมืองก"])
    pg.select_option("#f-type", "")

    pg.check("#f-below")  # an indicator below the pass line
    assert sorted(visible(pg)) == sorted(["เทศบาลเมืองราชบุรี", "องค์การบริหารส่วนตำบลกาหลง"])
    pg.uncheck("#f-below")
    pg.check("#f-failed")  # a document that could not be made
    assert sorted(visible(pg)) == sorted(["", "องค์การบริหารส่วนตำบลดอนแร่", "องค์การบริหารส่วนตำบลเกาะพลับพลา"])
    assert shown.text_content() == "แสดง ๓ จาก ๑๐ หน่วยงาน"
    pg.uncheck("#f-failed")
    assert len(visible(pg)) == 10
    options = pg.eval_on_selector_all("#f-level option", "os => os.map(o => o.value)")
    assert options == ["", "ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง"]
    # every filter has a label the browser associates with it
    for control in ("#f-text", "#f-level", "#f-district", "#f-type", "#f-below", "#f-failed"):
        assert pg.evaluate(f"document.querySelector('{control}').labels.length") >= 1, control


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_download_of_the_shown_rows_equals_the_table(rec, site):
    pg = rec.page
    pg.fill("#f-text", "อบต.")
    header(pg, "total").locator("button").click()
    header(pg, "total").locator("button").click()  # descending
    names = visible(pg)
    assert len(names) == 5
    with pg.expect_download() as info:
        pg.click("#download-shown")
    download = info.value
    assert download.suggested_filename == "ผลITA_ราชบุรี_2569_ที่แสดง.csv"
    rows = read_csv(download.path().read_bytes())
    head, body = rows[0], rows[1:]
    assert head[:4] == ["ลำดับ", "จังหวัด", "อำเภอ", "ชื่อหน่วยงาน"] and "คะแนนรวม" in head
    # exactly the rows shown, in the order shown, numbered as shown
    assert [r[3] for r in body] == names
    assert [r[0] for r in body] == [str(i) for i in range(1, 6)]
    total = head.index("คะแนนรวม")
    shown_totals = pg.eval_on_selector_all("#orgs tbody tr:not([hidden]) td.c-total", "ts => ts.map(t => t.textContent)")
    assert [thai.to_thai_digits(r[total]) or "–" for r in body] == shown_totals
    # and the same cells as the full static table, which Python wrote
    static = read_csv((site / "ราชบุรี" / "ita-results.csv").read_bytes())
    assert static[0] == head
    by_name = {r[3]: r[1:] for r in static[1:]}
    assert [r[1:] for r in body] == [by_name[n] for n in names]
    assert len(static) == 11  # every organisation in the static file


def test_every_link_resolves_to_a_file_of_the_site(rec, site):
    pg = rec.page
    hrefs = pg.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    assert len(hrefs) > 20
    for url in hrefs:
        path = local_path(url)
        assert path is not None and path.is_file(), unquote(url)
        assert path.resolve().is_relative_to(site.parent.resolve())
    names = {local_path(u).name for u in hrefs}
    assert {"ita_analysis.docx", "integrity_report.html", "anticorruption_plan.pdf", "province_summary.html",
            "ita-results.xlsx", "index.html"} <= names
    pg.locator("a.org", has_text="สามเรือน").click()
    pg.wait_for_load_state()
    assert pg.url.endswith("/ita_analysis.html") and pg.locator("#ok").text_content() == "รายงาน"
    pg.go_back()
    pg.locator("nav.crumbs a").click()  # up to the year page
    pg.wait_for_load_state()
    assert local_path(pg.url) == site / "index.html"


def test_hostile_text_stays_text(rec):
    pg = rec.page
    row = pg.locator("#orgs tbody tr", has_text="Alpha")
    assert 'onerror="window.__pwned=1"' in row.locator("td.c-name").inner_text().replace("\u200b", "")
    assert pg.locator("#orgs img, #orgs script, img").count() == 0
    assert "<script>window.__pwned=3</script>" in pg.locator("#orgs small.en").last.inner_text()


def test_without_javascript_every_row_is_listed(browser, site):
    r = Recorder(browser, site / "ราชบุรี" / "index.html", site.parent, js=False)
    pg = r.page
    assert visible(pg) == thai.sort_thai(NAMED) + [""]
    assert pg.locator("#orgs tbody tr").evaluate_all("rs => rs.filter(r => r.offsetHeight > 0).length") == 10
    assert not pg.locator(".controls").is_visible()
    assert pg.locator("#chart-levels svg rect").count() == 4  # the charts need no script
    r.check()
    r.close()


def test_content_security_policy_blocks_injected_handlers(browser, site, tmp_path):
    """Defence in depth: were escaping ever lost, an injected handler or script still would not run."""
    page_file = site / "ราชบุรี" / "index.html"
    html = page_file.read_text("utf-8").replace(
        '<main class="site province">',
        '<main class="site province"><img src="data:,x" onerror="window.__pwned=1"><script>window.__pwned=2</script>', 1)
    broken = tmp_path / "index.html"
    broken.write_text(html, "utf-8")
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(broken.as_uri())
    assert pg.evaluate("window.__pwned") is None
    assert pg.locator("#shown").text_content() == "แสดง ๑๐ จาก ๑๐ หน่วยงาน"  # the page's own script still runs
    context.close()


def test_level_colours_have_aa_contrast_on_the_page(rec):
    """Computed in the browser: every level badge's text against its background, every text colour in a cell."""
    pairs = rec.page.evaluate("""() => {
      const hex = c => '#' + c.match(/\\d+/g).slice(0, 3).map(n => Number(n).toString(16).padStart(2, '0')).join('');
      return [...document.querySelectorAll('.lv')].map(e => [e.textContent, hex(getComputedStyle(e).color),
                                                             hex(getComputedStyle(e).backgroundColor)]);
    }""")
    assert {p[0] for p in pairs} >= {"ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง"}
    for text, fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (text, fg, bg)


def test_phone_width_keeps_name_score_and_level_in_view(browser, site):
    PREVIEW.mkdir(parents=True, exist_ok=True)
    r = Recorder(browser, site / "ราชบุรี" / "index.html", site.parent, width=390, height=844)
    pg = r.page
    pg.evaluate("document.fonts.ready")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390  # the page never scrolls sideways
    for selector in ("td.c-name", "td.c-total", "td.c-level"):
        box = pg.locator(f"#orgs tbody tr >> nth=0 >> {selector}").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
    assert not pg.locator("#orgs tbody tr >> nth=0 >> td.c-district").is_visible()  # collapsed on phones
    scrolls = pg.evaluate("(b => b.scrollWidth > b.clientWidth)(document.querySelector('.table-box'))")
    assert scrolls  # the rest scrolls inside the table's box
    pg.screenshot(path=str(PREVIEW / "province_390.png"), full_page=True)
    r.check()
    r.close()


def test_screenshot_at_desktop_width_and_print_layout(browser, site):
    PREVIEW.mkdir(parents=True, exist_ok=True)
    r = Recorder(browser, site / "ราชบุรี" / "index.html", site.parent, width=1280, height=900)
    pg = r.page
    pg.evaluate("document.fonts.ready")
    assert pg.evaluate("document.fonts.check('16px Sarabun', 'ก')")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 1280  # the table fits the desktop width
    overflow = pg.eval_on_selector_all(
        "#orgs thead th", "ths => ths.filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent)")
    assert overflow == []
    pg.screenshot(path=str(PREVIEW / "province_1280.png"), full_page=True)
    pg.emulate_media(media="print")
    assert not pg.locator(".controls").is_visible()
    pdf = pg.pdf(prefer_css_page_size=True, print_background=True)
    (PREVIEW / "province.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    r.check()
    r.close()
