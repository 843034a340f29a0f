"""Every generated page in a real browser, at 1440x900 and 390x844, in Material's light
(`default`) and dark (`slate`) palettes: nothing scrolls sideways, no text runs over other
text, every chart has a title, and axe-core finds nothing serious or critical.

Two handbooks: a fixture that has every generated page and the titles that break layouts
(`feature_handbook.py`), and the project's own. The fixture's generated pages are checked whole
(Material's header, navigation and search too); elsewhere axe looks at the content area, which
is what the plugin generates, and the dark palette re-runs only the contrast rules. The pages are
listed here, so a test names each; the first tests fail when the plugin generates a page these
lists miss.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.helpers.browser import (
    axe_problems,
    built_pages,
    layout_problems,
    page_problems,
    prepare,
    served,
)

from .feature_handbook import build_feature_handbook

COMMON = [
    "adr/",
    "handbook/",
    "handbook/decisions/",
    "handbook/design/",
    "handbook/integrations/",
    "handbook/people/",
    "handbook/postmortems/",
    "handbook/reviews/",
    "handbook/runbook/",
    "handbook/this-week/",
    "handbook/timeline/",
    "health/coverage/",
    "health/drift/",
    "health/metrics/",
    "health/stale/",
]
FEATURE_PAGES = sorted([*COMMON, "handbook/organisation/"])
"""The fixture's generated pages: the boards, the kind indexes, the health pages, and the
organisation page (it reads another repository's export)."""
FEATURE_DOCUMENTS = [
    "adr/0001-use-postgres/",
    "adr/0002-use-redis/",
    "adr/0003-use-memcached/",
    "adr/0004-reconcile-ledgers/",
    "design/cache/",
    "design/search/",
    "integrations/implementing/",
    "integrations/live/",
    "integrations/requested/",
    "postmortems/2026-03-04-broker-outage/",
    "runbooks/broker/",
]
"""The fixture's documents: each kind's header, a superseded notice, a stale notice."""
OWN_PAGES = COMMON


@pytest.fixture(scope="module")
def feature_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, list[str], list[str]]]:
    """The fixture handbook built and served: its URL, generated pages and documents."""
    root = tmp_path_factory.mktemp("features")
    project = build_feature_handbook(root)
    site = root / "site"
    pages, documents = built_pages(project, site)
    with served(site) as url:
        yield url, pages, documents


@pytest.fixture(scope="module")
def checker(browser: object, mermaid_js: Path | None) -> Iterator[object]:
    """One page, reused for every check (a new one per URL costs more than the checks)."""
    page = browser.new_page()
    prepare(page, mermaid_js)
    yield page
    page.close()


def test_the_lists_name_every_page_the_plugin_generates(
    feature_site: tuple[str, list[str], list[str]],
    built_handbook: tuple[Path, list[str], list[str]],
) -> None:
    _, pages, documents = feature_site
    assert pages == FEATURE_PAGES
    assert documents == FEATURE_DOCUMENTS
    assert built_handbook[1] == OWN_PAGES


@pytest.mark.parametrize("path", FEATURE_PAGES)
def test_a_generated_page_of_the_fixture_reads_at_every_width_and_palette(
    checker: object,
    feature_site: tuple[str, list[str], list[str]],
    mermaid_js: Path | None,
    path: str,
) -> None:
    url = urljoin(feature_site[0], path)
    assert page_problems(checker, url, "page", mermaid_js is not None) == []


@pytest.mark.parametrize("path", FEATURE_DOCUMENTS)
def test_a_document_of_the_fixture_reads_at_every_width_and_palette(
    checker: object,
    feature_site: tuple[str, list[str], list[str]],
    mermaid_js: Path | None,
    path: str,
) -> None:
    url = urljoin(feature_site[0], path)
    assert page_problems(checker, url, "content", mermaid_js is not None) == []


@pytest.mark.parametrize("path", OWN_PAGES)
def test_a_generated_page_of_the_handbook_reads_at_every_width_and_palette(
    checker: object, base_url: str, mermaid_js: Path | None, path: str
) -> None:
    url = urljoin(base_url, path)
    assert page_problems(checker, url, "content", mermaid_js is not None) == []


def test_every_document_of_the_handbook_fits_at_every_width_and_palette(
    checker: object, base_url: str, built_handbook: tuple[Path, list[str], list[str]]
) -> None:
    """The documents' bodies are their authors'; what the plugin adds to them (header, notices)
    is checked with axe on the fixture's documents. Here: the layout of each, at each width."""
    documents = built_handbook[2]
    assert len(documents) >= 20
    problems = {
        path: found
        for path in documents
        if (found := page_problems(checker, urljoin(base_url, path), None, mermaid=False))
    }
    assert problems == {}


BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
<div class="md-content"><article>
<p style="position: absolute; top: 0; left: 0">Some words here</p>
<p style="position: absolute; top: 0; left: 0">Other words there</p>
<div style="width: 3000px">A line as wide as three screens</div>
<svg role="img" width="10" height="10"><rect width="10" height="10"/></svg>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</article></div></main></body></html>"""


def test_the_checks_find_what_they_look_for(checker: object) -> None:
    """A gate that passes on nothing is broken: each check finds its problem in a page built to
    have it, and nothing in the same page without them."""
    checker.set_viewport_size({"width": 1440, "height": 900})
    checker.set_content(BROKEN)
    found = layout_problems(checker)
    assert any(
        p.startswith("the document scrolls sideways") and "three screens" in p for p in found
    )
    assert any(p.startswith("the content scrolls sideways") for p in found)
    assert 'p "Some words here" overlaps p "Other words there"' in found
    assert any(p.startswith("a chart without a <title>") for p in found)
    assert any(p.startswith("image-alt (critical)") for p in axe_problems(checker, "page"))
    fixed = (
        BROKEN.replace("position: absolute; top: 0; left: 0", "")
        .replace("width: 3000px", "")
        .replace('<rect width="10"', '<title>A square</title><rect width="10"')
        .replace("<img ", '<img alt="A dot" ')
    )
    checker.set_content(fixed)
    assert layout_problems(checker) == []
    assert axe_problems(checker, "page") == []
