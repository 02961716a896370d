"""The PDFs as a reader's software sees them: A4, fonts embedded, Thai text extractable as written,
and no line broken inside a word of the domain dictionary."""
from __future__ import annotations

import re
from html import unescape

import pytest

from tests.support import EXAMPLES, SEED003, run
from toolkit.documents.analysis import text as narrative
from toolkit.documents.analysis.analyse import analyse
from toolkit.documents.registry import load_params
from toolkit.kit import thai
from toolkit.run import render

pytestmark = pytest.mark.slow
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
EXAMPLE_FILES = [SEED003, EXAMPLES / "thungtuayang_2569.yaml", EXAMPLES / "nongtuayang_2566.yaml"]



def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module", params=EXAMPLE_FILES, ids=lambda p: p.stem)
def rendered(request, tmp_path_factory):
    params = load_params(request.param)
    result = render(params, tmp_path_factory.mktemp(request.param.stem), ("html", "pdf"), source=str(request.param))
    return params, result.files["pdf"], result.files["html"]


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


def _lines(pdf) -> list[str]:
    xml = run("pdftotext", "-bbox-layout", str(pdf), "-")
    out = []
    for page in re.findall(r"<page .*?</page>", xml, re.S):
        for line in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S):
            out.append(" ".join(unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", line)))
    return out


def broken_words(lines: list[str]) -> list[str]:
    """Domain words that start at the end of one line and finish at the start of the next."""
    words = [w for w in thai.DOMAIN_WORDS if len(w) >= 4]
    broken = []
    for before, after in zip(lines, lines[1:]):
        tail, head = before[-20:], after[:20]
        joined = tail + head
        for w in words:
            for m in re.finditer(re.escape(w), joined):
                if m.start() < len(tail) < m.end():
                    broken.append(f"{tail}|{head} ({w})")
    return broken


def test_the_line_break_check_can_fail():
    assert [b.rsplit(" ", 1)[-1] for b in broken_words(["การปฏิบัติงานของเจ้าหน้า", "ที่ในหน่วยงาน"])] == ["(เจ้าหน้าที่)"]
    assert broken_words(["การปฏิบัติงานของ", "เจ้าหน้าที่ในหน่วยงาน"]) == []


def test_no_line_breaks_inside_a_dictionary_word(rendered):
    _, pdf, _ = rendered
    lines = _lines(pdf)
    assert len(lines) > 100
    assert broken_words(lines) == []
