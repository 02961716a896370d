"""Chromium (Debian's, through Playwright) for the site's browser tests, and pages that record what they do."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from toolkit.export.pdf import thread_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PREVIEW = Path("/tmp/site_preview")  # screenshots, to look at


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    b = thread_playwright().chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield b
    b.close()


def local_path(url: str) -> Path | None:
    """The file a file:// URL points at (None for any other scheme)."""
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


class Recorder:
    """A page opened from file:// with every console message, page error and request recorded."""

    def __init__(self, browser, path: Path, root: Path, width: int = 1400, height: int = 900, js: bool = True,
                 downloads: bool = False):
        self.root = root.resolve()
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=js,
                                           accept_downloads=downloads)
        self.page = self.context.new_page()
        self.console, self.errors, self.requests = [], [], []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())

    def check(self) -> None:
        """No error, no console warning, no request outside the site's folder, nothing injected ran."""
        assert self.errors == []
        assert [m for m in self.console if m[0] in ("error", "warning")] == []
        for url in self.requests:
            if url.startswith(("data:", "blob:")):
                continue
            path = local_path(url)
            assert path is not None, f"request outside the site: {url}"
            assert path.resolve().is_relative_to(self.root), f"request outside the site's folder: {url}"
        assert self.page.evaluate("window.__pwned") is None

    def close(self) -> None:
        self.context.close()
