"""A built copy of the project's own handbook, served on 127.0.0.1, and a headless Chromium.

Playwright drives Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run`), never a
browser download of its own. Outside CI the tests skip when Chromium or Playwright is missing;
in CI (`CI` set) a missing browser is a failure, so the check cannot silently stop running.

Material loads Mermaid from unpkg, which an offline machine cannot reach. `.ci/run` keeps a copy
of `mermaid.min.js` in a cache folder outside the repository (`ASYNCOPS_MERMAID_JS` names another
file); pages are served it in place of the CDN's, so the decision log's graph is checked too.
"""

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

import pytest

from tests.helpers import REPO_ROOT
from tests.helpers.site import build_site

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


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own handbook, built once for all browser tests."""
    return build_site(REPO_ROOT, site_dir=tmp_path_factory.mktemp("handbook-site"))


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


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The project's handbook served over HTTP."""
    with served(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        _unavailable("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


MERMAID_CDN = re.compile(r"^https://unpkg\.com/mermaid@[^/]+/dist/mermaid\.min\.js$")
MERMAID_JS = Path(
    os.environ.get("ASYNCOPS_MERMAID_JS")
    or Path.home() / ".cache" / "mkdocs-asyncops" / "mermaid" / "mermaid.min.js"
)


@pytest.fixture(scope="session")
def mermaid_js() -> Path | None:
    """The local copy of Mermaid, or None outside CI when it was never fetched."""
    if MERMAID_JS.is_file():
        return MERMAID_JS
    if os.environ.get("CI"):
        pytest.fail(
            f"no local Mermaid at {MERMAID_JS}; .ci/run fetches it with `npm pack mermaid@11`"
        )
    return None


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


@pytest.fixture
def visit(browser: object, mermaid_js: Path | None) -> Iterator[Visit]:
    """`visit(url, scheme="light")` -> (page, console errors); pages close after the test."""
    pages: list[object] = []

    def opened(url: str, scheme: str = "light") -> tuple[object, list[str]]:
        page, problems = open_page(browser, url, mermaid_js, scheme)
        pages.append(page)
        return page, problems

    yield opened
    for page in pages:
        page.close()
