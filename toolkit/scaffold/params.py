"""A commented analysis params file to fill in: the right framework's indicators, levels and tools."""
from __future__ import annotations

import json

from ..frameworks import Framework, framework_for
from ..kit import places, thai

FILL = "เติม / fill in"


def _text(value: str | None) -> str:
    """A YAML scalar for a name typed on the command line (JSON strings are valid YAML)."""
    return "" if not value else json.dumps(value, ensure_ascii=False)


def _line(body: str, comment: str, width: int = 34) -> str:
    """`body  # comment`, comments aligned as the eye sees Thai (marks take no column)."""
    pad = max(width - thai.display_width(body), 2)
    return f"{body}{' ' * pad}# {comment}" if comment else body


def analysis_params(organisation: str, fiscal_year: int, district: str | None = None,
                    province: str | None = None, subdistrict: str | None = None,
                    assessment_year: int | None = None) -> str:
    """The params YAML of an ITA analysis document, every value explained; blanks are left to fill in."""
    year = assessment_year or fiscal_year - 1  # a document of fiscal year N analyses the ITA of N - 1
    fw: Framework = framework_for(year, field="assessment.year")
    full = places.expand_short(organisation.strip())
    levels = " | ".join(rule.level for rule in fw.levels.rules)
    kind = places.org_type_of(full)
    lines = [
        f"# การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร ปีงบประมาณ พ.ศ. {fiscal_year}: {full}",
        f"# ITA analysis params, fiscal year {fiscal_year}. Fill in every blank value, then run",
        "#   ita-report check <this file>     (lists what is still missing, in Thai and English)",
        "#   ita-report render <this file>    (HTML, PDF and the executed notebook)",
        f"# หลักเกณฑ์ / framework: {fw.id} — {fw.title_th} (ปีที่ประเมิน {', '.join(map(str, fw.assessment_years))})",
        "# ตัวเลขใช้เลขไทยหรือเลขอารบิกก็ได้ (๙๖.๗๙ = 96.79) / Thai or Arabic digits are both accepted.",
        "document: ita_analysis",
        "organisation:",
        _line(f"  name: {_text(full)}", "ชื่อเต็มตามประกาศ / the official full name"),
    ]
    if kind is None:
        lines.append("  # ชื่อควรขึ้นต้นด้วยประเภท เช่น องค์การบริหารส่วนตำบล… เทศบาลตำบล… / start with the type")
    if subdistrict or (kind is not None and kind.place == "district"):
        lines.append(_line(f"  subdistrict: {_text(subdistrict)}", "ตำบล (ไม่บังคับ) / optional"))
    lines += [
        _line(f"  district: {_text(district)}", f"อำเภอ / district ({FILL})" if not district else "อำเภอ / district"),
        _line(f"  province: {_text(province)}", f"จังหวัด / province ({FILL})" if not province else "จังหวัด"),
        _line(f"fiscal_year: {fiscal_year}", "ปีงบประมาณของเอกสาร (พ.ศ.) / the document's fiscal year (BE)"),
        "assessment:",
        _line(f"  year: {year}", "ปีที่ประเมิน ITA ที่นำมาวิเคราะห์ / the ITA year analysed"),
        _line("  reported:", "ผลที่ประกาศอย่างเป็นทางการ (ไม่บังคับ) / official figures, optional"),
        _line("    total:", "คะแนนรวม 0–100 / total"),
        _line("    level:", f"ระดับ / level: {levels}"),
        _line("    tools: {}", "คะแนนรายแบบวัด (ไม่บังคับ) เช่น {" + ", ".join(f"{c}: 96.5" for c in fw.tools) + "}"),
    ]
    lines += [f"    #   {code}: {tool.name_th} (น้ำหนัก {tool.weight:.0%})" for code, tool in fw.tools.items()]
    lines.append(_line("  indicators:", f"คะแนนตัวชี้วัด 0–100 ({FILL}) / indicator scores"))
    for number, ind in sorted(fw.indicators.items()):
        lines.append(_line(f"    {number}:", f"{ind.name} ({ind.tool})"))
    item_codes = ", ".join(f"{t.item_prefix}1…{t.item_prefix}{t.item_count}" for t in fw.tools.values())
    lines += [
        _line("  items: {}", f"คะแนนรายข้อ (ไม่บังคับ) เช่น {{i1: 97.86, o13: 50}} / item scores: {item_codes}"),
        _line("previous: []", f"ผลปีก่อน ๆ (ไม่บังคับ) เช่น [{{year: {year - 1}, total: 96.01, level: ผ่านดี}}]"),
        "style:",
        _line("  thai_digits: true", "ตัวเลขในเอกสารเป็นเลขไทย / Thai digits in the document"),
        "# measures: มาตรการ (ไม่บังคับ) ถ้าไม่ระบุ ชุดเครื่องมือร่างจากคลังความรู้ให้ / drafted when absent",
        "# prepared: {date: 2025-10-15, by: สำนักปลัด, signatory: {name: …, position: นายก…}}",
        "",
    ]
    return "\n".join(lines)
