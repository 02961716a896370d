"""Prints per document: how often the browser prints each bundled example (layout densities, contents).

    PYTHONPATH=. python bench/prints.py            # every params file in params/examples
    PYTHONPATH=. python bench/prints.py --repeats 5  # medians of 5 renders each (after one not counted)

One print is a full Chromium print-to-PDF of the report; a document prints once for its layout and once more
per density it tries (export/pdf.py laid_out); its contents' page numbers are stamped into that print
(export/stamp.py), or cost one print more where the PDF cannot be stamped (export/finish.py). Prints the count, the pages and the PDF seconds of each example.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from toolkit.documents import registry
from toolkit.engine import Engine
from toolkit.export import pdf
from toolkit.export.pdfpages import pages
from toolkit.run import render

COUNT = {"prints": 0}


def counted(renderer):
    """The renderer, counting its prints (works on trees without RenderResult.counts, for before/after)."""
    def wrapper(html, base_url=None):
        COUNT["prints"] += 1
        return renderer(html, base_url)
    return wrapper

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=1, help="renders timed per example (medians), after a first "
                    "one that is not timed when more than one")
    ap.add_argument("names", nargs="*", help="only the examples whose file name contains one of these")
    args = ap.parse_args()
    examples = sorted(p for p in (ROOT / "params" / "examples").iterdir()
                      if (p.suffix in (".yaml", ".yml") or p.name.endswith(".json"))
                      and (not args.names or any(n in p.name for n in args.names)))
    for name in list(pdf.RENDERERS):
        pdf.RENDERERS[name] = counted(pdf.RENDERERS[name])
    with tempfile.TemporaryDirectory() as tmp, Engine(kind="inprocess") as engine:
        for path in examples:
            try:
                params = registry.load_params(path)
            except Exception as exc:  # noqa: BLE001 - not a params file (e.g. a table)
                print(f"{path.name:40} skipped: {type(exc).__name__}", file=sys.stderr)
                continue
            times: dict[str, list[float]] = {"pdf": [], "execute": []}
            for k in range(args.repeats + (args.repeats > 1)):
                with pdf.chromium_page() as tab:  # each render loads its report afresh, as an edited one would
                    tab.content = None
                before = COUNT["prints"]
                result = render(params, Path(tmp) / path.stem, ("pdf",), engine, str(path))
                if k or args.repeats == 1:
                    for stage in times:
                        times[stage].append(result.seconds[stage])
            n = len(pages(result.files["pdf"].read_bytes()))
            print(f"{path.name:40} prints {COUNT['prints'] - before}  pages {n:3}  "
                  f"pdf {statistics.median(times['pdf']):.2f} s  execute {statistics.median(times['execute']):.2f} s",
                  flush=True)


if __name__ == "__main__":
    main()
