"""Progress of a batch: a bar with count, failures and ETA on a terminal; plain log lines otherwise."""
from __future__ import annotations

import sys
import time
from typing import IO

from tqdm import tqdm

STATUS_TH = {"ok": "สำเร็จ", "failed": "ล้มเหลว", "skipped": "ข้าม ไม่เปลี่ยนแปลง"}  # as on the index page


class Progress:
    """Counts finished jobs; renders with tqdm on a TTY, one line per job when piped or logged."""

    def __init__(self, total: int, stream: IO[str] | None = None, tty: bool | None = None, label: str = "จัดทำรายงาน / batch"):
        self.total = total
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.start = time.monotonic()
        self.bar = None
        if self.tty and total:
            self.bar = tqdm(total=total, file=self.stream, desc=label, unit="org", dynamic_ncols=True)

    def eta(self) -> float | None:
        worked = self.done - self.skipped
        if not worked:
            return None
        elapsed = time.monotonic() - self.start
        return elapsed / worked * (self.total - self.done)

    def update(self, entry: dict) -> None:
        self.done += 1
        status = entry.get("status")
        if status == "failed":
            self.failed += 1
        elif status == "skipped":
            self.skipped += 1
        name = (entry.get("organisation") or {}).get("name") or entry.get("key")
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, skipped=self.skipped, refresh=False)
            self.bar.update(1)
            if status == "failed":
                error = entry.get("error") or {}
                self.bar.write(f"ล้มเหลว: {name}: {error.get('th', '')}\nfailed: {name}: {error.get('en', '')}")
            return
        eta = self.eta()
        eta_text = "?" if eta is None else f"{eta:.0f}s"
        eta_th = "?" if eta is None else f"{eta:.0f} วินาที"
        seconds = entry.get("seconds")
        took = f" {seconds:.1f}s" if isinstance(seconds, (int, float)) and status != "skipped" else ""
        print(f"[{self.done}/{self.total}] {status} ({STATUS_TH.get(status, status)}) {name}{took} "
              f"failed={self.failed} eta={eta_text} (ล้มเหลว {self.failed} · เหลือประมาณ {eta_th})",
              file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
