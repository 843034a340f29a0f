"""Helpers for the browser tests: Chromium's path and flags, a local HTTP server, Mermaid's
local copy and opening a page in Playwright (the fixtures are in tests/browser/conftest.py)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = os.environ.get("ASYNCOPS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium by default; `ASYNCOPS_CHROMIUM` names another Chromium-based browser."""
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # `format`: the base class names it
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """`directory` served over HTTP on a free loopback port; yields its base URL."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


MERMAID_CDN = re.compile(r"^https://unpkg\.com/mermaid@[^/]+/dist/mermaid\.min\.js$")
MERMAID_JS = Path(
    os.environ.get("ASYNCOPS_MERMAID_JS")
    or Path.home() / ".cache" / "mkdocs-asyncops" / "mermaid" / "mermaid.min.js"
)


Visit = Callable[..., tuple[object, list[str]]]


def open_page(
    browser: object, url: str, mermaid: Path | None, scheme: str = "light"
) -> tuple[object, list[str]]:
    """Load `url` and wait for the network to settle; return the page and its console errors.

    Mermaid comes from `mermaid` when given; without it the CDN's failure is not counted as a
    page's error, and the tests that need the graph skip that check.
    """
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    problems: list[str] = []

    def console(message: object) -> None:
        where = message.location.get("url", "")
        if message.type == "error" and not (mermaid is None and "unpkg.com" in where):
            problems.append(f"{message.text} ({where})")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Material draws each Mermaid graph into a closed shadow root; open it so tests can see the SVG.
    page.add_init_script(
        "const attach = Element.prototype.attachShadow;"
        "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
    )
    if mermaid is not None:
        page.route(
            MERMAID_CDN,
            lambda route: route.fulfill(path=str(mermaid), content_type="text/javascript"),
        )
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    return page, problems
