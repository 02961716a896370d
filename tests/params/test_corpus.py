"""The bad-input corpus: every file gives its exact error, exit code 2, no traceback and no output."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from toolkit.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
PARAMS = sorted(CASES["params"].items())
TABLES = sorted(CASES["tables"].items())


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_message(err: str, case: dict, path: Path):
    assert "Traceback" not in err
    th, _, en = err.partition("\nerror: ")
    assert th.startswith("ข้อผิดพลาด:") and en, err
    assert str(path) in en and str(path) in th  # the file is named in both languages
    for fragment in case["expect"]:
        assert fragment in en, (fragment, en)
    for fragment in case["expect_th"]:
        assert fragment in th, (fragment, th)


def test_the_corpus_is_complete():
    files = {p.name for p in (CORPUS / "params").iterdir()} | {p.name for p in (CORPUS / "tables").iterdir()}
    cased = {f"{k}.yaml" for k, _ in PARAMS} | {k for k, _ in TABLES}
    assert files == cased  # every file has its expected message, and every case its file
    assert len(files) + 2 >= 40  # + the two oversized files made at test time


def assert_notes(code: int, out: str, err: str, case: dict):
    """A file that is not refused: its exit code (0 clean, 1 findings) and what stdout tells the user."""
    assert code == case["exit"] and "Traceback" not in err, (code, out, err)
    for fragment in case["out"]:
        assert fragment in out, (fragment, out)


@pytest.mark.parametrize("name, case", PARAMS, ids=[k for k, _ in PARAMS])
def test_bad_params_file(name, case, tmp_path, capsys):
    path = CORPUS / "params" / f"{name}.yaml"
    code, out, err = run(["check", path], capsys)
    if case.get("exit", 2) != 2:
        assert_notes(code, out, err, case)
        return
    assert code == 2
    assert_message(err, case, path)
    out_dir = tmp_path / "out"
    code, _, err = run(["render", path, "--out", out_dir], capsys)
    assert code == 2 and not out_dir.exists()  # nothing rendered, nothing half-written


@pytest.mark.parametrize("name, case", TABLES, ids=[k for k, _ in TABLES])
def test_bad_table(name, case, tmp_path, capsys):
    path = CORPUS / "tables" / name
    year = ["--fiscal-year", case.get("fiscal_year", 2569)]
    sheet = ["--sheet", case["sheet"]] if "sheet" in case else []
    if case.get("command") == "render":
        code, out, err = run(["render", path, "--out", tmp_path / "out"], capsys)
        assert code == 2 and not (tmp_path / "out").exists()
        assert_message(err, case, path)
        return
    code, out, err = run(["check", path, *year, *sheet], capsys)
    if case.get("exit", 2) != 2:
        assert_notes(code, out, err, case)
        return
    assert code == 2
    assert_message(err, case, path)
    if "lines" in case:  # a column-wide problem is one message, not one per cell
        assert err.count("\n  - ") == case["lines"] * 2, err


REFUSED = [(k, c) for k, c in TABLES if c.get("exit", 2) == 2 and "command" not in c
           and "row" not in " ".join(c["expect"])]


@pytest.mark.parametrize("name, case", REFUSED, ids=[k for k, _ in REFUSED])
def test_unreadable_table_stops_the_batch_before_anything_is_written(name, case, tmp_path, capsys):
    path = CORPUS / "tables" / name
    sheet = ["--sheet", case["sheet"]] if "sheet" in case else []
    out_dir = tmp_path / "out"
    code, _, err = run(["batch", path, "--fiscal-year", 2569, "--out", out_dir, *sheet], capsys)
    assert code == 2 and not out_dir.exists()
    assert_message(err, case, path)


def test_oversized_params_file(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB of zeros, written instantly as a sparse file
    code, _, err = run(["check", path], capsys)
    assert code == 2 and "file too large" in err and "ไฟล์ใหญ่เกินไป" in err and "Traceback" not in err


def test_oversized_table(tmp_path, capsys):
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.write("name,district,province\n".encode())
        fh.truncate(51 * 1024 * 1024)
    code, _, err = run(["check", path, "--fiscal-year", 2569], capsys)
    assert code == 2 and "50 MB" in err.replace("MiB", "MB") and "Traceback" not in err


def test_no_traceback_from_the_real_command_line():
    """The installed entry point, not just main(): what a user's terminal shows."""
    path = CORPUS / "params" / "alias_bomb.yaml"
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(path)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "anchors/aliases" in proc.stderr
