"""The batch index page: escaping, links, Thai order, offline; and in Chromium: sorting, filtering, no XSS."""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from toolkit.batch.index import build_index, relative_href, write_index
from toolkit.kit import thai

HOSTILE = '<script>alert(1)</script>"><img src=x onerror="window.__pwned=1">'
THAI_NAMES = ["องค์การบริหารส่วนตำบลกาหลง", "เทศบาลตำบลเกาะ", "องค์การบริหารส่วนตำบลข่อย", "เทศบาลเมืองก"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PREVIEW = Path("/tmp/index_preview")


def ok_entry(name, total, level="ผ่านดี", district="เมืองราชบุรี", typ="องค์การบริหารส่วนตำบล", change=0.78,
             weakest=(4, "การใช้ทรัพย์สินของราชการ", 89.05), pdf=True, folder=None, status="ok"):
    folder = name if folder is None else folder
    files = {"html": f"{folder}/ita_analysis.html"}
    if pdf:
        files["pdf"] = f"{folder}/ita_analysis.pdf"
    return {
        "key": f"r-{name}", "row": 2, "source": "province.csv",
        "organisation": {"name": name, "type": typ, "district": district, "province": "ราชบุรี"},
        "fiscal_year": 2569, "assessment_year": 2568, "status": status, "error": None, "files": files,
        "scores": {"total": total, "level": level, "tools": {"IIT": 96.86, "EIT": 95.77, "OIT": 97.5},
                   "indicators": {}, "previous_total": None if change is None else round(total - change, 2),
                   "change": change,
                   "weakest": {"number": weakest[0], "name": weakest[1], "score": weakest[2]},
                   "weaknesses": 0, "findings": 0},
        "seconds": 1.23,
    }


def failed_entry(name, th="อ่านไฟล์ข้อมูลไม่ได้", en="cannot read the data file", row=9, files=None):
    return {"key": f"r{row}", "row": row, "source": "province.csv", "organisation": {"name": name},
            "fiscal_year": 2569, "assessment_year": 2568, "status": "failed", "error": {"th": th, "en": en},
            "files": files or {}, "scores": None, "seconds": None}


def hostile_entries():
    e = ok_entry("องค์การบริหารส่วนตำบลร้าย" + HOSTILE, 90.0, level="ผ่าน" + HOSTILE, district=HOSTILE,
                 typ=HOSTILE, weakest=(HOSTILE, "ชื่อ" + HOSTILE, 80.0), folder="โฟลเดอร์" + HOSTILE)
    e["key"] = HOSTILE
    e["source"] = HOSTILE
    f = failed_entry(HOSTILE, th="ผิดพลาด" + HOSTILE, en="error" + HOSTILE,
                     files={"html": "javascript:alert(1)", "pdf": "../../" + HOSTILE})
    f["status"] = HOSTILE
    return [e, f, ok_entry("เทศบาลตำบลดี", 95.0)]


class Page(HTMLParser):
    """Rows of the index table (document order) plus every tag and attribute seen."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[dict] = []
        self.script = ""
        self._in_script = False
        self._cell: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._in_script = True
        elif tag == "tr" and "data-order" in a:
            self.rows.append({"attrs": a, "cells": []})
        elif tag == "td" and self.rows:
            self._cell = {"sort": a.get("data-sort"), "text": "", "hrefs": []}
            self.rows[-1]["cells"].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell["hrefs"].append(a.get("href"))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        elif tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._in_script:
            self.script += data
        elif self._cell is not None:
            self._cell["text"] += data


COLUMNS = ["no", "name", "type", "district", "total", "level", "weakest", "change", "status"]


def cell(row, column):
    return row["cells"][COLUMNS.index(column)]


# --------------------------------------------------------------------------- unit tests


def test_hostile_text_is_escaped_in_every_field():
    html = build_index(hostile_entries(), 2569, "ราชบุรี" + HOSTILE, title=None)
    page = Page(html)
    tags = {t for t, _ in page.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "p", "b", "ul", "li",
                    "span", "wbr", "div", "label", "input", "select", "option", "table", "colgroup", "col",
                    "thead", "tbody", "tr", "th", "td", "button", "a", "small", "footer", "script"}
    assert not any(t == "img" for t, _ in page.tags)
    assert sum(1 for t, _ in page.tags if t == "script") == 1
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    assert "window.__pwned" not in page.script
    # shown as text: name, type, district, level (cell, summary, option), indicator number and name, error
    # th/en (text and title), source, province
    assert html.count("&lt;img src=x onerror=") >= 12
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 12
    texts = " ".join(c["text"] for r in page.rows for c in r["cells"])
    for shown in ("ผิดพลาด" + HOSTILE, "error" + HOSTILE, "ชื่อ" + HOSTILE):
        assert shown.replace(" ", "") in texts.replace(" ", "").replace("\u200b", "")


def test_links_come_only_from_file_paths_and_are_encoded_per_segment():
    html = build_index(hostile_entries() + [ok_entry("องค์การบริหารส่วนตำบลสามเรือน", 96.79)], 2569, "ราชบุรี")
    hrefs = [h for _, a in Page(html).tags for k, h in a.items() if k in ("href", "src", "action")]
    assert hrefs, "reports must be linked"
    for h in hrefs:
        assert not re.match(r"\s*(javascript|data|https?|file|vbscript):", h, re.I), h
        assert re.fullmatch(r"[A-Za-z0-9%._~/\-]+", h), h  # ASCII only, all else percent-encoded
        assert not h.startswith("/") and ".." not in h.split("/")
    assert "%E0%B8%AD%E0%B8%87%E0%B8%84%E0%B9%8C%E0%B8%81%E0%B8%B2%E0%B8%A3" in html  # องค์การ in UTF-8
    assert ("องค์การบริหารส่วนตำบลสามเรือน/ita_analysis.html" in
            {unquote(h) for h in hrefs})
    hostile_folder = "โฟลเดอร์" + HOSTILE + "/ita_analysis.html"
    assert hostile_folder in {unquote(h) for h in hrefs}  # a strange folder name still links, as text


@pytest.mark.parametrize("path, expected", [
    ("ก ข/รายงาน #1.html", "%E0%B8%81%20%E0%B8%82/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99%20%231.html"),
    ("a%b?c/x.pdf", "a%25b%3Fc/x.pdf"),
    ("./dir/file.html", "dir/file.html"),
    ("dir\\file.html", "dir/file.html"),
    ("javascript:alert(1)", "javascript%3Aalert%281%29"),
    ("JavaScript:alert(1)//x", "JavaScript%3Aalert%281%29/x"),
    ("https://evil.example/x", "https%3A/evil.example/x"),
    ("/etc/passwd", None),
    ("//evil.example/x", None),
    ("C:/Users/x.html", None),
    ("../outside.html", None),
    ("dir/../../x.html", None),
    ("dir/\nx.html", None),
    ("", None),
    (None, None),
    (42, None),
])
def test_relative_href(path, expected):
    assert relative_href(path) == expected


def test_no_external_url_anywhere():
    html = build_index(hostile_entries(), 2569, "ราชบุรี")
    without_data = re.sub(r"data:[^)\"']*", "", html)  # base64 has '/' in it
    assert not re.search(r"https?:|//[a-z0-9]|\bwww\.", without_data, re.I)
    assert "@font-face" in html and "data:font/woff;base64," in html
    assert re.findall(r"url\(([^)]*)\)", html) and all(u.strip("\"'").startswith("data:")
                                                        for u in re.findall(r"url\(([^)]*)\)", html))
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)


def test_content_security_policy_admits_only_the_page_script():
    html = build_index([ok_entry("เทศบาลตำบลเกาะ", 90.0)], 2569, "ราชบุรี")
    page = Page(html)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_default_order_and_name_sort_keys_are_thai_dictionary_order():
    entries = [ok_entry(n, 90.0 + i) for i, n in enumerate(THAI_NAMES)]
    expected = thai.sort_thai(THAI_NAMES)
    assert expected != sorted(THAI_NAMES)  # code-point order would put every อ before every เ
    assert expected == ["เทศบาลตำบลเกาะ", "เทศบาลเมืองก", "องค์การบริหารส่วนตำบลกาหลง",
                        "องค์การบริหารส่วนตำบลข่อย"]
    rows = Page(build_index(entries, 2569, "ราชบุรี")).rows
    assert [r["attrs"]["data-name"] for r in rows] == expected
    # data-sort carries the server's Thai rank, as Arabic digits the script compares numerically
    by_rank = sorted(rows, key=lambda r: int(cell(r, "name")["sort"]))
    assert [r["attrs"]["data-name"] for r in by_rank] == expected
    assert [cell(r, "no")["text"] for r in rows] == ["๑", "๒", "๓", "๔"]


def test_other_text_columns_sort_by_thai_rank_and_missing_values_sort_last():
    entries = [ok_entry("ก", 90.0, district="โพธาราม"), ok_entry("ข", 80.0, district="บ้านโป่ง"),
               ok_entry("ค", 85.0, district="จอมบึง", change=None), failed_entry("ง")]
    rows = {r["attrs"]["data-name"]: r for r in Page(build_index(entries, 2569, "ราชบุรี")).rows}
    ranks = {n: cell(r, "district")["sort"] for n, r in rows.items()}
    assert thai.sort_thai(["โพธาราม", "บ้านโป่ง", "จอมบึง"]) == ["จอมบึง", "บ้านโป่ง", "โพธาราม"]
    assert (ranks["ค"], ranks["ข"], ranks["ก"], ranks["ง"]) == ("0.0", "1.0", "2.0", "")
    for column in ("total", "level", "weakest", "change", "type"):
        assert cell(rows["ง"], column)["sort"] == ""
    assert cell(rows["ค"], "change")["sort"] == "" and cell(rows["ค"], "change")["text"] == "–"
    assert cell(rows["ก"], "total")["sort"] == "90.0"
    assert cell(rows["ง"], "status")["sort"] == "1" and cell(rows["ก"], "status")["sort"] == "0"


def test_level_sort_keys_rank_levels_not_letters():
    levels = ["ผ่าน", "ผ่านดีเยี่ยม", "ต้องปรับปรุงโดยด่วน", "ผ่านดี", "ต้องปรับปรุง"]
    entries = [ok_entry(f"หน่วย{i}", 90.0, level=lv) for i, lv in enumerate(levels)]
    rows = Page(build_index(entries, 2569, "ราชบุรี")).rows
    asc = sorted(rows, key=lambda r: float(cell(r, "level")["sort"]))
    assert [r["attrs"]["data-level"] for r in asc] == ["ต้องปรับปรุงโดยด่วน", "ต้องปรับปรุง", "ผ่าน", "ผ่านดี",
                                                        "ผ่านดีเยี่ยม"]


def test_numbers_digits_and_change_signs():
    entries = [ok_entry("ก", 96.79, change=0.78), ok_entry("ข", 88.5, change=-2.5), ok_entry("ค", 90, change=0.001),
               ok_entry("ง", 91, change=None)]
    entries[3]["scores"]["previous_total"] = 90.5  # change missing, previous known: computed
    html = build_index(entries, 2569, "ราชบุรี")
    rows = {r["attrs"]["data-name"]: r for r in Page(html).rows}
    assert cell(rows["ก"], "total")["text"] == "๙๖.๗๙" and cell(rows["ก"], "total")["sort"] == "96.79"
    assert cell(rows["ก"], "change")["text"] == "+๐.๗๘"
    assert cell(rows["ข"], "change")["text"] == "\u2212๒.๕๐" and cell(rows["ข"], "change")["sort"] == "-2.5"
    assert cell(rows["ค"], "change")["text"] == "๐.๐๐"
    assert cell(rows["ง"], "change")["text"] == "+๐.๕๐"
    assert "๘๙.๐๕" in cell(rows["ก"], "weakest")["text"] and "ตัวชี้วัดที่ ๔" in cell(rows["ก"], "weakest")["text"]
    assert 'data-thai-digits="1"' in html

    arabic = build_index(entries, 2569, "ราชบุรี", thai_digits=False)
    rows = {r["attrs"]["data-name"]: r for r in Page(arabic).rows}
    assert cell(rows["ก"], "total")["text"] == "96.79" and cell(rows["ข"], "change")["text"] == "\u22122.50"
    assert not re.search("[๐-๙]", re.sub(r"<style>.*?</style>|<script>.*?</script>", "", arabic, flags=re.S))


def test_title_summary_and_status():
    entries = [ok_entry("ก", 96.79, level="ผ่านดีเยี่ยม"), ok_entry("ข", 90.0, level="ผ่านดี", status="skipped"),
               ok_entry("ค", 91.0, level="ผ่านดี"), failed_entry("ง", th="ไม่พบคะแนน", en="no scores")]
    html = build_index(entries, 2569, "ราชบุรี")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.sub(r"<(style|script)>.*?</\1>", "", html, flags=re.S)))
    assert "<title>ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘ — จังหวัดราชบุรี</title>" in html
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙" in text
    assert "หน่วยงานทั้งหมด ๔ แห่ง" in text and "จัดทำรายงานแล้ว ๓ แห่ง" in text and "ล้มเหลว ๑ แห่ง" in text
    assert "ระดับ ผ่านดีเยี่ยม ๑ แห่ง" in text and "ระดับ ผ่านดี ๒ แห่ง" in text
    assert text.index("ระดับ ผ่านดีเยี่ยม ๑") < text.index("ระดับ ผ่านดี ๒")
    rows = {r["attrs"]["data-name"]: r for r in Page(html).rows}
    assert cell(rows["ข"], "status")["text"] == "สำเร็จ" and rows["ข"]["attrs"]["data-status"] == "ok"
    assert cell(rows["ง"], "status")["text"].startswith("ล้มเหลว") and "ไม่พบคะแนน" in cell(rows["ง"], "status")["text"]
    assert 'title="no scores"' in html and "แถวที่ ๙" in cell(rows["ง"], "name")["text"]
    assert cell(rows["ง"], "name")["hrefs"] == []
    assert build_index(entries, 2569, "ราชบุรี", title="หน้ารวม <b>").count("<title>หน้ารวม &lt;b&gt;</title>") == 1


def test_odd_manifests_do_not_break_the_page():
    odd = [{"organisation": {"name": ""}, "status": "failed", "error": {"th": "", "en": None}},
           {"status": "failed"}, {"organisation": None, "scores": {"total": "n/a"}},
           {"status": "ok", "scores": {"total": float("nan"), "weakest": None}, "files": None}, "not a dict"]
    html = build_index(odd, None, "")
    rows = Page(html).rows
    assert len(rows) == 5 and all(cell(r, "name")["sort"] == "" for r in rows)
    assert all(cell(r, "name")["text"] == "ไม่ทราบชื่อหน่วยงาน" for r in rows)
    assert "<title>ผลการประเมิน ITA</title>" in html
    assert len(Page(build_index([], 2569, "ราชบุรี")).rows) == 0


def test_write_index_is_atomic_and_returns_the_path(tmp_path):
    path = write_index(tmp_path / "ราชบุรี" / "index.html", [ok_entry("ก", 90.0)], 2569, "ราชบุรี", thai_digits=False)
    assert path == tmp_path / "ราชบุรี" / "index.html"
    assert path.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["index.html"]  # no temporary left behind


# --------------------------------------------------------------------------- browser tests


BROWSER_ENTRIES = [
    ok_entry("องค์การบริหารส่วนตำบลสามเรือน", 96.79, "ผ่านดีเยี่ยม", "เมืองราชบุรี", change=0.78),
    ok_entry("เทศบาลเมืองราชบุรี", 88.12, "ผ่านดี", "เมืองราชบุรี", "เทศบาลเมือง", change=-2.5,
             weakest=(9, "การเปิดเผยข้อมูล", 72.4)),
    ok_entry("องค์การบริหารส่วนตำบลกาหลง", 79.5, "ต้องปรับปรุง", "บ้านโป่ง", change=None,
             weakest=(10, "การป้องกันการทุจริต", 60.0), pdf=False),
    ok_entry("เทศบาลตำบลเกาะ", 91.0, "ผ่าน", "โพธาราม", "เทศบาลตำบล", change=0.0),
    ok_entry("องค์การบริหารส่วนตำบลข่อย", 99.0, "ผ่านดีเยี่ยม", "โพธาราม", change=5.1, status="skipped"),
    ok_entry("เทศบาลเมืองก", 85.5, "ผ่าน", "จอมบึง", "เทศบาลเมือง", change=1.0),
    ok_entry("ไก่ Alpha<img src=x onerror=\"window.__pwned=1\">", 93.2, "ผ่านดี", "จอมบึง", change=1.2,
             folder="ไก่ Alpha_img src=x onerror=_window.__pwned=1__"),
    failed_entry("องค์การบริหารส่วนตำบลดอนแร่", "ไม่พบคะแนนตัวชี้วัดที่ ๕", "indicator 5 score missing", row=7),
    failed_entry("", "ไม่มีชื่อหน่วยงาน<img src=x onerror=\"window.__pwned=2\">",
                 "no organisation name<script>window.__pwned=3</script>", row=8),
]


@pytest.fixture(scope="module")
def index_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("province")
    for e in BROWSER_ENTRIES:
        for rel in e["files"].values():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("<!DOCTYPE html><title>report</title><p id=ok>รายงาน</p>" if rel.endswith(".html")
                              else "%PDF-1.4\n", "utf-8")
    return write_index(root / "index.html", BROWSER_ENTRIES, 2569, "ราชบุรี")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, index_file):
    """The index opened from file://, with every console message, page error and request recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.console_messages, pg.errors, pg.requests = [], [], []
    pg.on("console", lambda m: pg.console_messages.append((m.type, m.text)))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(index_file.as_uri())
    yield pg
    assert pg.errors == []
    assert [m for m in pg.console_messages if m[0] in ("error", "warning")] == []
    assert all(u.startswith(("file:", "data:")) for u in pg.requests), pg.requests
    assert pg.evaluate("window.__pwned") is None
    context.close()


def visible_names(pg):
    return pg.eval_on_selector_all("#orgs tbody tr:not([hidden])", "rs => rs.map(r => r.getAttribute('data-name'))")


def column_values(pg, column):
    i = COLUMNS.index(column)
    return pg.eval_on_selector_all("#orgs tbody tr:not([hidden])",
                                   f"rs => rs.map(r => r.cells[{i}].getAttribute('data-sort'))")


def header(pg, label):
    return pg.locator("#orgs thead th", has=pg.locator("button", has_text=label))


@pytest.mark.slow
def test_browser_default_order_sort_by_score_and_by_thai_name(page):
    names = [e["organisation"]["name"] for e in BROWSER_ENTRIES]
    named = [n for n in names if n]
    assert visible_names(page) == thai.sort_thai(named) + [""]
    assert header(page, "ชื่อหน่วยงาน").get_attribute("aria-sort") == "ascending"

    header(page, "คะแนนรวม").locator("button").click()
    totals = column_values(page, "total")
    numbers = [float(t) for t in totals if t]
    assert numbers == sorted(numbers) and totals[-2:] == ["", ""]  # failed rows last
    assert numbers[0] == 79.5  # numeric, not text order ("100" < "79" as text)
    th = header(page, "คะแนนรวม")
    assert th.get_attribute("aria-sort") == "ascending"
    assert header(page, "ชื่อหน่วยงาน").get_attribute("aria-sort") is None
    arrow = page.evaluate("el => getComputedStyle(el, '::before').content",
                          th.locator(".arrow").element_handle())
    assert arrow == '"▲"'

    th.locator("button").click()
    totals = column_values(page, "total")
    numbers = [float(t) for t in totals if t]
    assert numbers == sorted(numbers, reverse=True) and totals[-2:] == ["", ""]
    assert th.get_attribute("aria-sort") == "descending"
    assert page.evaluate("el => getComputedStyle(el, '::before').content",
                         th.locator(".arrow").element_handle()) == '"▼"'

    header(page, "ชื่อหน่วยงาน").locator("button").click()
    assert visible_names(page) == thai.sort_thai(named) + [""]
    assert visible_names(page)[:4] != sorted(named)[:4]
    header(page, "ชื่อหน่วยงาน").locator("button").click()
    assert visible_names(page) == list(reversed(thai.sort_thai(named))) + [""]

    header(page, "เปลี่ยนแปลงจากปีก่อน").locator("button").click()
    changes = column_values(page, "change")
    known = [float(c) for c in changes if c]
    assert known == sorted(known) and known[0] == -2.5 and changes[-3:] == ["", "", ""]


@pytest.mark.slow
def test_browser_filters_and_count(page):
    shown = page.locator("#shown")
    assert shown.text_content() == "แสดง ๙ จาก ๙ หน่วยงาน"
    page.fill("#f-text", "เทศบาล")
    assert len(visible_names(page)) == 3 and shown.text_content() == "แสดง ๓ จาก ๙ หน่วยงาน"
    page.fill("#f-text", "โพธาราม")  # district
    assert sorted(visible_names(page)) == sorted(["เทศบาลตำบลเกาะ", "องค์การบริหารส่วนตำบลข่อย"])
    page.fill("#f-text", "alpha")  # Latin, case-insensitive
    assert len(visible_names(page)) == 1 and shown.text_content() == "แสดง ๑ จาก ๙ หน่วยงาน"
    page.fill("#f-text", "ไม่มีหน่วยงานนี้")
    assert visible_names(page) == [] and page.locator("#no-match").is_visible()
    page.fill("#f-text", "")
    assert len(visible_names(page)) == 9 and not page.locator("#no-match").is_visible()

    page.select_option("#f-level", "ผ่านดีเยี่ยม")
    assert visible_names(page) == thai.sort_thai(["องค์การบริหารส่วนตำบลสามเรือน", "องค์การบริหารส่วนตำบลข่อย"])
    assert shown.text_content() == "แสดง ๒ จาก ๙ หน่วยงาน"
    page.select_option("#f-district", "โพธาราม")
    assert visible_names(page) == ["องค์การบริหารส่วนตำบลข่อย"]
    page.select_option("#f-level", "")
    page.select_option("#f-district", "")

    page.check("#f-failed")
    assert visible_names(page) == ["องค์การบริหารส่วนตำบลดอนแร่", ""]
    assert shown.text_content() == "แสดง ๒ จาก ๙ หน่วยงาน"
    page.uncheck("#f-failed")
    assert len(visible_names(page)) == 9
    options = page.eval_on_selector_all("#f-level option", "os => os.map(o => o.value)")
    assert options == ["", "ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง"]


@pytest.mark.slow
def test_browser_shows_hostile_text_as_text_and_links_work(page, index_file):
    row = page.locator("#orgs tbody tr", has_text="Alpha")
    assert 'onerror="window.__pwned=1"' in row.locator("td.name").inner_text().replace("\u200b", "")
    assert page.locator("#orgs img, #orgs script").count() == 0
    assert "<script>window.__pwned=3</script>" in page.locator("#orgs small.en").last.inner_text()
    link = page.locator("a.org", has_text="สามเรือน")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ita_analysis.html") and page.locator("#ok").text_content() == "รายงาน"
    assert "สามเรือน" in unquote(page.url)
    page.go_back()
    page.wait_for_load_state()
    pdf = page.locator("tr", has_text="สามเรือน").locator("a.pdf").get_attribute("href")
    assert (index_file.parent / unquote(pdf)).is_file()


@pytest.mark.slow
def test_browser_without_javascript_lists_every_row(browser, index_file):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(index_file.as_uri())
    named = [e["organisation"]["name"] for e in BROWSER_ENTRIES if e["organisation"]["name"]]
    assert visible_names(pg) == thai.sort_thai(named) + [""]
    assert pg.locator("#orgs tbody tr").evaluate_all("rs => rs.filter(r => r.offsetHeight > 0).length") == 9
    assert not pg.locator("#controls").is_visible()
    context.close()


@pytest.mark.slow
def test_browser_screenshot_and_print_layout(browser, index_file):
    PREVIEW.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
    pg = context.new_page()
    pg.goto(index_file.as_uri())
    pg.evaluate("document.fonts.ready")
    assert pg.evaluate("document.fonts.check('16px Sarabun', 'ก')")
    assert pg.evaluate("[...document.fonts].some(f => f.family.replace(/\"/g, '') === 'Sarabun'"
                       " && f.status === 'loaded')")
    pg.screenshot(path=str(PREVIEW / "index_screen.png"), full_page=True)
    # every header label fits its column (no overlap into the next header)
    overflow = pg.eval_on_selector_all(
        "#orgs thead th", "ths => ths.filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent)")
    assert overflow == []

    pg.emulate_media(media="print")
    width = pg.evaluate("document.getElementById('orgs').getBoundingClientRect().width")
    pg.set_viewport_size({"width": 1047, "height": 740})  # A4 landscape minus margins at 96 dpi ≈ 1047 px
    assert pg.evaluate("document.getElementById('orgs').scrollWidth") <= 1047 + 1
    assert not pg.locator("#controls").is_visible()
    pg.screenshot(path=str(PREVIEW / "index_print.png"), full_page=True)
    pdf = pg.pdf(prefer_css_page_size=True, print_background=True)
    (PREVIEW / "index.pdf").write_bytes(pdf)
    assert width > 0 and pdf.startswith(b"%PDF")
    context.close()


@pytest.mark.slow
def test_browser_content_security_policy_blocks_injected_handlers(browser, index_file, tmp_path):
    """Defence in depth: were escaping ever lost, an injected handler or script still would not run."""
    html = index_file.read_text("utf-8").replace(
        "<main class=\"index\">",
        "<main class=\"index\"><img src=\"data:,x\" onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>", 1)
    broken = tmp_path / "index.html"
    broken.write_text(html, "utf-8")
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(broken.as_uri())
    assert pg.evaluate("window.__pwned") is None
    assert pg.locator("#shown").text_content() == "แสดง ๙ จาก ๙ หน่วยงาน"  # the page's own script still runs
    context.close()
