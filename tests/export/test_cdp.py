"""The DevTools-pipe browser printing uses (toolkit/export/cdp.py): same PDF as Playwright's, nothing fetched,
failures raised rather than waited on, nothing left behind."""
from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.export.test_pdf import furthest, word_boxes
from tests.support import EXAMPLES, run
from toolkit.export import cdp, pdf

pytestmark = pytest.mark.skipif(pdf.chromium_path() is None, reason="needs Chromium (.ci/debian-packages.txt)")


GIF = "R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs="  # one white pixel


@pytest.fixture
def browser():
    b = cdp.Browser(pdf.chromium_path(), pdf.chromium_args())
    yield b
    b.close()


def test_prints_every_word_and_pixel_where_playwright_puts_them(example_render, tmp_path, browser):
    """The same browser, flags and document through Playwright (its driver, as before) and over the pipe."""
    html = pdf.denser(example_render(EXAMPLES / "thungtuayang_2569.yaml").html_file.read_text(encoding="utf-8"),
                      pdf.DENSITIES[-1])  # portrait and landscape pages, tables, charts
    pw = pdf.thread_playwright().chromium.launch(executable_path=pdf.chromium_path(), args=pdf.chromium_args())
    try:
        page = pw.new_page()
        page.set_content(html, wait_until="load")
        theirs = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        pw.close()
    browser.new_tab()
    browser.set_viewport(*pdf.VIEWPORT)
    browser.set_content(html)
    ours = browser.pdf()
    a, b = word_boxes(theirs, tmp_path, "playwright"), word_boxes(ours, tmp_path, "pipe")
    assert len(a) > 500 and furthest(a, b) < 0.01
    for name, data in (("playwright", theirs), ("pipe", ours)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        run("pdftoppm", "-r", "40", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name))
    pictures = sorted(p.name.split("-", 1)[1] for p in tmp_path.glob("pipe-*.png"))
    assert len(pictures) == pdf.page_count(ours) > 5
    assert all((tmp_path / f"pipe-{p}").read_bytes() == (tmp_path / f"playwright-{p}").read_bytes() for p in pictures)


def test_a_report_fetches_nothing(browser, tmp_path):
    secret = tmp_path / "secret.gif"
    secret.write_bytes(base64.b64decode(GIF))  # a picture Chromium would show, were it fetched
    browser.set_content(f'<img id="f" src="file://{secret}"><img id="h" src="http://127.0.0.1:9/x.png">'
                        f'<img id="d" src="data:image/gif;base64,{GIF}">')
    sizes = browser.evaluate("() => ['f', 'h', 'd'].map(id => document.getElementById(id).complete"
                             " && document.getElementById(id).naturalWidth)")
    assert sizes == [0, 0, 1]  # inline data only


def test_script_errors_are_raised_with_their_message(browser):
    with pytest.raises(cdp.BrowserError, match="no_such_name"):
        browser.evaluate("() => no_such_name()")


def test_a_hung_call_is_given_up_after_the_timeout(browser, monkeypatch):
    browser.evaluate("() => 1")
    monkeypatch.setattr(cdp, "TIMEOUT", 1.0)
    t0 = time.monotonic()
    with pytest.raises(cdp.BrowserError, match="did not answer"):
        browser.evaluate("() => new Promise(() => {})")
    assert time.monotonic() - t0 < 5


def test_a_dead_browser_is_an_error_not_a_wait(browser):
    browser.evaluate("() => 1")
    os.killpg(browser.pid, signal.SIGKILL)  # the browser and its wrapper script (Debian's is one)
    t0 = time.monotonic()
    with pytest.raises(cdp.BrowserError):
        browser.evaluate("() => 2")
    assert time.monotonic() - t0 < 5 and browser.wait(5) and browser.poll() is not None


def test_close_ends_the_browser_and_removes_its_profile():
    before = set(os.listdir("/proc/self/fd"))
    b = cdp.Browser(pdf.chromium_path(), pdf.chromium_args())
    pipes = sorted(int(fd) for fd in set(os.listdir("/proc/self/fd")) - before)  # its two pipe ends
    b.set_content("<p>ก</p>")
    profile, pid = b.profile, b.pid
    b.close()
    assert not os.path.exists(profile)
    assert not os.path.exists(f"/proc/{pid}")  # ended and reaped: no zombie left
    assert len(pipes) == 2
    other = os.open(os.devnull, os.O_RDONLY)
    os.dup2(other, pipes[0])  # another file now has the number the browser's pipe had
    try:
        b.close()  # a second close touches nothing
        os.fstat(pipes[0])
    finally:
        os.close(pipes[0])
        os.close(other)


def test_a_browser_left_open_at_exit_leaves_no_profile_behind():
    code = ("from toolkit.export import cdp, pdf; b = cdp.Browser(pdf.chromium_path(), pdf.chromium_args()); "
            "b.set_content('<p>x</p>'); print(b.profile, b.pid)")
    profile, pid = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                  timeout=120).stdout.split()
    assert not os.path.exists(profile)
    deadline = time.monotonic() + 10  # close() ended it; a zombie left for init to reap counts as ended
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(pid)


def running(pid: str) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_missing_browser_is_refused_at_start(tmp_path):
    with pytest.raises(cdp.BrowserError, match="could not be started"):
        cdp.Browser(str(tmp_path / "no-chromium"))
