"""A built copy of the project's own handbook, served on 127.0.0.1, and a headless Chromium.

Playwright drives Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run`), never a
browser download of its own. Outside CI the tests skip when Chromium or Playwright is missing;
in CI (`CI` set) a missing browser is a failure, so the check cannot silently stop running.

Material loads Mermaid from unpkg, which an offline machine cannot reach. `.ci/run` keeps a copy
of `mermaid.min.js` in a cache folder outside the repository (`ASYNCOPS_MERMAID_JS` names another
file); pages are served it in place of the CDN's, so the decision log's graph is checked too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT
from tests.helpers.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    MERMAID_JS,
    Visit,
    built_pages,
    open_page,
    served,
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_handbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """The project's own handbook, built once for all browser tests: its site folder, and the
    URL paths of its generated pages and of its documents."""
    site = tmp_path_factory.mktemp("handbook-site")
    return (site, *built_pages(REPO_ROOT, site))


@pytest.fixture(scope="session")
def site_dir(built_handbook: tuple[Path, list[str], list[str]]) -> Path:
    """The project's own handbook's site folder."""
    return built_handbook[0]


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
