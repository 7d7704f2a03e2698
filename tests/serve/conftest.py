"""A real server and a real browser: `boundary-check serve` in a subprocess, Debian's chromium driven by Playwright.

Playwright drives the system browser (/usr/bin/chromium) and never downloads
its own. Where chromium or Playwright is missing the browser tests skip,
saying why; `.ci/run` installs chromium and sets BOUNDARY_CHECK_NEED_BROWSER=1,
so there a missing browser fails instead of skipping.

The page draws the app with xterm.js on a canvas, so its text is not in the
DOM. The tests read xterm's own screen buffer: an init script catches the
Terminal object as textual-serve's page script stores it (`this.terminal = ...`),
and `buffer.active` gives each row as text - what the canvas shows.

Every server listens on loopback or on 0.0.0.0, and every request goes to
127.0.0.1: nothing here sends traffic anywhere else.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FIXTURE_TREES = Path(__file__).parent.parent / "app" / "fixtures" / "trees"

# Catch the xterm.js Terminal when textual.js assigns it to `this.terminal`, without changing the page.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    window.__terminal = value;
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
  },
});
"""
READ_SCREEN = """() => {
  const terminal = window.__terminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, rows = [];
  for (let row = 0; row < buffer.length; row++) rows.push(buffer.getLine(row).translateToString(true));
  return rows.join("\\n");
}"""


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (a tab's shell and its app), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def files_under(*folders: Path) -> set[Path]:
    return {path for folder in folders for path in folder.rglob("*")}


class ServedApp:
    """A running `boundary-check serve`: its URL (always on 127.0.0.1), token, and process."""

    def __init__(self, process: subprocess.Popen, port: int, token: str | None, output: str):
        self.process, self.port, self.token, self.output = process, port, token, output
        self.url = f"http://127.0.0.1:{port}/"

    def tab_processes(self) -> list[int]:
        return descendants(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def site_config(isolated_dirs):
    """Write the site config the server reads; the fixture trees only, so the screens are stable."""

    def write(extra: str = "") -> Path:
        path = isolated_dirs / "site" / "boundary-check" / "config.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"trees: [{FIXTURE_TREES}]\nbundled_trees: false\n{extra}", encoding="utf-8")
        return path

    return write


@pytest.fixture
def serve(site_config, tmp_path):
    """`serve(host="127.0.0.1", config="")` starts a server and waits until it answers; all are stopped after."""
    started: list[ServedApp] = []

    def start(host: str = "127.0.0.1", config: str = "") -> ServedApp:
        site_config(config)
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "boundary_tui", "serve", "--host", host, "--port", str(port)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the first lines say where it is served, then it listens
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "records:" in line:
                break
        output = "".join(lines)
        assert "is served at" in output, output
        token = re.search(r"\?token=([A-Za-z0-9_\-%]+)", output)
        served = ServedApp(process, port, token.group(1) if token else None, output)
        started.append(served)
        _wait_until_listening(port)
        return served

    yield start
    for served in started:
        served.stop()


def _wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listening on 127.0.0.1:{port}")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (which downloads nothing)."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[test]')"
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"no browser at {CHROMIUM} (apt-get install chromium; .ci/run installs it)"
    if reason is not None:
        if os.environ.get("BOUNDARY_CHECK_NEED_BROWSER"):
            pytest.fail(f"the browser tests must run here, but: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Tab:
    """One browser tab on the served app: what it shows, and keys typed into it."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.add_init_script(CATCH_TERMINAL)
        self.response = self.page.goto(url)

    def screen(self) -> str:
        return self.page.evaluate(READ_SCREEN)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """Wait until `text` is on the screen; the screen's text."""
        return self._wait(f"(text) => ({READ_SCREEN})().includes(text)", text, timeout, "never showed")

    def wait_until_gone(self, text: str, timeout: float = 30) -> str:
        return self._wait(f"(text) => !({READ_SCREEN})().includes(text)", text, timeout, "never stopped showing")

    def _wait(self, condition: str, text: str, timeout: float, failure: str) -> str:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(condition, arg=text, timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise AssertionError(f"the page {failure} {text!r}; it shows:\n{self.screen()}") from None
        return self.screen()

    def type(self, text: str, delay: float = 40) -> None:
        """Type a key at a time, `delay` ms apart (40: a fast typist; 0: keys in a burst, as over a slow link)."""
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.type(text, delay=delay)

    def press(self, *keys: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        for key in keys:
            self.page.keyboard.press(key)

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_tab(browser):
    """`open_tab(url, context=None)` opens a tab (a fresh browser profile unless a context is given)."""
    contexts = []

    def open_(url: str, context=None) -> Tab:
        if context is None:
            context = browser.new_context(viewport={"width": 1000, "height": 700})
            contexts.append(context)
        return Tab(context, url)

    yield open_
    for context in contexts:
        context.close()
