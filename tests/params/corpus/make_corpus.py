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


if __name__ == "__main__":
    main()
