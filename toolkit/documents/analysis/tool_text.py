"""One paragraph per tool (IIT, EIT, OIT) before its indicators, printed beside an office's own analysis of the
tool (``mode: before`` / ``after``, see office.py); without one the results section already gives the tools'
scores, so nothing is printed. Figures only, in the neutral voice of text.py; each tool's sentence is built a
little differently so that three of them in a row do not read as one template."""
from __future__ import annotations

from ...kit import thai
from .analyse import Analysis
from .writer import Writer

__all__ = ["tool_analysis", "tool_heading"]


def tool_heading(a: Analysis, code: str) -> str:
    """"แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)": the heading of the tool's part of the analysis."""
    return f"{a.tools[code].name_th} ({code})"


def tool_analysis(a: Analysis, code: str) -> list[str]:
    """The tool's score and weight, whether it passes, and which of its indicators are under the pass line
    (or, when none is, the one with the fewest points): a reader meets the tool before its indicators."""
    w = Writer(a)
    tool = a.tools[code]
    members = [i for i in a.indicators if i.tool == code]
    numbers = [w.count(i.number) for i in members]
    listed = f"ตัวชี้วัดที่ {numbers[0]}" if len(numbers) == 1 else f"ตัวชี้วัดที่ {thai.join_th(numbers)}"
    k = list(a.framework.tools).index(code) % 3
    score, weight, name = w.score(tool.score), w.whole(round(100 * tool.weight)), f"{tool.name_th} ({code})"
    text = (f"{name} ประกอบด้วย{listed} ได้คะแนน {score} มีน้ำหนักร้อยละ {weight} ของคะแนนรวม",
            f"{name} ซึ่งคิดเป็นร้อยละ {weight} ของคะแนนรวม ได้ {score} จาก{listed}",
            f"สำหรับ{name} ได้ {score} จาก{listed} โดยมีน้ำหนักร้อยละ {weight}")[k]
    joint = ("ซึ่ง", "จึง", "และ")[k]
    text += f" {joint}ต่ำกว่าเกณฑ์ {w.line} คะแนน" if w.below_line(tool.score) else f" {joint}ผ่านเกณฑ์ {w.line} คะแนน"
    weak = [i for i in members if w.below_line(i.score)]
    if weak and len(weak) == len(members) and len(members) > 1:
        text += f" โดยทุกตัวชี้วัดของแบบวัดนี้ต่ำกว่าเกณฑ์"
    elif weak:
        named = thai.join_th([f"{w.title(i)} ({w.score(i.score)})" for i in sorted(weak, key=lambda i: i.number)])
        text += f" ตัวชี้วัดที่ต่ำกว่าเกณฑ์และต้องแก้ไขโดยเร่งด่วน ได้แก่ {named}"
    elif len(members) > 1 and any(round(i.score, 2) < 100 for i in members):
        least = min(members, key=lambda i: (i.score, i.number))
        text += f" ทุกตัวชี้วัดผ่านเกณฑ์ โดย{w.title(least)}ได้คะแนนน้อยที่สุด คือ {w.score(least.score)}"
    elif len(members) > 1:
        text += " และได้คะแนนเต็มทุกตัวชี้วัด"
    return [text]
