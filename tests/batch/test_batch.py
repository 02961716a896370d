"""Batch: fault isolation, resume, kill-safety, isolation between organisations, Dask."""
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT
from toolkit.batch.jobs import DONE_GLOB, load_jobs
from toolkit.batch.progress import Progress
from toolkit.batch.runner import run_batch

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_province  # noqa: E402

pytestmark = pytest.mark.slow


def quiet():
    return Progress(0, stream=open(os.devnull, "w"), tty=False)


def province_table(tmp_path, n, seed=7):
    return write_province(tmp_path / "province.csv", n, seed)


def outputs(out):
    """The documents' own files (the review sheet beside each is counted apart)."""
    return sorted(p for p in Path(out).rglob("ita_analysis.*") if not p.name.endswith(".review.html"))


def assert_whole(files):
    for f in files:
        data = f.read_bytes()
        if f.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), f
        elif f.suffix == ".pdf":
            assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:], f


def test_a_failing_organisation_in_the_middle(tmp_path):
    table = province_table(tmp_path, 5)
    lines = table.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[11] = "abc"  # ind1 of data row 3 (sheet row 4)
    lines[3] = ",".join(cells)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    # a second failure while rendering: a file stands where row 5's output folder should be
    jobs = load_jobs(table, 2569, out, ("html",))
    blocked = jobs[3].out_dir
    blocked.parent.mkdir(parents=True)
    blocked.write_text("not a folder")

    result = run_batch(table, 2569, out, ("html",), workers=2, summary=False, progress=quiet())
    assert result.exit_code == 1
    assert result.counts == {"ok": 3, "failed": 2}
    bad = {e["row"]: e for e in result.failed}
    assert set(bad) == {4, 5}
    assert "row 4" in bad[4]["error"]["en"] and "ind1" in bad[4]["error"]["en"]
    assert "Errno" in bad[5]["error"]["en"] or "Error" in bad[5]["error"]["en"]
    assert len(outputs(out)) == 3
    manifest = json.loads((out / "2569" / "ราชบุรี" / "batch.json").read_text(encoding="utf-8"))
    assert [e["status"] for e in manifest["entries"]] == ["ok", "ok", "failed", "failed", "ok"]


def test_rerun_skips_unchanged_and_force_redoes(tmp_path):
    table = province_table(tmp_path, 3)
    out = tmp_path / "out"
    first = run_batch(table, 2569, out, ("html",), workers=1, summary=False, progress=quiet())
    assert first.counts == {"ok": 3}
    mtimes = {p: p.stat().st_mtime_ns for p in outputs(out)}
    again = run_batch(table, 2569, out, ("html",), workers=1, summary=False, progress=quiet())
    assert again.counts == {"skipped": 3}
    assert {p: p.stat().st_mtime_ns for p in outputs(out)} == mtimes
    # one organisation's inputs change: only it is redone
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",ราชบุรี,", ",ราชบุรี,", 1)
    cells = lines[2].split(",")
    cells[10] = "77.77"  # prev_total: an input of the report that no published figure is checked against
    lines[2] = ",".join(cells)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = run_batch(table, 2569, out, ("html",), workers=1, summary=False, progress=quiet())
    assert changed.counts == {"skipped": 2, "ok": 1}
    forced = run_batch(table, 2569, out, ("html",), workers=1, force=True, summary=False, progress=quiet())
    assert forced.counts == {"ok": 3}


def test_output_is_identical_alone_or_after_others_in_one_worker(tmp_path):
    table = province_table(tmp_path, 4, seed=11)
    lines = table.read_text(encoding="utf-8").splitlines()
    # the same organisations (so the same peer ranks), the last one rendered first by a fresh worker
    first = tmp_path / "first.csv"
    first.write_text("\n".join([lines[0], lines[-1], *lines[1:-1]]) + "\n", encoding="utf-8")
    run_batch(first, 2569, tmp_path / "a", ("html",), workers=1, summary=False, progress=quiet())
    run_batch(table, 2569, tmp_path / "b", ("html",), workers=1, summary=False, progress=quiet())
    name = lines[-1].split(",")[0]
    (solo,) = [p for p in outputs(tmp_path / "a") if name in str(p)]
    together = tmp_path / "b" / solo.relative_to(tmp_path / "a")
    assert solo.read_bytes() == together.read_bytes()


def test_a_killed_run_resumes_and_leaves_every_report_whole(tmp_path):
    table = province_table(tmp_path, 8, seed=3)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "toolkit.cli", "batch", str(table), "--fiscal-year", "2569", "--out", str(out),
           "--workers", "2", "--formats", "html,pdf", "--no-summary"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(list(out.rglob(DONE_GLOB))) < 2:
        time.sleep(0.2)
    time.sleep(0.7)  # let some writes be in flight
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(out.rglob(DONE_GLOB)))
    assert 2 <= done_before < 8
    assert_whole(outputs(out))  # atomic writes: whatever exists is whole

    result = run_batch(table, 2569, out, ("html", "pdf"), workers=2, summary=False, progress=quiet())
    assert result.exit_code == 0
    assert result.counts["skipped"] >= done_before and result.counts["ok"] + result.counts["skipped"] == 8
    files = outputs(out)
    assert len(files) == 16
    assert len(list(out.rglob("ita_analysis.review.html"))) == 8  # one review sheet per organisation
    assert_whole(files)
    assert not list(out.rglob("*.tmp"))


def test_dask_local_cluster(tmp_path):
    from distributed import LocalCluster

    table = province_table(tmp_path, 3, seed=5)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run_batch(table, 2569, tmp_path / "out", ("html",), scheduler=cluster.scheduler_address,
                           summary=False, progress=quiet())
    assert result.counts == {"ok": 3}
    assert_whole(outputs(tmp_path / "out"))


def test_progress_lines_when_not_a_tty(tmp_path, capfd):
    table = province_table(tmp_path, 2, seed=9)
    run_batch(table, 2569, tmp_path / "out", ("html",), workers=1, summary=False)
    err = capfd.readouterr().err
    assert re.search(r"\[1/2\] ok .* failed=0 eta=\d+s", err) and "[2/2] ok" in err


def test_hostile_names_never_write_outside_the_output_folder(tmp_path):
    header = "name,district,province,year," + ",".join(f"ind{i}" for i in range(1, 11))
    scores = ",".join(["90"] * 10)
    # (a NUL cannot be in a CSV at all: the table is refused as binary, see tests/corpus)
    names = ["../../../../tmp/escaped", "/etc/cron.d/evil", "..", "ก" * 300, "C:\\\\Windows\\\\x"]
    rows = [f'"{n}",เมือง,ราชบุรี,2568,{scores}' for n in names]
    table = tmp_path / "hostile.csv"
    table.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(table, 2569, out, ("html",), workers=1, summary=False, progress=quiet())
    assert result.counts == {"ok": 5}
    root = out.resolve()
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written and all(p.resolve().is_relative_to(root) for p in written)
    folders = {p.parent.name for p in out.rglob("ita_analysis.html")}
    assert all("/" not in f and "\\\\" not in f and not f.startswith(".") for f in folders)
    assert max(len(f.encode()) for f in folders) <= 200
    assert not Path("/tmp/escaped").exists() and not Path("/etc/cron.d/evil").exists()
    assert set(tmp_path.iterdir()) == {table, out}  # nothing beside the output folder
    # nothing named after a hostile name anywhere it could have climbed to (other processes' files in /tmp
    # are theirs: a listing before and after is not a test when anything else runs)
    for folder in (Path("/tmp"), tmp_path.parent, Path.cwd()):
        assert not [p for p in folder.iterdir() if "escaped" in p.name or "Windows" in p.name or "ก" * 50 in p.name]


def test_random_kills_leave_no_half_written_report(tmp_path):
    import random

    rng = random.Random(20261122)
    table = province_table(tmp_path, 6, seed=13)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "toolkit.cli", "batch", str(table), "--fiscal-year", "2569", "--out", str(out),
           "--workers", "2", "--formats", "html,pdf", "--no-summary"]
    for _ in range(3):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(2.0, 9.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert_whole(outputs(out))  # whatever exists after a kill is whole
    result = run_batch(table, 2569, out, ("html", "pdf"), workers=2, summary=False, progress=quiet())
    assert result.exit_code == 0 and result.counts["ok"] + result.counts.get("skipped", 0) == 6
    assert len(outputs(out)) == 12
    assert_whole(outputs(out))
    assert not list(out.rglob("*.tmp"))


def test_a_folder_of_params_files_of_every_document_type(tmp_path):
    import shutil

    src = ROOT / "params" / "examples"
    folder = tmp_path / "params"
    folder.mkdir()
    for name in ("samruean_2569.yaml", "integrity_samruean_2569_6.yaml", "plan_ipan_2566.yaml"):
        shutil.copy(src / name, folder / name)  # the results report links to the analysis by relative path
    out = tmp_path / "out"
    result = run_batch(folder, None, out, ("html",), workers=2, summary=False, progress=quiet())
    assert result.counts == {"ok": 3}
    got = sorted(str(p.relative_to(out)) for p in out.rglob("*.html")
                 if p.name != "index.html" and not p.name.endswith(".review.html"))
    assert got == ["2566/สุราษฎร์ธานี/องค์การบริหารส่วนตำบลอิปัน/anticorruption_plan.html",
                   "2569/ราชบุรี/องค์การบริหารส่วนตำบลสามเรือน/integrity_report.html",
                   "2569/ราชบุรี/องค์การบริหารส่วนตำบลสามเรือน/ita_analysis.html"]
    again = run_batch(folder, None, out, ("html",), workers=1, summary=False, progress=quiet())
    assert again.counts == {"skipped": 3}  # one completion record per document type


def test_draft_batch_marks_every_document_and_is_not_a_final_rerun(tmp_path):
    table = province_table(tmp_path, 2)
    out = tmp_path / "out"
    # (no summary here: the in-process summary engine leaves an IPython __main__ without __spec__ behind, and
    # a second batch in the same process could then not spawn its workers)
    final = run_batch(table, 2569, out, ("html",), workers=1, summary=False, progress=quiet())
    assert final.exit_code == 0 and final.counts["ok"] == 2
    draft = run_batch(table, 2569, out, ("html",), workers=1, summary=True, progress=quiet(), draft=True)
    # a draft is other output than the final one: nothing is skipped as unchanged
    assert draft.exit_code == 0 and draft.counts["ok"] == 2 and draft.counts["skipped"] == 0
    for html in [*Path(out).rglob("ita_analysis.html"), *Path(out).rglob("province_summary.html")]:
        text = html.read_text(encoding="utf-8")
        assert 'class="draft-watermark"' in text and '<meta name="ita:status" content="draft">' in text, html
    assert len(list(Path(out).rglob("*.review.html"))) == 3  # two organisations and the province summary
