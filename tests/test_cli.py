import json
import os
import re
import subprocess
import sys

import pytest

from tests.support import EXAMPLES, ROOT, SEED003
from toolkit.cli import main


def test_check_exit_codes(tmp_path, capsys):
    assert main(["check", str(EXAMPLES / "thungtuayang_2569.yaml")]) == 0
    assert main(["check", str(SEED003)]) == 1  # the seed's own contradictions
    out = capsys.readouterr().out
    assert "indicator 6 has two values" in out and "ตัวชี้วัดที่ 6 มีสองค่า" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: {name: x}\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2


def test_invalid_input_prints_two_lines_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: abc\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("ข้อผิดพลาด:") and any(l.startswith("error:") for l in lines)
    assert str(bad) in proc.stderr and "fiscal_year" in proc.stderr


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: abc\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "--debug", "check", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" in proc.stderr


def test_score_json(capsys):
    assert main(["score", str(SEED003), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tools"]["IIT"]["computed"] == 96.86 and data["total"]["computed"] == 96.79
    assert data["level"] == {"computed": "ผ่านดีเยี่ยม", "reported": "ผ่านดี", "rule_confidence": "unconfirmed"}
    assert {f["code"] for f in data["findings"]} == {"indicator_conflict", "level_mismatch"}


def test_check_json(capsys):
    assert main(["check", str(SEED003), "--json"]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_bad_formats_are_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["render", str(SEED003), "--formats", "html,odt"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "html, pdf, docx, ipynb" in err and "'html,odt'" in err


def test_invalid_params_write_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: {name: x}\nfiscal_year: 2569\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(bad), "--out", str(out)]) == 2
    assert not out.exists()


@pytest.mark.slow
def test_render_command(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", str(EXAMPLES / "nongtuayang_2566.yaml"), "--out", str(out), "--formats", "html"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["ita_analysis.html", "ita_analysis.review.html"]
    assert "เทศบาลตำบลหนองตัวอย่าง" in capsys.readouterr().out


# --------------------------------------------------------------------------- conventions (issue 12)


def test_version(capsys):
    from toolkit import __version__

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"ita-report {__version__}"


def test_help_shows_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(default: html,pdf)" in text and "(default: outputs)" in text and "(default: inprocess)" in text
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    assert "(default: html,pdf,ipynb)" in " ".join(capsys.readouterr().out.split())


def test_quiet_prints_only_errors_but_keeps_json(tmp_path, capsys):
    assert main(["--quiet", "check", str(EXAMPLES / "thungtuayang_2569.yaml")]) == 0
    assert capsys.readouterr().out == ""
    assert main(["-q", "score", str(SEED003), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["computed"] == 96.79
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: abc\n", encoding="utf-8")
    assert main(["-q", "check", str(bad)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "fiscal_year" in out.err


def test_doctor_lists_each_piece_and_what_its_absence_disables(capsys):
    code = main(["doctor"])
    out = capsys.readouterr().out
    for name in ("Chromium", "Sarabun fonts", "Jupyter kernel", "LibreOffice", "poppler"):
        assert re.search(rf"^  (ok|MISSING)\s+{name}\b", out, re.M), name
    assert "PDF renderer: chromium" in out
    assert code == 0  # this machine has Chromium, the fonts and the kernel
    assert "Playwright" not in out  # printing drives Chromium itself (toolkit/export/cdp.py)


def test_doctor_says_what_a_missing_chromium_disables(monkeypatch, capsys):
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable))  # no chromium on it
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", "/nonexistent")
    monkeypatch.delenv("ITA_CHROMIUM", raising=False)
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if "Chromium" in l and "MISSING" in l)
    assert "PDF" in line and "ไม่มี" in line and "missing" in line
    assert "apt-get install chromium" in out


def _fill_blanks(text: str, indicators: dict[int, float]) -> str:
    """What an official does with the starting file: a score after each indicator number."""
    for n, score in indicators.items():
        text = re.sub(rf"^(    {n}:)", rf"\g<1> {score}", text, count=1, flags=re.M)
    return text


def test_new_analysis_writes_a_commented_params_file_for_the_right_framework(tmp_path, capsys):
    out = tmp_path / "sam.yaml"
    assert main(["new", "analysis", "--organisation", "อบต.สามเรือน", "--fiscal-year", "2569",
                 "--district", "เมืองราชบุรี", "--province", "ราชบุรี", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "องค์การบริหารส่วนตำบลสามเรือน" in text  # the short type expanded
    assert "year: 2568" in text and "ita-2568" in text  # FY 2569 analyses ITA 2568
    assert "ผ่านดีเยี่ยม" in text and "การใช้ทรัพย์สินของราชการ" in text  # the 2568 levels and indicator names
    # older year: the letter scale of its own framework
    old = tmp_path / "old.yaml"
    assert main(["new", "analysis", "--organisation", "เทศบาลตำบลหนอง", "--fiscal-year", "2566", "--out", str(old)]) == 0
    assert "AA | A | B" in old.read_text(encoding="utf-8")
    # blank: check lists every missing indicator (exit 2, line numbers); filled: valid
    capsys.readouterr()
    assert main(["check", str(out)]) == 2
    err = capsys.readouterr().err
    assert all(f"assessment.indicators.{n}" in err for n in range(1, 11)) and "line" in err
    out.write_text(_fill_blanks(text, {n: 90 + n / 10 for n in range(1, 11)}), encoding="utf-8")
    assert main(["check", str(out)]) == 0
    # never over an existing file without --force
    assert main(["new", "analysis", "--organisation", "x", "--fiscal-year", "2569", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err


def test_new_table_has_thai_headers_validation_and_instructions(tmp_path):
    import openpyxl

    out = tmp_path / "t.xlsx"
    assert main(["new", "table", "--fiscal-year", "2569", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "ผลการประเมิน" and "คำอธิบาย" in wb.sheetnames
    ws = wb["ผลการประเมิน"]
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด"]
    assert "ตัวชี้วัดที่ 10 การป้องกันการทุจริต" in headers
    rules = {(dv.type, dv.formula1, dv.formula2): str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert ("decimal", "0", "100") in rules
    lists = [f for t, f, _ in rules if t == "list"]
    assert any("ผ่านดีเยี่ยม" in f and "ต้องปรับปรุงโดยด่วน" in f for f in lists)  # the year's levels
    assert any("อบต." in f and "ทต." in f and "อบจ." in f for f in lists)  # knowledge/org_types.yaml
    help_text = " ".join(str(c.value) for row in wb["คำอธิบาย"].iter_rows() for c in row if c.value)
    assert "ita-report batch" in help_text and "ตัวชี้วัดที่ 1" in help_text


def _table_rows(path):
    import csv

    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


@pytest.mark.slow
def test_a_filled_new_table_batches_to_the_same_reports_as_the_csv(tmp_path):
    """The example table's figures typed into the template give the same executed notebooks as the CSV."""
    import nbformat
    import openpyxl

    from toolkit.batch.progress import Progress
    from toolkit.batch.runner import run_batch

    template = tmp_path / "template.xlsx"
    assert main(["new", "table", "--fiscal-year", "2569", "--out", str(template)]) == 0
    rows = _table_rows(EXAMPLES / "table_ratchaburi_2569.csv")
    header, data = rows[0], rows[1:]
    wb = openpyxl.load_workbook(template)
    ws = wb["ผลการประเมิน"]
    columns = [c.value for c in ws[1]]
    for r, row in enumerate(data, start=2):
        for name, value in zip(header, row):
            target = next(i for i, h in enumerate(columns, start=1) if h == name or h.startswith(name + " "))
            number = value.replace(".", "", 1).isdigit()
            ws.cell(row=r, column=target, value=float(value) if number else value)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)

    quiet = Progress(0, stream=open(os.devnull, "w"), tty=False)
    results = {}
    for name, table in (("csv", EXAMPLES / "table_ratchaburi_2569.csv"), ("xlsx", filled)):
        out = tmp_path / name
        result = run_batch(table, 2569, out, ("ipynb",), workers=1, summary=False, progress=quiet)
        assert result.exit_code == 0 and result.counts["ok"] == len(data), name
        results[name] = {p.relative_to(out): p for p in out.rglob("ita_analysis.ipynb")}
    assert sorted(results["csv"]) == sorted(results["xlsx"]) and len(results["csv"]) == len(data)
    for rel, path in results["csv"].items():
        a, b = nbformat.read(path, 4), nbformat.read(results["xlsx"][rel], 4)
        outs = [[o.get("data") for o in c.get("outputs", [])] for c in a.cells if c.cell_type == "code"]
        assert outs == [[o.get("data") for o in c.get("outputs", [])] for c in b.cells if c.cell_type == "code"]
        assert a.metadata["ita"]["params_sha256"] == b.metadata["ita"]["params_sha256"], rel


@pytest.mark.slow
def test_render_without_chromium_writes_the_html_and_says_how_to_install_it(tmp_path):
    env = {**os.environ, "PATH": os.path.dirname(sys.executable), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "none"),
           "PYTHONPATH": str(ROOT)}
    env.pop("ITA_CHROMIUM", None)
    env.pop("ITA_PDF_ENGINE", None)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "render", str(EXAMPLES / "nongtuayang_2566.yaml"),
                           "--out", str(out), "--formats", "html,pdf"], capture_output=True, text=True, env=env,
                          cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ita_analysis.html", "ita_analysis.review.html"]
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "apt-get install chromium" in lines[0] and "conda" in lines[0] and "ไม่พบ Chromium" in lines[0]
