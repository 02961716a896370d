"""A results report linked to its analysis document: measures carried forward by id.

The analysis file is read through the document registry (the analysis type offers its measures as the
extra "measures"), so this package never imports the analysis package.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ...kit.errors import InputError, InputErrors
from ...params import read_params
from .. import registry
from .model import CARRIED, IntegrityReportParams

ANALYSIS_KEY = "ita_analysis"
Problem = tuple[tuple, str, str, Any]


class _Linked:
    """What a report needs from its analysis file: organisation, year and the measures by id."""

    def __init__(self, path: Path, org: str, fiscal_year: int, assessment_year: int, measures: list[dict]):
        self.path = path
        self.organisation = org
        self.fiscal_year = fiscal_year
        self.assessment_year = assessment_year
        self.measures = measures  # [{"id": …, CARRIED fields …}]

    def ids(self) -> list[str]:
        return [m["id"] for m in self.measures]

    def find(self, measure_id: str) -> dict | None:
        for m in self.measures:
            if m["id"].casefold() == measure_id.casefold():
                return m
        return None


def analysis_path(params: IntegrityReportParams, source: str | None) -> Path | None:
    """The analysis file, relative to this params file (or the working directory without one)."""
    if not params.analysis:
        return None
    path = Path(params.analysis).expanduser()
    if path.is_absolute():
        return path
    base = Path(source).parent if source and not str(source).startswith("<") else Path(".")
    return base / path


@lru_cache(maxsize=16)
def _read_linked(path: str, mtime_ns: int, size: int) -> _Linked:
    """The analysis's measures with the carried-forward fields; cached per file version."""
    raw, _ = read_params(path)
    kind = raw.get("document", ANALYSIS_KEY) if isinstance(raw, dict) else None
    if kind != ANALYSIS_KEY:  # also stops a report that links itself (or another report) from recursing
        raise InputErrors([InputError(path, "document", "ต้องเป็นไฟล์ข้อมูลของเอกสารการนำผลการประเมิน ITA "
                                      "ไปสู่การพัฒนาองค์กร (document: ita_analysis)",
                                      "must be the params of an ITA analysis document (document: ita_analysis)",
                                      kind)], path)
    analysis = registry.load_params(path)
    measures = registry.get(ANALYSIS_KEY).extras["measures"](analysis)
    numbered = [m for m in measures if m["id"]]
    return _Linked(Path(path), analysis.organisation.name, analysis.fiscal_year, analysis.assessment.year,
                   numbered)


def load_linked(path: Path) -> _Linked:
    stat = path.stat()
    return _read_linked(str(path), stat.st_mtime_ns, stat.st_size)


def norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _same(field: str, given: Any, carried: Any) -> bool:
    if field == "name" or field == "responsible":
        return norm(given) == norm(carried)
    if field == "indicators":
        return sorted(given) == sorted(carried)
    return given == carried


def shown(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def link(params: IntegrityReportParams, source: str | None, out: list[Problem]) -> None:
    """Resolve `analysis:` and fill each linked result's carried-forward fields."""
    linked_rows = [(i, r) for i, r in enumerate(params.results) if r.measure]
    path = analysis_path(params, source)
    if path is None:
        for i, r in linked_rows:
            out.append((("results", i, "measure"),
                        "การอ้างรหัสมาตรการต้องระบุไฟล์เอกสารวิเคราะห์ไว้ที่ analysis: (เช่น analysis: samruean_2569.yaml) "
                        "หรือให้ระบุชื่อมาตรการเองที่ name:",
                        "a measure id needs the analysis file under analysis: (e.g. analysis: samruean_2569.yaml), "
                        "or give the measure's own name under name:", r.measure))
        return
    here = source or "<params>"
    if not path.is_file():
        filled = all(r.name and r.responsible for _, r in linked_rows)
        if filled and (source is None or str(source).startswith("<") or not Path(source).is_file()):
            return  # already-validated data re-checked without its file: the carried values stand
        out.append((("analysis",),
                    f"ไม่พบไฟล์เอกสารวิเคราะห์ {path} ที่ {here} อ้างถึง (ระบุตำแหน่งเทียบกับไฟล์นี้)",
                    f"the analysis file {path} named by {here} was not found (give it relative to this file)",
                    params.analysis))
        return
    try:
        linked = load_linked(path)
    except (InputErrors, InputError) as exc:
        errors = list(exc) if isinstance(exc, InputErrors) else [exc]
        first = errors[0] if errors else None
        th = first.message_th() if first else ""
        en = first.message_en() if first else ""
        more_th = f" และอีก {len(errors) - 1} รายการ" if len(errors) > 1 else ""
        more_en = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
        out.append((("analysis",),
                    f"ไฟล์เอกสารวิเคราะห์ {path} ที่ {here} อ้างถึงไม่ถูกต้อง: {th}{more_th}",
                    f"the analysis file {path} named by {here} is invalid: {en}{more_en}", params.analysis))
        return
    params._analysis_year = linked.assessment_year
    if norm(linked.organisation) != norm(params.organisation.name):
        out.append((("analysis",),
                    f"เอกสารวิเคราะห์ {path} เป็นของ{linked.organisation} แต่รายงานนี้ ({here}) "
                    f"เป็นของ{params.organisation.name}",
                    f"the analysis {path} is for {linked.organisation}, but this report ({here}) is for "
                    f"{params.organisation.name}", params.analysis))
    if linked.fiscal_year != params.fiscal_year:
        out.append((("analysis",),
                    f"เอกสารวิเคราะห์ {path} เป็นของปีงบประมาณ {linked.fiscal_year} แต่รายงานนี้ ({here}) "
                    f"เป็นของปีงบประมาณ {params.fiscal_year}",
                    f"the analysis {path} is for fiscal year {linked.fiscal_year}, but this report ({here}) is for "
                    f"fiscal year {params.fiscal_year}", params.analysis))
    if any(p[0] == ("analysis",) for p in out):
        return
    ids = linked.ids()
    listed = ", ".join(ids) if ids else "–"
    for i, r in linked_rows:
        m = linked.find(r.measure)
        if m is None:
            out.append((("results", i, "measure"),
                        f"ไม่มีมาตรการรหัสนี้ในเอกสารวิเคราะห์ {path} (มี {listed})",
                        f"no measure with this id in the analysis {path} (it has {listed})", r.measure))
            continue
        r.measure = m["id"]
        for field in CARRIED:
            carried = m[field]
            given = getattr(r, field)
            if carried in (None, []):
                continue  # the analysis leaves it open: the report may say it
            if given not in (None, []) and not _same(field, given, carried):
                out.append((("results", i, "indicator" if field == "indicators" else field),
                            f"ค่านี้นำมาจากมาตรการ {m['id']} ในเอกสารวิเคราะห์โดยอัตโนมัติ ไม่ต้องพิมพ์ซ้ำ "
                            f"(ในเอกสารวิเคราะห์คือ \"{shown(carried)}\")",
                            f"this value is carried forward from measure {m['id']} of the analysis; leave it out "
                            f"(the analysis says \"{shown(carried)}\")", shown(given)))
                continue
            setattr(r, field, list(carried) if isinstance(carried, list) else carried)
    reported = {r.measure.casefold() for _, r in linked_rows if r.measure}
    params._unreported = [x for x in ids if x.casefold() not in reported]
