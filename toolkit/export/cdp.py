"""Chromium driven over its DevTools pipe: printing and chart capture with no driver process between.

A batch worker prints every report through one headless Chromium. Playwright put a Node.js driver between
the worker and that browser (110–145 MiB PSS; launch to first tab 0.55–0.75 s instead of 0.15 s here,
bench/browser.py); the few DevTools calls printing needs (open a tab, write the document, print, capture a
clip for Word, refuse every fetch) go straight to the browser here, over the pipe Chromium opens on
descriptors 3 and 4 with ``--remote-debugging-pipe`` (the pipe Playwright itself uses). Messages are JSON,
each ended by a NUL byte.
"""
from __future__ import annotations

import atexit
import base64
import fcntl
import json
import os
import select
import shutil
import signal
import tempfile
import time
from typing import Any

from ..kit.errors import ToolkitError

#: Seconds a call may take before the browser is taken for hung: a 40-page print takes ~4 s (bench/browser.py).
TIMEOUT = 180.0
#: What Playwright passes to every Chromium it starts that bears on what a print looks like or on a headless
#: process's behaviour; the toolkit's own switches (toolkit/export/pdf.py CHROMIUM_ARGS) come on top.
BASE_ARGS = (
    "--headless", "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb", "--disable-breakpad",
    "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding", "--disable-hang-monitor", "--disable-ipc-flooding-protection",
    "--disable-default-apps", "--disable-popup-blocking", "--metrics-recording-only", "--password-store=basic",
    "--no-default-browser-check", "--disable-field-trial-config", "--disable-back-forward-cache",
)
#: A document written into the tab, resolved once it has loaded (its fonts and images are in). open() drops the
#: window's listeners, and a document with nothing to fetch fires load inside close(), so the listener goes
#: in between (tests/export/test_cdp.py).
WRITE_JS = """html => new Promise(resolve => {
  document.open();
  window.addEventListener("load", () => resolve(true), {once: true});
  document.write(html);
  document.close();
})"""


class BrowserError(ToolkitError):
    """The browser died, hung or refused a call: the caller starts a fresh one (toolkit/export/pdf.py)."""

    def message_th(self) -> str:
        return f"Chromium ที่ใช้พิมพ์ PDF ขัดข้อง: {self}"

    def message_en(self) -> str:
        return f"the Chromium that prints the PDF failed: {self}"


class Browser:
    """One headless Chromium on a DevTools pipe, with one tab at a time (``new_tab``)."""

    def __init__(self, executable: str, args: list[str] | tuple[str, ...] = ()):
        self.profile = tempfile.mkdtemp(prefix="ita-chromium-")
        to_browser, self._out = os.pipe()  # we write, Chromium reads on fd 3
        self._in, from_browser = os.pipe()  # Chromium writes on fd 4, we read
        # posix_spawn puts the child's ends on 3 and 4 (subprocess keeps descriptor numbers, and its
        # preexec_fn is not safe in a threaded process); they are moved above 9 first, so that neither is
        # 3 or 4 already. Every other descriptor of ours is close-on-exec (PEP 446).
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser, from_browser)]
        os.close(to_browser)
        os.close(from_browser)
        argv = [executable, *BASE_ARGS, *args, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
                "--no-startup-window"]  # no tab of its own: new_tab makes the only one
        quiet = os.O_RDWR
        try:
            self.pid = os.posix_spawn(executable, argv, os.environ, setsid=True, file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, quiet, 0), (os.POSIX_SPAWN_OPEN, 1, os.devnull, quiet, 0),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, quiet, 0),
                (os.POSIX_SPAWN_DUP2, ends[0], 3), (os.POSIX_SPAWN_DUP2, ends[1], 4)])
        except OSError as exc:
            for fd in (self._in, self._out):
                os.close(fd)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise BrowserError(f"Chromium could not be started ({executable}): {exc}") from None
        finally:
            for fd in ends:
                os.close(fd)
        self.exit_code: int | None = None
        self._closed = False
        # Chromium ends by itself when this process does (its pipe closes), but its profile folder stays
        atexit.register(self.close)
        self._buffer = b""
        self._next = 0
        self.session: str | None = None
        self.target: str | None = None
        self.viewport: tuple[int, int] | None = None  # as last set (None: the browser's own)
        self.media = ""  # emulated CSS media ("print", "screen"), "" for none
        self.content: str | None = None  # the HTML set_content last wrote into this tab

    # -- the pipe -------------------------------------------------------------------------------------
    def _write(self, message: dict) -> None:
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._out, data):]
        except OSError as exc:
            raise BrowserError(f"Chromium's pipe is closed: {exc}") from None

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {TIMEOUT:.0f} s")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium ended (exit code {self.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """One DevTools call, answered; events that arrive meanwhile are handled (``_event``)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._write(message)
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._event(reply)

    def _event(self, event: dict) -> None:
        if event["method"] == "Fetch.requestPaused":  # reports are self-contained: nothing is ever fetched
            self._write({"id": 0, "method": "Fetch.failRequest", "sessionId": event.get("sessionId"),
                         "params": {"requestId": event["params"]["requestId"], "errorReason": "BlockedByClient"}})
        elif event["method"] == "Inspector.targetCrashed":
            raise BrowserError("Chromium's tab crashed")

    # -- the tab ----------------------------------------------------------------------------------------
    def new_tab(self) -> None:
        """A fresh tab in place of the current one (its renderer's memory goes with the old one)."""
        old = self.target
        self.target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        self.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, self.session)
        self.call("Inspector.enable", {}, self.session)
        self.viewport, self.media, self.content = None, "", None
        if old:
            try:
                self.call("Target.closeTarget", {"targetId": old})
            except BrowserError:
                pass

    def page(self, method: str, params: dict | None = None) -> dict:
        """A call to the current tab."""
        if self.session is None:
            self.new_tab()
        return self.call(method, params, self.session)

    def evaluate(self, function: str, *args: Any) -> Any:
        """A JavaScript function called in the tab with JSON arguments; its (awaited) value."""
        expression = f"({function})(...{json.dumps(list(args))})"
        result = self.page("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(f"JavaScript error: {details.get('exception', {}).get('description') or details.get('text')}")
        return result.get("result", {}).get("value")

    def set_content(self, html: str) -> None:
        """The document in the tab, loaded."""
        self.content = None  # a write that fails leaves no document we know
        self.evaluate(WRITE_JS, html)
        self.content = html

    def set_viewport(self, width: int, height: int) -> None:
        """The tab's size in CSS pixels (what screen-media rules and a capture see)."""
        self.page("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                          "deviceScaleFactor": 1, "mobile": False})
        self.viewport = (width, height)

    def emulate_media(self, media: str) -> None:
        """CSS media the tab's document is laid out for ("print", "screen"; "" for none)."""
        self.page("Emulation.setEmulatedMedia", {"media": media})
        self.media = media

    def pdf(self) -> bytes:
        """The tab printed as its CSS @page rules ask, backgrounds included (what Playwright's page.pdf sends)."""
        result = self.page("Page.printToPDF", {
            "printBackground": True, "preferCSSPageSize": True, "paperWidth": 8.5, "paperHeight": 11,
            "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0, "scale": 1,
            "generateTaggedPDF": False, "generateDocumentOutline": False})
        return base64.b64decode(result["data"])

    def capture(self, clip: dict) -> bytes:
        """A PNG of one region of the tab (CSS pixels at scale 1)."""
        result = self.page("Page.captureScreenshot", {"format": "png", "clip": {**clip, "scale": 1},
                                                       "captureBeyondViewport": True, "optimizeForSpeed": True})
        return base64.b64decode(result["data"])

    def poll(self) -> int | None:
        """The browser's exit code once it has ended, else None."""
        if self.exit_code is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return -1
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
        return self.exit_code

    def wait(self, timeout: float) -> bool:
        """Whether the browser ended within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def close(self) -> None:
        """End the browser (politely, then by force) and remove its profile; again is nothing."""
        atexit.unregister(self.close)
        if self._closed:  # its descriptors' numbers may belong to other files by now
            return
        self._closed = True
        try:
            if self.poll() is None:
                try:
                    self._write({"id": -1, "method": "Browser.close", "params": {}})
                except BrowserError:
                    pass
                if not self.wait(5):
                    os.killpg(self.pid, signal.SIGKILL)
                    self.wait(5)
        finally:
            for fd in (self._in, self._out):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)
