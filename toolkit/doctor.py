"""`ita-report doctor`: what this machine has for each output, and what a missing piece disables.

Each check is one line: present (with where and which version) or missing (with what stops working
and how to install it). Nothing is changed; the exit code is 1 when the default outputs (HTML and
PDF through Chromium) cannot be made here, else 0.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Callable

from jupyter_client.kernelspec import KernelSpecManager

from .export.fonts import FONT_DIR
from .export.pdf import chromium_path, default_renderer


@dataclass
class Check:
    """One piece of the toolkit's surroundings."""

    name: str
    found: str | None  # where/which version, None when missing
    disables_th: str  # what stops working without it
    disables_en: str
    install: str  # how to get it
    required: bool = False  # needed for the default HTML + PDF


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return ""


def _module(name: str) -> str | None:
    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    try:
        return version(name)
    except PackageNotFoundError:  # a module without distribution metadata is still there
        return spec.origin or name


def chromium() -> Check:
    path = chromium_path()
    found = f"{path} ({_version([path, '--version']) or 'version unknown'})" if path else None
    return Check("Chromium", found, "PDF (ตัวพิมพ์ค่าเริ่มต้น) และภาพกราฟใน DOCX",
                 "PDF (the default renderer) and chart pictures in DOCX",
                 "sudo apt-get install chromium-headless-shell  |  pip install playwright && python -m playwright "
                 "install chromium", required=True)


def sarabun() -> Check:
    faces = sorted(FONT_DIR.glob("Sarabun-*.ttf")) if FONT_DIR.is_dir() else []
    found = f"{len(faces)} faces in {FONT_DIR}" if faces else None
    return Check("Sarabun fonts", found, "ฟอนต์ที่ฝังในรายงานและกราฟ (ข้อความไทยจะใช้ฟอนต์อื่นแทน)",
                 "the fonts embedded in reports and charts", "pip install fontpkg-sarabun", required=True)


def kernel() -> Check:
    specs = KernelSpecManager().find_kernel_specs()
    found = f"python3 ({specs['python3']})" if "python3" in specs else None
    return Check("Jupyter kernel", found, "ita-report render/examples และ batch --engine kernel",
                 "ita-report render/examples and batch --engine kernel",
                 "pip install ipykernel && python -m ipykernel install --sys-prefix", required=True)


def libreoffice() -> Check:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    found = f"{path} ({_version([path, '--version'])})" if path else None
    return Check("LibreOffice", found, "การตรวจ DOCX โดยแปลงเป็น PDF (ไฟล์ DOCX ยังสร้างได้)",
                 "checking DOCX by converting it to PDF (DOCX files are still written)",
                 "sudo apt-get install libreoffice-writer-nogui")


def poppler() -> Check:
    path = shutil.which("pdftoppm")
    found = f"{path} ({_version([path, '-v'])})" if path else None
    return Check("poppler", found, "การดู PDF เป็นภาพและตรวจฟอนต์/ข้อความใน PDF (ชุดทดสอบ)",
                 "PDF pages as pictures and PDF font/text checks (the tests)", "sudo apt-get install poppler-utils")


def weasyprint() -> Check:
    return Check("WeasyPrint", _module("weasyprint"), "ตัวพิมพ์ PDF ทางเลือก (ITA_PDF_ENGINE=weasyprint)",
                 "the alternative PDF renderer (ITA_PDF_ENGINE=weasyprint)",
                 "pip install 'ita-report-toolkit[weasyprint]'")


def dask() -> Check:
    return Check("Dask", _module("distributed"), "batch --scheduler (คลัสเตอร์ Dask)", "batch --scheduler (a Dask cluster)",
                 "pip install 'ita-report-toolkit[dask]'")


def jupyterlab() -> Check:
    return Check("JupyterLab", _module("jupyterlab"), "การเปิดและแก้ notebook ใน JupyterLab",
                 "opening and editing the notebooks in JupyterLab", "pip install 'ita-report-toolkit[lab]'")


CHECKS: tuple[Callable[[], Check], ...] = (chromium, sarabun, kernel, libreoffice, poppler, weasyprint,
                                           dask, jupyterlab)


def run_checks() -> list[Check]:
    """Every check, in the order `doctor` prints them."""
    return [check() for check in CHECKS]


def report(checks: list[Check]) -> tuple[list[str], int]:
    """The lines `doctor` prints and its exit code."""
    lines = []
    for c in checks:
        if c.found:
            lines.append(f"  ok       {c.name:<15} {c.found}")
        else:
            lines.append(f"  MISSING  {c.name:<15} ไม่มี: ใช้ไม่ได้ {c.disables_th} / missing: disables {c.disables_en}")
            lines.append(f"  {'':<24} ติดตั้ง / install: {c.install}")
    renderer = os.environ.get("ITA_PDF_ENGINE") or default_renderer()
    lines.append(f"  PDF renderer: {renderer}" + (" (ITA_PDF_ENGINE)" if os.environ.get("ITA_PDF_ENGINE") else ""))
    needed = [c for c in checks if c.required and not c.found]
    if renderer == "weasyprint":  # then Chromium is not what prints the PDF
        needed = [c for c in needed if c.name != "Chromium"]
        needed += [c for c in checks if c.name == "WeasyPrint" and not c.found]
    return lines, 1 if needed else 0
