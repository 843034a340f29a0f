"""`records_in_nav: false`: the documents leave the navigation, the indexes stay their way in."""

from __future__ import annotations

import logging

import pytest

from tests.helpers import VALID, Writer, adr
from tests.helpers.site import MERMAID, build_site, mkdocs_yml


def _handbook(write_files: Writer, options: str, extra: str = ""):
    return write_files(
        {
            "mkdocs.yml": mkdocs_yml(f"      sources: [adr]\n{options}") + extra + MERMAID,
            "docs/index.md": "# Home\n\nSee [the first decision](../adr/0001-first.md).\n",
            "docs/guides/intro.md": "# Intro\n",
            "docs/design/search-v2.md": VALID["design/search-v2.md"],
            "adr/0001-first.md": adr(1, "First"),
            "adr/0002-second.md": adr(2, "Second").replace(
                "What we chose.", "What we chose, after ADR-0001."
            ),
        }
    )


def _nav(page: str) -> str:
    """The navigation part of a page of MkDocs' default theme."""
    start = page.index('<ul class="nav navbar-nav">')
    return page[start : page.index('<ul class="nav navbar-nav ms-md-auto">', start)]


def test_records_leave_the_nav_and_stay_pages_without_strict_warnings(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = _handbook(write_files, "      records_in_nav: false")
    with caplog.at_level(logging.INFO):
        site = build_site(root, strict=True)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    home = (site / "index.html").read_text()
    nav = _nav(home)
    assert "0001-first" not in nav and "0002-second" not in nav and "search-v2" not in nav
    assert "guides/intro/" in nav  # guides stay
    assert "adr/" in nav and "handbook/decisions/" in nav  # the entry points stay
    assert 'href="adr/0001-first/"' in home  # the guide's link to a record works
    second = (site / "adr" / "0002-second" / "index.html").read_text()
    assert "Second" in second and 'href="../0001-first/"' in second  # mention linked
    assert "search-v2" not in _nav(second)
    log = (site / "handbook" / "decisions" / "index.html").read_text()
    assert "../../adr/0001-first/" in log and "../../adr/0002-second/" in log
    assert (site / "design" / "search-v2" / "index.html").is_file()


def test_records_are_in_the_nav_by_default(write_files: Writer) -> None:
    nav = _nav((build_site(_handbook(write_files, "")) / "index.html").read_text())
    assert "0001-first" in nav and "search-v2" in nav


def test_an_explicit_nav_without_records_names_none_of_them_as_omitted(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    nav = "nav:\n  - index.md\n  - guides/intro.md\n  - handbook/decisions.md\n"
    warn = "validation:\n  nav:\n    omitted_files: warn\n"
    root = _handbook(write_files, "      records_in_nav: false", nav + warn)
    with caplog.at_level(logging.INFO):
        build_site(root)
    (omitted,) = [r.getMessage() for r in caplog.records if "not included in the" in r.getMessage()]
    assert "handbook/reviews.md" in omitted  # pages left out of an explicit nav are still named
    assert "0001-first" not in omitted and "search-v2" not in omitted  # records are not
