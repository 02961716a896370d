"""Page geometry as data: the measured Sarabun size, the font's least line height, overrides and their errors."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from toolkit.kit.errors import InputErrors
from tests.support import EXAMPLES
from toolkit.documents import registry
from toolkit.documents.registry import validate
from toolkit.kit import page

LAKSAMAN = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")  # TH Sarabun New scaled up 150.42 % (TLWG)


def test_defaults_follow_thai_official_documents():
    s = page.load("ita_analysis")
    assert s.paper_cm == (21.0, 29.7)
    assert (s.margins_cm.top, s.margins_cm.left, s.margins_cm.right, s.margins_cm.bottom) == (2.5, 3.0, 2.0, 2.0)
    assert s.body_pt == 16 and s.max_pages == 20
    assert s.text_width_cm() == 16.0


def test_sarabun_is_measured_to_read_like_th_sarabun_at_16_pt():
    s = page.load()
    m = s.metrics
    assert m.consonant_height_em == pytest.approx(0.586, abs=0.002)
    assert s.font_pt == 11.0  # 16 × 0.400 / 0.586 = 10.9
    assert s.leading == 1.75  # 2 × winAscent − ascent + descent = 1.736, rounded up


@pytest.mark.skipif(not LAKSAMAN.is_file(), reason="fonts-thai-tlwg not installed")
def test_a_font_file_of_the_users_is_measured_and_embedded():
    s = page.load(None, {"font": {"family": "Laksaman", "file": str(LAKSAMAN)}})
    assert s.font_pt == 10.75  # Laksaman is TH Sarabun New drawn 1.5 times larger
    assert s.font_face_css().startswith('@font-face { font-family: "Laksaman"') and "base64," in s.font_face_css()
    assert '--font: "Laksaman", "Sarabun"' in s.css()


def test_css_numbers_pages_in_the_documents_digits():
    thai, arabic = page.load(thai_digits=True).css(), page.load(thai_digits=False).css()
    assert "counter(page, thai)" in thai and "--list-style: thai" in thai
    assert "counter(page);" in arabic and "--list-style: decimal" in arabic
    assert "size: 21cm 29.7cm" in thai and "margin: 2.5cm 2cm 2cm 3cm" in thai
    assert "@page landscape { size: 29.7cm 21cm; margin: 2cm 2cm 2cm 2.5cm; }" in thai
    assert "html { font-size: 11pt; }" in thai


def test_overrides_merge_and_named_styles_apply(tmp_path):
    s = page.load("ita_analysis", {"margins_cm": {"left": 2.5}, "paper": "A5"})
    assert s.margins_cm.left == 2.5 and s.margins_cm.top == 2.5 and s.paper_cm == (14.8, 21.0)
    assert page.load(None, "compact").margins_cm.top == 2.0
    f = tmp_path / "mine.yaml"
    f.write_text("body_pt: 15\n", encoding="utf-8")
    assert page.load(None, str(f)).body_pt == 15


@pytest.mark.parametrize("override,fragment", [
    ({"line_height": 1.4}, "is below the 1.75"),
    ({"margins": 2}, "unknown key(s) margins"),
    ({"paper": "B9"}, "paper must be"),
    ({"font": {"family": "TH SarabunIT๙"}}, "needs `file`"),
    ({"font": {"family": "X", "file": "/nonexistent.ttf"}}, "no such file"),
    ("nope", "unknown page style 'nope'"),
])
def test_bad_overrides_say_what_and_how_in_both_languages(override, fragment):
    with pytest.raises(page.PageStyleError) as err:
        page.load(None, override)
    assert fragment in err.value.en and err.value.th


def test_params_carry_the_override(make_params):
    params = validate(make_params(style={"page": {"margins_cm": {"left": 2.5}}}))
    assert page.for_params(params).margins_cm.left == 2.5
    with pytest.raises(InputErrors, match="line_height"):
        validate(make_params(style={"page": {"line_height": 1.0}}))


def test_round_trip_through_notebook_metadata():
    s = page.load("integrity_report", {"margins_cm": {"top": 2.0}}, thai_digits=False)
    assert page.PageStyle.from_dict(s.to_dict()) == s


def test_a_province_summarys_budget_grows_with_its_organisations():
    s = page.load("province_summary")
    assert (s.max_pages, s.max_pages_growth) == (16, (8, 8))
    assert [s.budget(n) for n in (None, 1, 8, 9, 16, 17, 50, 100, 200)] == [16, 16, 16, 17, 17, 18, 22, 28, 40]
    assert page.load("ita_analysis").budget(200) == 20  # an organisation's own documents do not grow
    assert page.PageStyle.from_dict(s.to_dict()) == s  # through the notebook's metadata and back
    with pytest.raises(page.PageStyleError) as err:
        page.load("province_summary", {"max_pages_growth": {"after_rows": 12, "rows_per_page": 0}})
    assert "rows_per_page" in err.value.en and "rows_per_page" in err.value.th


def test_the_page_budget_a_render_writes_counts_the_province():
    params = registry.load_params(EXAMPLES / "province_ratchaburi_2569.json")
    doc = registry.of(params)
    assert doc.rows(params) == 13 and page.for_params(params, doc.key, doc.rows(params)).max_pages == 17  # 12 + a failed one
    many = replace(params, manifest={**params.manifest, "entries": params.manifest["entries"] * 10})
    assert page.for_params(many, doc.key, doc.rows(many)).max_pages == 16 + 16  # 130: 122 beyond 8, 8 a page
    assert registry.of(registry.load_params(EXAMPLES / "samruean_2569.yaml")).rows is None
