"""Manifest entries for the site's tests (figures in the range of the seeds), hostile text, and a small site on disk."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from tests.support import ROOT


def _bench_site():
    """bench/site.py (its name is the standard library's `site`, so it is loaded by path)."""
    sys.path.insert(0, str(ROOT / "bench"))  # for its `from synthetic import …`
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "bench" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench_site()
write_national = BENCH.write_national

HOSTILE = '<script>alert(1)</script>"><img src=x onerror="window.__pwned=1">'
STUB = {"html": "<!DOCTYPE html><html lang=th><meta charset=utf-8><title>report</title><p id=ok>รายงาน</p></html>",
        "pdf": "%PDF-1.4\n%%EOF\n", "docx": "PK stand-in"}


def ok_entry(name, total, level="ผ่านดี", district="เมืองราชบุรี", typ="องค์การบริหารส่วนตำบล", change=0.78,
             weakest=(4, "การใช้ทรัพย์สินของราชการ", 89.05), pdf=True, folder=None, status="ok",
             province="ราชบุรี", indicators=None, tools=(96.86, 95.77, 97.5), docx=False):
    folder = name if folder is None else folder
    files = {"html": f"{folder}/ita_analysis.html"}
    if pdf:
        files["pdf"] = f"{folder}/ita_analysis.pdf"
    if docx:
        files["docx"] = f"{folder}/ita_analysis.docx"
    inds = indicators if indicators is not None else {str(i): 90.0 for i in range(1, 11)}
    return {
        "key": f"2569/{province}/{folder}", "row": 2, "source": "province.csv",
        "organisation": {"name": name, "type": typ, "district": district, "province": province},
        "fiscal_year": 2569, "assessment_year": 2568, "status": status, "error": None, "files": files,
        "scores": {"total": total, "level": level, "tools": dict(zip(("IIT", "EIT", "OIT"), tools)),
                   "indicators": inds, "previous_total": None if change is None else round(total - change, 2),
                   "change": change,
                   "weakest": {"number": weakest[0], "name": weakest[1], "score": weakest[2]},
                   "weaknesses": sum(1 for v in inds.values() if v < 85), "findings": 0},
        "seconds": 1.23,
    }


def failed_entry(name, th="อ่านไฟล์ข้อมูลไม่ได้", en="cannot read the data file", row=9, files=None,
                 province="ราชบุรี"):
    return {"key": f"2569/{province}/{name or 'row-' + str(row)}", "row": row, "source": "province.csv",
            "organisation": {"name": name, "province": province}, "fiscal_year": 2569, "assessment_year": 2568,
            "status": "failed", "error": {"th": th, "en": en}, "files": files or {}, "scores": None,
            "seconds": None}


def other_document(entry, document, status="ok", formats=("html", "pdf")):
    """The same organisation's results report or plan: its own entry, sharing the organisation's folder."""
    folder = entry["files"]["html"].split("/")[0] if entry["files"] else entry["organisation"]["name"]
    e = dict(entry, key=f"{entry['key']} [{document}]", document=document, scores=None, status=status,
             files={f: f"{folder}/{document}.{f}" for f in formats} if status == "ok" else {})
    if status == "failed":
        e["error"] = {"th": "ไม่พบมาตรการที่อ้างถึง", "en": "the linked measures were not found"}
    return e


def low(total=79.5):
    """Indicators with two below the pass line (85)."""
    return {"1": 90.0, "2": 90.0, "3": 80.0, "4": 90.0, "5": 90.0, "6": 90.0, "7": 90.0, "8": 90.0, "9": 72.4,
            "10": 90.0}


SAMRUEAN = "องค์การบริหารส่วนตำบลสามเรือน"
KOH = "เทศบาลตำบลเกาะ"
ALPHA = "ไก่ Alpha<img src=x onerror=\"window.__pwned=1\">"


def ratchaburi():
    """A province with every kind of row: several documents, failures, hostile text, missing values."""
    samruean = ok_entry(SAMRUEAN, 96.79, "ผ่านดีเยี่ยม", "เมืองราชบุรี", change=0.78, docx=True)
    entries = [
        samruean, other_document(samruean, "integrity_report", formats=("html", "pdf", "docx")),
        other_document(samruean, "anticorruption_plan"),
        ok_entry("เทศบาลเมืองราชบุรี", 88.12, "ผ่านดี", "เมืองราชบุรี", "เทศบาลเมือง", change=-2.5,
                 weakest=(9, "การเปิดเผยข้อมูล", 72.4), indicators=low()),
        ok_entry("องค์การบริหารส่วนตำบลกาหลง", 79.5, "ต้องปรับปรุง", "บ้านโป่ง", change=None,
                 weakest=(10, "การป้องกันการทุจริต", 60.0), pdf=False,
                 indicators={**{str(i): 88.0 for i in range(1, 10)}, "10": 60.0}),
        ok_entry(KOH, 91.0, "ผ่าน", "โพธาราม", "เทศบาลตำบล", change=0.0),
        ok_entry("องค์การบริหารส่วนตำบลข่อย", 99.0, "ผ่านดีเยี่ยม", "โพธาราม", change=5.1, status="skipped"),
        ok_entry("เทศบาลเมืองก", 85.5, "ผ่าน", "จอมบึง", "เทศบาลเมือง", change=1.0),
        ok_entry(ALPHA, 93.2, "ผ่านดี", "จอมบึง", change=1.2, folder="ไก่ Alpha_img src=x onerror=_window.__pwned=1__"),
        failed_entry("องค์การบริหารส่วนตำบลดอนแร่", "ไม่พบคะแนนตัวชี้วัดที่ ๕", "indicator 5 score missing", row=7),
        failed_entry("", "ไม่มีชื่อหน่วยงาน<img src=x onerror=\"window.__pwned=2\">",
                     "no organisation name<script>window.__pwned=3</script>", row=8),
    ]
    plan_failed = ok_entry("องค์การบริหารส่วนตำบลเกาะพลับพลา", 90.5, "ผ่านดี", "บ้านโป่ง", change=-0.4)
    entries += [plan_failed, other_document(plan_failed, "anticorruption_plan", status="failed")]
    return entries


def kanchanaburi():
    """A second province sharing a name with the first (search must list both)."""
    return [ok_entry(KOH, 87.25, "ผ่าน", "ท่าม่วง", "เทศบาลตำบล", change=-1.0, province="กาญจนบุรี"),
            ok_entry("องค์การบริหารส่วนตำบลหนองบัว", 94.1, "ผ่านดี", "ท่าม่วง", province="กาญจนบุรี"),
            ok_entry("องค์การบริหารส่วนตำบลข่อยงาม", 70.2, "ต้องปรับปรุง", "ทองผาภูมิ", province="กาญจนบุรี",
                     indicators=low())]


def write_province(year_dir: Path, province: str, entries: list[dict], summary: bool = False,
                   thai_digits: bool = True) -> Path:
    """A province folder as a batch leaves it: manifest, stand-in report files, optionally a summary."""
    folder = year_dir / province
    for e in entries:
        for fmt, rel in (e.get("files") or {}).items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(STUB[fmt], "utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    if summary:
        for fmt in ("html", "pdf"):
            (folder / f"province_summary.{fmt}").write_text(STUB[fmt], "utf-8")
    manifest = {"fiscal_year": 2569, "province": province, "assessment_year": 2568,
                "style": {"thai_digits": thai_digits}, "entries": entries}
    (folder / "batch.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return folder


def small_site(root: Path) -> Path:
    """Three provinces of FY2569 (two hand-made, one synthetic of 60) under root; returns the year folder."""
    year_dir = root / "2569"
    write_province(year_dir, "ราชบุรี", ratchaburi(), summary=True)
    write_province(year_dir, "กาญจนบุรี", kanchanaburi())
    national = write_national(root / "synthetic", organisations=60, provinces=1)
    (national / "กระบี่").rename(year_dir / "กระบี่")
    return year_dir
