"""Benchmark: the reviewer's site for a synthetic national set of manifests (76 provinces, ~7,850 organisations).

    python bench/site.py --repeats 5                 # build times, page loads, search per keystroke
    python bench/site.py --keep /tmp/national        # keep the site to look at

(1) writes one batch manifest per province (seeded: bench/synthetic.py's score model) and a small stand-in
    file for every report it links (HTML, PDF; results reports and plans for some; province summaries);
(2) times `build_site` in this process (median of --repeats; the first run, which loads the Thai
    dictionary, templates and fonts, reported apart) and `ita-report site OUT` as a fresh process, as wall
    time and as CPU time (the machine is shared: CPU time is what the build costs, wall time what it took);
(3) in Chromium (Playwright, Debian's /usr/bin/chromium): the year page and a large province page,
    navigation start to the load event, median of --loads fresh page loads each; then the search:
    milliseconds per keystroke while typing names (input event to results in the DOM and laid out).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import NAMES, PARTS, organisation  # noqa: E402 - after the path is set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: The 76 provinces (กรุงเทพมหานคร is not a province; its organisation is counted apart).
PROVINCES = (
    "กระบี่ กาญจนบุรี กาฬสินธุ์ กำแพงเพชร ขอนแก่น จันทบุรี ฉะเชิงเทรา ชลบุรี ชัยนาท ชัยภูมิ ชุมพร เชียงราย เชียงใหม่ "
    "ตรัง ตราด ตาก นครนายก นครปฐม นครพนม นครราชสีมา นครศรีธรรมราช นครสวรรค์ นนทบุรี นราธิวาส น่าน บึงกาฬ บุรีรัมย์ "
    "ปทุมธานี ประจวบคีรีขันธ์ ปราจีนบุรี ปัตตานี พระนครศรีอยุธยา พะเยา พังงา พัทลุง พิจิตร พิษณุโลก เพชรบุรี เพชรบูรณ์ "
    "แพร่ ภูเก็ต มหาสารคาม มุกดาหาร แม่ฮ่องสอน ยโสธร ยะลา ร้อยเอ็ด ระนอง ระยอง ราชบุรี ลพบุรี ลำปาง ลำพูน เลย "
    "ศรีสะเกษ สกลนคร สงขลา สตูล สมุทรปราการ สมุทรสงคราม สมุทรสาคร สระแก้ว สระบุรี สิงห์บุรี สุโขทัย สุพรรณบุรี "
    "สุราษฎร์ธานี สุรินทร์ หนองคาย หนองบัวลำภู อ่างทอง อำนาจเจริญ อุดรธานี อุตรดิตถ์ อุทัยธานี อุบลราชธานี"
).split()  # noqa: SIM905 - one line per region of the alphabet reads better than 76 quoted items
assert len(PROVINCES) == 76
FULL = {"อบต.": "องค์การบริหารส่วนตำบล", "ทต.": "เทศบาลตำบล", "ทม.": "เทศบาลเมือง"}
INDICATOR_NAMES = {1: "การปฏิบัติหน้าที่", 2: "การใช้งบประมาณ", 3: "การใช้อำนาจ", 4: "การใช้ทรัพย์สินของราชการ",
                   5: "การแก้ไขปัญหาการทุจริต", 6: "คุณภาพการดำเนินงาน", 7: "ประสิทธิภาพการสื่อสาร",
                   8: "การปรับปรุงระบบการทำงาน", 9: "การเปิดเผยข้อมูล", 10: "การป้องกันการทุจริต"}
STUB = {"html": b"<!DOCTYPE html><html lang=th><meta charset=utf-8><title>report</title><p id=ok>report</p></html>\n",
        "pdf": b"%PDF-1.4\n%%EOF\n", "docx": b"PK\x03\x04 stand-in\n"}


def _sizes(rng: random.Random, total: int, n: int) -> list[int]:
    """Organisations per province: skewed like the real spread (a few dozen to a few hundred)."""
    weights = [rng.lognormvariate(0, 0.55) for _ in range(n)]
    scale = total / sum(weights)
    sizes = [max(15, round(w * scale)) for w in weights]
    sizes[sizes.index(max(sizes))] += total - sum(sizes)
    return sizes


def _entry(row: dict, province: str, district: str, fiscal_year: int, number: int) -> tuple[dict, str]:
    name = FULL[row["type"]] + row["name"]
    folder = name
    inds = {str(i): row[f"ind{i}"] for i in range(1, 11)}
    weakest = min(range(1, 11), key=lambda i: (row[f"ind{i}"], i))
    entry = {
        "key": f"{fiscal_year}/{province}/{folder}", "row": number, "source": f"{province}.csv",
        "organisation": {"name": name, "type": FULL[row["type"]], "district": district, "province": province},
        "document": "ita_analysis", "fiscal_year": fiscal_year, "assessment_year": fiscal_year - 1,
        "status": "ok", "error": None,
        "files": {"html": f"{folder}/ita_analysis.html", "pdf": f"{folder}/ita_analysis.pdf"},
        "scores": {"total": row["total"], "level": row["level"],
                   "tools": {"IIT": row["iit"], "EIT": row["eit"], "OIT": row["oit"]}, "indicators": inds,
                   "previous_total": row["prev_total"], "change": round(row["total"] - row["prev_total"], 2),
                   "weakest": {"number": weakest, "name": INDICATOR_NAMES[weakest], "score": row[f"ind{weakest}"]},
                   "weaknesses": sum(1 for v in inds.values() if v < 85), "findings": 0},
        "digest": "", "seconds": 1.0,
    }
    return entry, folder


def write_national(root: Path, organisations: int = 7850, provinces: int = 76, fiscal_year: int = 2569,
                   seed: int = 2569, stubs: bool = True) -> Path:
    """One manifest per province under root/<fiscal year>/<province>/batch.json; returns the year folder."""
    rng = random.Random(seed)
    year_dir = Path(root) / str(fiscal_year)
    for p, size in zip(PROVINCES[:provinces], _sizes(rng, organisations, provinces)):
        prng = random.Random(f"{seed}-{p}")
        districts = [f"เมือง{p}"] + [prng.choice(PARTS) + prng.choice(NAMES) for _ in range(prng.randint(4, 14))]
        used: set[str] = set()
        entries = []
        folder_dir = year_dir / p
        for i in range(size):
            row = organisation(prng, used)
            entry, folder = _entry(row, p, prng.choice(districts), fiscal_year, i + 2)
            if prng.random() < 0.01:  # the report could not be made
                entry.update(status="failed", files={}, scores=None,
                             error={"th": "ไม่พบคะแนนตัวชี้วัดที่ 5 ในแถวนี้", "en": "indicator 5 score missing in this row"})
            entries.append(entry)
            for doc, share in (("integrity_report", 0.25), ("anticorruption_plan", 0.15)):
                if entry["status"] == "ok" and prng.random() < share:
                    entries.append(dict(entry, key=f"{entry['key']} [{doc}]", document=doc, scores=None,
                                        files={"html": f"{folder}/{doc}.html", "pdf": f"{folder}/{doc}.pdf"}))
            if stubs:
                for e in entries[-3:]:
                    if e["key"].startswith(entry["key"]):
                        for fmt, rel in e["files"].items():
                            target = folder_dir / rel
                            target.parent.mkdir(parents=True, exist_ok=True)
                            target.write_bytes(STUB[fmt])
        folder_dir.mkdir(parents=True, exist_ok=True)
        if stubs:
            for fmt in ("html", "pdf"):
                (folder_dir / f"province_summary.{fmt}").write_bytes(STUB[fmt])
        manifest = {"fiscal_year": fiscal_year, "province": p, "assessment_year": fiscal_year - 1,
                    "generated_by": "bench/site.py (synthetic)", "style": {"thai_digits": True}, "entries": entries}
        (folder_dir / "batch.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return year_dir


# --------------------------------------------------------------------------- browser measurements


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

TYPE_IN_PAGE = """(words) => {
  const input = document.getElementById('search-input');
  const times = [];
  for (const word of words) {
    input.value = '';
    input.dispatchEvent(new Event('input'));
    for (const ch of word) {
      input.value += ch;
      const t = performance.now();
      input.dispatchEvent(new Event('input'));
      document.getElementById('search-results').getBoundingClientRect();  // layout included
      times.push(performance.now() - t);
    }
  }
  return times;
}"""


def load_times(browser, url: str, loads: int) -> list[float]:
    """Navigation start to the load event (ms), fresh context each time (nothing cached)."""
    out = []
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="load")
        out.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
        context.close()
    return out


def keystrokes(browser, url: str, words: list[str]) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    first = page.evaluate(TYPE_IN_PAGE, [words[0][:1]])  # the first keystroke parses the search data
    times = page.evaluate(TYPE_IN_PAGE, words)
    # the same typed with real key events, as a user would: results must follow each key
    page.fill("#search-input", "")
    t0 = time.perf_counter()
    page.type("#search-input", words[0])
    typed = (time.perf_counter() - t0) * 1000 / len(words[0])
    shown = page.locator("#search-results li").count()
    context.close()
    return {"first_keystroke_ms": round(first[0], 2), "per_keystroke_ms_median": round(statistics.median(times), 2),
            "per_keystroke_ms_p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 2),
            "per_keystroke_ms_max": round(max(times), 2), "keystrokes": len(times),
            "playwright_type_ms_per_key": round(typed, 1), "results_after_typing": shown}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--organisations", type=int, default=7850)
    ap.add_argument("--provinces", type=int, default=76)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--loads", type=int, default=7)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    from toolkit.site import build_site  # after sys.path: this checkout's toolkit

    with tempfile.TemporaryDirectory(prefix="ita-site-") as tmp:
        root = args.keep or Path(tmp)
        t0 = time.monotonic()
        year_dir = write_national(root, args.organisations, args.provinces)
        setup = time.monotonic() - t0
        print(f"manifests and stand-in files: {setup:.1f} s", flush=True)

        builds, cpus = [], []
        for r in range(args.repeats + 1):
            t0, c0 = time.monotonic(), time.process_time()
            result = build_site(root)
            builds.append(time.monotonic() - t0)
            cpus.append(time.process_time() - c0)
            print(f"build_site run {r + 1}: {builds[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU ({result.provinces} provinces, "
                  f"{result.organisations} organisations, {len(result.pages)} pages, {len(result.files)} tables"
                  f"{', PROBLEMS ' + str(result.problems) if result.problems else ''})", flush=True)
        cli, cli_cpu = [], []
        for r in range(max(1, args.repeats // 2)):
            t0, c0 = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "toolkit.cli", "site", str(root)], check=True, cwd=ROOT,
                           capture_output=True)
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cli.append(time.monotonic() - t0)
            cli_cpu.append(c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime)
            print(f"ita-report site (fresh process) run {r + 1}: {cli[-1]:.2f} s wall, {cli_cpu[-1]:.2f} s CPU",
                  flush=True)
        sizes = {"year_page_kib": round((year_dir / "index.html").stat().st_size / 1024),
                 "largest_province_page_kib": round(max(p.stat().st_size for p in year_dir.glob("*/index.html")) / 1024)}
        figures = {"provinces": result.provinces, "organisations": result.organisations,
                   "build_first_s": round(builds[0], 2), "build_median_s": round(statistics.median(builds[1:]), 2),
                   "build_cpu_median_s": round(statistics.median(cpus[1:]), 2),
                   "cli_median_s": round(statistics.median(cli), 2), "cli_cpu_median_s": round(statistics.median(cli_cpu), 2),
                   "load_average_1min": os.getloadavg()[0], "cpus": os.cpu_count(), **sizes}

        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            biggest = max(year_dir.glob("*/batch.json"), key=lambda p: p.stat().st_size).parent
            manifest = json.loads((biggest / "batch.json").read_text(encoding="utf-8"))
            names = [e["organisation"]["name"] for e in manifest["entries"][:40:8]]
            words = ["อบต.หนอง", "เทศบาลตำบล", "หนองบัว"] + [n[-8:] for n in names]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                year = load_times(browser, (year_dir / "index.html").as_uri(), args.loads)
                prov = load_times(browser, (biggest / "index.html").as_uri(), args.loads)
                figures.update({"year_page_load_ms_median": round(statistics.median(year)),
                                "year_page_load_ms_max": round(max(year)),
                                "largest_province_rows": len({e['key'].split(' [')[0] for e in manifest['entries']}),
                                "province_page_load_ms_median": round(statistics.median(prov))})
                figures.update(keystrokes(browser, (year_dir / "index.html").as_uri(), words))
                browser.close()
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
