"""What many test modules share: repository paths, the bundled examples, command helpers."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "params" / "examples"
NOTEBOOKS = ROOT / "notebooks"
KNOWLEDGE = ROOT / "toolkit" / "knowledge"
SEED003 = EXAMPLES / "samruean_2569.yaml"  # FY2569 analysis of ITA 2568, figures of seed 003
PROVINCE_EXAMPLE = EXAMPLES / "province_ratchaburi_2569.json"
PLAN_EXAMPLE = EXAMPLES / "plan_ipan_2566.yaml"
SIX_MONTH = EXAMPLES / "integrity_samruean_2569_6.yaml"  # linked to samruean_2569.yaml, FY2569, round 6
TWELVE_MONTH = EXAMPLES / "integrity_muangtao_2566.yaml"  # seed 000, FY2566, round 12, measures by name


# the smallest valid analysis params: synthetic tests change what they need (see the make_params fixture)
BASE = {
    "organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง", "province": "ราชบุรี"},
    "fiscal_year": 2569,
    "assessment": {
        "year": 2568,
        "indicators": {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90},
    },
}


def example_files() -> list[Path]:
    """Every bundled example params file (YAML documents and JSON manifests), in name order."""
    return sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("*.json")])


def cli(argv, capsys) -> tuple[int, str, str]:
    """`ita-report ARGV` in this process: exit code, stdout, stderr."""
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def run(*cmd) -> str:
    """A command's stdout; it must succeed."""
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True).stdout


def descendants(pid: int) -> list[int]:
    """The processes a process started, and theirs (from /proc): the browsers a test left running."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            out.append(child)
            stack.append(child)
    return out
