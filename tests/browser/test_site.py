"""The published handbook, checked in a real browser: pages load cleanly and links resolve."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin

import pytest

PAGES = [
    "",
    "getting-started/",
    "reference/rules/",
    "adr/0001-record-architecture-decisions/",
]


def _open(browser, base_url: str, path: str, scheme: str = "light"):
    page = browser.new_page(color_scheme=scheme)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(urljoin(base_url, path), wait_until="networkidle")
    assert response is not None and response.status == 200, path
    return page, problems


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_errors_and_its_links_resolve(browser, base_url: str, path: str) -> None:
    page, problems = _open(browser, base_url, path)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    page.close()
    assert problems == []
    internal = sorted({urldefrag(h)[0] for h in hrefs if h.startswith(base_url)})
    assert internal, "a page with no internal links is suspicious"
    for href in internal:
        try:
            with urllib.request.urlopen(href) as reply:
                assert reply.status == 200, href
        except urllib.error.HTTPError as exc:
            pytest.fail(f"{path}: link {href} answers {exc.code}")


def test_dark_palette_is_readable(browser, base_url: str) -> None:
    page, problems = _open(browser, base_url, "adr/0001-record-architecture-decisions/", scheme="dark")
    colours = page.evaluate(
        """() => {
            const body = getComputedStyle(document.body);
            const text = getComputedStyle(document.querySelector('.md-content, main, article') || document.body);
            return {scheme: document.body.getAttribute('data-md-color-scheme'), bg: body.backgroundColor, fg: text.color};
        }"""
    )
    page.close()
    assert problems == []
    assert colours["scheme"] == "slate"
    assert contrast(colours["fg"], colours["bg"]) >= 4.5, colours


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two CSS `rgb()`/`rgba()` colours."""

    def luminance(css: str) -> float:
        parts = [float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)
