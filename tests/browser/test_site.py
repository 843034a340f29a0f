"""The published handbook, checked in a real browser: pages load cleanly and links resolve."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin

import pytest

from tests.helpers.browser import Visit

PAGES = [
    "",
    "getting-started/",
    "reference/rules/",
    "adr/0001-record-architecture-decisions/",
    "handbook/",
    "handbook/decisions/",
    "handbook/reviews/",
    "handbook/integrations/",
    "handbook/postmortems/",
    "handbook/design/",
    "handbook/runbook/",
    "health/coverage/",
    "health/stale/",
    "health/metrics/",
]
"""The main pages: the dashboard, the decision log, each board and kind index, the health pages
(coverage, staleness, team metrics), and a document."""


def internal_links(page: object, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return sorted({urldefrag(h)[0] for h in hrefs if h.startswith(base_url)})


def assert_links_resolve(path: str, links: list[str]) -> None:
    assert links, "a page with no internal links is suspicious"
    for href in links:
        try:
            with urllib.request.urlopen(href) as reply:
                assert reply.status == 200, href
        except urllib.error.HTTPError as exc:
            pytest.fail(f"{path}: link {href} answers {exc.code}")


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_errors_and_its_links_resolve(
    visit: Visit, base_url: str, path: str
) -> None:
    page, problems = visit(urljoin(base_url, path))
    assert problems == []
    assert_links_resolve(path, internal_links(page, base_url))


@pytest.mark.parametrize(
    "path",
    [
        "handbook/",
        "handbook/decisions/",
        "health/coverage/",
        "adr/0001-record-architecture-decisions/",
    ],
)
def test_dark_palette_is_readable(visit: Visit, base_url: str, path: str) -> None:
    page, problems = visit(urljoin(base_url, path), scheme="dark")
    colours = page.evaluate(
        """() => {
            const background = getComputedStyle(document.body).backgroundColor;
            const texts = [...document.querySelectorAll('.md-content p, .md-content td, .md-content th, .asyncops-badge, .md-content a')]
                .filter(e => e.offsetParent !== null).slice(0, 200)
                .map(e => ({tag: e.tagName + '.' + e.className, fg: getComputedStyle(e).color}));
            return {scheme: document.body.getAttribute('data-md-color-scheme'), bg: background, texts};
        }"""
    )
    assert problems == []
    assert colours["scheme"] == "slate" and colours["texts"]
    unreadable = [t for t in colours["texts"] if contrast(t["fg"], colours["bg"]) < 4.5]
    assert unreadable == [], colours["bg"]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two CSS `rgb()`/`rgba()` colours."""

    def luminance(css: str) -> float:
        parts = [float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        linear = [
            c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
            for c in parts
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)
