"""`boundary-check serve`: the same app in a web browser, through textual-serve.

A thin front end and nothing more. textual-serve starts one app process per
browser tab (the same `make_app` as the terminal) and ends it when the tab's
websocket closes; every rule of the terminal app - the idle reset, the blank
screen, saving only on request - holds because it is the same app. What this
module adds is only what a web server needs and a terminal does not:

- loopback by default; any other address needs an access token, checked
  before an app process starts (a browser keeps it as a session cookie, so
  it leaves the address bar and the history at once);
- a page that fetches nothing from the internet (textual-serve's own page
  loads its font from Google), and a Content-Security-Policy that holds the
  browser to it;
- records off, unless the site config turns them on (`serve_records`): the
  records would be written on the server, under the service's account, not
  on the PC of the person who asked.

It must not hold any policy logic: a tab runs `boundary-check serve --tab`,
which builds the app exactly as the terminal does.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import logging
import secrets
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from boundary_tui.catalog import Catalog
from boundary_tui.config import Organisation

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_COOKIE = "boundary_check_token"
QUIT_SECONDS = 5.0  # how long a closed tab's app has to quit before its process is killed
TOKEN_MIN_LENGTH = 16  # a configured token shorter than this is refused: it could be guessed
TEMPLATES = Path(__file__).parent / "serve_page"
PAGES = {"/": "ws", "/practice": "ws-practice"}  # each page and the websocket beside it
# Everything the page loads comes from this server; 'unsafe-inline' only for the page's own
# <style> and <script>, which are part of the template, never data.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)

log = logging.getLogger("boundary-check.serve")


class ServeError(Exception):
    """The server cannot start as asked (a missing package, a weak token): one line, exit 2."""


def needs_token(host: str) -> bool:
    """True unless the server listens on this computer alone.

    Only the loopback names count: 0.0.0.0, a LAN address or a host name can be
    reached by other machines, and then who opens the page must be checked.
    """
    return host.strip("[]").lower() not in LOOPBACK_HOSTS


def new_token() -> str:
    """A fresh access token: 32 URL-safe characters, about 192 bits from the OS's random source."""
    return secrets.token_urlsafe(24)


def choose_token(host: str, configured: str | None) -> str | None:
    """The token this server asks for: the site config's, else a new one, else (on loopback) none.

    A token set in the site config is asked for on loopback too: that is how a
    server behind the organisation's reverse proxy, which listens on loopback
    but answers the whole network, still checks who opens it. A configured
    token that is too short is a ServeError rather than a quiet weakness: it
    guards walks of real dilemmas.
    """
    if configured is None:
        return new_token() if needs_token(host) else None
    if len(configured) < TOKEN_MIN_LENGTH or any(c.isspace() for c in configured):
        raise ServeError(
            f"serve_token in the site config must be at least {TOKEN_MIN_LENGTH} characters, with no spaces "
            f"(for example: {new_token()})"
        )
    return configured


def served_organisation(organisation: Organisation) -> Organisation:
    """The organisation as a browser tab sees it: records only where the site config allows them in served mode."""
    return organisation._replace(records=organisation.records and organisation.serve_records)


def tab_command(config: Path | None, practice: bool) -> str:
    """The shell command textual-serve runs for each tab: this Python, this package, this config."""
    words = [sys.executable, "-m", "boundary_tui"]
    if config is not None:
        words += ["--config", str(config)]
    words += ["serve", "--tab"] + (["--practice"] if practice else [])
    # textual-serve starts it through the shell: cmd.exe quoting on Windows, POSIX quoting elsewhere.
    return subprocess.list2cmdline(words) if sys.platform == "win32" else shlex.join(words)


def run_tab(catalog: Catalog, organisation: Organisation, practice: bool) -> int:
    """One browser tab's app: the terminal app, driven by textual-serve over the tab's websocket."""
    from boundary_tui.app.app import make_app

    app = make_app(catalog=catalog, organisation=served_organisation(organisation), practice=practice)
    app.run()
    return app.return_code or 0


@dataclass(frozen=True)
class Address:
    """Where the server listens, and the link to give people."""

    host: str
    port: int
    token: str | None

    def link(self, page: str = "") -> str:
        host = self.host
        if host in ("0.0.0.0", "::"):  # every address of this machine: name it as others would
            import socket

            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        query = f"?token={quote(self.token, safe='')}" if self.token else ""
        return f"http://{host}:{self.port}/{page}{query}"


def serve(address: Address, config: Path | None, title: str, organisation: Organisation) -> int:
    """Run the server until Ctrl+C or SIGTERM; each tab's app process is ended with its tab."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ServeError(
            "serving needs the textual-serve package: install boundary-check with "
            "the 'serve' extra (pip install 'boundary-check[serve]')"
        ) from None
    server_class = _server_class(Server)
    server = server_class(address, config, title, organisation)
    server.serve()
    return 0


def _server_class(base):
    """The textual-serve Server with the guard, the local page and the practice page added.

    Built when asked, so that importing this module never imports aiohttp.
    """
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService

    class BoundaryServer(base):
        def __init__(self, address: Address, config: Path | None, title: str, organisation: Organisation):
            super().__init__(
                tab_command(config, practice=False),
                host=address.host,
                port=address.port,
                title=title,
                templates_path=TEMPLATES,
            )
            self.address = address
            self.practice_command = tab_command(config, practice=True)
            self.organisation = organisation
            self.open_tabs: dict = {}  # AppService -> its websocket

        def initialize_logging(self) -> None:
            # textual-serve's logging prints tracebacks with every local variable, which could hold
            # part of a walk (a tab's screen), and aiohttp's access log would print the token.
            logging.basicConfig(level=logging.INFO, format="%(message)s")
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def on_startup(self, app) -> None:
            records = (
                "on (serve_records in the site config)" if served_organisation(self.organisation).records else "off"
            )
            print(f"boundary-check is served at {self.address.link()}", flush=True)
            print(f"  practice scenarios: {self.address.link('practice')}", flush=True)
            if self.address.token:
                print("  anyone opening it needs that link: it carries the access token", flush=True)
            print(f"  records: {records}; press Ctrl+C to stop", flush=True)

        async def _make_app(self):
            app = await super()._make_app()
            app.middlewares.append(self._guard)
            app.router.add_get("/practice", self.handle_index)
            app.router.add_get("/ws-practice", self.handle_practice_websocket)
            return app

        @web.middleware
        async def _guard(self, request, handler):
            refused = self._refusal(request)
            if refused is not None:
                log.warning("refused %s %s: %s", request.method, request.path, refused)
                response = web.Response(status=403, text=f"boundary-check: {refused}\n")
                _private(response)
                return response
            if self.address.token and "token" in request.query:
                # The token has done its job: keep it as a session cookie, and take it out of the
                # address bar and the history, where someone sharing a screen would show it.
                target = request.path.rsplit("/", 1)[-1] or "./"
                response = web.Response(status=303, headers={"Location": target})
                response.set_cookie(TOKEN_COOKIE, self.address.token, httponly=True, samesite="Strict")
                _private(response)
                return response
            response = await handler(request)
            if not response.prepared:  # a websocket has sent its headers already
                _private(response)
            return response

        def _refusal(self, request) -> str | None:
            """Why this request may not go on, or None. Nothing starts before this says None."""
            if not self.address.token:
                # Loopback only: refuse a page whose address is not this computer's (a rebound DNS
                # name), and a websocket opened by some other site's page in the same browser.
                if not _is_loopback_name(request.url.host or ""):
                    return "this server answers only at 127.0.0.1 or localhost"
                origin = request.headers.get("Origin")
                if origin is not None and urlsplit(origin).netloc != request.host:
                    return "a page from another site may not open a session here"
                return None
            given = request.query.get("token")
            if given is None:
                given = request.cookies.get(TOKEN_COOKIE, "")
            if hmac.compare_digest(given.encode(), self.address.token.encode()):
                return None
            if not given:
                return "an access token is needed: open the full link you were given (it ends in ?token=...)"
            return "that access token is not right: open the full link you were given"

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request):
            context = await base.handle_index.__wrapped__(self, request)
            context["websocket_path"] = PAGES.get(request.path, "ws")
            context["records_on"] = served_organisation(self.organisation).records  # for the "session ended" words
            if request.path == "/practice":
                context["application"] = {"name": f"{self.title}: practice"}
            return context

        async def handle_websocket(self, request):
            return await self._run_tab(request, self.command)

        async def handle_practice_websocket(self, request):
            return await self._run_tab(request, self.practice_command)

        async def _run_tab(self, request, command: str):
            """One tab: its own app process for as long as its websocket is open, and not a moment longer.

            textual-serve's own handler, with two guarantees added: the process is
            gone when the handler returns (killed if it has not quit within
            QUIT_SECONDS of being asked), and the server can end every tab when it stops.
            """
            websocket = web.WebSocketResponse(heartbeat=15)
            await websocket.prepare(request)
            service = AppService(
                command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.open_tabs[service] = websocket
            try:
                await service.start(_cells(request, "width", 80), _cells(request, "height", 24))
                await self._process_messages(websocket, service)
            except Exception as error:  # one line, never a traceback that could carry a screen's text
                log.warning("a tab ended with an error: %s", type(error).__name__)
            finally:
                await asyncio.shield(_end_tab(service))
                self.open_tabs.pop(service, None)
                await websocket.close()
            return websocket

        async def on_shutdown(self, app) -> None:
            """Ctrl+C or SIGTERM: close every tab, so each app process quits before the server does."""
            for websocket in list(self.open_tabs.values()):
                await websocket.close()
            for _ in range(int(QUIT_SECONDS * 10) + 10):
                if not self.open_tabs:
                    break
                await asyncio.sleep(0.1)

    return BoundaryServer


async def _end_tab(service) -> None:
    """Ask a tab's app to quit, as textual-serve does, and make sure its process has gone."""
    process = service._process  # textual-serve keeps it private; the guarantee needs the process itself
    if process is None:
        return
    with contextlib.suppress(asyncio.TimeoutError, OSError, RuntimeError):  # a pipe already broken: killed below
        await asyncio.wait_for(service.stop(), QUIT_SECONDS)
    if process.returncode is None:
        try:
            await asyncio.wait_for(process.wait(), QUIT_SECONDS)
        except asyncio.TimeoutError:
            log.warning("a tab's app did not quit; ending it")
            _kill(process.pid)
            await process.wait()


def _kill(pid: int) -> None:
    """End a tab's process and any child (textual-serve starts it through a shell)."""
    import os
    import signal

    if sys.platform != "win32":
        # The shell's child first: killing only the shell would leave the app running.
        for child in _children(pid):
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL if sys.platform != "win32" else signal.SIGTERM)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (Linux); none where there is no /proc."""
    import os

    found = []
    with contextlib.suppress(OSError):
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError), open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:  # field 4, after "(name)"
                        found.append(int(entry))
    return found


def _cells(request, name: str, default: int) -> int:
    """The tab's size in character cells, as its page asked; a nonsense value gets the default."""
    try:
        value = int(request.query.get(name, default))
    except ValueError:
        return default
    return value if 1 <= value <= 1000 else default


def _private(response) -> None:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"


def _is_loopback_name(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
