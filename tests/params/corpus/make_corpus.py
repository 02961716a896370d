"""Writes the bad-input corpus (run once; the files are committed). Each file breaks one thing."""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GOOD = {
    "organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมืองราชบุรี", "province": "ราชบุรี"},
    "fiscal_year": 2569,
    "assessment": {"year": 2568, "indicators": {i: 90 for i in range(1, 11)}},
}
HEADER = "name,type,district,province,year," + ",".join(f"ind{i}" for i in range(1, 11))
ROW = "ทดสอบ{n},อบต.,เมืองราชบุรี,ราชบุรี,2568," + ",".join(["90"] * 10)


def params(name: str, mutate=None, raw: str | None = None, data: bytes | None = None) -> None:
    path = HERE / "params" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    if data is not None:
        path.write_bytes(data)
        return
    if raw is None:
        doc = copy.deepcopy(GOOD)
        mutate(doc)
        raw = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    path.write_text(raw, encoding="utf-8")


def table(name: str, text: str | None = None, data: bytes | None = None, suffix: str = ".csv") -> None:
    path = HERE / "tables" / f"{name}{suffix}"
    path.parent.mkdir(exist_ok=True)
    if data is not None:
        path.write_bytes(data)
    else:
        path.write_text(text, encoding="utf-8")


def setp(*keys_value):
    *keys, value = keys_value

    def mutate(doc):
        node = doc
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value
    return mutate


def delp(*keys):
    def mutate(doc):
        node = doc
        for k in keys[:-1]:
            node = node[k]
        del node[keys[-1]]
    return mutate


def main() -> None:
    # --- params files -------------------------------------------------------------------
    params("invalid_yaml", raw="organisation: {name: องค์การบริหารส่วนตำบลทดสอบ\nfiscal_year: 2569\n")
    params("tab_indent", raw="organisation:\n\tname: องค์การบริหารส่วนตำบลทดสอบ\n")
    params("not_a_mapping", raw="- องค์การบริหารส่วนตำบลทดสอบ\n- 2569\n")
    params("empty", raw="")
    params("indicators_not_mapping", setp("assessment", "indicators", [90] * 10))
    params("score_above_100", setp("assessment", "indicators", 4, 101))
    params("score_negative", setp("assessment", "indicators", 4, -5))
    params("score_nan", raw=yaml.safe_dump(GOOD, allow_unicode=True).replace("  4: 90", "  4: .nan"))
    params("score_infinite", raw=yaml.safe_dump(GOOD, allow_unicode=True).replace("  4: 90", "  4: .inf"))
    params("score_text", setp("assessment", "indicators", 4, "เก้าสิบ"))
    params("score_true", setp("assessment", "indicators", 4, True))
    params("digits_mixed_bad", setp("assessment", "indicators", 4, "9๖.7.9"))
    params("indicators_missing", lambda d: [d["assessment"]["indicators"].pop(k) for k in (9, 10)])
    params("indicator_eleven", setp("assessment", "indicators", 11, 90))
    params("assessment_year_unknown", lambda d: (d["assessment"].update(year=2571), d.update(fiscal_year=2572)))
    params("christian_era_year", setp("fiscal_year", 2026))
    params("fiscal_before_assessment", setp("fiscal_year", 2566))
    params("organisation_missing", delp("organisation"))
    params("name_missing", delp("organisation", "name"))
    params("name_blank", setp("organisation", "name", "   "))
    params("unknown_field", lambda d: d.update(asessment=d.pop("assessment")))
    params("level_unknown", setp("assessment", "reported", {"level": "ดีมาก"}))
    params("item_code_bad", setp("assessment", "items", {"x5": 50}))
    params("item_not_in_catalogue", setp("assessment", "items", {"o29": 50}))
    params("previous_not_before", setp("previous", [{"year": 2568, "total": 90}]))
    params("measure_dates_reversed", setp("measures", [{"indicator": 4, "name": "คู่มือ", "responsible": "กองคลัง",
                                                         "start": "2026-09-30", "end": "2025-10-01"}]))
    params("date_invalid", setp("measures", [{"indicator": 4, "name": "คู่มือ", "responsible": "กองคลัง",
                                              "start": "2025-13-45"}]))
    params("style_not_boolean", setp("style", {"thai_digits": "บางที"}))
    params("document_unknown", setp("document", "memo"))
    params("nul_in_text", setp("organisation", "district", "เมือง\x00ราชบุรี"))
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    params("alias_bomb", raw="\n".join(lines) + "\n")
    params("binary_junk", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    params("saved_as_cp874", data=yaml.safe_dump(GOOD, allow_unicode=True).encode("cp874"))
    params("python_tag", raw="organisation: !!python/object/apply:os.system ['echo hacked']\n")

    # --- tables -----------------------------------------------------------------------------
    table("empty", "")
    table("header_only", HEADER + "\n")
    table("no_name_column", HEADER.replace("name,", "organisation_id,", 1) + "\n" + ROW.format(n=1) + "\n")
    table("indicator_column_missing", HEADER.replace(",ind7", "") + "\n"
          + ROW.format(n=1).rsplit(",", 1)[0] + "\n")
    good_rows = "\n".join(ROW.format(n=n) for n in range(1, 4))
    table("bad_values", HEADER + "\n" + good_rows + "\n"
          + "ทดสอบ9,อบต.,เมืองราชบุรี,ราชบุรี,2568,abc,101,-3," + ",".join(["90"] * 7) + "\n")
    table("duplicate_organisation", HEADER + "\n" + ROW.format(n=1) + "\n" + ROW.format(n=1) + "\n")
    table("unknown_type", HEADER + "\n" + ROW.format(n=1).replace("อบต.", "สหกรณ์") + "\n")
    table("digits_mixed_bad", HEADER + "\n" + ROW.format(n=1).replace(",90,", ",9๐.๕.1,", 1) + "\n")
    table("year_christian_era", HEADER + "\n" + ROW.format(n=1).replace(",2568,", ",2025,") + "\n")
    table("fiscal_before_assessment", HEADER + "\n" + ROW.format(n=1).replace(",2568,", ",2569,") + "\n")  # checked with --fiscal-year 2568
    thai = (HEADER + "\n" + ROW.format(n=1) + "\n").encode("utf-8")
    table("mojibake", data=thai.decode("latin-1").encode("utf-8"))
    table("cp874_utf8_mixed", data=(HEADER + "\n").encode("utf-8") + ROW.format(n=1).encode("cp874") + b"\n"
          + ROW.format(n=2).encode("utf-8") + b"\n")
    table("binary_junk", data=bytes(range(256)) * 20)
    table("html_saved_as_xls", data=b"<html><body><table><tr><td>name</td></tr></table></body></html>", suffix=".xls")
    table("not_a_table", data=b'{"name": "x"}', suffix=".json")
    _xlsx_cases()
    office_cases()


def _xlsx_cases() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "ผลคะแนน"
    for row in [HEADER.split(",")] + [ROW.format(n=n).split(",") for n in range(1, 3)]:
        ws.append(row)
    wb.save(HERE / "tables" / "wrong_sheet.xlsx")  # checked with --sheet Sheet1

    wb = Workbook()
    ws = wb.active
    ws.append(["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด", "ตัวชี้วัด", None, None, None, None, None, None, None, None, None])
    ws.merge_cells("D1:M1")  # a merged group header instead of one column per indicator
    ws.append(["ทดสอบ1", "เมืองราชบุรี", "ราชบุรี"] + [90] * 10)
    wb.save(HERE / "tables" / "merged_indicator_header.xlsx")

    wb = Workbook()
    wb.save(HERE / "tables" / "empty_workbook.xlsx")


# --- tables as offices make them (issue 13): Excel's CSV flavours, openpyxl workbooks, LibreOffice ---------
TH = ["ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด", "ปีที่ประเมิน", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]]
SCORES = ["88.09", "96.28", "89.60", "100.00", "96.29", "96.04", "93.44", "99.68", "89.47", "78.60"]  # นากลาง
TOOLS = ["94.05", "96.39", "84.03"]  # IIT, EIT, OIT of those indicators
ORGS = [("นากลาง", "จอมบึง"), ("ท่าหลวง", "จอมบึง"), ("หนองยาง", "บ้านโป่ง"), ("ดอนยาง", "เมืองราชบุรี"),
        ("บ้านม่วง", "วัดเพลง"), ("ทุ่งยาง", "สวนผึ้ง")]


def excel_csv(name: str, rows: list[list], encoding: str = "utf-8-sig", delimiter: str = ",") -> None:
    """As Excel writes it: CRLF lines; "CSV UTF-8" has a BOM, Thai Windows "CSV" is cp874 without one."""
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    table(name, data=buf.getvalue().encode(encoding))


def org(name: str, district: str, scores=SCORES, kind="อบต.", province="ราชบุรี") -> list:
    return [name, kind, district, province, "2568", *scores]


def workbook(name: str, sheets: dict[str, list[list]], fill=None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append([_number(v) for v in row])
        if fill:
            fill(ws)
    path = HERE / "tables" / f"{name}.xlsx"
    wb.save(path)
    return path


def _number(v):
    """Numbers typed into Excel are stored as numbers."""
    if isinstance(v, str):
        try:
            return float(v) if "." in v else int(v)
        except ValueError:
            return v
    return v


def stored_values(source: Path, target: Path) -> None:
    """The workbook as Excel saves it after calculating: each formula cell keeps its formula and its value.

    openpyxl writes ``<c r="P2"><f>ROUND(AVERAGE(F2:J2),2)</f><v></v></c>``; Excel and LibreOffice write the
    result into ``<v>``. Computed here for the one formula the cases use: ROUND(AVERAGE(F:J), 2) of its row.
    """
    import re
    import zipfile
    from decimal import ROUND_HALF_UP, Decimal

    from openpyxl import load_workbook

    ws = load_workbook(source).active

    def value(m: re.Match) -> bytes:
        row = int(m.group(2))
        cells = [Decimal(str(ws.cell(row, c).value)) for c in range(6, 11)]
        v = (sum(cells) / 5).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return m.group(1) + f"<v>{v}</v>".encode()

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'(<c r="P(\d+)"><f>[^<]*</f>)<v\s*/?>(?:</v>)?', value, data)
            zout.writestr(item, data)


def saved_by_libreoffice(source: Path, target: Path) -> None:
    """The workbook opened and saved by LibreOffice Calc (Debian libreoffice-calc-nogui), which calculates
    the formulas and stores their values; kept as it is when Calc is not installed."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if not soffice:
        return
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(source, Path(tmp) / "in.xlsx")
        proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                               "xlsx", "--outdir", f"{tmp}/out", f"{tmp}/in.xlsx"], capture_output=True, timeout=180)
        if proc.returncode == 0 and (Path(tmp) / "out" / "in.xlsx").exists():
            shutil.copy(Path(tmp) / "out" / "in.xlsx", target)


def office_cases() -> None:
    import datetime

    good = [org(n, d) for n, d in ORGS[:3]]
    # 1. scale: a percent-formatted sheet exported as plain numbers; a total column of fractions
    fractions = [SCORES and [f"{float(v) / 100:.4f}" for v in SCORES]][0]
    excel_csv("fractions_percent_export", [TH] + [org(n, d, fractions) for n, d in ORGS[:3]])
    workbook("fractions_total_column", {"ผล ITA": [TH + ["คะแนนรวม"]] + [r + ["0.9075"] for r in good]})
    # 2. contradictions with the organisation's own figures
    excel_csv("total_not_fitting", [TH + ["คะแนนรวม"], good[0] + ["99.99"], good[1] + ["90.75"]])
    excel_csv("level_contradicts_pass_line", [TH + ["คะแนนรวม", "ระดับผลการประเมิน"],
                                              org("ท่าหลวง", "จอมบึง", ["80.00"] * 10) + ["80.00", "ผ่านดีเยี่ยม"]])
    seed = ["99.29", "99.05", "100", "89.05", "96.90", "96.29", "95.16", "95.90", "95.00", "100"]
    excel_csv("seed003_eit_conflict", [TH + ["คะแนน IIT", "คะแนน EIT", "คะแนน OIT", "คะแนนรวม"],
                                       org("สามเรือน", "เมืองราชบุรี", seed) + ["96.86", "95.77", "97.50", "96.79"]],
              encoding="cp874")
    # 3. formulas: written by a script and never opened; the same file saved by LibreOffice
    def formulas(ws):
        ws["P1"] = "คะแนน IIT"
        for r in range(2, ws.max_row + 1):
            ws[f"P{r}"] = f"=ROUND(AVERAGE(F{r}:J{r}),2)"
    never = workbook("formulas_never_opened", {"ผล ITA": [TH] + good}, fill=formulas)
    stored_values(never, HERE / "tables" / "formulas_with_stored_values.xlsx")
    saved_by_libreoffice(never, HERE / "tables" / "formulas_saved_by_libreoffice.xlsx")
    # 4. a header like a known one: a conflicting total nobody would have checked
    excel_csv("lookalike_header", [TH + ["ผลคะแนนรวม"], good[0] + ["99.99"]])
    # 5. names with prefixes, cp874 as Thai Windows Excel saves "CSV (Comma delimited)"
    excel_csv("names_with_prefixes", [TH, org("อบต.นากลาง", "อ.จอมบึง", kind=""),
                                      org("ท่าหลวง", "อำเภอจอมบึง", province="จ.ราชบุรี"),
                                      org("หนองยาง", "บ้านโป่ง", province="จังหวัดราชบุรี"),
                                      org("ดอนยาง", "เมืองราชบุรี", kind="")], encoding="cp874")
    excel_csv("unknown_district", [TH, org("ท่าหลวง", "จอมบืง")], encoding="utf-8")
    # 6. not organisations: a filled-in average row and a district sub-heading
    avg = ["ค่าเฉลี่ยจังหวัด", "", "", "ราชบุรี", "2568", *SCORES]
    workbook("summary_rows", {"ผล ITA": [TH, ["อำเภอจอมบึง", "", "", "", "", *SCORES], *good, avg]})
    # 8. messages: a date typed where a score goes, the table on the second sheet, comma decimals, a column
    def date(ws):
        ws["F2"] = datetime.datetime(2025, 9, 30)
        ws["F2"].number_format = "d/m/yyyy"
    workbook("date_in_score", {"ผล ITA": [TH] + good}, fill=date)
    workbook("data_on_second_sheet", {"ปก": [["ผลการประเมิน ITA จังหวัดราชบุรี"]], "ผล ITA": [TH] + good})
    excel_csv("semicolon_comma_decimals", [TH] + [org(n, d, [v.replace(".", ",") for v in SCORES])
                                                  for n, d in ORGS], delimiter=";")
    na = [org(n, d, SCORES[:2] + ["n/a"] + SCORES[3:]) for n, d in ORGS]
    excel_csv("column_not_numbers", [TH] + na)
    table("render_a_table", data=(HERE / "tables" / "unknown_district.csv").read_bytes())

    # params files an office writes by hand
    d_org = copy.deepcopy(GOOD)
    d_org["assessment"]["indicators"].update({9: 60, 10: 55})
    d_org["measures"] = [{"indicator": 1, "name": "ทบทวนคู่มือการปฏิบัติงาน", "responsible": "สำนักปลัด"}]
    params("urgent_without_measure", raw=yaml.safe_dump(d_org, allow_unicode=True, sort_keys=False))
    params("contradicting_total", setp("assessment", "reported", {"total": 99.99}))
    params("fractions", setp("assessment", "indicators", {i: 0.9 for i in range(1, 11)}))
    params("level_against_letter_rule", lambda d: (d.update(fiscal_year=2566), d["assessment"].update(
        year=2565, indicators={i: 80 for i in range(1, 11)}, reported={"level": "A"})))


if __name__ == "__main__":
    main()
