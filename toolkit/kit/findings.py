"""Findings: problems worth a reviewer's eye that do not stop a report (exit code 1, not 2)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_TH = {"error": "ข้อผิดพลาดในข้อมูล", "warning": "ข้อควรตรวจสอบ", "info": "ข้อสังเกต"}


@dataclass(frozen=True)
class Finding:
    """One mismatch or inconsistency, with both values so the report can show them side by side."""

    code: str
    severity: str
    field: str
    message_th: str
    message_en: str
    reported: Any = None
    computed: Any = None
    source: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def label_th(self) -> str:
        """The severity as a reviewer reads it in Thai."""
        return SEVERITY_TH.get(self.severity, "ข้อสังเกต")

    def line(self) -> str:
        where = f"{self.source}, " if self.source else ""
        return f"[{self.severity}] {where}{self.field}: {self.message_th} / {self.message_en}"
