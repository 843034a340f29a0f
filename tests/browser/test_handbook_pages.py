"""The generated handbook pages in a real browser: boards, the decision log and its graph and
filters, and a superseded decision with its notice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.helpers import adr
from tests.helpers.browser import Visit, served
from tests.helpers.site import MERMAID, build_site

from .test_site import assert_links_resolve, internal_links

BOARDS = [
    "handbook/",
    "handbook/reviews/",
    "handbook/integrations/",
    "handbook/postmortems/",
    "handbook/design/",
    "handbook/people/",
    "handbook/this-week/",
    "health/coverage/",
    "health/metrics/",
]


@pytest.mark.parametrize("path", BOARDS)
def test_boards_show_their_tables(visit: Visit, base_url: str, path: str) -> None:
    page, problems = visit(urljoin(base_url, path))
    assert page.query_selector("article table") is not None
    assert problems == []


def test_decision_log_draws_its_graph(visit: Visit, base_url: str, mermaid_js: Path | None) -> None:
    page, problems = visit(urljoin(base_url, "handbook/decisions/"))
    assert problems == []
    if mermaid_js is None:
        pytest.skip(
            "no local Mermaid (run .ci/run once, or set ASYNCOPS_MERMAID_JS): the graph is not drawn"
        )
    page.wait_for_selector(".mermaid svg", timeout=10_000)
    labels = page.eval_on_selector_all(
        ".mermaid svg .nodeLabel", "nodes => nodes.map(n => n.textContent)"
    )
    assert any(label.startswith("ADR-0001: Record architecture decisions") for label in labels), (
        labels
    )


def test_decision_log_filters_by_status_and_tag(
    visit: Visit, base_url: str, site_dir: Path
) -> None:
    records = [
        r
        for r in json.loads((site_dir / "asyncops.json").read_text())["records"]
        if r["kind"] == "adr"
    ]
    tagged = [r for r in records if "theme" in r["frontmatter"].get("tags", [])]
    page, problems = visit(urljoin(base_url, "handbook/decisions/"))

    def shown() -> int:
        return page.eval_on_selector_all(
            "table tbody tr",
            "rows => rows.filter(r => !r.closest('.asyncops-chart') && r.style.display !== 'none')"
            ".length",  # the decision log's rows, not the figures of its chart
        )

    assert shown() == len(records)
    page.select_option(".asyncops-filter select >> nth=1", "theme")
    assert shown() == len(tagged) >= 1
    page.select_option(".asyncops-filter select >> nth=1", "")
    page.select_option(".asyncops-filter select >> nth=0", "accepted")
    page.select_option(".asyncops-filter select >> nth=1", "theme")
    assert shown() == sum(r["status"] == "accepted" for r in tagged)
    page.select_option(".asyncops-filter select >> nth=1", "")
    assert shown() == sum(r["status"] == "accepted" for r in records)
    page.select_option(".asyncops-filter select >> nth=0", "")
    assert shown() == len(records)
    assert problems == []


SUPERSEDED_SITE = {
    "mkdocs.yml": "site_name: Superseded\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
    + MERMAID
    + "plugins:\n  - asyncops:\n      sources: [adr]\n      today: 2024-04-01\n",
    "docs/index.md": "# Home\n\nThe current decision is ADR-2.\n",
    "adr/0001-use-mysql.md": adr(1, "Use MySQL").replace(
        "status: accepted", "status: superseded\nsuperseded_by: [2]"
    ),
    "adr/0002-use-postgres.md": adr(2, "Use PostgreSQL").replace(
        "status: accepted", "status: accepted\nsupersedes: [1]"
    ),
}


@pytest.fixture(scope="module")
def superseded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small Material site with one decision superseded by another, served.

    The project's own handbook has no superseded decision yet; when it has one, this can check it.
    """
    root = tmp_path_factory.mktemp("superseded")
    for name, text in SUPERSEDED_SITE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    with served(build_site(root, strict=True)) as url:
        yield url


def test_a_superseded_decision_says_so_and_links_its_successor(
    visit: Visit, superseded_url: str
) -> None:
    page, problems = visit(urljoin(superseded_url, "adr/0001-use-mysql/"))
    assert problems == []
    notice = page.inner_text(".asyncops-notice")
    assert notice.startswith("This ADR is superseded") and "ADR-0002: Use PostgreSQL" in notice
    badge = page.query_selector(".asyncops-header .asyncops-status-superseded")
    assert (
        badge is not None
        and badge.evaluate("b => getComputedStyle(b).textDecorationLine") == "line-through"
    )
    page.click(".asyncops-notice a")
    page.wait_for_url("**/adr/0002-use-postgres/")
    assert page.inner_text("h1").startswith("2. Use PostgreSQL")
    assert_links_resolve("adr/0001-use-mysql/", internal_links(page, superseded_url))


def test_people_page_has_a_section_per_person_linked_from_the_review_board(
    visit: Visit, base_url: str
) -> None:
    page, problems = visit(urljoin(base_url, "handbook/reviews/"))
    row = page.locator("article table tbody tr", has_text="Git history engine").first
    assert "1 of 2 approvals: plugin reviewers; waiting on CI reviewers" in row.inner_text()
    row.get_by_role("link", name="CI reviewers").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/handbook/people/#person-ci-reviewers")
    section = page.locator("#person-ci-reviewers")
    assert section.inner_text() == "CI reviewers"
    assert "Git history engine" in page.locator("article").inner_text()
    assert problems == []


def test_every_page_announces_the_feed_and_the_feed_is_atom(
    visit: Visit, base_url: str, site_dir: Path
) -> None:
    import feedparser

    page, problems = visit(urljoin(base_url, "handbook/this-week/"))
    href = page.get_attribute('head link[rel="alternate"][type="application/atom+xml"]', "href")
    assert href is not None
    feed_url = urljoin(page.url, href)
    assert feed_url == urljoin(base_url, "feed.xml")
    response = page.request.get(feed_url)
    assert response.ok
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo and parsed.version == "atom10"
    assert any(
        entry.title.startswith("Review requested: Git history engine") for entry in parsed.entries
    )
    assert page.locator("article h1").inner_text().startswith("This week")
    assert problems == []
