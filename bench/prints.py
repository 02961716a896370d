"""Prints per document: how often the browser prints each bundled example (layout densities, contents).

    PYTHONPATH=. python bench/prints.py            # every params file in params/examples

One print is a full Chromium print-to-PDF of the report; a document prints once for its layout and once more
per density it tries (export/pdf.py laid_out); its contents' page numbers are stamped into that print
(export/stamp.py), or cost one print more where the PDF cannot be stamped (export/finish.py). Prints the count, the pages and the PDF seconds of each example.
"""
from __future__ import annotations

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
    examples = sorted(p for p in (ROOT / "params" / "examples").iterdir()
                      if p.suffix in (".yaml", ".yml") or p.name.endswith(".json"))
    for name in list(pdf.RENDERERS):
        pdf.RENDERERS[name] = counted(pdf.RENDERERS[name])
    with tempfile.TemporaryDirectory() as tmp, Engine(kind="inprocess") as engine:
        for path in examples:
            try:
                params = registry.load_params(path)
            except Exception as exc:  # noqa: BLE001 - not a params file (e.g. a table)
                print(f"{path.name:40} skipped: {type(exc).__name__}", file=sys.stderr)
                continue
            before = COUNT["prints"]
            result = render(params, Path(tmp) / path.stem, ("pdf",), engine, str(path))
            n = len(pages(result.files["pdf"].read_bytes()))
            print(f"{path.name:40} prints {COUNT['prints'] - before}  pages {n:3}  "
                  f"pdf {result.seconds['pdf']:.2f} s  execute {result.seconds['execute']:.2f} s", flush=True)


if __name__ == "__main__":
    main()
