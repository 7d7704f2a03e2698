"""`boundary-check serve` in a real browser: walks, tabs, the token, and nothing left behind.

Each test starts its own server (see conftest.py) over the app's fixture
trees, and reads what the page shows from xterm's screen buffer.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from tests.serve.conftest import files_under

TOPICS = "What is your dilemma about?"
QUESTION = "Is it money, a voucher or a loan?"
OUTCOME = "Don't accept money, vouchers or loans."


def walk_to_the_outcome(tab) -> str:
    """Pick the gifts topic by typing, answer yes, and return the outcome screen's text."""
    search_for(tab, "voucher")
    tab.press("Enter")
    tab.wait_for(QUESTION)
    tab.press("y")
    return tab.wait_for(OUTCOME)


def search_for(tab, words: str) -> None:
    """Type into the topic list's search as a person would, and wait for the list to answer."""
    tab.wait_for(TOPICS)
    # All at once, as a fast typist: the first letter moves the focus to the search box, and
    # none of the letters that arrive while it moves may be lost (they once were: "vocher").
    tab.type(words, delay=0)
    tab.wait_for(f"▊  {words}")  # in the search box
    tab.wait_for("Enter opens the first one below")


def test_a_walk_in_the_browser_reaches_the_outcome_and_fetches_nothing_from_elsewhere(serve, open_tab, tmp_path):
    served = serve()
    tab = open_tab(served.url)
    screen = walk_to_the_outcome(tab)
    assert "DON'T" in screen
    assert "Who to tell" in screen
    tab.page.screenshot(path=str(tmp_path / "outcome.png"))
    # Every request the page made - the page, its script, style and font, the websocket - went to this server.
    assert tab.requests, "the page made no requests at all?"
    assert all(url.startswith(served.url) or url.startswith(served.url.replace("http", "ws")) for url in tab.requests)
    assert any(url.endswith(".ttf") for url in tab.requests), "the font comes from this server"
    assert "Content-Security-Policy" in tab.response.headers or "content-security-policy" in tab.response.headers


def test_the_practice_page_serves_the_scenarios(serve, open_tab):
    served = serve()
    tab = open_tab(served.url + "practice")
    tab.wait_for("Practice: read a story")
    tab.press("Enter")  # the first story, told above its first question
    screen = tab.wait_for(QUESTION)
    assert "A voucher at the end of term" in screen


def test_each_tab_is_its_own_walk(serve, open_tab, browser):
    served = serve()
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    try:
        first = open_tab(served.url, context)
        search_for(first, "voucher")
        first.press("Enter")
        first.wait_for(QUESTION)
        second = open_tab(served.url, context)  # same browser, same cookies: still a walk of its own
        assert QUESTION not in second.wait_for(TOPICS)
        assert len([p for p in served.tab_processes()]) >= 2
        search_for(second, "voucher")
        second.press("Enter")
        second.wait_for(QUESTION)
        second.press("y")
        second.wait_for(OUTCOME)
        assert OUTCOME not in first.screen()  # the first tab is still on its question
        assert QUESTION in first.screen()
    finally:
        context.close()


def test_the_blank_screen_key_works_in_the_browser(serve, open_tab):
    served = serve()
    tab = open_tab(served.url)
    walk_to_the_outcome(tab)
    tab.press("Control+b")
    blank = tab.wait_until_gone(OUTCOME)
    assert "Who to tell" not in blank
    tab.press("Control+b")
    tab.wait_for(OUTCOME)  # back exactly as it was


def test_the_idle_reset_clears_the_walk_in_the_browser(serve, open_tab):
    served = serve(config="idle_minutes: 0.05\n")  # three seconds
    tab = open_tab(served.url)
    walk_to_the_outcome(tab)
    screen = tab.wait_for(TOPICS, timeout=15)
    assert OUTCOME not in screen


def test_closing_the_tab_ends_its_process_and_leaves_no_file(serve, open_tab, isolated_dirs, tmp_path):
    served = serve(config="serve_records: true\n")
    before = files_under(isolated_dirs, tmp_path)
    tab = open_tab(served.url)
    walk_to_the_outcome(tab)
    processes = served.tab_processes()
    assert processes, "the tab has an app process on the server"
    tab.close()
    deadline = time.monotonic() + 10
    while served.tab_processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert served.tab_processes() == []
    assert files_under(isolated_dirs, tmp_path) == before  # no record, no log, no screenshot


def test_records_are_off_in_the_browser_unless_the_site_turns_them_on(serve, open_tab):
    served = serve()
    tab = open_tab(served.url)
    assert "Save" not in walk_to_the_outcome(tab)
    assert "records: off" in served.output
    served_with_records = serve(config="serve_records: true\n")
    tab = open_tab(served_with_records.url)
    assert "Save" in walk_to_the_outcome(tab)


def test_another_host_needs_the_token_before_any_app_starts(serve, open_tab):
    # Bound to every address, but reached only at 127.0.0.1: no traffic leaves this machine.
    served = serve(host="0.0.0.0")
    assert served.token, served.output
    for url in (served.url, served.url + "?token=not-the-token", served.url + "practice"):
        refused = open_tab(url)
        assert refused.response.status == 403
        assert "token" in refused.page.inner_text("body")
    assert _status(served.url + "ws") == 403  # the websocket too, without the cookie
    assert served.tab_processes() == []  # nothing was started for any of them
    tab = open_tab(served.url + f"?token={served.token}")
    walk_to_the_outcome(tab)
    assert "token" not in tab.page.url  # the token left the address bar (and the history) at once
    assert len(served.tab_processes()) >= 1


def test_a_site_token_is_asked_for_on_loopback_too(serve, open_tab):
    token = "correct-horse-battery-staple-42"
    served = serve(config=f"serve_token: {token}\n")
    assert open_tab(served.url).response.status == 403
    tab = open_tab(served.url + f"?token={token}")
    tab.wait_for(TOPICS)


def test_a_page_from_another_site_cannot_open_a_tab_on_loopback(serve):
    served = serve()
    assert _status(served.url, {"Host": "attacker.example:80"}) == 403  # a rebound DNS name
    assert _status(served.url + "ws", {"Origin": "http://attacker.example"}) == 403
    assert served.tab_processes() == []


def _status(url: str, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_stopping_the_server_ends_every_tab_first(serve, open_tab):
    served = serve()
    tabs = [open_tab(served.url) for _ in range(2)]
    for tab in tabs:
        tab.wait_for(TOPICS)
    processes = served.tab_processes()
    assert len(processes) >= 2
    started = time.monotonic()
    served.process.terminate()  # SIGTERM, as `systemctl stop` sends
    assert served.process.wait(timeout=15) == 0
    assert time.monotonic() - started < 10
    assert not [pid for pid in processes if _alive(pid)]
    tabs[0].page.wait_for_function("() => document.body.classList.contains('-closed')", timeout=10_000)
    assert "Nothing of it was kept" in tabs[0].page.inner_text("body")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
