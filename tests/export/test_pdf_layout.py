"""How many prints the layout search costs (export/pdf.py laid_out), with real Chromium: a document far over its
page budget is tried at the densest layout first and, still over, at no milder one; one page over goes through
the densities mildest first, as before."""
from __future__ import annotations

import pytest

from toolkit.export import pdf

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
