"""Building the site from manifests: what is written (and nothing else), `ita-report site`, bad manifests,
the batch building it, and the province summary linking back."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.site.entries import KOH, SAMRUEAN, small_site, write_province
from tests.support import EXAMPLES
from toolkit.documents import registry
from toolkit.site import build_site, build_year, settings


def snapshot(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_the_site_is_built_from_manifests_and_writes_nothing_else(tmp_path):
    year = small_site(tmp_path)
    before = snapshot(tmp_path)
    result = build_site(tmp_path)
    assert result.problems == [] and result.years == [year]
    assert result.provinces == 3 and result.organisations == 10 + 3 + 60
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before  # no report, no manifest touched
    added = sorted(set(after) - set(before))
    per_province = ["index.html", "ita-results.csv", "ita-results.xlsx"]
    assert added == sorted([f"2569/{f}" for f in per_province + ["ita-provinces.csv", "ita-provinces.xlsx"]]
                           + [f"2569/{p}/{f}" for p in ("ราชบุรี", "กาญจนบุรี", "กระบี่") for f in per_province])
    assert sorted(map(str, result.pages)) == sorted(str(tmp_path / "2569" / p / "index.html")
                                                   for p in ("", "ราชบุรี", "กาญจนบุรี", "กระบี่"))
    # a rebuild gives the same bytes: nothing in a page depends on the clock or the order of the disk
    first = {p: (tmp_path / p).read_bytes() for p in added}
    build_site(tmp_path)
    assert {p: (tmp_path / p).read_bytes() for p in added} == first


def test_year_figures_add_up_over_the_provinces(tmp_path):
    year = small_site(tmp_path)
    build_site(tmp_path)
    html = (year / "index.html").read_text("utf-8")
    data = json.loads(re.search(r'id="search-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert [p[0] for p in data["provinces"]] == ["กระบี่", "กาญจนบุรี", "ราชบุรี"]  # Thai order
    rows = data["rows"]
    assert len(rows) == 73 and sum(1 for r in rows if r[0] == KOH) == 2
    samruean = next(r for r in rows if r[0] == SAMRUEAN)
    assert samruean[5] == 1  # the usual link: <name>/ita_analysis.html
    assert data["provinces"][samruean[1]] == ["ราชบุรี", "ราชบุรี"] and samruean[3] == "๙๖.๗๙"
    assert ["อบต.", "องค์การบริหารส่วนตำบล"] in data["types"]


def test_a_bad_manifest_is_reported_and_the_rest_is_built(tmp_path):
    year = small_site(tmp_path)
    (year / "กาญจนบุรี" / "batch.json").write_text("{not json", "utf-8")
    write_province(year, "ตาก", [])
    (year / "ตาก" / "batch.json").write_text('{"entries": "none"}', "utf-8")
    result = build_site(tmp_path)
    assert result.provinces == 2 and len(result.problems) == 2
    th, en = result.problems[0]
    assert "กาญจนบุรี/batch.json" in th and "ต้องเป็นไฟล์ JSON ที่อ่านได้" in th and "ita-report batch" in th
    assert "กาญจนบุรี/batch.json" in en and "must be readable JSON" in en
    assert "entries" in result.problems[1][1] and '"str"' in result.problems[1][1]
    assert (year / "index.html").is_file() and (year / "ราชบุรี" / "index.html").is_file()
    assert "กาญจนบุรี" not in (year / "index.html").read_text("utf-8").split("search-data")[0]


def test_build_year_rebuilds_only_the_provinces_asked_for(tmp_path):
    year = small_site(tmp_path)
    build_site(tmp_path)
    stamp = (year / "กระบี่" / "index.html").stat().st_mtime_ns
    result = build_year(year, [year / "ราชบุรี"])
    assert (year / "กระบี่" / "index.html").stat().st_mtime_ns == stamp
    assert year / "ราชบุรี" / "index.html" in result.pages and year / "index.html" in result.pages
    assert result.provinces == 3  # the year page still counts every province


def test_cli_site_command(tmp_path, run_cli):
    small_site(tmp_path)
    code, out, err = run_cli("site", tmp_path)
    assert code == 0, err
    assert "77" not in out and "3 provinces, 73 organisations" in out
    assert f"site     {tmp_path / '2569' / 'index.html'}" in out
    code, _, err = run_cli("site", tmp_path / "2569", "--year", "2570")  # a year folder; another year asked
    assert code == 2 and "no batch manifest" in err
    (tmp_path / "2569" / "ราชบุรี" / "batch.json").write_text("[]", "utf-8")
    code, out, err = run_cli("site", tmp_path)
    assert code == 1 and "PROBLEM" in err and "entries" in err


def test_cli_site_without_manifests_is_an_input_error(tmp_path, run_cli):
    code, out, err = run_cli("site", tmp_path)
    assert code == 2
    assert "ไม่พบแฟ้มสรุปการประมวลผล (batch.json)" in err and "no batch manifest (batch.json)" in err


def test_site_settings_agree_with_the_document_registry():
    s = settings()
    assert s["default_document"] == registry.DEFAULT
    for key in s["documents"]:
        assert registry.get(key).stem == key  # an organisation's files are named by the type's stem
    assert registry.get(s["summary"]["key"]).stem == s["summary"]["stem"]
    assert set(s["documents"]) | {s["summary"]["key"]} == {d.key for d in registry.all_types()}


# --------------------------------------------------------------------------- the batch builds the site


@pytest.mark.slow
def test_a_batch_builds_the_site_and_the_summary_links_back(tmp_path, run_cli):
    """Real notebooks: an analysis and its results report (one organisation, two documents), the summary."""
    folder = tmp_path / "params"
    folder.mkdir()
    for name in ("samruean_2569.yaml", "integrity_samruean_2569_6.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    out = tmp_path / "out"
    env = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])  # kernels import this checkout
    try:
        code, stdout, stderr = run_cli("batch", folder, "--out", out, "--formats", "html", "--workers", "1")
    finally:
        if env is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = env
    assert code == 0, stderr
    province = out / "2569" / "ราชบุรี"
    assert re.search(rf"site: +{re.escape(str(out / '2569' / 'index.html'))}$", stdout, re.M), stdout
    assert re.search(rf"index: +{re.escape(str(province / 'index.html'))}$", stdout, re.M), stdout
    page = (province / "index.html").read_text("utf-8")
    hrefs = {unquote(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', page)}
    assert {f"{SAMRUEAN}/ita_analysis.html", f"{SAMRUEAN}/integrity_report.html", "province_summary.html",
            "../index.html", "ita-results.csv"} <= hrefs
    assert all((province / h).resolve().is_file() for h in hrefs)
    assert page.count('class="org"') == 1  # one organisation, one row, two documents
    summary = (province / "province_summary.html").read_text("utf-8")
    assert re.search(r'<p class="site-link"><a href="index.html">', summary)  # and back
    assert "@media print { p.site-link { display: none; } }" in summary
    year_page = (out / "2569" / "index.html").read_text("utf-8")
    assert "ราชบุรี/province_summary.html" in unquote(year_page)
    # the site again, from the manifests alone, gives the same province page
    before = page
    code, _, err = run_cli("site", out)
    assert code == 0, err
    assert (province / "index.html").read_text("utf-8") == before
    assert sys.modules.get("toolkit.site") is not None
