"""A synthetic province: seeded, realistic ITA score spreads, written as the table a provincial office gets."""
from __future__ import annotations

import csv
import random
from pathlib import Path

DISTRICTS = ["เมืองราชบุรี", "จอมบึง", "สวนผึ้ง", "ดำเนินสะดวก", "บ้านโป่ง", "บางแพ", "โพธาราม", "ปากท่อ",
             "วัดเพลง", "บ้านคา"]
PARTS = ["หนอง", "บ้าน", "ห้วย", "ดอน", "โคก", "ท่า", "บาง", "วัง", "เขา", "นา", "คลอง", "ทุ่ง"]
NAMES = ["บัว", "ใหม่", "ไผ่", "แก้ว", "ทอง", "กระทุ่ม", "ยาง", "โพธิ์", "ม่วง", "ตาล", "ขาม", "หลวง", "น้อย",
         "ใหญ่", "สระ", "กลาง", "ชุมแสง", "มะขาม", "เตย", "สามเรือน"]
TYPES = [("อบต.", 0.78), ("ทต.", 0.2), ("ทม.", 0.02)]
LEVELS = [("ผ่านดีเยี่ยม", 95, 95), ("ผ่านดี", 85, 85), ("ผ่าน", 85, 0), ("ต้องปรับปรุง", 70, 0),
          ("ต้องปรับปรุงโดยด่วน", 0, 0)]


def _clip(x: float) -> float:
    return round(min(100.0, max(0.0, x)), 2)


def organisation(rng: random.Random, used: set[str]) -> dict:
    while True:
        name = rng.choice(PARTS) + rng.choice(NAMES)
        if len(used) > len(PARTS) * len(NAMES) // 2:  # a big table: longer names stay unique
            name += rng.choice(NAMES)
        if name not in used:
            used.add(name)
            break
    kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    quality = rng.betavariate(6, 1.3)  # most organisations do well, a tail does badly
    iit = [_clip(rng.gauss(85 + 14 * quality, 4)) for _ in range(5)]
    eit = [_clip(rng.gauss(80 + 17 * quality, 4)) for _ in range(3)]
    oit_base = 60 + 40 * quality if rng.random() > 0.08 else rng.uniform(0, 60)  # websites: hit or miss
    oit = [_clip(rng.gauss(oit_base, 10)) for _ in range(2)]
    scores = results(iit + eit + oit)
    prev = _clip(scores["total"] + rng.gauss(-1.5, 6))
    row = {"name": name, "type": kind, "district": rng.choice(DISTRICTS), "province": "ราชบุรี",
           "year": 2568, "total": scores.pop("total"), "level": scores.pop("level"), **scores, "prev_total": prev}
    row.update({f"ind{i + 1}": v for i, v in enumerate(iit + eit + oit)})
    return row


def results(inds: list[float]) -> dict:
    """Tool scores, total and level from the ten indicator scores (IIT 1–5, EIT 6–8, OIT 9–10)."""
    iit, eit, oit = inds[:5], inds[5:8], inds[8:]
    tools = {"IIT": round(sum(iit) / 5, 2), "EIT": round(sum(eit) / 3, 2), "OIT": round(sum(oit) / 2, 2)}
    total = round(0.3 * sum(iit) / 5 + 0.3 * sum(eit) / 3 + 0.4 * sum(oit) / 2, 2)
    level = next(lv for lv, t_min, each in LEVELS if total >= t_min and min(tools.values()) >= each)
    return {"total": total, "level": level, "iit": tools["IIT"], "eit": tools["EIT"], "oit": tools["OIT"]}


def rescore(row: dict, delta: float) -> dict:
    """The row with every indicator moved by delta (clipped to 0–100) and its tools, total and level redone."""
    inds = [_clip(float(row[f"ind{i}"]) + delta) for i in range(1, 11)]
    return {**row, **results(inds), **{f"ind{i + 1}": v for i, v in enumerate(inds)}}


def write_province(path: Path, n: int, seed: int = 2569) -> Path:
    """A CSV of n organisations (English headers, UTF-8), reproducible from the seed."""
    rng = random.Random(seed)
    used: set[str] = set()
    rows = [organisation(rng, used) for _ in range(n)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(write_province(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200))
