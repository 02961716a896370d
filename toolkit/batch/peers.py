"""Batch phase one: each organisation's rank and percentile among its province's and district's peers.

Before anything is rendered, the headline of every valid analysis job is computed (the same cheap
figures the index and the province summary use: no notebook), and each job's params get a ``peers:``
block that its report prints (AnalysisParams.peers, optional).

Digest: the block is part of the job's params, so it is part of the job's digest. It holds only what
the report prints (rank, count, percentile), so a re-run with unchanged figures stays skippable, and an
organisation is redone only when its own printed position changes (an organisation that moves past it,
or one added to or removed from its province). Province averages are left out on purpose: they move
with every organisation and would redo the whole province for any change.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from ..documents import registry
from ..kit.rounding import publish
from .jobs import Job, job_digest

DOCUMENT = "ita_analysis"  # the document type whose jobs carry ITA results


@dataclass
class PeerStep:
    """What phase one did: organisations ranked, areas, and how long it took."""

    ranked: int = 0
    provinces: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def rank_of(total: float, totals: list[float]) -> dict:
    """Competition rank (equal totals share one) and the share of the area ranked strictly below."""
    mine = publish(total)
    higher = sum(1 for t in totals if publish(t) > mine)
    lower = sum(1 for t in totals if publish(t) < mine)
    return {"rank": higher + 1, "count": len(totals), "percentile": publish(100 * lower / len(totals))}


def _block(year: int | None, province: str, district: str | None, total: float,
           in_province: list[float], in_district: list[float]) -> dict:
    block: dict = {"year": year, "province": {"area": province, **rank_of(total, in_province)}}
    if district and len(in_district) > 1:
        block["district"] = {"area": district, **rank_of(total, in_district)}
    return block


def attach_peers(jobs: list[Job]) -> PeerStep:
    """Add a ``peers`` block to every valid analysis job's params (and refresh its digest)."""
    t0 = time.perf_counter()
    step = PeerStep()
    figures: list[tuple[Job, float]] = []
    for job in jobs:
        if not job.valid or job.document != DOCUMENT:
            continue
        try:
            data = {k: v for k, v in job.data.items() if k != "peers"}  # the batch's figures, never stale ones
            params = registry.validate(data, job.source)
            figures.append((job, registry.of(params).headline(params)["total"]))
        except Exception as exc:  # noqa: BLE001 - the render will report the same error for this job
            step.problems.append(f"peers {job.key}: {type(exc).__name__}: {exc}")
    groups: dict[tuple, list[tuple[Job, float]]] = defaultdict(list)
    for job, total in figures:
        org = job.organisation
        groups[(job.fiscal_year, job.assessment_year, org.get("province"))].append((job, total))
    for (_, year, province), members in groups.items():
        totals = [t for _, t in members]
        by_district: dict[str | None, list[float]] = defaultdict(list)
        for job, total in members:
            by_district[job.organisation.get("district")].append(total)
        for job, total in members:
            district = job.organisation.get("district")
            job.data = {**job.data, "peers": _block(year, province, district, total, totals, by_district[district])}
            job.digest = job_digest(job.data, job.document, job.formats)
            step.ranked += 1
        step.provinces += 1
    step.seconds = time.perf_counter() - t0
    return step
