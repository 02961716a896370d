"""PDF exporter for ITA reports: the report HTML printed on A4 by a registered renderer.

Renderers: ``chromium`` (the default: the system's headless Chromium, kept open per thread and driven
over its DevTools pipe, toolkit/export/cdp.py) and ``weasyprint`` (opt-in, the ``[weasyprint]`` extra).
A missing renderer is a ``RendererMissing`` error with one bilingual line saying how to install it:
never a silent switch to another renderer. Measured on this stack: WeasyPrint writes one
ToUnicode entry per glyph, and HarfBuzz draws ำ as the glyphs ํ + า, so the PDF's text says "ตาบล"
for "ตำบล" (search and copy fail on most อบต. names); it also took 3.0 s for an 8-page report where
Chromium took 0.54 s. Choose with ``ITA_PDF_ENGINE`` or the exporter's ``renderer`` trait.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from nbformat import NotebookNode
from traitlets import Enum, default

from ..kit.errors import ToolkitError
from . import cdp, pdfpages, printer, stamp
from .html import ReportHTMLExporter

_lock = threading.Lock()
_WBR = re.compile(r"<wbr\s*/?>", re.IGNORECASE)
ZWSP = "\u200b"
_font_config = None
_url_fetcher = None

# conda-forge has Playwright but no Chromium: a conda-only machine prints with WeasyPrint (environment.yml)
# or downloads Playwright's own Chromium once
INSTALL_CHROMIUM_TH = ("ไม่พบ Chromium สำหรับพิมพ์ PDF: Debian/Ubuntu ติดตั้งด้วย sudo apt-get install "
                       "chromium-headless-shell (หรือ chromium); conda ใช้ conda install -c conda-forge weasyprint "
                       "แล้วตั้ง ITA_PDF_ENGINE=weasyprint "
                       "หรือ pip install playwright แล้ว python -m playwright install chromium")
INSTALL_CHROMIUM_EN = ("no Chromium to print the PDF: on Debian/Ubuntu sudo apt-get install "
                       "chromium-headless-shell (or chromium); on conda conda install -c conda-forge weasyprint "
                       "and set ITA_PDF_ENGINE=weasyprint, "
                       "or pip install playwright, then python -m playwright install chromium")


class RendererMissing(ToolkitError):
    """The PDF renderer is not installed: the other formats are still written; exit code 3."""

    exit_code = 3

    def __init__(self, th: str, en: str):
        self.th, self.en = th, en
        super().__init__(en)

    def message_th(self) -> str:
        return self.th

    def message_en(self) -> str:
        return self.en

    def line(self) -> str:
        """The one bilingual line the CLI prints."""
        return f"{self.th} / {self.en}"


def font_config() -> Any:
    """The process-wide WeasyPrint FontConfiguration: fonts are decoded and registered once, then reused."""
    global _font_config
    with _lock:
        if _font_config is None:
            try:
                from weasyprint.text.fonts import FontConfiguration
            except ImportError:
                raise RendererMissing(
                    "ไม่ได้ติดตั้ง WeasyPrint: pip install 'ita-report-toolkit[weasyprint]' หรือใช้ Chromium (ค่าเริ่มต้น)",
                    "WeasyPrint is not installed: pip install 'ita-report-toolkit[weasyprint]', or use Chromium "
                    "(the default)") from None

            _font_config = FontConfiguration()
        return _font_config


def url_fetcher() -> Any:
    """A WeasyPrint fetcher limited to data: and file: URLs, so rendering never touches the network."""
    global _url_fetcher
    with _lock:
        if _url_fetcher is None:
            from weasyprint import URLFetcher

            _url_fetcher = URLFetcher(allowed_protocols={"data", "file"})
        return _url_fetcher


def weasyprint_pdf(html: str, base_url: str | None = None) -> bytes:
    """WeasyPrint layout (pip only; see the module note on ำ in extracted text)."""
    from weasyprint import HTML

    fonts, fetcher = font_config(), url_fetcher()
    # <wbr> and U+200B are the same break opportunity, but each <wbr> is an inline box to
    # WeasyPrint: swapping them cuts layout time by ~40% on segmented Thai, same output.
    html = _WBR.sub(ZWSP, html)
    document = HTML(string=html, base_url=base_url or ".", url_fetcher=fetcher)
    # One lock: the shared FontConfiguration is not meant for concurrent layouts.
    with _lock:
        return document.write_pdf(font_config=fonts, presentational_hints=True)


# --font-render-hinting=none: the headless shell hints glyphs by default and then sets every line up to 5 pt
# elsewhere; with it, its PDF places every word where Chromium's does (tests/export/test_pdf.py).
# --js-flags=--expose-gc: after each print the tab collects the document it replaced (RELEASE_JS), which
# keeps a tab's renderer at ~190 MiB instead of growing to 420–510 MiB over 12–24 reports (bench/browser.py).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--font-render-hinting=none", "--js-flags=--expose-gc",
]
RELEASE_JS = "() => { if (typeof gc === 'function') setTimeout(gc, 0); }"  # after the reply: no wait for it
# Browser, renderer and GPU in one process: opt-in with ITA_CHROMIUM_SINGLE_PROCESS=1. Measured over 30
# reports in one worker: 1.09 s per report instead of 1.40 s, 456 MB instead of 1,048 MB (PSS). Chromium
# calls the mode unsupported, and in a long-lived process that had driven other browsers page.pdf() never
# returned (tests/test_browser.py then tests/test_run.py hung), so the normal process model is the default.
SINGLE_PROCESS_ARGS = ["--single-process", "--no-zygote"]


def chromium_args() -> list[str]:
    extra = SINGLE_PROCESS_ARGS if os.environ.get("ITA_CHROMIUM_SINGLE_PROCESS") == "1" else []
    return CHROMIUM_ARGS + extra
_local = threading.local()


#: Browsers on PATH, best first. Chromium's headless shell (Debian: chromium-headless-shell) prints the same
#: PDF as the full browser without its window machinery: per browser after 12 reports, 487–538 MiB PSS
#: instead of 768–854 (265 instead of 451–457 with RELEASE_JS), started in 0.19 s instead of 0.48 s
#: (bench/browser.py).
BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    """The browser to print with: $ITA_CHROMIUM, else the first of BROWSERS on PATH, else the one
    `playwright install chromium` downloaded (the route where no system package has one)."""
    explicit = os.environ.get("ITA_CHROMIUM")
    if explicit:
        return explicit
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return playwright_chromium()


def playwright_chromium() -> str | None:
    """The Chromium `python -m playwright install chromium` put in Playwright's cache, if any."""
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or os.path.expanduser("~/.cache/ms-playwright")
    if not os.path.isdir(root):
        return None
    for folder in sorted(os.listdir(root), reverse=True):
        if folder.startswith("chromium-") or folder.startswith("chromium_headless_shell-"):
            for sub in ("chrome-linux/chrome", "chrome-linux64/chrome", "chrome-headless-shell-linux64/chrome-headless-shell"):
                path = os.path.join(root, folder, sub)
                if os.access(path, os.X_OK):
                    return path
    return None


PAGE_REUSE = 20  # documents per tab: a renderer kept for hundreds of reports grows (215 → 362 MB in 60)
#: The tab's size, as Playwright gives a new page: screen-media rules of the report see the same width.
VIEWPORT = (1280, 720)


def _thread_tab() -> cdp.Browser:
    """One headless browser per thread, started on first use and kept for the whole batch; its tab
    is replaced every PAGE_REUSE documents so the renderer's memory stays bounded."""
    browser = getattr(_local, "browser", None)
    if browser is not None and browser.poll() is None:
        _local.uses += 1
        if _local.uses > PAGE_REUSE:
            _new_tab(browser)
        return browser
    if browser is not None:  # it died: a fresh one
        close_chromium()
    path = chromium_path()
    if path is None:
        raise RendererMissing(INSTALL_CHROMIUM_TH, INSTALL_CHROMIUM_EN)
    _local.browser = browser = cdp.Browser(path, chromium_args())
    try:
        _new_tab(browser)
    except Exception:
        close_chromium()
        raise
    return browser


def _new_tab(browser: cdp.Browser) -> None:
    browser.new_tab()
    browser.set_viewport(*VIEWPORT)
    _local.uses = 1


def thread_playwright() -> Any:
    """This thread's Playwright, started once, for what needs a full browser automation API (the tests'
    screenshots and measurements, bench/browser.py); printing does not use it (toolkit/export/cdp.py).
    A second one in the same thread fails ("Sync API inside the asyncio loop")."""
    pw = getattr(_local, "playwright", None)
    if pw is not None:
        return pw
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ToolkitError("Playwright is not installed: pip install playwright") from None
    _local.playwright = pw = sync_playwright().start()
    atexit.register(_stop_playwright, pw, threading.get_ident())
    return pw


def _stop_playwright(pw: Any, owner: int | None = None) -> None:
    if owner is not None and owner != threading.get_ident():
        return  # Playwright's sync API is only safe in its own thread; its driver ends with the process
    try:
        pw.stop()
    except Exception:  # noqa: BLE001 - already stopped
        pass


def stop_chromium() -> None:
    """Close this thread's browser and stop its Playwright, if any: a worker process ending (children skip atexit)."""
    close_chromium()
    pw, _local.playwright = getattr(_local, "playwright", None), None
    if pw is not None:
        _stop_playwright(pw)


@contextmanager
def chromium_page() -> Iterator[cdp.Browser]:
    """This thread's Chromium tab, shared by PDF printing and Word chart rasterising so a worker starts one
    browser; an error inside the block closes the browser, the next use restarts it. The tab's size and
    media are given back as they were."""
    tab = _thread_tab()
    try:
        yield tab
    except Exception:
        close_chromium()
        raise
    if tab.viewport != VIEWPORT:
        tab.set_viewport(*VIEWPORT)
    if tab.media:
        tab.emulate_media("")


def close_chromium() -> None:
    """Close this thread's printing browser (batch workers call it when they finish)."""
    browser = getattr(_local, "browser", None)
    _local.browser = None
    if browser is not None:
        browser.close()


def chromium_pdf(html: str, base_url: str | None = None) -> bytes:
    """Chromium's print-to-PDF of the report page: honours @page size, margins and named pages.

    A browser that died (crash, killed) is started afresh once before the error is passed on.
    """
    if printer.active():  # the browser was started early in the printing thread: print there
        return printer.submit(chromium_pdf, html, base_url).result()
    for attempt in (1, 2):
        try:
            with chromium_page() as tab:
                load(tab, html)
                pdf = tab.pdf()
                tab.evaluate(RELEASE_JS)
                return pdf
        except RendererMissing:
            raise
        except Exception:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


DENSITY_JS = "density => { document.documentElement.className = density; }"  # load(): another density, in place


def load(tab: cdp.Browser, html: str) -> None:
    """The report in the tab. The same report at another of the DENSITIES (the layout search) only changes the
    class of its <html>: the fonts, charts and text are not parsed again (0.15-0.24 s a print, measured; the
    page is the same as a fresh load's, tests/export/test_pdf_layout.py)."""
    base, density = density_of(html)
    if tab.content is not None and density_of(tab.content)[0] == base:
        tab.evaluate(DENSITY_JS, density)
        tab.content = html
    else:
        tab.set_content(html)


def start_browser_early() -> None:
    """Launch Chromium in a printing thread now, while the notebook runs (a single render's wait); does
    nothing for WeasyPrint or when no browser is installed (the print itself then says what to install)."""
    if default_renderer() == "chromium" and chromium_path() is not None:
        printer.start(_warm, stop_chromium)


def _warm() -> None:
    try:
        _thread_tab()
    except Exception:  # noqa: BLE001 - the first print retries and reports
        pass


RENDERERS: dict[str, Callable[[str, str | None], bytes]] = {
    "chromium": chromium_pdf,
    "weasyprint": weasyprint_pdf,
}


def default_renderer() -> str:
    """$ITA_PDF_ENGINE if set, else Chromium (a missing Chromium is reported, not replaced)."""
    name = os.environ.get("ITA_PDF_ENGINE")
    if name:
        if name not in RENDERERS:
            raise ValueError(f"ITA_PDF_ENGINE must be one of {', '.join(RENDERERS)}, not {name!r}")
        return name
    return "chromium"


_BUDGET = re.compile(r'<meta name="ita-max-pages" content="(\d+)">')
_MARGINS = re.compile(r'<meta name="ita-margins" content="([\d. ]+)">')
_HTML_TAG = re.compile(r"<html\b([^>]*)>")
_FRONT = re.compile(r'<section class="(?:cover|foreword|contents)\b')
#: Classes of <html> that report.css sets tighter, mildest first: snug closes up the spacing between
#: blocks; dense-1 and dense-2 also shrink tables and charts (the body text keeps its size).
DENSITIES = ("snug", "dense-1", "dense-2")
#: The last resort of a document still over budget at dense-2: the same density, and report.css leaves out what
#: another part of the document already says (charts that restate a table, a table carried as another's column).
ABRIDGED = "dense-2 abridged"
_DENSITY = re.compile(rf' class="({"|".join((ABRIDGED, *DENSITIES))})"$')
_ABRIDGEABLE = re.compile(r'class="[^"]*\b(?:restates|abridged-omit)\b')
#: Pages over budget beyond which the densest layout is tried first: a document that far over (the failing
#: analysis example: 11 pages; a 200-organisation province summary: 24) is rarely brought within budget,
#: and then the milder layouts cost a print each for nothing (tests/export/test_pdf_layout.py).
FAR_OVER = 1


def page_count(pdf: bytes) -> int:
    """Pages of a PDF (its page tree)."""
    return len(pdfpages.pages(pdf))


def page_budget(html: str) -> int | None:
    """The most pages the document should take (page_style.yaml max_pages, written into the head)."""
    m = _BUDGET.search(html)
    return int(m.group(1)) if m else None


def page_margins(html: str) -> tuple[float, float, float, float] | None:
    """Top and bottom margins (cm) of portrait and landscape pages, written into the head by the exporter."""
    m = _MARGINS.search(html)
    values = tuple(float(x) for x in m.group(1).split()) if m else ()
    return values if len(values) == 4 else None  # type: ignore[return-value]


def front_pages(html: str) -> int:
    """Pages that stand alone by design before the body: the cover, the คำนำ and the สารบัญ."""
    return max(1, len(_FRONT.findall(html)))


def abridgeable(html: str) -> bool:
    """Whether the report has anything an ABRIDGED print leaves out (otherwise that print would be the same)."""
    return _ABRIDGEABLE.search(html) is not None


def denser(html: str, density: str) -> str:
    """The same report asking report.css for one of its DENSITIES (a class on <html>)."""
    return _HTML_TAG.sub(lambda m: f'<html{m.group(1)} class="{density}">', html, count=1)


def density_of(html: str) -> tuple[str, str]:
    """(the report without its density class, the class or ""): denser() undone."""
    m = _HTML_TAG.search(html)
    found = _DENSITY.search(m.group(1)) if m else None
    if m is None or found is None:
        return html, ""
    return html[:m.start(1) + found.start()] + html[m.start(1) + found.end():], found.group(1)


def body_targets(html: str) -> list[str]:
    """The contents' targets that come after the contents (the foreword, before it, is front matter)."""
    contents = html.find('<section class="contents"')
    if contents < 0:
        return []
    return [t for t in stamp.contents_targets(html) if html.find(f'id="{t}"') > contents]


def _faults(pdf: bytes, budget: int | None, margins: tuple[float, float, float, float] | None,
            targets: list[str] = ()) -> tuple[int, int, int]:
    """(pages over budget, nearly empty pages, pages): the smaller the better, in that order. The front
    matter (foreword, contents: a page each by design, before the first contents target) is not counted:
    no density fills it, and counting it cost three needless prints per document (measured)."""
    read = pdfpages.pages(pdf)  # once: the count and the fill come from the same reading (0.07 s each)
    pages = len(read)
    empty = pdfpages.underfull(read, margins) if margins else []
    if empty and targets:
        start = pdfpages.body_start(pdf, list(targets))
        empty = [p for p in empty if p >= start]
    return (max(0, pages - budget) if budget else 0, len(empty), pages)


def prints_made() -> int:
    """Prints this thread has made so far (the stage profile counts them per document)."""
    return getattr(_local, "prints", 0)


def _print(renderer: str | None, html: str, base_url: str | None) -> bytes:
    _local.prints = prints_made() + 1
    return RENDERERS[renderer or default_renderer()](html, base_url)


def last_layout() -> str:
    """The density (or ABRIDGED) of this thread's last laid-out report, "" for as written: for the review sheet."""
    return getattr(_local, "layout", "")


def laid_out(html: str, base_url: str | None = None, renderer: str | None = None) -> tuple[str, bytes]:
    """The report at the layout _search chose, remembered for last_layout()."""
    chosen, out = _search(html, base_url, renderer)
    _local.layout = density_of(chosen)[1]
    return chosen, out


def _search(html: str, base_url: str | None = None, renderer: str | None = None) -> tuple[str, bytes]:
    """The report printed at the first of its DENSITIES that fits: (the HTML as printed, the PDF).

    A document over its page budget, or with a page (not the cover or front matter, not the last) left less
    than a third full, is laid out again at the next of the DENSITIES until neither is true; a layout is kept only if
    it has fewer of those faults than the one before. The HTML is returned so a second print (the
    contents' page numbers, export/finish.py) keeps the same layout. A document more than FAR_OVER pages over
    budget is printed at the densest layout first; if that is over budget too, the milder ones are not tried.
    A document over budget at every density is printed ABRIDGED when it has something to abridge.
    """
    budget, margins, targets = page_budget(html), page_margins(html), body_targets(html)
    pdf = _print(renderer, html, base_url)
    faults = _faults(pdf, budget, margins, targets)
    chosen = html

    def abridged() -> tuple[str, bytes]:  # over budget at every density: what an abridged print gains, if any
        if not faults[0] or not abridgeable(html):
            return chosen, pdf
        candidate = denser(html, ABRIDGED)
        shorter = _print(renderer, candidate, base_url)
        return (candidate, shorter) if _faults(shorter, budget, margins, targets)[:2] < faults[:2] else (chosen, pdf)

    if faults[0] > FAR_OVER:  # the densest first: when even it is over budget, no milder layout is within it
        candidate = denser(html, DENSITIES[-1])
        densest = _print(renderer, candidate, base_url)
        densest_faults = _faults(densest, budget, margins, targets)
        if densest_faults[0]:
            if densest_faults[:2] < faults[:2]:
                pdf, faults, chosen = densest, densest_faults, candidate
            return abridged()
    for density in DENSITIES:
        if faults[:2] == (0, 0):
            break
        candidate = denser(html, density)
        tighter = _print(renderer, candidate, base_url)
        tighter_faults = _faults(tighter, budget, margins, targets)
        if tighter_faults[:2] < faults[:2]:
            pdf, faults, chosen = tighter, tighter_faults, candidate
    return abridged()


def html_to_pdf(html: str, base_url: str | None = None, renderer: str | None = None) -> bytes:
    """Report HTML (its own @page rules: A4, margins, page numbers) to PDF bytes, at the density that fits."""
    return laid_out(html, base_url, renderer)[1]


def print_once(html: str, base_url: str | None = None, renderer: str | None = None) -> bytes:
    """One print of the HTML as it is (no relayout): the second print of a document already laid out."""
    return _print(renderer, html, base_url)


class ReportPDFExporter(ReportHTMLExporter):
    """Same template and CSS as the HTML report, printed to an A4 PDF."""

    export_from_notebook = "ITA report (PDF)"
    output_mimetype = "application/pdf"

    renderer = Enum(["", *RENDERERS], default_value="", help="PDF renderer: chromium or weasyprint "
                    "(default: $ITA_PDF_ENGINE, else chromium)").tag(config=True)

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        # The template is HTML even though the output is PDF (as nbconvert's WebPDFExporter).
        return ".html.j2"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        """Render HTML through the parent, then lay it out; bytes make nbconvert's writer write binary."""
        html, resources = super().from_notebook_node(nb, resources=resources, **kw)
        path = resources.get("metadata", {}).get("path") or None
        renderer = self.renderer or default_renderer()
        self.log.info("Building PDF with %s", renderer)
        pdf = html_to_pdf(html, base_url=path, renderer=renderer)
        return pdf, resources
