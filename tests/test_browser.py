"""The report pages in a real browser (Debian Chromium, headless, driven by Playwright): Sarabun in use,
no console errors, nothing fetched from outside the page, and text from params shown, never run."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import PROVINCE_EXAMPLE, SEED003
from toolkit.documents.registry import load_params, validate
from toolkit.export.pdf import thread_playwright
from toolkit.run import render

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HOSTILE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
           '<a href="javascript:window.__pwned=3">ลิงก์</a><svg onload="window.__pwned=4">')


@pytest.fixture(scope="module")
def browser():
    b = thread_playwright().chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield b
    b.close()


def open_page(browser, path: Path):
    """The page as a reviewer opens it (file://), recording console errors and every request."""
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready")
    return page, errors, requests


def hostile_params(make_params):
    return validate(make_params(
        organisation={"name": "องค์การบริหารส่วนตำบลทดสอบ" + HOSTILE, "district": HOSTILE, "province": "ราชบุรี" + HOSTILE,
                      "website": "javascript:window.__pwned=5"},
        assessment={"year": 2568, "indicators": {n: 80 if n < 4 else 92 for n in range(1, 11)},
                    "reported": {"total": 89.84, "level": "ผ่าน"}},
        measures=[{"indicator": [1, 2], "name": "มาตรการ" + HOSTILE, "reason": HOSTILE, "steps": [HOSTILE, "ขั้นที่สอง"],
                   "responsible": HOSTILE, "monitoring": HOSTILE, "target": HOSTILE}],
        prepared={"by": HOSTILE, "signatory": {"name": HOSTILE, "position": HOSTILE}},
    ))


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    return render(load_params(SEED003), out, ("html",), source=str(SEED003)).files["html"]


def test_report_uses_sarabun_with_no_errors_and_no_requests(browser, seed_html):
    page, errors, requests = open_page(browser, seed_html)
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.family.includes('Sarabun') && f.status == 'loaded').length")
    assert loaded >= 2  # regular and bold at least, from the page's own data: URLs
    family = page.evaluate("getComputedStyle(document.querySelector('p.para')).fontFamily")
    assert family.split(",")[0].strip("\"' ") == "Sarabun"
    assert errors == []
    assert [u for u in requests if not u.startswith(("data:", "file:", "about:"))] == []
    assert page.evaluate("document.scripts.length") == 0
    page.close()


def test_thai_text_is_laid_out_by_words(browser, seed_html):
    page, _, _ = open_page(browser, seed_html)
    # every Thai word sits in a nowrap span: no line can end inside one
    spans = page.evaluate("[...document.querySelectorAll('span.w')].slice(0, 200).map(s => getComputedStyle(s).whiteSpace)")
    assert spans and set(spans) == {"nowrap"}
    # and a wrapped paragraph breaks only at <wbr>/spaces: each line's first character starts a word
    starts = page.evaluate("""() => {
        const out = [];
        for (const p of [...document.querySelectorAll('p.para')].slice(0, 6)) {
            let lastTop = null;
            for (const s of p.querySelectorAll('span.w')) {
                const rects = s.getClientRects();
                if (rects.length > 1) out.push('split:' + s.textContent);
                const top = rects.length ? Math.round(rects[0].top) : null;
                if (lastTop !== null && top !== lastTop && top !== null) out.push('newline');
                lastTop = top;
            }
        }
        return out;
    }""")
    assert "newline" in starts  # the paragraphs do wrap …
    assert not [s for s in starts if s.startswith("split:")]  # … and never inside a word
    page.close()


def test_hostile_text_is_shown_not_run(browser, make_params, tmp_path):
    params = hostile_params(make_params)
    html = render(params, tmp_path / "out", ("html",)).files["html"]
    page, errors, requests = open_page(browser, html)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == 0
    on_attrs = page.evaluate("""[...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
    assert on_attrs == []
    assert page.evaluate("[...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.href)).length") == 0
    text = page.evaluate("document.body.innerText")
    assert text.count("<script>window.__pwned=1</script>") >= 5  # shown as text in every section
    assert "onerror=" in text
    assert [u for u in requests if not u.startswith(("data:", "file:", "about:"))] == []  # no <img src=x> fetch
    assert errors == []
    page.close()


def test_chart_titles_with_hostile_names_stay_text(browser, make_params, tmp_path):
    params = hostile_params(make_params)
    html = render(params, tmp_path / "out", ("html",)).files["html"]
    page, _, _ = open_page(browser, html)
    svg_text = page.evaluate("[...document.querySelectorAll('figure svg text')].map(t => t.textContent).join(' ')")
    assert "<script>" in svg_text  # the organisation's name in a chart title, as text
    assert page.evaluate("document.querySelectorAll('figure svg script, figure svg foreignObject').length") == 0
    page.close()


def _inert(browser, html: Path, min_shown: int):
    page, errors, requests = open_page(browser, html)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("""[...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)).length""") == 0
    assert page.evaluate("[...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.href)).length") == 0
    text = page.evaluate("document.body.innerText")
    assert text.count("<script>window.__pwned=1</script>") >= min_shown, text.count("<script>")
    assert [u for u in requests if not u.startswith(("data:", "file:", "about:"))] == []
    assert errors == []
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    page.close()


ORG = {"name": "องค์การบริหารส่วนตำบลทดสอบ" + HOSTILE, "district": HOSTILE, "province": "ราชบุรี"}


def test_integrity_report_with_hostile_text(browser, tmp_path):
    params = validate({
        "document": "integrity_report", "organisation": ORG, "fiscal_year": 2569, "round": 12,
        "results": [{"name": "มาตรการ" + HOSTILE, "tool": "IIT", "responsible": HOSTILE, "status": "done",
                     "actions": [HOSTILE], "summary": HOSTILE, "outputs": [HOSTILE], "outcomes": [HOSTILE],
                     "remarks": HOSTILE}],
        "prepared": {"by": HOSTILE, "signatory": {"name": HOSTILE, "position": HOSTILE}},
    })
    html = render(params, tmp_path / "out", ("html",)).files["html"]
    _inert(browser, html, 8)


def test_plan_with_hostile_text(browser, tmp_path):
    project = {"name": "โครงการ" + HOSTILE, "type": "โครงการ", "rationale": HOSTILE, "objectives": [HOSTILE],
               "target": {"group": HOSTILE, "count": 10, "unit": "คน"}, "method": [HOSTILE],
               "budget": {2566: 1000}, "responsible": HOSTILE, "outputs": [HOSTILE], "outcomes": [HOSTILE],
               "indicators": [HOSTILE]}
    params = validate({
        "document": "anticorruption_plan", "organisation": ORG, "period": {"start": 2566, "end": 2570},
        "dimensions": [{"number": 1, "title": "มิติ" + HOSTILE,
                        "areas": [{"title": "ด้าน" + HOSTILE, "projects": [project]}]}],
    })
    html = render(params, tmp_path / "out", ("html",)).files["html"]
    _inert(browser, html, 8)


def test_province_summary_with_hostile_names(browser, tmp_path):
    import json

    example = json.loads(PROVINCE_EXAMPLE.read_text(encoding="utf-8"))
    for entry in example["entries"][:3]:
        entry["organisation"]["name"] = "องค์การบริหารส่วนตำบล" + HOSTILE + entry["key"]
        entry["organisation"]["district"] = entry["organisation"]["district"] + HOSTILE
    manifest = tmp_path / "batch.json"
    manifest.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    files = render(load_params(manifest), tmp_path / "out", ("html",), source=str(manifest)).files
    _inert(browser, files["html"], 3)
