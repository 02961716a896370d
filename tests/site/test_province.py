"""A province's page, as HTML: escaping, links, Thai order, columns, words, documents, the summary link.

The browser tests of the same page are in test_province_browser.py.
"""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from tests.site.entries import (
    ALPHA,
    HOSTILE,
    KOH,
    SAMRUEAN,
    failed_entry,
    ok_entry,
    other_document,
    ratchaburi,
    write_province,
)
from toolkit.kit import thai
from toolkit.site import (
    Manifest,
    ProvincePage,
    build_province_page,
    province_page,
    relative_href,
)


def hostile_entries():
    e = ok_entry("องค์การบริหารส่วนตำบลร้าย" + HOSTILE, 90.0, level="ผ่าน" + HOSTILE, district=HOSTILE,
                 typ=HOSTILE, weakest=(HOSTILE, "ชื่อ" + HOSTILE, 80.0), folder="โฟลเดอร์" + HOSTILE)
    e["key"] = HOSTILE
    e["source"] = HOSTILE
    f = failed_entry(HOSTILE, th="ผิดพลาด" + HOSTILE, en="error" + HOSTILE,
                     files={"html": "javascript:alert(1)", "pdf": "../../" + HOSTILE})
    f["status"] = HOSTILE
    plan = other_document(e, HOSTILE)
    return [e, f, plan, ok_entry("เทศบาลตำบลดี", 95.0)]


class Page(HTMLParser):
    """Rows of the organisation table (document order), cells by column key, every tag and attribute seen."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.columns: list[str] = []
        self.rows: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._cell: dict | None = None
        self._tbody = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))
        elif tag == "th" and "data-col" in a:
            self.columns.append(a["data-col"])
        elif tag == "tbody":
            self._tbody = True
        elif tag == "tr" and self._tbody:
            self.rows.append({"attrs": a, "cells": {}})
        elif tag == "td" and self.rows:
            key = self.columns[len(self.rows[-1]["cells"])]
            self._cell = {"sort": a.get("data-sort"), "text": "", "hrefs": [], "class": a.get("class", "")}
            self.rows[-1]["cells"][key] = self._cell
        elif tag == "a" and self._cell is not None:
            self._cell["hrefs"].append(a.get("href"))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        elif tag == "td":
            self._cell = None
        elif tag == "tbody":
            self._tbody = False

    def handle_data(self, data):
        if self._script is not None:
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)
        elif self._cell is not None:
            self._cell["text"] += data.replace("\u200b", "")

    @property
    def script(self) -> str:
        return next(text for a, text in self.scripts if "type" not in a)

    def by_name(self) -> dict[str, dict]:
        return {r["attrs"]["data-name"]: r for r in self.rows}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.sub(r"<(style|script)[^>]*>.*?</\1>", "", html, flags=re.DOTALL)))


def cell(row, column):
    return row["cells"][column]


def page(entries, **kw):
    return build_province_page(entries, kw.pop("fiscal_year", 2569), kw.pop("province", "ราชบุรี"), **kw)


# --------------------------------------------------------------------------- safety


def test_hostile_text_is_escaped_in_every_field():
    html = page(hostile_entries(), province="ราชบุรี" + HOSTILE)
    parsed = Page(html)
    assert not any(t in ("img", "iframe", "object", "embed") for t, _ in parsed.tags)
    executable = [a for a, _ in parsed.scripts if "type" not in a]
    data = [text for a, text in parsed.scripts if a.get("type") == "application/json"]
    assert len(executable) == 1 and len(data) == 1 and len(parsed.scripts) == 2  # its script, its table's cells
    assert "<" not in data[0] and "\\u003cimg src=x onerror=" in data[0]  # hostile cells, escaped in JSON
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)
    assert "window.__pwned" not in parsed.script
    # shown as text: name, type, district, level (cell, option), indicator number and name, error th/en
    # (text and title), source, province (title and subtitle), the other document's unknown type
    assert html.count("&lt;img src=x onerror=") >= 12
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 12
    texts = " ".join(c["text"] for r in parsed.rows for c in r["cells"].values())
    for shown in ("ผิดพลาด" + HOSTILE, "error" + HOSTILE, "ชื่อ" + HOSTILE):
        assert shown.replace(" ", "") in texts.replace(" ", "")


def test_links_come_only_from_file_paths_and_are_encoded_per_segment():
    html = page(hostile_entries() + [ok_entry(SAMRUEAN, 96.79)])
    tags = Page(html).tags
    assert not [a for t, a in tags if set(a) & {"src", "action"}]
    hrefs = [a["href"] for t, a in tags if "href" in a and t != "link"]  # the one <link> is the empty icon
    assert hrefs, "reports must be linked"
    for h in hrefs:
        assert not re.match(r"\s*(javascript|data|https?|file|vbscript):", h, re.IGNORECASE), h
        # ASCII: letters, digits, -._~ and percent escapes only; other scripts: letters, marks, digits only
        assert re.fullmatch(r"[A-Za-z0-9%._~/\-\u0e00-\u0e7f]+", h), h
        assert not h.startswith("/") and ".." not in h.split("/")
    assert f'href="{SAMRUEAN}/ita_analysis.html"' in html  # Thai kept: 3 bytes a letter, not 9
    decoded = {unquote(h) for h in hrefs}
    assert f"{SAMRUEAN}/ita_analysis.html" in decoded
    assert "โฟลเดอร์" + HOSTILE + "/ita_analysis.html" in decoded  # a strange folder name still links, as text


@pytest.mark.parametrize("path, expected", [
    ("ก ข/รายงาน #1.html", "ก%20ข/รายงาน%20%231.html"),
    ("ก\u00a0ข\u202eค/x.html", "ก%C2%A0ข%E2%80%AEค/x.html"),  # non-ASCII spaces and controls: encoded
    ("๑๒/é.pdf", "๑๒/é.pdf"),
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
    html = page(hostile_entries())
    without_data = re.sub(r"data:[^)\"']*", "", html)  # base64 has '/' in it
    without_svg_ns = without_data.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, never fetched
    assert not re.search(r"https?:|//[a-z0-9]|\bwww\.", without_svg_ns, re.IGNORECASE)
    assert "@font-face" in html and "data:font/woff;base64," in html
    urls = re.findall(r"url\(([^)]*)\)", html)
    assert urls and all(u.strip("\"'").startswith("data:") for u in urls)
    assert not re.search(r"<(img|iframe|object|embed)\b", html)
    assert re.findall(r"<link\b[^>]*>", html) == ['<link rel="icon" href="data:,">']  # no favicon request


def test_content_security_policy_admits_only_the_page_script():
    parsed = Page(page([ok_entry(KOH, 90.0)]))
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(parsed.script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# --------------------------------------------------------------------------- order and numbers


THAI_NAMES = ["องค์การบริหารส่วนตำบลกาหลง", "เทศบาลตำบลเกาะ", "องค์การบริหารส่วนตำบลข่อย", "เทศบาลเมืองก"]


def test_default_order_and_name_sort_keys_are_thai_dictionary_order():
    rows = Page(page([ok_entry(n, 90.0 + i) for i, n in enumerate(THAI_NAMES)])).rows
    expected = thai.sort_thai(THAI_NAMES)
    assert expected != sorted(THAI_NAMES)  # code-point order would put every อ before every เ
    assert [r["attrs"]["data-name"] for r in rows] == expected
    by_rank = sorted(rows, key=lambda r: int(cell(r, "name")["sort"]))
    assert [r["attrs"]["data-name"] for r in by_rank] == expected
    assert [cell(r, "no")["text"] for r in rows] == ["๑", "๒", "๓", "๔"]


def test_other_columns_sort_by_thai_rank_or_number_and_missing_values_sort_last():
    entries = [ok_entry("ก", 90.0, district="โพธาราม"), ok_entry("ข", 80.0, district="บ้านโป่ง"),
               ok_entry("ค", 85.0, district="จอมบึง", change=None, tools=(99.0, 80.5, 70.25)), failed_entry("ง")]
    rows = Page(page(entries)).by_name()
    assert thai.sort_thai(["โพธาราม", "บ้านโป่ง", "จอมบึง"]) == ["จอมบึง", "บ้านโป่ง", "โพธาราม"]
    ranks = {n: cell(r, "district")["sort"] for n, r in rows.items()}
    assert (ranks["ค"], ranks["ข"], ranks["ก"], ranks["ง"]) == ("0.0", "1.0", "2.0", "")
    for column in ("total", "level", "weakest", "change", "type", "IIT", "EIT", "OIT", "previous"):
        assert cell(rows["ง"], column)["sort"] == ""
    assert cell(rows["ค"], "change")["sort"] == "" and cell(rows["ค"], "change")["text"] == "–"
    assert cell(rows["ค"], "previous")["text"] == "–"
    assert [cell(rows["ค"], t)["sort"] for t in ("IIT", "EIT", "OIT")] == ["99.0", "80.5", "70.25"]
    assert cell(rows["ค"], "OIT")["text"] == "๗๐.๒๕"
    assert cell(rows["ก"], "total")["sort"] == "90.0" and cell(rows["ก"], "previous")["text"] == "๘๙.๒๒"
    assert cell(rows["ง"], "status")["sort"] == "1" and cell(rows["ก"], "status")["sort"] == "0"


def test_level_sort_keys_rank_levels_not_letters():
    levels = ["ผ่าน", "ผ่านดีเยี่ยม", "ต้องปรับปรุงโดยด่วน", "ผ่านดี", "ต้องปรับปรุง"]
    rows = Page(page([ok_entry(f"หน่วย{i}", 90.0, level=lv) for i, lv in enumerate(levels)])).rows
    asc = sorted(rows, key=lambda r: float(cell(r, "level")["sort"]))
    assert [r["attrs"]["data-level"] for r in asc] == ["ต้องปรับปรุงโดยด่วน", "ต้องปรับปรุง", "ผ่าน", "ผ่านดี",
                                                        "ผ่านดีเยี่ยม"]


def test_numbers_digits_and_change_signs():
    entries = [ok_entry("ก", 96.79, change=0.78), ok_entry("ข", 88.5, change=-2.5), ok_entry("ค", 90, change=0.001),
               ok_entry("ง", 91, change=None)]
    entries[3]["scores"]["previous_total"] = 90.5  # change missing, previous known: computed
    html = page(entries)
    rows = Page(html).by_name()
    assert cell(rows["ก"], "total")["text"] == "๙๖.๗๙" and cell(rows["ก"], "total")["sort"] == "96.79"
    assert cell(rows["ก"], "change")["text"] == "+๐.๗๘"
    assert cell(rows["ข"], "change")["text"] == "\u2212๒.๕๐" and cell(rows["ข"], "change")["sort"] == "-2.5"
    assert cell(rows["ค"], "change")["text"] == "๐.๐๐"
    assert cell(rows["ง"], "change")["text"] == "+๐.๕๐"
    assert "๘๙.๐๕" in cell(rows["ก"], "weakest")["text"] and "ตัวชี้วัดที่ ๔" in cell(rows["ก"], "weakest")["text"]
    assert 'data-thai-digits="1"' in html

    arabic = page(entries, thai_digits=False)
    rows = Page(arabic).by_name()
    assert cell(rows["ก"], "total")["text"] == "96.79" and cell(rows["ข"], "change")["text"] == "\u22122.50"
    assert not re.search("[๐-๙]", re.sub(r"<style>.*?</style>|<script>.*?</script>", "", arabic, flags=re.DOTALL))


# --------------------------------------------------------------------------- what the page says


def test_render_status_is_apart_from_results_and_never_says_failed():
    entries = [ok_entry("ก", 96.79, level="ผ่านดีเยี่ยม"), ok_entry("ข", 90.0, level="ผ่านดี", status="skipped"),
               ok_entry("ค", 91.0, level="ผ่านดี"), failed_entry("ง", th="ไม่พบคะแนน", en="no scores")]
    html = page(entries)
    text = text_of(html)
    assert "<title>ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘ — จังหวัดราชบุรี</title>" in html
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙" in text
    assert "ล้มเหลว" not in html and "สำเร็จ ๓" not in text  # the old words a reviewer read as an ITA result
    assert "การจัดทำรายงาน: จัดทำแล้ว ๓ ฉบับ · จัดทำรายงานไม่สำเร็จ ๑ ฉบับ (๑ หน่วยงาน)" in text
    rows = Page(html).by_name()
    assert cell(rows["ข"], "status")["text"] == "จัดทำแล้ว" and rows["ข"]["attrs"]["data-failed"] == "0"
    status = cell(rows["ง"], "status")["text"]
    assert status.startswith("จัดทำรายงานไม่สำเร็จ") and "ไม่พบคะแนน" in status
    assert 'title="no scores"' in html and "แถวที่ ๙" in cell(rows["ง"], "name")["text"]
    assert cell(rows["ง"], "name")["hrefs"] == [] and rows["ง"]["attrs"]["data-failed"] == "1"
    # figures: 3 with results, mean of them, pass share of totals ≥ 85
    assert "๙๒.๖๐" in text and "๑๐๐.๐%" in text
    assert page(entries, title="หน้ารวม <b>").count("<title>หน้ารวม &lt;b&gt;</title>") == 1


def test_an_organisation_is_one_row_with_every_document_it_has():
    rows = Page(page(ratchaburi())).by_name()
    assert list(rows).count(SAMRUEAN) == 1
    docs = cell(rows[SAMRUEAN], "docs")
    assert [unquote(h) for h in docs["hrefs"]] == [
        f"{SAMRUEAN}/{stem}.{fmt}" for stem, fmts in (("ita_analysis", "html pdf docx"),
                                                      ("integrity_report", "html pdf docx"),
                                                      ("anticorruption_plan", "html pdf"))
        for fmt in fmts.split()]
    assert docs["text"] == "วิเคราะห์ผล HTMLPDFDOCXรายงานผล HTMLPDFDOCXแผนป้องกันทุจริต HTMLPDF"
    assert [unquote(h) for h in cell(rows[SAMRUEAN], "name")["hrefs"]] == [f"{SAMRUEAN}/ita_analysis.html"]
    # a plan that could not be made: the row says so, naming the document, and keeps its ITA results
    row = rows["องค์การบริหารส่วนตำบลเกาะพลับพลา"]
    assert row["attrs"]["data-failed"] == "1" and cell(row, "total")["text"] == "๙๐.๕๐"
    assert "แผนป้องกันทุจริต: ไม่พบมาตรการที่อ้างถึง" in cell(row, "status")["text"]


def test_below_the_pass_line_flag_counts_indicators():
    rows = Page(page(ratchaburi())).by_name()
    flagged = {n for n, r in rows.items() if r["attrs"]["data-below"] == "1"}
    assert flagged == {"เทศบาลเมืองราชบุรี", "องค์การบริหารส่วนตำบลกาหลง"}
    assert "ต่ำกว่าเกณฑ์ ๒ ตัวชี้วัด" in cell(rows["เทศบาลเมืองราชบุรี"], "weakest")["text"]
    assert "ต่ำกว่าเกณฑ์ ๑ ตัวชี้วัด" in cell(rows["องค์การบริหารส่วนตำบลกาหลง"], "weakest")["text"]
    # the manifest's own count is kept when indicators are missing
    e = ok_entry("ก", 80.0, indicators={})
    e["scores"]["weaknesses"] = 3
    assert Page(page([e])).rows[0]["attrs"]["data-below"] == "1"


def test_odd_manifests_do_not_break_the_page():
    odd = [{"organisation": {"name": ""}, "status": "failed", "error": {"th": "", "en": None}},
           {"status": "failed"}, {"organisation": None, "scores": {"total": "n/a"}},
           {"status": "ok", "scores": {"total": float("nan"), "weakest": None, "indicators": {"x": "y"}},
            "files": None}, "not a dict", {"status": "ok", "document": 7, "files": {"html": 3}}]
    html = page(odd, fiscal_year=None, province="")
    rows = Page(html).rows
    assert len(rows) == 6 and all(cell(r, "name")["sort"] == "" for r in rows)
    assert all(cell(r, "name")["text"] == "ไม่ทราบชื่อหน่วยงาน" for r in rows)
    assert "<title>ผลการประเมิน ITA</title>" in html
    assert len(Page(page([])).rows) == 0


def test_written_from_disk_links_only_files_that_exist(tmp_path):
    entries = ratchaburi()
    folder = write_province(tmp_path / "2569", "ราชบุรี", entries, summary=True)
    (folder / SAMRUEAN / "anticorruption_plan.pdf").unlink()  # the manifest lists it; the disk lost it
    written = province_page(folder).write()
    assert {p.name for p in written.values()} == {"index.html", "ita-results.csv", "ita-results.xlsx"}
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left behind
    html = written["page"].read_text("utf-8")
    hrefs = [h for t, a in Page(html).tags if t == "a" for k, h in a.items() if k == "href"]
    assert hrefs[0] == "../index.html"  # up to the year page (written by build_year, test_build.py)
    hrefs = hrefs[1:]
    assert hrefs and all((folder / unquote(h)).is_file() for h in hrefs)
    assert f"{SAMRUEAN}/anticorruption_plan.html" in {unquote(h) for h in hrefs}
    assert f"{SAMRUEAN}/anticorruption_plan.pdf" not in {unquote(h) for h in hrefs}
    # the province summary, linked from the page (and back: see test_build.py)
    assert {"province_summary.html", "province_summary.pdf"} <= {unquote(h) for h in hrefs}


def test_province_figures_agree_with_rows():
    page_ = ProvincePage(Manifest.of({"entries": ratchaburi(), "province": "ราชบุรี", "fiscal_year": 2569}))
    s = page_.stats
    scored = [r for r in page_.rows if r["total"] is not None]
    assert s["organisations"] == len(page_.rows) == 10 and s["scored"] == len(scored) == 8
    assert s["levels"] == {"ผ่านดีเยี่ยม": 2, "ผ่านดี": 3, "ผ่าน": 2, "ต้องปรับปรุง": 1}
    assert s["passed"] == 7 and abs(s["pass_share"] - 87.5) < 1e-9
    assert s["documents"] == 13 and s["not_made"] == 3 and s["organisations_not_made"] == 3
    assert abs(s["mean"] - sum(r["total"] for r in scored) / 8) < 1e-9
    assert ALPHA in {r["name"] for r in page_.rows}
