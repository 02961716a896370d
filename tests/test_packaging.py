"""The package as a user installs it: build the sdist and the wheel, install the wheel with its
dependencies into a fresh virtualenv outside the checkout, and render from another folder.

Slow (a minute or more: pip resolves and copies ~100 packages; downloads come from pip's cache after
the first run). The install is constrained by requirements.lock, so it also proves the lock installs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.slow

SHIPPED = [  # what a wheel needs to render without the checkout
    "toolkit/notebooks/ita_analysis.ipynb", "toolkit/notebooks/province_summary.ipynb",
    "toolkit/examples/samruean_2569.yaml", "toolkit/examples/table_ratchaburi_2569.csv",
    "toolkit/examples/province_ratchaburi_2569.json", "toolkit/examples/emblem_nongtuayang.svg",
    "toolkit/knowledge/org_types.yaml",
    "toolkit/export/templates/ita/index.html.j2", "toolkit/export/templates/ita/report.css",
    "toolkit/kit/templates/figure.html.j2", "toolkit/documents/analysis/templates/analysis_cover.html.j2",
]


def run(*cmd, cwd: Path, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin folder, a working folder outside the checkout, seconds taken) after build + install."""
    tmp = tmp_path_factory.mktemp("wheel")
    t0 = time.perf_counter()
    run(sys.executable, "-m", "build", "--outdir", tmp / "dist", ROOT, cwd=tmp)  # sdist, then the wheel from it
    wheel = next((tmp / "dist").glob("*.whl"))
    sdist = next((tmp / "dist").glob("*.tar.gz"))
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp)
    bin_ = venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run(bin_ / "python", "-m", "pip", "install", "-q", "--no-compile", "-c", ROOT / "requirements.lock", wheel,
        cwd=tmp, env=env)
    work = tmp / "elsewhere"
    work.mkdir()
    return {"bin": bin_, "work": work, "wheel": wheel, "sdist": sdist, "env": {**env, "PATH": f"{bin_}:{env['PATH']}",
            "PYTHAINLP_OFFLINE": "1"}, "seconds": time.perf_counter() - t0}


def test_wheel_and_sdist_carry_notebooks_examples_templates_and_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    assert not [f for f in SHIPPED if f not in names]
    assert not [n for n in names if n.startswith(("notebooks/", "params/", "tests/"))]  # only inside the package
    with tarfile.open(installed["sdist"]) as tar:
        members = {m.split("/", 1)[1] for m in tar.getnames() if "/" in m}
    assert {"notebooks/ita_analysis.ipynb", "params/examples/samruean_2569.yaml", "setup.py",
            "requirements.lock"} <= members


def test_toolkit_comes_from_the_venv_not_the_checkout(installed):
    out = run(installed["bin"] / "python", "-c", "import toolkit, fontpkg_sarabun; print(toolkit.__file__)",
              cwd=installed["work"], env=installed["env"]).stdout.strip()
    assert out.startswith(str(installed["bin"].parent)) and str(ROOT) not in out


def test_cli_from_the_installed_package(installed):
    env, work, bin_ = installed["env"], installed["work"], installed["bin"]
    assert run(bin_ / "ita-report", "--version", cwd=work, env=env).stdout.startswith("ita-report ")
    listed = run(bin_ / "ita-report", "examples", "--list", cwd=work, env=env).stdout
    assert str(bin_.parent) in listed.splitlines()[0] and "samruean_2569.yaml" in listed
    assert "table_ratchaburi_2569.csv" in listed
    doctor = subprocess.run([bin_ / "ita-report", "doctor"], cwd=work, env=env, capture_output=True, text=True)
    assert doctor.returncode == 0, doctor.stdout
    # the papermill engines come from the package's entry points, whichever is imported first
    check = ("from papermill.engines import papermill_engines as e; "
             "assert e.get_engine('ita_in_process').__name__ == 'InProcessEngine'; "
             "assert e.get_engine('ita_reused_kernel').__name__ == 'ReusedKernelEngine'")
    run(bin_ / "python", "-c", check, cwd=work, env=env)
    run(bin_ / "python", "-c", "import toolkit.engine; " + check, cwd=work, env=env)


def test_render_an_example_to_html_and_pdf_from_another_folder(installed):
    env, work, bin_ = installed["env"], installed["work"], installed["bin"]
    site = next((bin_.parent / "lib").glob("python3*/site-packages"))
    example = site / "toolkit" / "examples" / "nongtuayang_2566.yaml"
    run(bin_ / "ita-report", "render", example, "--out", "out", "--formats", "html,pdf,ipynb", cwd=work, env=env)
    out = work / "out"
    assert sorted(p.name for p in out.iterdir()) == ["ita_analysis.html", "ita_analysis.ipynb", "ita_analysis.pdf",
                                                     "ita_analysis.review.html"]
    assert "เทศบาลตำบลหนองตัวอย่าง" in (out / "ita_analysis.html").read_text(encoding="utf-8")
    pdf = (out / "ita_analysis.pdf").read_bytes()
    info = subprocess.run(["pdfinfo", out / "ita_analysis.pdf"], capture_output=True, text=True).stdout
    assert pdf.startswith(b"%PDF") and "Skia/PDF" in info  # printed by Chromium, the default route
    text = subprocess.run(["pdftotext", out / "ita_analysis.pdf", "-"], capture_output=True, text=True).stdout
    assert "หนองตัวอย่าง" in text
    print(f"\nbuild + install: {installed['seconds']:.0f} s")
