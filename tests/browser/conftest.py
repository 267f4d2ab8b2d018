"""Browser test wiring: Debian's Chromium driven by Playwright, the platform as a real server
process, and a second origin for front-end pages.

Fixtures: `front_end` (a static HTTP server for tests/browser/player/ on its own port),
`live_platform` (`manage.py serve` with a fresh VAR_DIR, that front end's origin allowed),
`chromium` (one browser per session) and `new_page` (a fresh context and page that records
every request and console line, and leaves a screenshot in var/test-artifacts/ on failure).
"""

import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Page, sync_playwright

from tests.live import embedded_run

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PLAYER_DIR = Path(__file__).resolve().parent / "player"
ARTIFACTS = settings.BASE_DIR / "var" / "test-artifacts"
WAIT_MS = 20_000
REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item):
    """Keep each phase's report on the test item, so fixtures can tell a failed test."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@dataclass
class Server:
    """A running server: its base URL and, for ours, its console log."""

    url: str
    log: Path | None = None

    def owns(self, url: str) -> bool:
        """Whether `url` points at this server (same scheme, host and port)."""
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.url


@dataclass
class RecordedPage:
    """A Playwright page plus what it did: requests, answers, failures and console lines."""

    page: Page
    requests: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    console: list[str] = field(default_factory=list)

    def left_for(self, *servers: Server) -> list[str]:
        """Requests that went to another host than `servers`.

        data: and blob: URLs never leave the browser, and a request the page's own
        Content-Security-Policy stopped (failure "csp") was never sent.
        """
        return [
            url
            for url in self.requests
            if not any(server.owns(url) for server in servers)
            and not url.startswith(("data:", "blob:"))
            and self.failures.get(url) != "csp"
        ]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Keep the test output clean; the browser records what it fetched."""


@pytest.fixture(scope="session")
def front_end():
    """tests/browser/player/ over HTTP on its own loopback port: another origin than the API."""
    handler = functools.partial(_QuietHandler, directory=str(PLAYER_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="front-end", daemon=True)
    thread.start()
    try:
        yield Server(url=f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def live_platform(tmp_path_factory, front_end):
    """`manage.py serve` (the embedded run: in-memory stores, in-process worker) on a free port.

    DEBUG is off, as in production, so static files come through WhiteNoise and not through
    runserver's debug handler. The front end's origin is the one CORS allows.
    """
    root = tmp_path_factory.mktemp("live-platform")
    values = {
        "DJANGO_DEBUG": "0",
        "CORS_ALLOWED_ORIGINS": front_end.url,
        # Every browser test signs its users up from this one address against this one server;
        # registration's own throttle is tested on its own.
        "THROTTLE_REGISTER": "1000/h",
    }
    with embedded_run(root, **values) as (url, log):
        yield Server(url=url, log=log)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, with its own background traffic switched off."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(chromium, request):
    """A fresh 1280x800 page (own cookies and storage) that records requests and console lines."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    recorded = RecordedPage(page=page)
    context.on("request", lambda req: recorded.requests.append(req.url))
    context.on("response", lambda res: recorded.statuses.__setitem__(res.url, res.status))
    context.on("requestfailed", lambda req: recorded.failures.__setitem__(req.url, req.failure))
    page.on("console", lambda msg: recorded.console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda error: recorded.console.append(f"pageerror: {error}"))
    try:
        yield recorded
    finally:
        outcome = request.node.stash.get(REPORTS, {}).get("call")
        if outcome is not None and outcome.failed:
            _save_artifacts(request.node.nodeid, recorded)
        context.close()


def _save_artifacts(nodeid: str, recorded: RecordedPage) -> None:
    """A screenshot and the page's console and requests, named after the failed test."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)
    recorded.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    requests = [
        f"{url} {recorded.statuses.get(url, recorded.failures.get(url))}"
        for url in recorded.requests
    ]
    lines = ["# console", *recorded.console, "# requests", *requests]
    (ARTIFACTS / f"{name}.log").write_text("\n".join(lines) + "\n")
