"""How many prints the layout search costs (export/pdf.py laid_out), with real Chromium: a document far over its
page budget is tried at the densest layout first and, still over, at no milder one; one page over goes through
the densities mildest first, as before."""
from __future__ import annotations

import pytest

from tests.export.test_pdf import furthest, word_boxes
from tests.support import EXAMPLES
from toolkit.export import cdp, pdf

pytestmark = pytest.mark.slow

PAGE = "<p style='break-after: page'>หน้า</p>"


def document(pages: int, budget: int) -> str:
    """Pages that no density shortens (report.css is not in it): the search cannot succeed."""
    return (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
            f'<meta name="ita-max-pages" content="{budget}"></head><body>{PAGE * pages}</body></html>')


def prints_for(html: str) -> tuple[int, int, str]:
    before = pdf.prints_made()
    chosen, out = pdf.laid_out(html, renderer="chromium")
    return pdf.prints_made() - before, pdf.page_count(out), chosen


def test_far_over_budget_tries_the_densest_layout_only():
    assert pdf.FAR_OVER == 1
    prints, pages, chosen = prints_for(document(6, 2))  # 4 over
    assert pages == 6
    assert prints == 2  # as printed, then the densest; snug and dense-1 are not printed
    assert chosen == document(6, 2)  # the densest was no better: the document is kept as it is


def test_one_page_over_goes_through_every_density_mildest_first():
    prints, pages, _ = prints_for(document(3, 2))  # 1 over: a milder layout may well be enough
    assert pages == 3
    assert prints == 1 + len(pdf.DENSITIES)


def test_within_budget_prints_once():
    prints, pages, _ = prints_for(document(2, 2))
    assert (prints, pages) == (1, 2)


def test_a_density_set_on_the_loaded_report_prints_as_a_fresh_load(example_render, tmp_path, monkeypatch):
    """The layout search changes only the class of the report it already loaded; each density prints as the same
    HTML written into a fresh tab would, and the reloads it saves are counted."""
    html = example_render(EXAMPLES / "samruean_2569.yaml").html_file.read_text(encoding="utf-8")
    variants = [html, *(pdf.denser(html, d) for d in pdf.DENSITIES), html]
    writes = []
    real_write = cdp.Browser.set_content
    monkeypatch.setattr(cdp.Browser, "set_content", lambda tab, h: (writes.append(h), real_write(tab, h))[1])
    pdf.close_chromium()
    switched = [pdf.chromium_pdf(v) for v in variants]
    assert len(writes) == 1  # written once; every later density only switched
    fresh = []
    for v in variants:
        pdf.close_chromium()
        fresh.append(pdf.chromium_pdf(v))
    assert len(writes) == 1 + len(variants)
    boxes = [(word_boxes(a, tmp_path, f"switched{k}"), word_boxes(b, tmp_path, f"fresh{k}"))
             for k, (a, b) in enumerate(zip(switched, fresh))]
    assert all(len(a) > 500 and furthest(a, b) < 0.01 for a, b in boxes)
    assert furthest(boxes[0][0], boxes[3][0]) > 1  # the densest layout moved words: the switch took effect
    assert furthest(boxes[0][0], boxes[-1][0]) < 0.01  # and switching back gives the report as it was


def test_the_density_is_read_back_from_the_html():
    html = document(2, 2)
    assert pdf.density_of(html) == (html, "")
    assert all(pdf.density_of(pdf.denser(html, d)) == (html, d) for d in pdf.DENSITIES)
