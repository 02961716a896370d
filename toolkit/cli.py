"""`ita-report`: render, score, check (and batch) from the command line.

Exit codes: 0 done/clean, 1 findings or a failed render, 2 invalid input. Errors print a Thai line
and an English line without a traceback unless --debug.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Sequence

from .errors import InputErrors, ToolkitError

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "params" / "examples"


def _formats(text: str) -> tuple[str, ...]:
    from .run import FORMATS

    items = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise argparse.ArgumentTypeError(f"formats must be a comma list of {', '.join(FORMATS)} (got {text!r})")
    return items


def _print_findings(findings: list, stream=None) -> None:
    stream = stream or sys.stdout
    for f in findings:
        print(f"  [{f.severity}] {f.field}: {f.message_th}", file=stream)
        print(f"  {' ' * (len(f.severity) + 2)} {f.message_en}", file=stream)


def cmd_render(args: argparse.Namespace) -> int:
    from .params import load_params
    from .run import render

    params = load_params(args.params)
    result = render(params, args.out, args.formats, source=str(args.params))
    print(f"{result.title}")
    for fmt, path in result.files.items():
        print(f"  {fmt:5} {path}")
    print(f"  ({result.seconds['total']:.1f} s)")
    from .scoring import analyse

    findings = [f for f in analyse(params).findings]
    if findings:
        print(f"ข้อสังเกต {len(findings)} รายการ (แสดงในรายงานแล้ว) / {len(findings)} finding(s), flagged in the report:")
        _print_findings(findings)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from .params import load_params
    from .scoring import analyse

    a = analyse(load_params(args.params))
    if args.json:
        print(json.dumps(a.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"{a.params.organisation.name} — ITA {a.year} ({a.framework.id})")
    for ind in a.indicators:
        mark = "จุดอ่อน/weak" if ind.weak else ""
        print(f"  {ind.number:>2}. {ind.name:<28} {ind.score:6.2f} {mark}")
    for code, tool in a.tools.items():
        rep = f" (reported {tool.reported:.2f})" if tool.reported is not None else ""
        print(f"  {code}: {tool.computed:6.2f}{rep}")
    rep = f" (reported {a.total_reported:.2f})" if a.total_reported is not None else ""
    print(f"  total: {a.total_computed:6.2f}{rep}  level: {a.level_computed}"
          + (f" (reported {a.level_reported})" if a.level_reported else ""))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .params import load_params
    from .scoring import analyse

    a = analyse(load_params(args.params))
    serious = [f for f in a.findings if f.severity != "info"]
    if args.json:
        print(json.dumps([f.as_dict() for f in a.findings], ensure_ascii=False, indent=2))
    elif a.findings:
        print(f"{args.params}: ข้อสังเกต {len(a.findings)} รายการ / {len(a.findings)} finding(s)")
        _print_findings(a.findings)
    else:
        print(f"{args.params}: ข้อมูลถูกต้อง ไม่พบข้อสังเกต / valid, no findings")
    return 1 if serious else 0


def cmd_examples(args: argparse.Namespace) -> int:
    from .params import load_params
    from .run import Engine, default_out_dir, render

    paths = sorted(EXAMPLES_DIR.glob("*.yaml"))
    failed = 0
    with Engine() as engine:
        for path in paths:
            try:
                params = load_params(path)
                result = render(params, default_out_dir(params, Path(args.out)), args.formats, engine, str(path))
                print(f"ok   {path.name} → {result.out_dir} ({result.seconds['total']:.1f} s)")
            except ToolkitError as exc:
                failed += 1
                print(f"FAIL {path.name}: {exc.message_en()}", file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ita-report", description="Thai ITA documents computed from the data.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("render", help="render one params file to HTML/PDF/ipynb")
    p.add_argument("params", type=Path)
    p.add_argument("--out", type=Path, default=None, help="output folder (default outputs/<year>/<province>/<org>)")
    p.add_argument("--formats", type=_formats, default=("html", "pdf", "ipynb"))
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("score", help="computed tool scores, total, level and findings")
    p.add_argument("params", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("check", help="validate and reconcile only (exit 0 clean, 1 findings, 2 invalid)")
    p.add_argument("params", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("examples", help="render the bundled examples")
    p.add_argument("--out", type=Path, default=Path("outputs"))
    p.add_argument("--formats", type=_formats, default=("html", "pdf", "ipynb"))
    p.set_defaults(func=cmd_examples)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except ToolkitError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"ข้อผิดพลาด: {exc.message_th()}", file=sys.stderr)
        print(f"error: {exc.message_en()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
