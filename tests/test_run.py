"""End to end: real Papermill, a real Jupyter kernel, real nbconvert and headless Chromium."""
import re
import subprocess

import nbformat
import pytest

from tests.support import EXAMPLES, SEED003, run
from toolkit.documents.registry import load_params
from toolkit.run import Engine, default_out_dir, params_digest, render

pytestmark = pytest.mark.slow



def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module")
def seed_render(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed003")
    return render(load_params(SEED003), out, source=str(SEED003))


def test_writes_html_pdf_and_the_executed_notebook(seed_render):
    """render() writes every format unless told otherwise (the CLI's default leaves Word out)."""
    assert sorted(seed_render.files) == ["docx", "html", "ipynb", "pdf"]
    assert sorted(p.name for p in seed_render.out_dir.iterdir()) == [
        "ita_analysis.docx", "ita_analysis.html", "ita_analysis.ipynb", "ita_analysis.pdf"]


def test_html_has_no_code_and_carries_name_total_and_flags(seed_render):
    html = seed_render.files["html"].read_text(encoding="utf-8")
    text = squash(re.sub(r"<[^>]+>", "", html))
    assert "AnalysisReport" not in html and "params_file" not in html  # no code input
    assert '<html lang="th"' in html and "<script" not in html
    assert "องค์การบริหารส่วนตำบลสามเรือน" in text
    assert "๙๖.๗๙" in text  # the total, Thai digits as the style asks
    assert "ข้อสังเกตจากการตรวจทานตัวเลข" in text and "๙๖.๒๙" in text  # the indicator-6 conflict, flagged
    assert "ผ่านดี" in text
    assert not re.search(r"\b(src|href)=\"https?:", html)


def test_pdf_is_a4_embeds_sarabun_and_holds_the_thai_name(seed_render):
    pdf = str(seed_render.files["pdf"])
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "999", pdf))
    assert sizes and all({round(float(w)), round(float(h))} == {595, 842} for w, h in sizes)
    fonts = run("pdffonts", pdf)
    assert re.search(r"Sarabun\S*\s+CID TrueType\s+Identity-H\s+yes", fonts)
    text = squash(run("pdftotext", pdf, "-"))
    assert "องค์การบริหารส่วนตำบลสามเรือน" in text  # ำ survives extraction (see toolkit.export.pdf)
    assert "๙๖.๗๙" in text


def test_provenance_notebook(seed_render):
    nb = nbformat.read(seed_render.files["ipynb"], as_version=4)
    meta = nb.metadata["ita"]
    assert meta["organisation"] == "องค์การบริหารส่วนตำบลสามเรือน" and meta["fiscal_year"] == 2569
    assert meta["params_sha256"] == params_digest(load_params(SEED003))
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "params_data" in injected[0].source
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def test_default_output_tree(tmp_path):
    p = load_params(SEED003)
    assert default_out_dir(p, tmp_path) == tmp_path / "2569" / "ราชบุรี" / "องค์การบริหารส่วนตำบลสามเรือน"


def test_every_example_renders_in_one_kernel(tmp_path):
    with Engine() as engine:
        for path in sorted(EXAMPLES.glob("*.yaml")):
            p = load_params(path)
            result = render(p, tmp_path / path.stem, ("html",), engine, str(path))
            html = result.files["html"].read_text(encoding="utf-8")
            assert p.organisation.name in squash(re.sub(r"<[^>]+>", "", html))
        assert engine.runs == len(list(EXAMPLES.glob("*.yaml")))


def test_same_output_alone_or_after_another_in_a_reused_kernel(tmp_path):
    seed, other = load_params(SEED003), load_params(EXAMPLES / "thungtuayang_2569.yaml")
    alone = render(seed, tmp_path / "alone", ("html", "ipynb"))
    with Engine() as engine:
        render(other, tmp_path / "first", ("html",), engine)
        after = render(seed, tmp_path / "after", ("html", "ipynb"), engine)
    assert alone.files["html"].read_bytes() == after.files["html"].read_bytes()


def test_the_notebook_runs_as_is_with_papermill_cli(tmp_path):
    """An analyst opening notebooks/ita_analysis.ipynb and running it gets the bundled example."""
    out = tmp_path / "executed.ipynb"
    subprocess.run(["papermill", "--cwd", str(SEED003.parents[2] / "notebooks"),
                    str(SEED003.parents[2] / "notebooks" / "ita_analysis.ipynb"), str(out)],
                   check=True, capture_output=True, timeout=600)
    nb = nbformat.read(out, as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "สามเรือน" in html
