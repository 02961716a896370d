"""A province results table to fill in (XLSX): Thai headers the batch reader knows, data validation on
every column people type into (scores 0–100, the year's levels, the organisation types of
knowledge/org_types.yaml), and an instructions sheet. `ita-report batch` reads it back as it is."""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..frameworks import framework_for
from ..kit import places

DATA_SHEET = "ผลการประเมิน"  # first sheet: what `batch` reads by default
HELP_SHEET = "คำอธิบาย"
ROWS = 500  # rows the validation covers (a province has at most a few hundred organisations)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _columns(year: int) -> list[tuple[str, str, str, str]]:
    """(header, kind, Thai help, English help) per column; kind picks the validation."""
    fw = framework_for(year, field="assessment.year")
    cols = [
        ("ชื่อหน่วยงาน", "text", "ชื่อหน่วยงาน เช่น สามเรือน หรือชื่อเต็ม องค์การบริหารส่วนตำบลสามเรือน",
         "the organisation's name (short or full)"),
        ("ประเภท", "type", "ประเภทหน่วยงาน (เลือกจากรายการ) ถ้าชื่อขึ้นต้นด้วยประเภทแล้วเว้นว่างได้",
         "organisation type (from the list); may be empty when the name starts with it"),
        ("อำเภอ", "text", "อำเภอที่ตั้ง (จำเป็น)", "district (required)"),
        ("จังหวัด", "text", "จังหวัด (จำเป็น)", "province (required)"),
        ("ปีที่ประเมิน", "year", f"ปีที่ประเมิน ITA (พ.ศ.) ปกติ {year}", f"ITA assessment year (BE), normally {year}"),
        ("คะแนนรวม", "score", "คะแนนรวมที่ประกาศ 0–100 (ไม่บังคับ)", "published total, 0–100 (optional)"),
        ("ระดับผลการประเมิน", "level", "ระดับที่ประกาศ (เลือกจากรายการ ไม่บังคับ)", "published level (optional)"),
    ]
    cols += [(f"คะแนน {code}", "score", f"คะแนน{tool.name_th} 0–100 (ไม่บังคับ)", f"{code} score (optional)")
             for code, tool in fw.tools.items()]
    cols.append(("คะแนนปีก่อน", "score", "คะแนนรวมปีก่อน 0–100 (ไม่บังคับ)", "last year's total (optional)"))
    cols += [(f"ตัวชี้วัดที่ {n} {ind.name}", "score", f"คะแนนตัวชี้วัดที่ {n} ({ind.tool}) 0–100 (จำเป็น)",
              f"indicator {n} score, 0–100 (required)") for n, ind in sorted(fw.indicators.items())]
    return cols


def _validations(year: int) -> dict[str, DataValidation]:
    fw = framework_for(year, field="assessment.year")
    types = ",".join(t.short for t in places.org_types())
    levels = ",".join(rule.level for rule in fw.levels.rules)
    score = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                           showErrorMessage=True, errorTitle="คะแนน / score",
                           error="คะแนนต้องเป็นตัวเลข 0 ถึง 100 / a score is a number from 0 to 100")
    return {
        "score": score,
        "year": DataValidation(type="whole", operator="between", formula1="2500", formula2="2700", allow_blank=True,
                               showErrorMessage=True, errorTitle="ปี พ.ศ. / BE year",
                               error="ปีที่ประเมินเป็นปี พ.ศ. เช่น 2568 / a Buddhist Era year such as 2568"),
        "type": DataValidation(type="list", formula1=f'"{types}"', allow_blank=True, showErrorMessage=True,
                               errorTitle="ประเภท / type", error=f"เลือกจาก / one of: {types}"),
        "level": DataValidation(type="list", formula1=f'"{levels}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="ระดับ / level", error=f"เลือกจาก / one of: {levels}"),
    }


def table_template(fiscal_year: int, province: str | None = None) -> bytes:
    """The XLSX workbook (bytes) for a province's results of the ITA analysed in `fiscal_year`."""
    year = fiscal_year - 1
    cols = _columns(year)
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    for i, (header, _, help_th, _) in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = 26 if i == 1 else max(12, min(len(header) + 2, 30))
    ws.freeze_panes = "B2"
    validations = _validations(year)
    for i, (_, kind, _, _) in enumerate(cols, start=1):
        if kind in validations:
            letter = get_column_letter(i)
            validations[kind].add(f"{letter}2:{letter}{ROWS + 1}")
    for dv in validations.values():
        ws.add_data_validation(dv)
    if province:  # pre-filled for the province the office works for
        column = [h for h, *_ in cols].index("จังหวัด") + 1
        for row in range(2, 3):
            ws.cell(row=row, column=column, value=province)
    _help_sheet(wb.create_sheet(HELP_SHEET), cols, fiscal_year, year)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _help_sheet(ws, cols: list[tuple[str, str, str, str]], fiscal_year: int, year: int) -> None:
    fw = framework_for(year, field="assessment.year")
    lines = [
        (f"ตารางผลการประเมิน ITA ปี {year} สำหรับเอกสารปีงบประมาณ พ.ศ. {fiscal_year}", ""),
        (f"Province ITA {year} results, for the documents of fiscal year {fiscal_year}", ""),
        ("", ""),
        (f"1. กรอกหนึ่งแถวต่อหนึ่งหน่วยงานในแผ่นงาน \"{DATA_SHEET}\" อย่าเปลี่ยนหัวคอลัมน์",
         f"1. One row per organisation on the \"{DATA_SHEET}\" sheet; keep the headers as they are."),
        ("2. ตัวเลขพิมพ์ทศนิยมได้ (96.79) เลขไทยได้ เซลล์ที่มีรายการให้เลือกจากรายการ",
         "2. Scores may have decimals (96.79) or Thai digits; pick listed cells from their list."),
        (f"3. ตรวจ: ita-report check ตาราง.xlsx --fiscal-year {fiscal_year}",
         f"3. Check: ita-report check table.xlsx --fiscal-year {fiscal_year}"),
        (f"4. สร้างรายงาน: ita-report batch ตาราง.xlsx --fiscal-year {fiscal_year} --out outputs",
         f"4. Render: ita-report batch table.xlsx --fiscal-year {fiscal_year} --out outputs"),
        ("", ""),
        (f"หลักเกณฑ์: {fw.id} {fw.title_th}", f"Framework: {fw.id} {fw.title_en}"),
        ("", ""),
        ("คอลัมน์", "ความหมาย / meaning"),
    ]
    lines += [(header, f"{help_th} / {help_en}") for header, _, help_th, help_en in cols]
    for row, (a, b) in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=a or None)
        ws.cell(row=row, column=2, value=b or None)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 90
