"""End to end: real Papermill, a real Jupyter kernel, real nbconvert and headless Chromium."""
import re
import shutil
import subprocess

import nbformat
import pytest
import yaml

from tests.support import EXAMPLES, SEED003, example_files, run
from toolkit.documents import registry
from toolkit.documents.registry import load_params
from toolkit.kit.figures import Figures
from toolkit.run import Engine, default_out_dir, params_digest, render

pytestmark = pytest.mark.slow



def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module")
def seed_render(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed003")
    return render(load_params(SEED003), out, source=str(SEED003))


def test_writes_html_pdf_and_the_executed_notebook(seed_render):
    """render() writes every format unless told otherwise (the CLI's default leaves Word out), and the
    reviewer's sheet beside them."""
    assert sorted(seed_render.files) == ["docx", "html", "ipynb", "pdf", "review"]
    assert sorted(p.name for p in seed_render.out_dir.iterdir()) == [
        "ita_analysis.docx", "ita_analysis.html", "ita_analysis.ipynb", "ita_analysis.pdf",
        "ita_analysis.review.html"]


def test_html_has_no_code_and_carries_name_total_and_no_review_box(seed_render):
    html = seed_render.files["html"].read_text(encoding="utf-8")
    text = squash(re.sub(r"<[^>]+>", "", html))
    assert "AnalysisReport" not in html and "params_file" not in html  # no code input
    assert '<html lang="th"' in html and "<script" not in html
    assert "องค์การบริหารส่วนตำบลสามเรือน" in text
    assert "๙๖.๗๙" in text  # the total, Thai digits as the style asks
    assert "ข้อสังเกตจากการตรวจทานตัวเลข" not in text  # final: the indicator-6 conflict is in the review sheet
    review = seed_render.files["review"].read_text(encoding="utf-8")
    assert "assessment.reported.indicators.6" in review and "96.29" in review
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


# -- final by default, drafts on request (issue 9) -------------------------------------------------------------

# what a published document must never print: the toolkit, checking, unconfirmed rules, the draft mark
NOT_IN_FINAL = ("โดยอัตโนมัติ", "ยังไม่ได้รับการยืนยัน", "ข้อสังเกตจากการตรวจทาน", "ตรวจทานตัวเลข", "toolkit",
                "ita-report", "ฉบับร่าง", "params", "sha256")


@pytest.fixture(scope="module")
def every_example(tmp_path_factory):
    """Every bundled example rendered final (HTML and PDF) and as a draft (PDF), in one kernel."""
    out = tmp_path_factory.mktemp("examples")
    done = {}
    with Engine() as engine:
        for path in example_files():
            p = load_params(path)
            final = render(p, out / "final" / path.stem, ("html", "pdf"), engine, str(path))
            draft = render(p, out / "draft" / path.stem, ("pdf",), engine, str(path), draft=True)
            done[path.stem] = (p, final, draft)
    return done


def pages_of(pdf) -> list[str]:
    return run("pdftotext", "-raw", str(pdf), "-").split("\f")[:-1]


def test_every_example_renders_final(every_example):
    for stem, (p, final, _) in every_example.items():
        text = squash(run("pdftotext", str(final.files["pdf"]), "-"))
        for word in NOT_IN_FINAL:
            assert word not in text, (stem, word)
        html = final.files["html"].read_text(encoding="utf-8")
        assert 'class="draft-watermark"' not in html and 'name="ita:status" content="final"' in html, stem
        assert '<div class="flag">' not in html and '<footer class="provenance">' not in html, stem


def test_every_example_has_its_approval_block_and_cover_details(every_example):
    for stem, (p, final, _) in every_example.items():
        text = squash(run("pdftotext", "-raw", str(final.files["pdf"]), "-"))  # signatures side by side: in order
        figures = Figures.of(p)
        assert text.count("(ลงชื่อ)") == len(p.approvals) >= 2, stem
        for s in p.approvals:
            for value in (s.name, s.position, s.role):
                if value:
                    assert squash(value) in text, (stem, value)
        office = p.publisher if hasattr(p, "publisher") else p.organisation
        for value in (office.phone, office.fax, office.address):
            assert squash(figures.digits(value)) in text, (stem, value)
        assert "คำนำ" in text and "สารบัญ" in text, stem
        # the contents' page numbers were filled in from the first print (คำนำ is page 2; the contents are page 3,
        # or page 2 too in an abridged print: tests/export/test_abridged.py)
        contents = "".join(squash(run("pdftotext", "-f", str(k), "-l", str(k), "-raw", str(final.files["pdf"]), "-"))
                           .partition("สารบัญ")[2] for k in (2, 3))
        assert re.search(r"คำนำ\.*" + figures.digits(2), contents), stem


def test_provenance_is_in_meta_tags_pdf_metadata_and_the_review_sheet(every_example):
    for stem, (p, final, _) in every_example.items():
        digest = params_digest(p)
        html = final.files["html"].read_text(encoding="utf-8")
        assert f'<meta name="ita:params-sha256" content="{digest}">' in html, stem
        assert '<meta name="ita:toolkit-version"' in html and '<meta name="ita:document"' in html
        info = run("pdfinfo", str(final.files["pdf"]))
        assert f"params sha256 {digest}" in info and re.search(r"Creator:\s+ita-report-toolkit", info), stem
        assert "CreationDate" not in info
        review = final.files["review"]
        assert review.name.endswith(".review.html")
        sheet = review.read_text(encoding="utf-8")
        assert digest in sheet and "ข้อสังเกต" in sheet and "/ Findings" in sheet
        for f in registry.check(p):
            assert f.field in sheet and f.message_en.split(" ")[0] in sheet, (stem, f.field)
    framework = [l for l in run("pdfinfo", str(every_example["samruean_2569"][1].files["pdf"])).splitlines()
                 if l.startswith("Keywords")]
    assert "framework ita-2568" in framework[0]


def test_drafts_carry_the_watermark_the_findings_and_the_notes(every_example):
    for stem, (p, _, draft) in every_example.items():
        pages = pages_of(draft.files["pdf"])
        assert pages and all("ฉบับร่าง" in page for page in pages), stem  # the watermark on every page
        text = squash("".join(pages))
        assert "โดยอัตโนมัติ" in text, stem  # the provenance note is back
        assert draft.files["review"].exists()
    seed = squash("".join(pages_of(every_example["samruean_2569"][2].files["pdf"])))
    assert "ข้อสังเกตจากการตรวจทานตัวเลข" in seed and "๙๖.๒๙" in seed  # the indicator-6 conflict, in the box


def test_status_draft_in_params_and_the_cli_flag(tmp_path, run_cli):
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))
    data["status"] = "draft"
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(SEED003, tmp_path / "final.yaml")
    html_of = {}
    for name, extra in (("draft", []), ("final", ["--draft"]), ("plain", [])):
        source = path if name == "draft" else tmp_path / "final.yaml"
        code, out, _ = run_cli("render", source, "--out", tmp_path / name, "--formats", "html", *extra)
        assert code == 0 and "ita_analysis.review.html" in out
        html_of[name] = (tmp_path / name / "ita_analysis.html").read_text(encoding="utf-8")
    for name in ("draft", "final"):  # status: draft, or --draft on a final params file
        assert 'class="draft-watermark"' in html_of[name] and 'content="draft"' in html_of[name]
        assert "ข้อสังเกตจากการตรวจทานตัวเลข" in re.sub(r"<[^>]+>", "", html_of[name])
    assert 'class="draft-watermark"' not in html_of["plain"]
