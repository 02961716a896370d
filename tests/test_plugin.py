"""A document type from another package (tests/plugin/ita_memo) joins through the `ita_report.documents`
entry point, exactly as the README's "Add a document type" says, and renders through `ita-report render`
and `batch` like the built-in types (real processes: the CLI, a Jupyter kernel, batch workers)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SEED003

PLUGIN = ROOT / "tests" / "plugin"


@pytest.fixture
def plugin_env(tmp_path) -> dict:
    """An installed-looking distribution: a dist-info folder with the entry point, on PYTHONPATH."""
    site = tmp_path / "site"
    info = site / "ita_memo_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ita-memo-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[ita_report.documents]\nmemo = ita_memo:DOCUMENT\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(PLUGIN), str(ROOT)]), PYTHAINLP_OFFLINE="1")
    return env


def cli(env: dict, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=600)


def test_without_the_entry_point_the_type_is_unknown(tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PLUGIN), str(ROOT)]), PYTHAINLP_OFFLINE="1")
    done = cli(env, "check", PLUGIN / "memo_samruean_2569.yaml")
    assert done.returncode == 2 and "document must be one of" in done.stderr and "memo" in done.stderr


@pytest.mark.slow
def test_a_fourth_document_type_renders_through_render_and_batch(plugin_env, tmp_path):
    done = cli(plugin_env, "score", PLUGIN / "memo_samruean_2569.yaml", "--json")
    assert done.returncode == 0 and '"paragraphs": 2' in done.stdout

    out = tmp_path / "render"
    done = cli(plugin_env, "render", PLUGIN / "memo_samruean_2569.yaml", "--out", out, "--formats", "html,ipynb")
    assert done.returncode == 0, done.stderr
    html = (out / "memo.html").read_text(encoding="utf-8")
    assert "การเผยแพร่ผลการประเมิน" in html.replace("<wbr>", "").replace('<span class="w">', "").replace("</span>", "")
    assert "บันทึกข้อความ" in html and "<title>บันทึกข้อความ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙" in html

    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(PLUGIN / "memo_samruean_2569.yaml", folder)
    shutil.copy(SEED003, folder)
    done = cli(plugin_env, "batch", folder, "--fiscal-year", 2569, "--out", tmp_path / "batch", "--formats", "html",
               "--workers", 1, "--no-summary")
    assert done.returncode == 0, done.stderr
    org = next((tmp_path / "batch" / "2569" / "ราชบุรี").iterdir())
    assert sorted(p.name for p in org.glob("*.html") if not p.name.endswith(".review.html")) == [
        "ita_analysis.html", "memo.html"]
