"""Benchmark: what one print of a report costs and where, the floor under every PDF the toolkit makes.

    PYTHONPATH=. python bench/print_cost.py --prints 7

Renders each example once to its HTML (marked for stamping, as export/finish.py prints it), then prints it
``--prints`` times in one tab of the toolkit's browser (export/pdf.py), each time written afresh as a new report
would be, and reports medians per print: the seconds to write the report into the tab, to print it, and to read
the PDF back in Python (page count and fill for the layout search, the contents' page numbers stamped, the
metadata); and the CPU seconds the browser's processes spent on it (all of them, from /proc). A batch worker pays
at least this per document and per print of its layout search; two workers share the machine's two cores with
their browsers.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import descendants  # noqa: E402

from toolkit.documents import registry  # noqa: E402
from toolkit.engine import Engine  # noqa: E402
from toolkit.export import finish, pdf, pdfpages, stamp  # noqa: E402
from toolkit.run import render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("integrity_khaosaming_2564_6.yaml", "samruean_2569.yaml", "thungtuayang_2569.yaml",
            "province_ratchaburi_2569.json")
TICK = os.sysconf("SC_CLK_TCK")


def browser_cpu() -> float:
    """CPU seconds (user + system) of every browser process under this one so far."""
    total = 0
    for p in descendants(os.getpid())[1:]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def cost(html: str, prints: int) -> dict:
    """Medians per print of the stages of one print of `html`."""
    seen: dict[str, list[float]] = {"write": [], "print": [], "read": [], "browser_cpu": []}
    budget, margins, targets = pdf.page_budget(html), pdf.page_margins(html), pdf.body_targets(html)
    pages = 0
    for _ in range(prints):
        with pdf.chromium_page() as tab:
            cpu = browser_cpu()
            t0 = time.perf_counter()
            tab.set_content(html)
            t1 = time.perf_counter()
            data = tab.pdf()
            t2 = time.perf_counter()
            seen["browser_cpu"].append(browser_cpu() - cpu)
        read = pdfpages.pages(data)
        pdfpages.underfull(read, margins) if margins else None
        pdfpages.body_start(data, targets) if targets else None
        if stamp.contents_targets(html):
            data = stamp.stamp(data, html, finish.page_numbers(data))
        finish.with_metadata(data, {"title": "x"})
        t3 = time.perf_counter()
        pages = len(read)
        for key, value in (("write", t1 - t0), ("print", t2 - t1), ("read", t3 - t2)):
            seen[key].append(value)
    out = {k: statistics.median(v) for k, v in seen.items()}
    out["pages"] = pages
    out["budget"] = budget
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prints", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Engine(kind="inprocess") as engine:
        reports = {}
        for name in EXAMPLES:
            path = ROOT / "params" / "examples" / name
            files = render(registry.load_params(path), Path(tmp) / path.stem, ("html",), engine, str(path)).files
            reports[name] = stamp.marked(files["html"].read_text(encoding="utf-8"))
    pdf.chromium_pdf("<p>warm</p>")  # the browser's start is not a print's cost
    print(f"{args.prints} prints each, medians per print; load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    for name, html in reports.items():
        c = cost(html, args.prints)
        total = c["write"] + c["print"] + c["read"]
        print(f"  {name:34s} {c['pages']:3d} pages · write {c['write']:.2f} s · print {c['print']:.2f} s · "
              f"read back {c['read']:.2f} s · total {total:.2f} s ({total / c['pages'] * 1000:.0f} ms a page) · "
              f"browser CPU {c['browser_cpu']:.2f} s")
    pdf.close_chromium()


if __name__ == "__main__":
    main()
