"""`ita-report`: render, score, check (and batch) from the command line.

Exit codes: 0 done/clean, 1 findings or a failed render, 2 invalid input, 3 written without the PDF
(no renderer installed: one bilingual line says how to install it). Errors print a Thai line and an
English line without a traceback unless --debug.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
import traceback
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .kit.errors import InputError, InputErrors, ToolkitError

PARAMS_SUFFIXES = (".yaml", ".yml")  # anything else given to `check` is read as a table
DOCUMENT_SUFFIXES = (*PARAMS_SUFFIXES, ".json")  # `render` and `score` also take a batch manifest (JSON)


_FORMATS_HELP = "comma list of html, pdf, docx (editable Word), ipynb"


def _formats(text: str) -> tuple[str, ...]:
    from .run import FORMATS

    items = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise argparse.ArgumentTypeError(f"formats must be a comma list of {', '.join(FORMATS)} (got {text!r})"
                                         f" / --formats ต้องเป็นรายการคั่นด้วยจุลภาคจาก {', '.join(FORMATS)}")
    return items


def _print_findings(findings: list, stream=None) -> None:
    stream = stream or sys.stdout
    for f in findings:
        print(f"  [{f.severity}] {f.field}: {f.message_th}", file=stream)
        print(f"  {' ' * (len(f.severity) + 2)} {f.message_en}", file=stream)


def _not_a_table(path: Path, command: str) -> None:
    """`score` and `render` take one params file; a table goes to `check` or `batch`."""
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        raise InputErrors([InputError(
            str(path), None,
            f"คำสั่ง {command} ใช้กับไฟล์ข้อมูลของเอกสารหนึ่งฉบับ (.yaml) ตารางของทั้งจังหวัดให้ใช้ "
            f"ita-report batch {path.name} --fiscal-year ปปปป (หรือ ita-report check เพื่อตรวจ)",
            f"{command} takes one document's params file (.yaml); for a province table use "
            f"ita-report batch {path.name} --fiscal-year YYYY (or ita-report check to check it)", path.name)])


def cmd_render(args: argparse.Namespace) -> int:
    from .documents import registry
    from .engine import Engine
    from .run import render

    _not_a_table(args.params, "render")
    from .export import printer
    from .export.pdf import start_browser_early

    if "pdf" in args.formats and "docx" not in args.formats:  # Word's charts use the browser in this thread
        start_browser_early()  # starts while params load and the notebook runs
    try:
        params = registry.load_params(args.params, accept_published=args.accept_published)
        with Engine(kind=args.engine) as engine:  # in this process unless a kernel is asked for (~1-3 s less)
            result, missing = _render_keeping_files(lambda: render(params, args.out, args.formats, engine,
                                                                   source=str(args.params), draft=args.draft))
    finally:
        printer.finish()  # the browser closes with this render (a caller in the same process prints itself)
    print(f"{result.title}")
    for fmt, path in result.files.items():
        print(f"  {fmt:6} {path}")
    print(f"  ({result.seconds['total']:.1f} s)")
    findings = result.findings
    if findings:
        where_th = "ในรายงานฉบับร่างและ" if args.draft or getattr(params, "status", "final") == "draft" else ""
        print(f"ข้อสังเกต {len(findings)} รายการ (ดู{where_th}ใบสรุปข้อสังเกต {result.files['review'].name}) / "
              f"{len(findings)} finding(s), listed in the review sheet:")
        _print_findings(findings)
    if missing is not None:
        print(missing.line(), file=sys.stderr)
        return missing.exit_code
    return 0


def _render_keeping_files(render: Callable):
    """run.render, except that a missing PDF renderer returns what was written and the error."""
    from .export.pdf import RendererMissing

    try:
        return render(), None
    except RendererMissing as exc:
        if getattr(exc, "result", None) is None:
            raise
        return exc.result, exc


def cmd_score(args: argparse.Namespace) -> int:
    from .documents import registry

    _not_a_table(args.params, "score")
    params = registry.load_params(args.params)
    doc = registry.of(params)
    if doc.score is None:
        raise InputErrors([InputError(str(args.params), None, f"เอกสารชนิด {doc.key} ไม่มีคะแนนให้คำนวณ",
                                      f"a {doc.key} document has no figures to score", doc.key)])
    if getattr(args, "changes", None):
        return _score_what_if(args, params, doc)
    figures = doc.score(params)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
    else:
        _print_score(doc.key, figures)
    return 0


def _score_what_if(args: argparse.Namespace, params, doc) -> int:
    """`score PARAMS --set 9=90 --set o13=100`: the figures after the changes, the params file untouched."""
    what_if = doc.extras.get("what_if")
    if what_if is None:
        raise InputErrors([InputError(str(args.params), "--set", f"เอกสารชนิด {doc.key} ไม่รองรับ --set",
                                      f"a {doc.key} document does not take --set", doc.key)])
    result = what_if(params, args.changes)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(repr(result))
    return 0


def _print_score(key: str, figures: dict) -> None:
    """The headline figures as text: the analysis's scores, or any other type's figures as key: value lines."""
    if key == "ita_analysis":
        print(f"{figures['organisation']} — ITA {figures['assessment_year']} ({figures['framework']})")
        for ind in figures["indicators"]:
            mark = "จุดอ่อน/weak" if ind["status"] == "weakness" else ""
            print(f"  {ind['number']:>2}. {ind['name']:<28} {ind['score']:6.2f} {mark}")
        for code, tool in figures["tools"].items():
            rep = f" (reported {tool['reported']:.2f})" if tool["reported"] is not None else ""
            print(f"  {code}: {tool['computed']:6.2f}{rep}")
        total, level = figures["total"], figures["level"]
        rep = f" (reported {total['reported']:.2f})" if total["reported"] is not None else ""
        print(f"  total: {total['computed']:6.2f}{rep}  level: {level['computed']}"
              + (f" (reported {level['reported']})" if level["reported"] else ""))
        nl = figures.get("next_level") or {}
        if nl.get("level"):
            blocking = ", ".join(f"{t['tool']} +{t['gap']:.2f}" for t in nl.get("blocking_tools") or [])
            print(f"  next level: {nl['from']} -> {nl['level']}: total +{nl['total_needed']:.2f}"
                  + (f", {blocking}" if blocking else "") + (" (rule already met)" if nl.get("rule_met") else ""))
        return
    for name, value in figures.items():
        print(f"  {name}: {json.dumps(value, ensure_ascii=False, default=str)}")


def _print_notes(path: Path, notes: list[str]) -> None:
    """How a table was read (ignored columns, skipped rows, names to look at): one "Thai / English" line each."""
    if notes:
        print(f"{path}: การอ่านตาราง / how the table was read:")
        for note in notes:
            print(f"  - {note}")


def _check_table(args: argparse.Namespace) -> int:
    """A province table: every bad row (exit 2, nothing rendered), else every row's findings."""
    from .documents import registry
    from .params.table import load_table

    if args.fiscal_year is None:
        raise InputErrors([InputError(str(args.params), None, "ต้องระบุ --fiscal-year เมื่อตรวจตาราง",
                                      "--fiscal-year is required to check a table")])
    table = load_table(args.params, args.fiscal_year, registry.validate, sheet=args.sheet,
                       accept_published=args.accept_published)
    _print_notes(args.params, table.info.warnings)
    bad = [row for row in table if row.errors]
    if bad:
        raise InputErrors([e for row in bad for e in row.errors], str(args.params))
    count = 0
    for row in table:
        findings = registry.check(row.params)
        if findings:
            count += len([f for f in findings if f.severity != "info"])
            print(f"{args.params} แถวที่ {row.number} / row {row.number}: {row.params.organisation.name}")
            _print_findings(findings)
    if not count:
        print(f"{args.params}: {len(table)} แถว ถูกต้อง ไม่พบข้อสังเกต / {len(table)} rows valid, no findings")
    return 1 if count else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .documents import registry

    if args.params.suffix.lower() not in PARAMS_SUFFIXES:
        return _check_table(args)
    findings = registry.check(registry.load_params(args.params, accept_published=args.accept_published))
    serious = [f for f in findings if f.severity != "info"]
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2, default=str))
    elif findings:
        print(f"{args.params}: ข้อสังเกต {len(findings)} รายการ / {len(findings)} finding(s)")
        _print_findings(findings)
    else:
        print(f"{args.params}: ข้อมูลถูกต้อง ไม่พบข้อสังเกต / valid, no findings")
    return 1 if serious else 0


def cmd_examples(args: argparse.Namespace) -> int:
    from .batch.progress import Progress
    from .batch.runner import run_batch
    from .documents import registry
    from .kit.paths import examples_dir
    from .run import Engine, default_out_dir, render

    if args.list:
        return _list_examples()
    failed = 0
    with Engine() as engine:
        for doc in registry.all_types():
            for path in doc.example_paths():
                try:
                    params = registry.load_params(path)
                    out = default_out_dir(params, Path(args.out))
                    if doc.recognise is not None:  # a province manifest: apart from the batch's own pages
                        out = Path(args.out) / "province-example" / path.stem
                    result = render(params, out, args.formats, engine, str(path))
                    print(f"ok   {path.name} → {result.out_dir} ({result.seconds['total']:.1f} s)")
                except ToolkitError as exc:
                    failed += 1
                    print(f"FAIL {path.name}: {exc.message_en()}", file=sys.stderr)
    for table in sorted(examples_dir().glob("table_*.csv")):
        year = int(table.stem.rsplit("_", 1)[-1])
        result = run_batch(table, year, Path(args.out), args.formats, progress=Progress(0, tty=False))
        failed += len(result.failed) + len(result.problems)
        print(f"{'ok  ' if not result.exit_code else 'FAIL'} {table.name} → "
              f"{', '.join(str(p) for p in result.outputs.get('index', []))} ({result.counts['ok']} reports, "
              f"{result.seconds:.1f} s)")
    return 1 if failed else 0


def _batch_notes(args: argparse.Namespace) -> None:
    """Before a table's batch: how it will be read (columns ignored, rows skipped); table problems stop here."""
    from .batch.jobs import TABLE_SUFFIXES
    from .params.table import describe_table

    if args.table.is_file() and args.table.suffix.lower() in TABLE_SUFFIXES:
        _print_notes(args.table, describe_table(args.table, args.sheet).warnings)


def _print_failures(result) -> None:
    """Every failed organisation and province step, in Thai then English, on stderr."""
    for e in result.failed:
        name = (e.get("organisation") or {}).get("name") or ""
        error = e.get("error") or {}
        where_th = f"แถวที่ {e['row']}" if e.get("row") else e.get("source")
        where_en = f"row {e['row']}" if e.get("row") else e.get("source")
        print(f"  ล้มเหลว {where_th} {name}: {error.get('th', '')}", file=sys.stderr)
        print(f"  FAILED {where_en} {name}: {error.get('en', '')}", file=sys.stderr)
    for problem in result.problems:
        print(f"  ขั้นตอนของจังหวัดไม่สำเร็จ / PROBLEM {problem}", file=sys.stderr)


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch.runner import run_batch

    style = None if args.thai_digits is None else {"thai_digits": args.thai_digits}
    t0 = time.monotonic()
    _batch_notes(args)
    notes = time.monotonic() - t0
    result = run_batch(args.table, args.fiscal_year, args.out, args.formats, args.workers, args.scheduler,
                       args.force, engine=args.engine, summary=not args.no_summary, style=style, sheet=args.sheet,
                       accept_published=args.accept_published, draft=args.draft)
    counts = result.counts
    print(f"สำเร็จ {counts['ok']} · ข้ามเพราะไม่เปลี่ยนแปลง {counts['skipped']} · ล้มเหลว {counts['failed']}"
          f" / ok {counts['ok']}, skipped (unchanged) {counts['skipped']}, failed {counts['failed']}"
          f" in {result.seconds:.1f} s")
    steps = {"notes": notes, **result.stages}
    print("  เวลา / seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))
    names = {"index": "หน้ารวม / index", "site": "หน้าเว็บ / site", "summary": "สรุปจังหวัด / summary",
             "manifest": "บันทึก / manifest"}
    for kind in ("index", "site", "summary", "manifest"):
        for path in result.outputs.get(kind, []):
            print(f"  {names[kind]}: {path}")
    _print_failures(result)
    return result.exit_code


def _accept_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--accept-published", action="store_true",
                   help="print the official figures even where they contradict the organisation's own "
                        "(the conflict is listed as a finding); default: such a document is refused")


def cmd_site(args: argparse.Namespace) -> int:
    """Rebuild the reviewer's site (year and province pages, tables) from the manifests; no report is rendered."""
    from .site import build_site, settings

    result = build_site(args.out, years=args.year)
    if not result.years:
        name = settings()["manifest"]
        raise InputErrors([InputError(
            str(args.out), None,
            f"ไม่พบแฟ้มสรุปการประมวลผล ({name}) ใต้โฟลเดอร์นี้ ให้ระบุโฟลเดอร์ผลลัพธ์ของ ita-report batch "
            f"(ที่มี <ปีงบประมาณ>/<จังหวัด>/{name})",
            f"no batch manifest ({name}) under this folder; give the output folder of ita-report batch "
            f"(holding <fiscal year>/<province>/{name})")])
    print(f"สร้างหน้าเว็บ {len(result.pages)} หน้า ({result.provinces} จังหวัด {result.organisations} หน่วยงาน) "
          f"/ built {len(result.pages)} pages ({result.provinces} provinces, {result.organisations} organisations)"
          f" in {result.seconds:.1f} s")
    for year in result.years:
        print(f"  site     {year / settings()['files']['page']}")
    for th, en in result.problems:
        print(f"  PROBLEM {th}\n          {en}", file=sys.stderr)
    return 1 if result.problems else 0


def _list_examples() -> int:
    """Every bundled example (params files and tables) with its document type, from the installed package."""
    from .documents import registry
    from .kit.paths import examples_dir

    print(f"{examples_dir()}")
    for doc in registry.all_types():
        for path in doc.example_paths():
            print(f"  {doc.key:<20} {path.name}")
    for table in sorted(examples_dir().glob("table_*.csv")):
        print(f"  {'batch table':<20} {table.name}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """What this machine has for each output, and what each missing piece disables."""
    from .doctor import report, run_checks

    lines, code = report(run_checks())
    print(f"ita-report {__version__}")
    print("\n".join(lines))
    return code


def _write_new(path: Path, payload: bytes | str, force: bool) -> Path:
    """A starting file, never over the user's own work unless --force."""
    from .kit.paths import write_atomic

    if path.exists() and not force:
        raise InputErrors([InputError(str(path), None, "มีไฟล์นี้อยู่แล้ว: เลือกชื่ออื่นด้วย --out หรือใช้ --force เพื่อเขียนทับ",
                                      "the file exists: choose another name with --out, or --force to overwrite")])
    return write_atomic(path, payload)


def cmd_new_analysis(args: argparse.Namespace) -> int:
    """A commented params file for one organisation's analysis document."""
    from .kit.paths import safe_name
    from .scaffold import analysis_params

    text = analysis_params(args.organisation, args.fiscal_year, args.district, args.province, args.subdistrict)
    out = args.out or Path(f"{safe_name(args.organisation)}_{args.fiscal_year}.yaml")
    _write_new(out, text, args.force)
    print(f"{out}")
    print(f"เติมค่าที่ว่าง แล้ว ita-report check {out} / fill in the blanks, then ita-report check {out}")
    return 0


def cmd_new_table(args: argparse.Namespace) -> int:
    """An XLSX province table with Thai headers, data validation and an instructions sheet."""
    from .scaffold import table_template

    out = args.out or Path(f"ita_table_{args.fiscal_year}.xlsx")
    _write_new(out, table_template(args.fiscal_year, args.province), args.force)
    print(f"{out}")
    print(f"กรอกแล้ว ita-report batch {out} --fiscal-year {args.fiscal_year} / fill it in, then "
          f"ita-report batch {out} --fiscal-year {args.fiscal_year}")
    return 0


def _add_new(sub) -> None:
    """`ita-report new analysis|table`: starting files for a new organisation or year."""
    new = sub.add_parser("new", help="write a starting params file or province table to fill in",
                         formatter_class=HelpFormatter)
    kinds = new.add_subparsers(dest="kind", required=True)
    p = kinds.add_parser("analysis", help="a commented params file of the ITA analysis document",
                         formatter_class=HelpFormatter)
    p.add_argument("--organisation", required=True, help="the organisation's name (อบต.… is expanded)")
    p.add_argument("--fiscal-year", type=int, required=True, help="the document's fiscal year (BE, e.g. 2569)")
    p.add_argument("--district", default=None, help="อำเภอ")
    p.add_argument("--province", default=None, help="จังหวัด")
    p.add_argument("--subdistrict", default=None, help="ตำบล")
    p.add_argument("--out", type=Path, default=None, help="file to write (default: <organisation>_<year>.yaml)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_new_analysis)
    p = kinds.add_parser("table", help="an XLSX province results table with validation and instructions",
                         formatter_class=HelpFormatter)
    p.add_argument("--fiscal-year", type=int, required=True, help="fiscal year (BE) of the documents to batch")
    p.add_argument("--province", default=None, help="pre-fill the province column")
    p.add_argument("--out", type=Path, default=None, help="file to write (default: ita_table_<year>.xlsx)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_new_table)


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Defaults shown in every help text, except where there is none to show."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default in (None, False) or action.default is argparse.SUPPRESS:
            return action.help or ""
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ita-report", description="Thai ITA documents computed from the data.",
                                     formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print only errors (and what --json asks for)")
    sub = parser.add_subparsers(dest="command", required=True,
                                parser_class=partial(argparse.ArgumentParser, formatter_class=HelpFormatter))

    p = sub.add_parser("render", help="render one params file to HTML/PDF/Word (docx)/ipynb")
    p.add_argument("params", type=Path)
    p.add_argument("--out", type=Path, default=None, help="output folder (default outputs/<year>/<province>/<org>)")
    p.add_argument("--formats", type=_formats, default="html,pdf,ipynb", help=_FORMATS_HELP)
    p.add_argument("--engine", choices=("inprocess", "kernel"), default="inprocess",
                   help="run the notebook in this process (fast) or in a fresh Jupyter kernel")
    _accept_option(p)
    p.add_argument("--draft", action="store_true",
                   help="a watermarked draft with the reviewer's findings (as status: draft in params)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("score", help="computed tool scores, total, level and findings")
    p.add_argument("params", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("--set", dest="changes", action="append", default=None, metavar="KEY=SCORE",
                   help="what-if: an indicator (9=90) or an item (o13=100) at a new score; repeatable")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("check", help="validate and reconcile only (exit 0 clean, 1 findings, 2 invalid); "
                                      "a params file or a province table")
    p.add_argument("params", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("--fiscal-year", type=int, default=None, help="for a table: the documents' fiscal year (BE)")
    p.add_argument("--sheet", default=None, help="for an XLSX table: the sheet name")
    _accept_option(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("batch", help="render every organisation of a table (CSV/XLSX) or a folder of params files")
    p.add_argument("table", type=Path)
    p.add_argument("--fiscal-year", type=int, default=None, help="fiscal year (BE) of the documents; required for a table")
    p.add_argument("--out", type=Path, default=Path("outputs"), help="output root")
    p.add_argument("--formats", type=_formats, default="html,pdf", help=_FORMATS_HELP)
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--force", action="store_true", help="redo organisations whose outputs are up to date")
    p.add_argument("--engine", choices=("inprocess", "kernel"), default="inprocess",
                   help="run notebooks in the worker process (fast) or in a Jupyter kernel per worker")
    p.add_argument("--no-summary", action="store_true", help="skip the province summary report")
    p.add_argument("--sheet", default=None, help="XLSX sheet name (default: the first)")
    p.add_argument("--arabic-digits", dest="thai_digits", action="store_false", default=None,
                   help="print numbers with Arabic digits (default: Thai digits)")
    _accept_option(p)
    p.add_argument("--draft", action="store_true",
                   help="watermarked drafts with the reviewer's findings (as status: draft in params)")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("site", help="(re)build the year and province pages from the batch manifests (no rendering)")
    p.add_argument("out", type=Path, nargs="?", default=Path("outputs"),
                   help="the batch output folder (or one fiscal year's folder in it)")
    p.add_argument("--year", type=int, action="append", default=None, help="only this fiscal year (repeatable)")
    p.set_defaults(func=cmd_site)

    p = sub.add_parser("examples", help="render the bundled examples")
    p.add_argument("--out", type=Path, default=Path("outputs"), help="output folder")
    p.add_argument("--formats", type=_formats, default="html,pdf,ipynb", help=_FORMATS_HELP)
    p.add_argument("--list", action="store_true", help="only list the bundled examples and where they are")
    p.set_defaults(func=cmd_examples)

    p = sub.add_parser("doctor", help="what this machine has (Chromium, fonts, LibreOffice, kernel, poppler) "
                                      "and what each missing piece disables")
    p.set_defaults(func=cmd_doctor)
    _add_new(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    quiet = args.quiet and not getattr(args, "json", False)
    try:
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
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
