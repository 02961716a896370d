"""Batch phase one: ranks and percentiles within province and district, in each job's params and digest."""
import os
import re
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from toolkit.batch.jobs import load_jobs
from toolkit.batch.peers import attach_peers, rank_of
from toolkit.batch.progress import Progress
from toolkit.batch.runner import run_batch
from toolkit.documents import registry

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_province  # noqa: E402


def test_rank_and_percentile_with_ties():
    totals = [90.0, 85.5, 85.5, 70.0, 60.25]
    assert rank_of(90.0, totals) == {"rank": 1, "count": 5, "percentile": 80.0}
    assert rank_of(85.5, totals) == {"rank": 2, "count": 5, "percentile": 40.0}  # equal totals share a rank
    assert rank_of(60.25, totals) == {"rank": 5, "count": 5, "percentile": 0.0}
    assert rank_of(85.504, [85.5, 85.504])["rank"] == 1  # on published figures: 85.50 = 85.50


def jobs_of(table, out):
    return load_jobs(table, 2569, out, ("html",))


def test_every_analysis_job_gets_its_rank_from_the_headline_totals(tmp_path):
    table = write_province(tmp_path / "p.csv", 30, seed=5)
    jobs = jobs_of(table, tmp_path / "out")
    step = attach_peers(jobs)
    assert step.ranked == 30 and step.provinces == 1 and not step.problems
    totals = {}
    for job in jobs:
        params = registry.validate(job.data, job.source)  # the model accepts the block
        totals[job.key] = registry.of(params).headline(params)["total"]
        assert params.peers.year == 2568 and params.peers.province.count == 30
    for job in jobs:
        mine = totals[job.key]
        province = job.data["peers"]["province"]
        assert province["rank"] == 1 + sum(t > mine for t in totals.values())
        assert province["percentile"] == round(100 * sum(t < mine for t in totals.values()) / 30, 2)
        same = [k for k in totals if next(j for j in jobs if j.key == k).organisation["district"]
                == job.organisation["district"]]
        if len(same) > 1:
            assert job.data["peers"]["district"]["count"] == len(same)
            assert job.data["peers"]["district"]["rank"] == 1 + sum(totals[k] > mine for k in same)
        else:
            assert "district" not in job.data["peers"]  # "1 of 1" says nothing


def test_digest_moves_only_with_the_printed_position(tmp_path):
    table = write_province(tmp_path / "p.csv", 12, seed=8)
    first = jobs_of(table, tmp_path / "out")
    attach_peers(first)
    again = jobs_of(table, tmp_path / "out")
    attach_peers(again)
    assert [j.digest for j in first] == [j.digest for j in again]  # a re-run stays skippable
    # one organisation passes its neighbour: its digest and the neighbour's change, nobody else's
    lines = table.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    col = header.index("total")
    order = sorted(range(len(rows)), key=lambda i: float(rows[i][col]))
    mover, passed, above = order[3], order[4], order[5]
    assert float(rows[passed][col]) + 0.01 < float(rows[above][col])
    target = f"{float(rows[passed][col]) + 0.01:.2f}"  # all ten indicators at it: exactly that total
    for name in header:
        if name.startswith("ind"):
            rows[mover][header.index(name)] = target
        elif name in ("total", "level", "iit", "eit", "oit"):
            rows[mover][header.index(name)] = ""  # no published figures to contradict the new ones
    table.write_text("\n".join([lines[0]] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    changed = jobs_of(table, tmp_path / "out")
    attach_peers(changed)
    moved = {j.key for j, k in zip(first, changed) if j.data["peers"] != k.data["peers"]}
    redo = {k.key for j, k in zip(first, changed) if j.digest != k.digest}
    assert first[passed].key in moved and redo == moved | {first[mover].key}
    assert len(redo) <= 4 < len(changed)  # mover, passed, and at most their district neighbours' percentiles


@pytest.mark.slow
def test_a_batch_prints_each_organisations_rank_and_a_rerun_skips(tmp_path):
    table = write_province(tmp_path / "p.csv", 3, seed=21)
    out = tmp_path / "out"
    quiet = Progress(0, stream=open(os.devnull, "w"), tty=False)
    result = run_batch(table, 2569, out, ("html",), workers=1, summary=True, progress=quiet)
    assert result.counts == {"ok": 3} and not result.problems
    pages = sorted(Path(out).rglob("ita_analysis.html"))
    ranks = []
    for page in pages:
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")).replace("\u200b", "")
        found = re.search(r"ลำดับที่ (\S+) จาก (\S+) แห่งในจังหวัดราชบุรี", text)
        assert found, page
        ranks.append(found.group(1))
    assert sorted(ranks) == ["๑", "๒", "๓"]
    summary = next(Path(out).rglob("province_summary.html")).read_text(encoding="utf-8")
    assert "ใกล้ระดับถัดไปที่สุด" in summary.replace("\u200b", "").replace('<span class="w">', "").replace(
        "</span>", "").replace("<wbr>", "")
    again = run_batch(table, 2569, out, ("html",), workers=1, summary=False, progress=quiet)
    assert again.counts == {"skipped": 3}
