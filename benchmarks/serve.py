"""`boundary-check serve`: time from page load to the first frame, and memory per open tab.

Prints figures, never asserts: machines are noisy. Needs Debian's chromium
(/usr/bin/chromium) and the test extra (Playwright). Run with the installed
package's Python:  python benchmarks/serve.py [--tabs 1,5,20]

For each count of tabs, that many tabs are opened at once (as a supervision
group or a training room would), then:

1. Page load to first frame: from the start of navigation (the page's own
   performance clock) until the topic list's words are in xterm's screen
   buffer - the first frame a person can read - per tab; median and slowest.
2. Memory per tab: the resident set (RSS) and proportional set (PSS, which
   shares the libraries fairly between processes) of each tab's processes on
   the server (textual-serve's shell and the app), read from /proc once all
   tabs are showing; and the server's own RSS.

Then the tabs are closed and it checks that every tab's process has gone.
Loopback only (127.0.0.1), with its own empty config and data folders; each
step has a deadline, and the whole run stops by itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.serve.conftest import CATCH_TERMINAL, CHROMIUM, READ_SCREEN, descendants, free_port  # noqa: E402

FIRST_WORDS = "What is your dilemma about?"
STEP_SECONDS = 120  # the longest any one step may take before the run gives up


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, from /proc; (0, 0) if it has gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            pss = next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration):
        pass
    return rss, pss


def start_server(home: Path) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_DIRS"):
        (home / name).mkdir()
        env[name] = str(home / name)
    env.pop("BOUNDARY_CHECK_CONFIG", None)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "boundary_tui", "serve", "--port", str(port)],
        cwd=home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"http://127.0.0.1:{port}/"


def measure(browser, server: subprocess.Popen, url: str, count: int) -> dict:
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.add_init_script(CATCH_TERMINAL)
    pages = [context.new_page() for _ in range(count)]
    for page in pages:  # all navigations start together, as a room of people opening the link
        page.goto(url, wait_until="commit", timeout=STEP_SECONDS * 1000)
    first_frames = []
    for page in pages:
        handle = page.wait_for_function(
            f"(words) => ({READ_SCREEN})().includes(words) ? performance.now() : false",
            arg=FIRST_WORDS,
            timeout=STEP_SECONDS * 1000,
            polling=10,
        )
        first_frames.append(handle.json_value() / 1000)
    time.sleep(1)  # let every tab settle (the search index builds after the first frame)
    tab_processes = descendants(server.pid)
    rss = sum(memory_kib(pid)[0] for pid in tab_processes)
    pss = sum(memory_kib(pid)[1] for pid in tab_processes)
    server_rss = memory_kib(server.pid)[0]
    context.close()
    deadline = time.monotonic() + STEP_SECONDS
    while descendants(server.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {
        "tabs": count,
        "processes": len(tab_processes),
        "first_frame_median": statistics.median(first_frames),
        "first_frame_slowest": max(first_frames),
        "rss_per_tab_mib": rss / count / 1024,
        "pss_per_tab_mib": pss / count / 1024,
        "server_rss_mib": server_rss / 1024,
        "left_behind": len(descendants(server.pid)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", default="1,5,20", help="comma-separated counts of tabs (default 1,5,20)")
    args = parser.parse_args()
    counts = [int(n) for n in args.tabs.split(",") if n.strip()]
    if not counts or min(counts) < 1 or max(counts) > 50:
        print("--tabs: counts from 1 to 50", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"no browser at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="boundary-serve-bench-") as folder:
        server, url = start_server(Path(folder))
        try:
            time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                # One tab first, not counted: the server's first tab fills caches the others would share.
                measure(browser, server, url, 1)
                rows = [measure(browser, server, url, count) for count in counts]
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"boundary-check serve on {os.cpu_count()} CPU(s); tabs opened at once, in one headless chromium")
    print(f"{'tabs':>5} {'first frame: median':>20} {'slowest':>8} {'RSS/tab':>9} {'PSS/tab':>9} {'server RSS':>11}")
    for row in rows:
        print(
            f"{row['tabs']:>5} {row['first_frame_median']:>19.2f}s {row['first_frame_slowest']:>7.2f}s "
            f"{row['rss_per_tab_mib']:>7.1f}Mi {row['pss_per_tab_mib']:>7.1f}Mi {row['server_rss_mib']:>9.1f}Mi"
            + (f"  ({row['left_behind']} process(es) LEFT BEHIND)" if row["left_behind"] else "")
        )
    left = sum(row["left_behind"] for row in rows)
    print(f"RSS/tab and PSS/tab: textual-serve's shell and the app process together; left after closing: {left}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
