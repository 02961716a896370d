"""The province's statistics, as pure functions of a DataFrame of its organisations' results.

Averages are plain means over organisations (each organisation counts once, whatever its size). Levels are
the ones the manifest carries (the level each organisation's report shows, the officially reported one
where known); a missing level is computed with the framework's rule for the assessment year.

Priority rule ("who needs help first", :func:`priorities`): an organisation needs help when its total is
below the pass line or any of its indicators is. They are ordered by

1. total below the pass line first, and among those the lower level of the framework's scale first;
2. then more indicators below the pass line first;
3. then the lower total first;
4. then Thai dictionary order of the name (so the order is total and reproducible).

A fall against last year does not change the order; it is given as an extra reason.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from ...frameworks import Framework, load_framework
from ...kit import places, thai
from .model import WITH_RESULTS, ProvinceParams, load_manifest

UNCHANGED = 0.005  # a change that prints as 0.00 is no change
TOP_CHANGES = 5  # biggest gains and drops listed in the tables and the narrative


def indicator_column(number: int) -> str:
    return f"ind{number}"


def ordered(df: pd.DataFrame) -> pd.DataFrame:
    """Total descending; equal totals (to the published 2 decimals) in Thai dictionary order of the name."""
    keys = pd.DataFrame({"t": -df["total"].round(2), "n": [thai.sort_key(n) for n in df["name"]]}, index=df.index)
    order = sorted(df.index, key=lambda i: (keys.at[i, "t"], keys.at[i, "n"]))
    return df.loc[order]


def overview_stats(df: pd.DataFrame, pass_line: float) -> dict:
    """Count, mean, median, min, max of the totals; how many pass; best and worst organisation."""
    if df.empty:
        return {"count": 0}
    ranked = ordered(df)
    totals = df["total"]
    passed = int((totals.round(2) >= pass_line).sum())
    with_weak = int((df["weak_count"] > 0).sum())
    return {
        "count": len(df), "mean": float(totals.mean()), "median": float(totals.median()),
        "min": float(totals.min()), "max": float(totals.max()),
        "passed": passed, "passed_share": 100 * passed / len(df),
        "failed": len(df) - passed,
        "with_weak": with_weak, "with_weak_share": 100 * with_weak / len(df),
        "all_clear": int(((totals.round(2) >= pass_line) & (df["weak_count"] == 0)).sum()),
        "best": ranked.iloc[0]["name"], "worst": ranked.iloc[-1]["name"],
    }


def level_distribution(df: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    """Organisations per level in the scale's order (best first); levels outside the scale come last."""
    counts = df["level"].value_counts()
    extra = thai.sort_thai([lv for lv in counts.index if lv not in levels])
    order = list(levels) + extra
    out = pd.DataFrame({"level": order, "count": [int(counts.get(lv, 0)) for lv in order]})
    out["share"] = 100 * out["count"] / len(df) if len(df) else 0.0
    out["in_scale"] = [lv in levels for lv in order]
    return out.set_index("level")


def ranking(df: pd.DataFrame) -> pd.DataFrame:
    """All organisations by total, highest first; equal totals share a rank and are listed in Thai order."""
    out = ordered(df).reset_index(drop=True)
    out.insert(0, "rank", out["total"].round(2).rank(method="min", ascending=False).astype(int))
    return out


def indicator_summary(df: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Per indicator: mean, median, min, max over organisations; how many (and what share) are below the pass line."""
    rows = []
    for n, ind in fw.indicators.items():
        col = df[indicator_column(n)]
        below = int((col.round(2) < fw.pass_line).sum())
        rows.append({"number": n, "name": ind.name, "tool": ind.tool, "mean": float(col.mean()),
                     "median": float(col.median()), "min": float(col.min()), "max": float(col.max()),
                     "below": below, "share_below": 100 * below / len(df) if len(df) else 0.0})
    return pd.DataFrame(rows).set_index("number")


def tool_summary(df: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Per tool: mean, min, max over organisations; how many (and what share) are below the pass line."""
    rows = []
    for code, tool in fw.tools.items():
        col = df[code]
        below = int((col.round(2) < fw.pass_line).sum())
        rows.append({"tool": code, "name": tool.name_th, "weight": tool.weight, "mean": float(col.mean()),
                     "min": float(col.min()), "max": float(col.max()), "below": below,
                     "share_below": 100 * below / len(df) if len(df) else 0.0})
    return pd.DataFrame(rows).set_index("tool")


def change_summary(df: pd.DataFrame, top: int = TOP_CHANGES) -> dict:
    """Against last year: improved / declined / unchanged / unknown counts, mean change, biggest gains and drops."""
    change = df["change"]
    known = df[change.notna()]
    improved = int((known["change"] >= UNCHANGED).sum())
    declined = int((known["change"] <= -UNCHANGED).sum())
    key = [thai.sort_key(n) for n in known["name"]]
    by_gain = known.assign(_k=key).sort_values(["change", "_k"], ascending=[False, True]).drop(columns="_k")
    by_drop = known.assign(_k=key).sort_values(["change", "_k"], ascending=[True, True]).drop(columns="_k")
    return {
        "improved": improved, "declined": declined, "unchanged": len(known) - improved - declined,
        "unknown": int(change.isna().sum()), "known": len(known),
        "mean_change": float(known["change"].mean()) if len(known) else None,
        "gains": by_gain[by_gain["change"] >= UNCHANGED].head(top).reset_index(drop=True),
        "drops": by_drop[by_drop["change"] <= -UNCHANGED].head(top).reset_index(drop=True),
    }


def _group_summary(df: pd.DataFrame, column: str, pass_line: float) -> pd.DataFrame:
    rows = []
    for value, group in df.groupby(column, sort=False):
        rows.append({column: value, "count": len(group), "mean": float(group["total"].mean()),
                     "min": float(group["total"].min()), "max": float(group["total"].max()),
                     "passed": int((group["total"].round(2) >= pass_line).sum()),
                     "with_weak": int((group["weak_count"] > 0).sum())})
    out = pd.DataFrame(rows, columns=[column, "count", "mean", "min", "max", "passed", "with_weak"])
    out = out.iloc[sorted(range(len(out)), key=lambda i: thai.sort_key(str(out.iloc[i][column])))]
    return out.set_index(column)


def district_summary(df: pd.DataFrame, pass_line: float) -> pd.DataFrame:
    """Per district (Thai order): organisations, mean/min/max total, how many pass, how many have a weak indicator."""
    return _group_summary(df, "district", pass_line)


def type_summary(df: pd.DataFrame, pass_line: float) -> pd.DataFrame:
    """The same per organisation type (อบต., เทศบาล…)."""
    return _group_summary(df, "type", pass_line)


def _severity(level: str, levels: Sequence[str], fallback: str) -> int:
    """Position in the scale, worst = highest; a level outside the scale counts as the computed one."""
    if level in levels:
        return levels.index(level)
    return levels.index(fallback) if fallback in levels else len(levels)


def priorities(df: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Organisations that need help first, in order (see the module docstring for the rule)."""
    levels = fw.levels.names
    rows = []
    for _, r in df.iterrows():
        failing = round(r["total"], 2) < fw.pass_line
        if not failing and r["weak_count"] == 0:
            continue
        fallback = fw.level_for(r["total"], {t: r[t] for t in fw.tools})
        severity = _severity(r["level"], levels, fallback)
        weak = sorted(((n, r[indicator_column(n)]) for n in fw.indicators
                       if round(r[indicator_column(n)], 2) < fw.pass_line), key=lambda x: (x[1], x[0]))
        rows.append({**r.to_dict(), "failing": failing, "severity": severity, "weak": weak,
                     "_key": (0 if failing else 1, -severity if failing else 0, -int(r["weak_count"]),
                              round(r["total"], 2), thai.sort_key(r["name"]))})
    rows.sort(key=lambda x: x["_key"])
    out = pd.DataFrame(rows, columns=[*df.columns, "failing", "severity", "weak", "_key"]).drop(columns="_key")
    out.insert(0, "priority", range(1, len(out) + 1))
    return out


@dataclass
class ProvinceSummary:
    """A province's organisations with results (``df``) and the failed ones (``failed``), plus the framework."""

    province: str
    fiscal_year: int
    assessment_year: int
    framework: Framework
    df: pd.DataFrame
    failed: pd.DataFrame
    source: str | None = None

    COLUMNS = ("key", "row", "name", "short_name", "type", "district", "status", "total", "level")

    @classmethod
    def from_manifest(cls, manifest: dict) -> "ProvinceSummary":
        fw = load_framework(manifest["assessment_year"])
        rows, failed = [], []
        for e in manifest["entries"]:
            org = e["organisation"]
            base = {"key": e["key"], "row": e["row"], "name": org["name"], "short_name": places.short_name(org["name"]),
                    "type": org["type"], "district": org["district"], "status": e["status"]}
            if e["status"] not in WITH_RESULTS:
                err = e.get("error") or {}
                failed.append({**base, "error_th": err.get("th") or "", "error_en": err.get("en") or ""})
                continue
            s = e["scores"]
            inds = {indicator_column(n): float(s["indicators"][n]) for n in fw.indicators}
            weakest = min(fw.indicators, key=lambda n: (round(s["indicators"][n], 2), n))
            rows.append({
                **base, "total": float(s["total"]), "level": s["level"],
                **{t: float(s["tools"][t]) for t in fw.tools}, **inds,
                "previous_total": np.nan if s["previous_total"] is None else float(s["previous_total"]),
                "change": np.nan if s["change"] is None else float(s["change"]),
                "weak_count": sum(round(v, 2) < fw.pass_line for v in inds.values()),
                "weakest_number": weakest, "weakest_score": float(s["indicators"][weakest]),
            })
        columns = [*cls.COLUMNS, *fw.tools, *(indicator_column(n) for n in fw.indicators),
                   "previous_total", "change", "weak_count", "weakest_number", "weakest_score"]
        df = pd.DataFrame(rows, columns=columns)
        failed_df = pd.DataFrame(failed, columns=["key", "row", "name", "short_name", "type", "district", "status",
                                                  "error_th", "error_en"])
        return cls(manifest["province"], manifest["fiscal_year"], manifest["assessment_year"], fw, df, failed_df,
                   manifest.get("source"))

    @classmethod
    def load(cls, path: str | Path) -> "ProvinceSummary":
        return cls.from_manifest(load_manifest(path))

    @classmethod
    def of(cls, params: ProvinceParams) -> "ProvinceSummary":
        return cls.from_manifest(params.manifest)

    # -- properties ---------------------------------------------------------------
    @property
    def pass_line(self) -> float:
        return self.framework.pass_line

    @property
    def levels(self) -> list[str]:
        return self.framework.levels.names

    @property
    def passing_levels(self) -> list[str]:
        """Levels whose lowest total reaches the pass line (ผ่าน and above; AA and A)."""
        return [r.level for r in self.framework.levels.rules if r.total_min >= self.pass_line]

    @property
    def indicator_columns(self) -> list[str]:
        return [indicator_column(n) for n in self.framework.indicators]

    @property
    def previous_year(self) -> int:
        return self.assessment_year - 1

    # -- statistics (pure functions of df) -------------------------------------------
    def overview(self) -> dict:
        return overview_stats(self.df, self.pass_line)

    def level_distribution(self) -> pd.DataFrame:
        return level_distribution(self.df, self.levels)

    def ranking(self) -> pd.DataFrame:
        return ranking(self.df)

    def indicator_summary(self) -> pd.DataFrame:
        return indicator_summary(self.df, self.framework)

    def tool_summary(self) -> pd.DataFrame:
        return tool_summary(self.df, self.framework)

    def change_summary(self, top: int = TOP_CHANGES) -> dict:
        return change_summary(self.df, top)

    def district_summary(self) -> pd.DataFrame:
        return district_summary(self.df, self.pass_line)

    def type_summary(self) -> pd.DataFrame:
        return type_summary(self.df, self.pass_line)

    def priorities(self) -> pd.DataFrame:
        return priorities(self.df, self.framework)

    def words(self) -> set[str]:
        """Place names (province, districts, the part of a name after its type), so the word breaker never cuts
        them. Not whole organisation names: องค์การบริหารส่วนตำบลหนองกระทุ่มงาม as one unbreakable word is
        wider than a table column, and a table wider than the page makes Chromium shrink every page."""
        words = {self.province}
        for table in (self.df, self.failed):
            for name, short, district in zip(table["name"], table["short_name"], table["district"]):
                words.update({short, district, places.bare_name(name)})
        return {w for w in words if w and len(w) <= 30}
