"""The PDFs as a reader's software sees them: A4, fonts embedded, Thai text extractable as written,
and, on every example, no line broken inside a word of the domain dictionary or a level name."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.export.pages import block_lines, broken_words
from tests.support import EXAMPLES, SEED003, example_files, run
from toolkit.documents.analysis import text as narrative
from toolkit.documents.analysis.analyse import analyse
from toolkit.export import cdp, pdf
from toolkit.frameworks import available_years, load_framework
from toolkit.kit import thai

pytestmark = pytest.mark.slow
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
EXAMPLE_FILES = [SEED003, EXAMPLES / "thungtuayang_2569.yaml", EXAMPLES / "nongtuayang_2566.yaml"]
ALL_EXAMPLES = [p for p in example_files() if p.suffix in (".yaml", ".json")]



def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module", params=EXAMPLE_FILES, ids=lambda p: p.stem)
def rendered(request, example_render):
    r = example_render(request.param)
    return r.params, r.pdf, r.html_file


def test_every_page_is_a4(rendered):
    _, pdf, _ = rendered
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "9999", str(pdf)))
    assert sizes
    for w, h in sizes:  # portrait pages, and landscape ones for the measures plan
        assert {round(float(w)), round(float(h))} == {595, 842}


def test_every_font_is_embedded(rendered):
    _, pdf, _ = rendered
    rows = [line.split() for line in run("pdffonts", str(pdf)).splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows), rows
    assert all("Sarabun" in r[0] for r in rows), rows


def test_the_text_extracts_as_written(rendered):
    params, pdf, _ = rendered
    text = run("pdftotext", str(pdf), "-")
    flat = squash(text)
    a = analyse(params)
    for paragraph in narrative.summary(a):  # the generated Thai, word for word
        assert squash(paragraph) in flat, paragraph[:80]
    for ind in a.indicators:
        assert squash(f"ตัวชี้วัดที่ {thai.to_thai_digits(str(ind.number)) if params.style.thai_digits else ind.number} {ind.name}") in flat
    # no broken clusters: a vowel or tone mark never starts a word in the extracted text
    assert not re.search(rf"(^|\s)[{MARKS}]", text), re.search(rf".{{0,20}}(^|\s)[{MARKS}].{{0,20}}", text).group()


def split_words() -> list[str]:
    """Every word of the domain dictionary and every level name of every framework."""
    levels = {name for year in available_years() for name in load_framework(year).levels.names}
    return sorted(set(thai.DOMAIN_WORDS) | levels)


def test_every_level_name_is_a_dictionary_word_kept_whole():
    levels = {name for year in available_years() for name in load_framework(year).levels.names}
    thai_levels = {lv for lv in levels if thai.has_thai(lv)}
    assert thai_levels and thai_levels <= thai.DOMAIN_WORDS
    assert all(thai.loose_units(lv) == (lv,) for lv in thai_levels)  # not even a narrow cell breaks one


def test_the_line_break_check_can_fail():
    words = split_words()
    assert [b.rsplit(" ", 1)[-1] for b in broken_words(["การปฏิบัติงานของเจ้าหน้า", "ที่ในหน่วยงาน"], words)] == [
        "(เจ้าหน้าที่)"]
    assert "(ผ่านดี)" in " ".join(broken_words(["ระดับผลการประเมิน ผ่าน", "ดี"], words))  # a level name
    assert "(โครงการ)" in " ".join(broken_words(["จัดโครง", "การอบรม"], words))  # a short word
    assert broken_words(["การปฏิบัติงานของ", "เจ้าหน้าที่ในหน่วยงาน"], words) == []


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_no_line_breaks_inside_a_dictionary_word_or_level(path, example_render):
    blocks = block_lines(example_render(path).pdf)
    assert sum(len(b) for b in blocks) > 100
    words = split_words()
    assert [b for lines in blocks for b in broken_words(lines, words)] == []


def test_the_browser_is_the_headless_shell_when_there_is_one(tmp_path, monkeypatch):
    for name in ("chromium", "chromium-headless-shell"):
        exe = tmp_path / name
        exe.write_text("#!/bin/sh\n")
        exe.chmod(0o755)
    monkeypatch.delenv("ITA_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf.chromium_path() == str(tmp_path / "chromium-headless-shell")
    (tmp_path / "chromium-headless-shell").unlink()
    assert pdf.chromium_path() == str(tmp_path / "chromium")


def word_boxes(pdf_bytes: bytes, tmp_path, name: str) -> list[tuple]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    return [(page, w, *map(float, box)) for page, chunk in enumerate(run("pdftotext", "-bbox", str(path), "-").split("<page ")[1:])
            for *box, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', chunk)]


def furthest(a: list[tuple], b: list[tuple]) -> float:
    """How far (pt) the furthest word of one print is from the same word of the other; inf if the words differ."""
    if [w[:2] for w in a] != [w[:2] for w in b]:
        return float("inf")
    return max(abs(x - y) for p, q in zip(a, b) for x, y in zip(p[2:], q[2:]))


def test_the_headless_shell_prints_every_word_where_chromium_does(rendered, tmp_path):
    shell, full = shutil.which("chromium-headless-shell"), shutil.which("chromium")
    if not (shell and full):
        pytest.skip("needs both chromium-headless-shell and chromium (.ci/debian-packages.txt installs both)")
    html = rendered[2].read_text(encoding="utf-8")
    prints = {}
    for name, exe, args in (("full", full, pdf.chromium_args()), ("shell", shell, pdf.chromium_args()),
                            ("hinted", shell, [a for a in pdf.chromium_args() if not a.startswith("--font-render")])):
        browser = cdp.Browser(exe, args)
        try:
            browser.set_content(html)
            prints[name] = word_boxes(browser.pdf(), tmp_path, name)
        finally:
            browser.close()
    assert len(prints["full"]) > 500
    assert furthest(prints["full"], prints["shell"]) < 0.01
    assert furthest(prints["full"], prints["hinted"]) > 1  # what the flag is for: without it lines move


def test_a_print_leaves_the_tab_able_to_collect_its_last_document():
    pdf.chromium_pdf("<html><body><p>ทดสอบ</p></body></html>")
    with pdf.chromium_page() as tab:
        assert tab.evaluate("() => typeof gc") == "function"  # --js-flags=--expose-gc reached the browser (RELEASE_JS)
