"""Benchmark: a re-run of `ita-report batch` after one row of a province table changed.

    python bench/rerun.py --n 200 --workers 2 --repeats 3
    python bench/rerun.py --n 200 --out /tmp/rerun --keep      # reuse a filled output folder next time

Writes a synthetic province (bench/synthetic.py), fills the output folder once (HTML+PDF), then times
re-runs of the same command (a fresh `python -m toolkit.cli` each time, as a user runs it):
  unchanged  nothing edited: the cost of finding that nothing is to do;
  prev_total one organisation's last-year score corrected (a figure its report prints, no rank moves);
  total      one organisation's indicator scores raised (its total moves, and with it some ranks).
Each edit alternates between two values, so every run has one change to redo. Per case: the median wall
time, how many organisation documents were rendered, whether the province summary and the site pages
were rewritten, and the seconds of each step (from the batch's own `seconds:` line; `start` is the
interpreter and imports; `render` is split into the documents' own render time and the rest: starting
worker processes, their imports, engine and browser).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import rescore, write_province  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COUNTS = re.compile(r"ok (\d+), skipped \(unchanged\) (\d+), failed (\d+) in ([\d.]+) s")
STEPS = re.compile(r"seconds: (.*)$", re.MULTILINE)


def load() -> str:
    """The machine's load averages now (the machine may be shared)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def batch(table: Path, out: Path, workers: int, formats: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHAINLP_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "toolkit.cli", "batch", str(table), "--fiscal-year", "2569", "--out", str(out),
           "--workers", str(workers), "--formats", formats]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return wall, proc.stdout


def snapshot(out: Path) -> dict[Path, int]:
    """Modification times of the province and site pages (everything not inside an organisation's folder)."""
    year = out / "2569"
    files = [p for p in year.glob("*") if p.is_file()]
    for province in (d for d in year.iterdir() if d.is_dir()):
        files += [p for p in province.iterdir() if p.is_file()]
    return {p: p.stat().st_mtime_ns for p in files}


def rendered(out: Path) -> list[dict]:
    manifest = json.loads(next((out / "2569").glob("*/batch.json")).read_text(encoding="utf-8"))
    return [e for e in manifest["entries"] if e["status"] == "ok"]


def read_rows(table: Path) -> list[dict]:
    with table.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_rows(table: Path, rows: list[dict]) -> None:
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def last_year(value: str) -> str:
    """Last year's total corrected by 1.5 points, kept within 0–100 (an invalid row would drop out of the
    ranks and redo the whole province)."""
    v = float(value)
    return f"{v + 1.5 if v <= 98.5 else v - 1.5:.2f}"


def one_run(table: Path, out: Path, args: argparse.Namespace) -> dict:
    before = snapshot(out)
    wall, log = batch(table, out, args.workers, args.formats)
    after = snapshot(out)
    ok, skipped, failed, seconds = COUNTS.search(log).groups()
    steps = {k: float(v) for k, v in (s.rsplit(" ", 1) for s in STEPS.search(log).group(1).split(", "))}
    done = rendered(out) if int(ok) else []
    own = sum(e.get("seconds") or 0 for e in done)
    notes = steps.pop("notes", 0.0)  # the table read once more to print how it is read
    steps = {"start": round(wall - float(seconds) - notes, 2), "notes": notes, **steps}
    if int(failed):
        print(f"WARNING: {failed} organisation(s) failed: the edit made a row invalid?", flush=True)
    if done:
        steps["render: documents"] = round(own / max(1, min(args.workers, len(done))), 2)
        steps["render: start-up"] = round(steps["render"] - steps["render: documents"], 2)
    changed = sorted(p.name for p, t in after.items() if before.get(p) != t)
    return {"wall": wall, "ok": int(ok), "skipped": int(skipped), "failed": int(failed), "steps": steps,
            "pages_rewritten": changed, "load": load(),
            "document_stages": done[0].get("stages") if len(done) == 1 else None}


def report(name: str, runs: list[dict]) -> dict:
    walls = [r["wall"] for r in runs]
    steps = {k: round(statistics.median(r["steps"].get(k, 0) for r in runs), 2)
             for k in dict.fromkeys(k for r in runs for k in r["steps"])}
    summary = {"case": name, "wall_median": round(statistics.median(walls), 2), "walls": [round(w, 2) for w in walls],
               "rendered": [r["ok"] for r in runs], "failed": [r["failed"] for r in runs],
               "pages_rewritten": runs[-1]["pages_rewritten"], "steps_median": steps,
               "document_stages": runs[-1]["document_stages"], "load": [r["load"] for r in runs]}
    print(f"{name:10}: median {summary['wall_median']:.2f} s {summary['walls']}, rendered {summary['rendered']}, "
          f"province/site files rewritten {len(summary['pages_rewritten'])} {summary['pages_rewritten']}, "
          f"load {summary['load']}", flush=True)
    print(f"{'':10}  steps: {', '.join(f'{k} {v:.2f}' for k, v in steps.items())}", flush=True)
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--formats", default="html,pdf")
    ap.add_argument("--row", type=int, default=None, help="the row edited (default: the middle one)")
    ap.add_argument("--delta", type=float, default=3.0, help="indicator change of the 'total' case")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep --out (a later run with the same --n reuses it)")
    ap.add_argument("--cases", default="unchanged,prev_total,total")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ita-rerun-") as tmp:
        out = args.out or Path(tmp) / "out"
        table = write_province(Path(tmp) / "province.csv", args.n)
        rows = read_rows(table)
        k = args.row if args.row is not None else args.n // 2
        t0 = time.monotonic()
        wall, log = batch(table, out, args.workers, args.formats)
        print(f"fill      : {wall:.1f} s ({COUNTS.search(log).group(0)}), load {load()}", flush=True)
        results = {"n": args.n, "workers": args.workers, "formats": args.formats, "row": k + 2,
                   "fill_seconds": round(wall, 1), "cases": []}
        original = dict(rows[k])
        edits = {
            "unchanged": [original, original],
            "prev_total": [{**original, "prev_total": last_year(original["prev_total"])}, original],
            "total": [rescore(original, args.delta), original],
        }
        for case in args.cases.split(","):
            runs = []
            for r in range(args.repeats):
                rows[k] = edits[case][r % 2]
                write_rows(table, rows)
                runs.append(one_run(table, out, args))
            rows[k] = original
            if case != "unchanged" and args.repeats % 2:  # back to the table the next case starts from
                write_rows(table, rows)
                batch(table, out, args.workers, args.formats)
            results["cases"].append(report(case, runs))
        results["seconds"] = round(time.monotonic() - t0, 1)
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        if args.out and not args.keep:
            shutil.rmtree(args.out, ignore_errors=True)


if __name__ == "__main__":
    main()
