"""Benchmark: one printing browser's memory and print time over a run of reports, per browser and tab regime.

    PYTHONPATH=. python bench/browser.py --prints 12 --repeats 2

Renders one example (the failing analysis report, 24 pages) to its HTML once, then for each variant launches a
browser with the toolkit's flags (export/pdf.py chromium_args), prints the same HTML ``--prints`` times in one
tab, and reports the PSS of the browser's process tree after the last print (shared pages counted once), the
renderer process alone, the driver between this process and the browser (Playwright's Node.js, if any), the
seconds from launch to the first tab, and the median seconds per print. Variants alternate, ``--repeats`` rounds:
  full+gc      /usr/bin/chromium through Playwright, RELEASE_JS after each print;
  shell        chromium-headless-shell through Playwright, nothing between prints;
  shell+gc     chromium-headless-shell through Playwright, RELEASE_JS after each print (the toolkit before
               export/cdp.py);
  pipe         chromium-headless-shell over its DevTools pipe (export/cdp.py), RELEASE_JS after each print
               (what export/pdf.py does now).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import descendants, pss_of  # noqa: E402

from toolkit.documents import registry  # noqa: E402
from toolkit.engine import Engine  # noqa: E402
from toolkit.export import cdp, pdf  # noqa: E402
from toolkit.run import render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "params" / "examples" / "thungtuayang_2569.yaml"


def browser_memory() -> tuple[int, int, int]:
    """(PSS of every browser process under this one, PSS of the largest renderer, PSS of Playwright's driver)."""
    total, renderer, driver = 0, 0, 0
    for p in descendants(os.getpid())[1:]:
        try:
            cmd = Path(f"/proc/{p}/cmdline").read_bytes()
        except OSError:
            continue
        value = pss_of(p) or 0
        if b"playwright" in cmd and b"chrom" not in cmd:
            driver += value
        if b"chrom" not in cmd:
            continue
        total += value
        if b"--type=renderer" in cmd:
            renderer = max(renderer, value)
    return total, renderer, driver


def through_playwright(exe: str, release: bool, html: str, prints: int) -> dict:
    t0 = time.perf_counter()
    browser = pdf.thread_playwright().chromium.launch(executable_path=exe, args=pdf.chromium_args())
    try:
        page = browser.new_page()
        page.evaluate("() => 1")

        def one() -> None:
            page.set_content(html, wait_until="load")
            page.pdf(prefer_css_page_size=True, print_background=True)
            if release:
                page.evaluate(pdf.RELEASE_JS)
        return measured(time.perf_counter() - t0, one, prints)
    finally:
        browser.close()
        pdf.stop_chromium()  # the driver too: each variant starts from nothing


def over_pipe(exe: str, release: bool, html: str, prints: int) -> dict:
    t0 = time.perf_counter()
    browser = cdp.Browser(exe, pdf.chromium_args())
    try:
        browser.new_tab()
        browser.set_viewport(*pdf.VIEWPORT)
        browser.evaluate("() => 1")

        def one() -> None:
            browser.set_content(html)
            browser.pdf()
            if release:
                browser.evaluate(pdf.RELEASE_JS)
        return measured(time.perf_counter() - t0, one, prints)
    finally:
        browser.close()


def measured(start: float, one: Callable[[], None], prints: int) -> dict:
    """Seconds per print of ``prints`` prints, then the memory the browser holds after them."""
    times = []
    for _ in range(prints):
        t0 = time.perf_counter()
        one()
        times.append(time.perf_counter() - t0)
    time.sleep(0.5)  # the deferred collection runs
    total, renderer, driver = browser_memory()
    return {"pss": total / 2**20, "renderer": renderer / 2**20, "driver": driver / 2**20, "start": start,
            "print": statistics.median(times)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prints", type=int, default=12)
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    full, shell = shutil.which("chromium"), shutil.which("chromium-headless-shell")
    if not (full and shell):
        raise SystemExit("needs both chromium and chromium-headless-shell on PATH")
    with tempfile.TemporaryDirectory() as tmp, Engine(kind="inprocess") as engine:
        files = render(registry.load_params(EXAMPLE), Path(tmp), ("html",), engine, str(EXAMPLE)).files
        html = files["html"].read_text(encoding="utf-8")
    variants = {"full+gc": (through_playwright, full, True), "shell": (through_playwright, shell, False),
                "shell+gc": (through_playwright, shell, True), "pipe": (over_pipe, shell, True)}
    seen: dict[str, list[dict]] = {k: [] for k in variants}
    for _ in range(args.repeats):
        for name, (how, exe, release) in variants.items():
            seen[name].append(how(exe, release, html, args.prints))
    print(f"{args.prints} prints of {EXAMPLE.stem} per browser, {args.repeats} alternating rounds, load "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    for name, runs in seen.items():
        pss = ", ".join(f"{r['pss']:.0f}" for r in runs)
        ren = ", ".join(f"{r['renderer']:.0f}" for r in runs)
        drv = ", ".join(f"{r['driver']:.0f}" for r in runs)
        start = ", ".join(f"{r['start']:.2f}" for r in runs)
        sec = ", ".join(f"{r['print']:.2f}" for r in runs)
        print(f"  {name:9s} browser PSS {pss} MiB · renderer {ren} MiB · driver {drv} MiB · start {start} s · "
              f"print {sec} s (median per run)")


if __name__ == "__main__":
    main()
