"""Every example's document text, rendered as its notebook renders it, and the sentences in it.

A document's sections are produced by calling the same ``report.<section>()`` methods its notebook calls (read
from the notebook itself), so the text is the rendered text without a kernel or a PDF. Thai has no sentence
punctuation: a "sentence" here is a run of space-separated chunks that reaches SENTENCE_LETTERS Thai letters,
starting at any chunk, after taking out what is not prose (quoted wording, parenthesised figures and codes,
names of organisations, indicators, tools, items and documents) and writing every number as "#": so the same
sentence with other figures, as in "ตัวชี้วัดนี้ได้ ๙๙.๒๙ คะแนน สูงกว่าเกณฑ์ ๘๕ คะแนน …" six times, counts as one.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

from tests.support import EXAMPLES, NOTEBOOKS, example_files
from toolkit.documents import registry
from toolkit.documents.analysis.knowledge import load_knowledge
from toolkit.frameworks import load_framework
from toolkit.kit.data import knowledge_yaml
from toolkit.params.table import load_table

SENTENCE_LETTERS = 30
NOTEBOOK = {"ita_analysis": "ita_analysis", "integrity_report": "integrity_measures_report",
            "anticorruption_plan": "anticorruption_plan", "province_summary": "province_summary"}
TABLE_FISCAL_YEAR = 2569  # the year `ita-report examples` renders the CSV example for

_THAI_LETTER = re.compile("[ก-ฮะ-ฺเ-ๅ]")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_PAREN = re.compile(r"\([^()]*\)")
_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙.,]*")
_CODE = re.compile(r"(?<![A-Za-z])[ieoIEO][0-9๐-๙]+")


def section_html(params) -> list[tuple[str, str]]:
    """(section name, html) in document order, from the calls in the document type's notebook."""
    key = params.document if hasattr(params, "document") else "province_summary"
    nb = json.loads((NOTEBOOKS / f"{NOTEBOOK[key]}.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    namespace: dict = {}
    exec(next(c for c in code if c.startswith("from toolkit")).splitlines()[0], namespace)
    report = next(v for k, v in namespace.items() if k.endswith("Report"))(params)
    out = []
    for cell in code:
        m = re.fullmatch(r"report\.(\w+)\(\)", cell.strip())
        if m and not m.group(1).endswith("chart"):
            section = getattr(report, m.group(1))()
            if section is not None:
                out.append((m.group(1), section.html))
    return out


@lru_cache(maxsize=None)
def documents() -> dict[str, list[tuple[str, str]]]:
    """Every example document (the CSV table's rows too): name → its sections."""
    docs = {}
    for path in example_files():
        docs[path.name] = section_html(registry.load_params(path))
    for path in sorted(EXAMPLES.glob("*.csv")):
        for row in load_table(path, TABLE_FISCAL_YEAR, registry.validate):
            if row.params is not None:
                docs[f"{path.name}:{row.number}"] = section_html(row.params)
    return docs


def blocks(html: str, cells: str = "all") -> list[str]:
    """The text of each prose element: paragraphs, list items and table cells (cells="prose": only
    cells marked class="prose", for tables whose other columns are data)."""
    soup = BeautifulSoup(html, "html.parser")
    for svg in soup.find_all("svg"):
        svg.decompose()
    out = []
    for el in soup.find_all(["p", "li", "td"]):
        if el.find(["p", "li", "td"]):
            continue
        if el.name == "td" and cells == "prose" and "prose" not in (el.get("class") or []):
            continue
        text = " ".join(el.get_text("").replace("\u200b", "").split())
        if text:
            out.append(text)
    return out


@lru_cache(maxsize=None)
def _names() -> list[str]:
    """Proper names that are not sentences: indicators, tools, items, topics, document titles (longest first)."""
    names: set[str] = set()
    for year in (2565, 2566, 2567, 2568, 2569):
        fw = load_framework(year)
        names |= {i.name for i in fw.indicators.values()} | {t.name_th for t in fw.tools.values()}
        names |= {i.text for cat in fw.items.values() if cat for i in cat.values() if i.text}
    names |= {t["name"] for t in load_knowledge()["topics"].values() if t.get("name")}
    names |= {d.title_th for d in map(registry.get, registry.keys())}
    names |= {t for t in _strings(knowledge_yaml("plan_dimensions.yaml")) if letters(t) < 120}
    names |= {"การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
              "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
              "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
              "แผนปฏิบัติการป้องกันการทุจริต"}
    return sorted(names, key=len, reverse=True)


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, (list, tuple)):
        return [s for v in data for s in _strings(v)]
    return []


def typed_by_user(params) -> tuple[str, ...]:
    """What the params file says in words (names, units, actions…): the user's text, not our prose."""
    dumped = params.model_dump(mode="json") if hasattr(params, "model_dump") else params
    return tuple(sorted({s for s in _strings(dumped) if letters(s) >= 12}, key=len, reverse=True))


def normalise(text: str, org_names: tuple[str, ...] = ()) -> str:
    """Text with the user's own text, quotations, parentheses, names, item codes and numbers taken out."""
    for name in sorted(org_names, key=len, reverse=True):
        if name:
            text = text.replace(name, "〈org〉")
    text = _QUOTED.sub(" ", text)
    while _PAREN.search(text):
        text = _PAREN.sub(" ", text)
    for name in _names():
        text = text.replace(name, "〈name〉")
    text = _CODE.sub("〈code〉", text)
    text = _NUMBER.sub("#", text)
    return " ".join(text.split())


def letters(text: str) -> int:
    return len(_THAI_LETTER.findall(text))


# the words that join a list of names ("ตัวชี้วัดที่ ๙ … ตัวชี้วัดที่ ๑๐ … และตัวชี้วัดที่ ๔ …"): a run made of
# nothing else is an enumeration of different things, not a repeated sentence
LIST_WORDS = ("และตัวชี้วัดที่", "ตัวชี้วัดที่", "ได้แก่", "และข้อ", "ข้อ", "และ")


def enumeration(run: str) -> bool:
    text = run.replace("〈name〉", " ").replace("#", " ")
    for word in LIST_WORDS:
        text = text.replace(word, " ")
    return letters(text) == 0


def sentences(text: str) -> list[str]:
    """Every run of chunks, from each chunk on, that first reaches SENTENCE_LETTERS Thai letters
    (runs that only enumerate names are left out: see enumeration())."""
    chunks = text.split()
    out = []
    for start in range(len(chunks)):
        count, end = 0, start
        while end < len(chunks) and count < SENTENCE_LETTERS:
            count += letters(chunks[end])
            end += 1
        run = " ".join(chunks[start:end])
        if count >= SENTENCE_LETTERS and letters(chunks[start]) and not enumeration(run):
            out.append(run)
    return out


def repeated(doc: list[tuple[str, str]], org_names: tuple[str, ...], limit: int = 2,
             cells: str = "all") -> dict[str, int]:
    """Sentences said more than `limit` times in one document."""
    counts: Counter = Counter()
    for _, html in doc:
        for block in blocks(html, cells):
            counts.update(set(sentences(normalise(block, org_names))))
    return {s: n for s, n in counts.items() if n > limit}


def org_names_of(params) -> tuple[str, ...]:
    """The organisation's names and everything else the user typed, taken out before sentences are counted."""
    org = getattr(params, "organisation", None)
    names = () if org is None else tuple(n for n in (org.name, org.short_name) if n)
    return names + typed_by_user(params)


def all_text(doc: list[tuple[str, str]]) -> list[str]:
    return [b for _, html in doc for b in blocks(html)]


def example_params(name: str):
    if ":" in name:
        path, number = name.split(":")
        rows = load_table(EXAMPLES / path, TABLE_FISCAL_YEAR, registry.validate)
        return next(r.params for r in rows if r.number == int(number))
    return registry.load_params(Path(EXAMPLES / name))
