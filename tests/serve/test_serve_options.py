"""What `serve` decides before any browser connects: who needs a token, the tab's command, the config keys."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_tui import serve
from boundary_tui.cli import main
from boundary_tui.config import Organisation, load_config


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "LOCALHOST"])
def test_loopback_needs_no_token(host):
    assert not serve.needs_token(host)
    assert serve.choose_token(host, None) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "127.0.0.2", "192.0.2.10", "boundary.example.org"])
def test_any_other_host_gets_a_new_token_each_start(host):
    # 127.0.0.2 is loopback too, but only the three names count: the rule is simple to state and check.
    first, second = serve.choose_token(host, None), serve.choose_token(host, None)
    assert first and second and first != second
    assert len(first) >= serve.TOKEN_MIN_LENGTH


def test_a_site_token_is_used_everywhere_even_on_loopback():
    token = "correct-horse-battery-staple-42"
    assert serve.choose_token("127.0.0.1", token) == token
    assert serve.choose_token("0.0.0.0", token) == token


@pytest.mark.parametrize("token", ["short", "has a space in the middle"])
def test_a_weak_site_token_stops_the_server_with_one_line(token):
    with pytest.raises(serve.ServeError, match="at least 16 characters"):
        serve.choose_token("0.0.0.0", token)


def test_records_are_off_in_a_tab_unless_the_site_turns_them_on():
    assert not serve.served_organisation(Organisation()).records
    assert serve.served_organisation(Organisation(serve_records=True)).records
    assert not serve.served_organisation(Organisation(records=False, serve_records=True)).records  # off wins


def test_the_tab_command_runs_this_python_with_this_config(tmp_path):
    config = tmp_path / "with space" / "config.yaml"
    words = shlex.split(serve.tab_command(config, practice=True))
    assert words == [sys.executable, "-m", "boundary_tui", "--config", str(config), "serve", "--tab", "--practice"]


def test_the_link_names_this_machine_and_carries_the_token():
    assert serve.Address("127.0.0.1", 8000, None).link() == "http://127.0.0.1:8000/"
    assert serve.Address("::1", 8000, None).link("practice") == "http://[::1]:8000/practice"
    link = serve.Address("0.0.0.0", 8000, "a+b/c").link()
    assert "0.0.0.0" not in link and link.endswith(":8000/?token=a%2Bb%2Fc")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_serve_keys_count_only_in_the_site_file(tmp_path):
    site = _write(tmp_path / "site.yaml", "serve_token: from-the-site-file-0123\nserve_records: true\n")
    user = _write(tmp_path / "user.yaml", "serve_token: from-a-user-file-01234\nserve_records: false\n")
    loaded = load_config(None, site, user)
    assert loaded.organisation.serve_token == "from-the-site-file-0123"
    assert loaded.organisation.serve_records is True
    messages = [str(p) for p in loaded.problems]
    assert any("only the site file can set 'serve_token'" in m for m in messages), messages
    assert any("only the site file can set 'serve_records'" in m for m in messages), messages


def test_serve_records_is_off_unless_set(tmp_path):
    loaded = load_config(None, tmp_path / "none.yaml", tmp_path / "none2.yaml")
    assert loaded.organisation.serve_records is False
    assert loaded.organisation.serve_token is None


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_port_out_of_range_is_one_line(port, capsys):
    assert main(["serve", "--port", port]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "use a port from 1 to 65535" in error


def test_a_weak_site_token_is_one_line_from_the_command(isolated_dirs, capsys):
    _write(isolated_dirs / "site" / "boundary-check" / "config.yaml", "serve_token: tooshort\n")
    assert main(["serve", "--host", "0.0.0.0", "--port", "8000"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "serve_token" in error


def test_importing_serve_imports_no_web_server_nor_textual():
    # `boundary-check --help` and every printing command must not pay for aiohttp.
    code = "import sys, json, boundary_tui.serve; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    modules = {m.split(".")[0] for m in json.loads(result.stdout)}
    assert not modules & {"aiohttp", "textual_serve", "textual", "jinja2"}


class _StuckTab:
    """A tab whose app never quits when asked: textual-serve's stop() would wait for ever."""

    def __init__(self, process):
        self._process = process

    async def stop(self) -> None:
        import asyncio

        await asyncio.sleep(3600)


def test_a_tab_that_does_not_quit_is_killed_with_its_child(monkeypatch):
    import asyncio
    import concurrent.futures

    monkeypatch.setattr(serve, "QUIT_SECONDS", 0.3)

    async def run() -> tuple[int, list[int]]:
        # As textual-serve starts a tab: through the shell, so the app is the shell's child.
        process = await asyncio.create_subprocess_shell("sleep 60; true")
        await asyncio.sleep(0.2)
        children = serve._children(process.pid)
        await serve._end_tab(_StuckTab(process))
        return process.returncode, children

    # In a thread of its own: Playwright's sync API (the browser tests) leaves a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        returncode, children = pool.submit(asyncio.run, run()).result(timeout=30)
    assert returncode is not None  # the shell has gone
    assert children, "the shell's child (the app) was found"
    assert not [child for child in children if _running(child)]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
