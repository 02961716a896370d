"""A re-run after one row changed: the lone job runs in this process, an unchanged province summary is kept."""
import csv
import os
import sys

import pytest

from tests.support import ROOT
from toolkit.batch import runner
from toolkit.batch.progress import Progress
from toolkit.batch.runner import SUMMARY_DONE, run_batch, summary_digest

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import rescore, write_province  # noqa: E402

FORMATS = ("html",)


def quiet():
    return Progress(0, stream=open(os.devnull, "w"), tty=False)


def entry(row, status="ok", total=80.0, **extra):
    return {"key": f"2569/ราชบุรี/org{row}", "row": row, "status": status, "document": "ita_analysis",
            "organisation": {"name": f"org{row}", "district": "เมือง", "province": "ราชบุรี"},
            "files": {"html": f"org{row}/ita_analysis.html"}, "scores": {"total": total}, **extra}


def test_summary_digest_ignores_timings_and_reuse_but_not_what_the_summary_prints():
    base = summary_digest([entry(1, seconds=3.1, run="a", digest="x"), entry(2)], None, FORMATS, False)
    # the same results from a later run: one reused (skipped), other timings, run id and input digest
    assert summary_digest([entry(2, "skipped", run="b"), entry(1, "skipped", seconds=9.0, run="b", digest="y")],
                          None, FORMATS, False) == base
    assert summary_digest([entry(1, total=80.5), entry(2)], None, FORMATS, False) != base  # a figure it prints
    assert summary_digest([entry(1, "failed"), entry(2)], None, FORMATS, False) != base
    assert summary_digest([entry(1)], None, FORMATS, False) != base  # an organisation fewer
    assert summary_digest([entry(1), entry(2)], {"thai_digits": False}, FORMATS, False) != base
    assert summary_digest([entry(1), entry(2)], None, FORMATS, True) != base  # a draft
    assert summary_digest([entry(1), entry(2)], None, ("html", "pdf"), False) != base


def edit(table, row, change):
    with table.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[row] = change(rows[row])
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.slow
def test_one_changed_row_is_rendered_here_and_an_unchanged_summary_is_kept(tmp_path, monkeypatch):
    pools = []

    def counted(workers, scheduler=None):  # the real process pool, counted
        pools.append(workers)
        return runner.process_executor(workers, scheduler)

    monkeypatch.setitem(runner.EXECUTORS, "process", counted)
    table = write_province(tmp_path / "p.csv", 3, seed=21)
    out = tmp_path / "out"

    def batch(**kw):
        return run_batch(table, 2569, out, FORMATS, workers=2, progress=quiet(), **kw)

    first = batch()
    assert first.counts == {"ok": 3} and pools == [2]
    assert set(first.stages) == {"read", "peers", "plan", "render", "province", "site"}
    (summary,) = [f for f in first.outputs["summary"] if f.name == "province_summary.html"]
    province = summary.parent
    assert (province / SUMMARY_DONE).is_file()
    made = summary.stat().st_mtime_ns

    again = batch()  # nothing changed: no organisation, and not the summary either
    assert again.counts == {"skipped": 3} and pools == [2]
    assert again.outputs["summary"] == first.outputs["summary"] and summary.stat().st_mtime_ns == made

    edit(table, 1, lambda r: {**r, "prev_total": f"{float(r['prev_total']) * 0.98:.2f}"})  # stays valid
    one = batch()  # one row: rendered in this process, no pool started
    assert one.counts == {"ok": 1, "skipped": 2} and pools == [2]
    (done,) = [e for e in one.entries if e["status"] == "ok"]
    assert done["row"] == 3
    inline = (province / done["files"]["html"]).read_bytes()
    assert summary.stat().st_mtime_ns != made  # its scores changed (last year's total): the summary follows
    made = summary.stat().st_mtime_ns
    lone = table.read_text(encoding="utf-8")

    edit(table, 0, lambda r: rescore(r, 2.0))
    edit(table, 2, lambda r: rescore(r, -2.0))
    two = batch()  # two rows (and whoever's rank they move): a pool again
    assert two.counts["ok"] >= 2 and pools == [2, 2]
    assert summary.stat().st_mtime_ns != made

    summary.unlink()  # a summary file lost: made again although nothing changed
    lost = batch()
    assert lost.counts == {"skipped": 3} and summary.is_file() and summary.stat().st_size > 0

    made = summary.stat().st_mtime_ns
    table.write_text(lone, encoding="utf-8")  # the table of the lone job's run, all redone by the pool
    forced = batch(force=True)
    assert forced.counts == {"ok": 3} and pools == [2, 2, 2] and summary.stat().st_mtime_ns != made
    assert (province / done["files"]["html"]).read_bytes() == inline  # in this process or a worker: the same
