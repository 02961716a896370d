"""Benchmark: a synthetic province through `ita-report batch`, against the naive way, in one run.

    python bench/batch.py --n 200 --workers 2 --sample 4 --repeats 3
    python bench/batch.py --n 1000 --formats html --sample 0 --repeats 1     # the load test (issue 5)
    python bench/batch.py --n 20 --sample 0 --repeats 5 --formats html,pdf,docx --baseline html,pdf  # Word's cost

(a) naive, on a sample: per organisation the `papermill` CLI, then `jupyter nbconvert --to ita_html`,
    `--to ita_pdf` and `--to ita_docx` as asked (fresh kernel and interpreter each time, as a shell loop does);
(b) `ita-report batch TABLE --fiscal-year 2569 --workers N --force` on all N organisations.
Prints medians over the repeats, seconds per organisation, the median time of each stage per organisation
(execute, html, pdf, docx: from the manifest), the throughput ratio (b over a), and the
peak memory (PSS: shared pages counted once) of the whole process tree (batch, workers, kernels,
browsers), sampled from /proc every 0.2 s,
with the peak of the first and second half of the run to show whether memory grows with N.
With --baseline FORMATS, each repeat also runs the batch with those formats (alternating, so both see
the same machine load) and the added seconds per organisation of the extra formats are reported.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_province  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "ita_analysis.ipynb"
PAGE = os.sysconf("SC_PAGE_SIZE")


def pss_of(pid: int) -> int | None:
    """Proportional set size: shared pages (Chromium's, Python's libraries) counted once, not per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def processes() -> tuple[dict[int, list[int]], dict[int, int]]:
    """Every process's children and resident size, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * PAGE
    return children, rss


def descendants(root_pid: int, children: dict[int, list[int]] | None = None) -> list[int]:
    """A process and all its descendants."""
    children = processes()[0] if children is None else children
    out, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out


def tree_rss(root_pid: int, pss: bool = True) -> int:
    """Memory of a process and all its descendants: PSS where the kernel offers it, else RSS."""
    children, rss = processes()
    total = 0
    for pid in descendants(root_pid, children):
        value = pss_of(pid) if pss else None
        total += value if value is not None else rss.get(pid, 0)
    return total


class Sampler(threading.Thread):
    """Samples the tree's RSS every 0.2 s while a command runs."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.running = pid, [], True

    def run(self) -> None:
        while self.running:
            self.samples.append((time.monotonic(), tree_rss(self.pid)))
            time.sleep(0.2)


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, list[tuple[float, int]], str]:
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    sampler.running = False
    sampler.join()
    if proc.returncode not in (0,):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{out[-3000:]}")
    return time.monotonic() - t0, [(t - t0, r) for t, r in sampler.samples], out


def naive_one(row: dict, work: Path, formats: tuple[str, ...]) -> float:
    """One organisation the way a shell loop over the CLIs would do it."""

    params = {
        "organisation": {"name": {"อบต.": "องค์การบริหารส่วนตำบล", "ทต.": "เทศบาลตำบล", "ทม.": "เทศบาลเมือง"}[row["type"]]
                         + row["name"], "district": row["district"], "province": row["province"]},
        "fiscal_year": 2569,
        "assessment": {"year": int(row["year"]),
                       "reported": {"total": float(row["total"]), "level": row["level"],
                                    "tools": {"IIT": float(row["iit"]), "EIT": float(row["eit"]), "OIT": float(row["oit"])}},
                       "indicators": {i: float(row[f"ind{i}"]) for i in range(1, 11)}},
        "previous": [{"year": int(row["year"]) - 1, "total": float(row["prev_total"])}],
    }
    p = work / f"{row['name']}.yaml"
    p.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    executed = work / f"{row['name']}.ipynb"
    t0 = time.monotonic()
    subprocess.run(["papermill", "--cwd", str(NOTEBOOK.parent), str(NOTEBOOK), str(executed),
                    "-p", "params_file", str(p), "--no-progress-bar"], check=True, capture_output=True)
    if "html" in formats:
        subprocess.run(["jupyter", "nbconvert", "--to", "ita_html", str(executed)], check=True, capture_output=True)
    if "pdf" in formats:
        subprocess.run(["jupyter", "nbconvert", "--to", "ita_pdf", str(executed)], check=True, capture_output=True)
    if "docx" in formats:
        subprocess.run(["jupyter", "nbconvert", "--to", "ita_docx", str(executed)], check=True, capture_output=True)
    return time.monotonic() - t0


def batch_once(table: Path, out: Path, args: argparse.Namespace, formats: str, label: str) -> dict:
    """One `ita-report batch` run: wall time, memory, and each organisation's stage times from the manifest."""
    cmd = [sys.executable, "-m", "toolkit.cli", "batch", str(table), "--fiscal-year", "2569",
           "--out", str(out), "--workers", str(args.workers), "--formats", formats, "--force",
           "--engine", args.engine, "--no-summary"]
    seconds, samples, log = timed(cmd)
    peak = max((s for _, s in samples), default=0)
    half = seconds / 2
    first = max((s for t, s in samples if t <= half), default=0)
    second = max((s for t, s in samples if t > half), default=0)
    manifest = json.loads((out / "2569" / "ราชบุรี" / "batch.json").read_text(encoding="utf-8"))
    ok = sum(e["status"] == "ok" for e in manifest["entries"])
    stages: dict[str, list[float]] = {}
    for e in manifest["entries"]:
        for stage, value in (e.get("stages") or {}).items():
            stages.setdefault(stage, []).append(value)
    print(f"{label:8}: {formats:15} {seconds:.1f} s for {args.n} ({ok} ok), {seconds / args.n:.3f} s/org, "
          f"stage medians {', '.join(f'{k} {statistics.median(v):.2f}' for k, v in stages.items())}, "
          f"peak PSS {peak / 2**20:.0f} MiB (1st half {first / 2**20:.0f}, 2nd half {second / 2**20:.0f})",
          flush=True)
    return {"seconds": seconds, "peak": peak, "first_half_peak": first, "second_half_peak": second, "ok": ok,
            "stages": {k: statistics.median(v) for k, v in stages.items()}}


def stage_medians(runs: list[dict]) -> dict[str, float]:
    """Per stage: the median over runs of each run's median seconds per organisation."""
    names = sorted({k for r in runs for k in r["stages"]})
    return {k: round(statistics.median(r["stages"][k] for r in runs if k in r["stages"]), 3) for k in names}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=4, help="organisations timed the naive way")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--formats", default="html,pdf")
    ap.add_argument("--baseline", default=None, help="formats of a baseline batch run alternately with each repeat")
    ap.add_argument("--engine", default="inprocess", choices=("inprocess", "kernel"))
    ap.add_argument("--seed", type=int, default=2569)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    formats = tuple(args.formats.split(","))

    with tempfile.TemporaryDirectory(prefix="ita-bench-") as tmp:
        work = Path(tmp)
        table = write_province(work / "province.csv", args.n, args.seed)
        import csv

        rows = list(csv.DictReader(table.open(encoding="utf-8")))

        naive = []
        for r in range(args.repeats if args.sample else 0):
            per = [naive_one(row, work, formats) for row in rows[: args.sample]]
            naive.append(statistics.median(per))
            print(f"naive   run {r + 1}: median {naive[-1]:.2f} s/org over {len(per)} organisations", flush=True)

        batch_runs, base_runs = [], []
        for r in range(args.repeats):
            if args.baseline:
                base_runs.append(batch_once(table, work / f"base{r}", args, args.baseline, f"base {r + 1}"))
            batch_runs.append(batch_once(table, work / f"out{r}", args, args.formats, f"batch {r + 1}"))

    naive_med = statistics.median(naive) if naive else None
    batch_med = statistics.median(b["seconds"] for b in batch_runs)
    per_org = batch_med / args.n
    base_med = statistics.median(b["seconds"] for b in base_runs) if base_runs else None
    result = {
        "n": args.n, "workers": args.workers, "formats": formats, "engine": args.engine, "repeats": args.repeats,
        "cpus": os.cpu_count(),
        "naive_seconds_per_org_median": None if naive_med is None else round(naive_med, 3),
        "batch_seconds_median": round(batch_med, 2),
        "batch_seconds_per_org": round(per_org, 3),
        "throughput_ratio": None if naive_med is None else round(naive_med / per_org, 1),
        "peak_pss_mib_max": round(max(b["peak"] for b in batch_runs) / 2**20),
        "stage_seconds_per_org_median": stage_medians(batch_runs),
        "baseline": None if not base_runs else {
            "formats": args.baseline, "batch_seconds_median": round(base_med, 2),
            "batch_seconds_per_org": round(base_med / args.n, 3),
            "stage_seconds_per_org_median": stage_medians(base_runs),
            "added_seconds_per_org": round((batch_med - base_med) / args.n, 3),
            "peak_pss_mib_max": round(max(b["peak"] for b in base_runs) / 2**20),
        },
        "runs": batch_runs,
    }
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
