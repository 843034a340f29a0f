"""The navigation of a large handbook: `records_in_nav: false` takes the documents out of it (the
indexes stay their way in); `prune_nav` shows the generated sections as one link outside them."""

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
    assert 'href="adr/"' in nav and 'href="handbook/"' in nav  # the entry points stay
    log_nav = _nav((site / "handbook" / "decisions" / "index.html").read_text())
    assert 'href="./"' in log_nav and "../reviews/" in log_nav
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


def test_a_record_shows_each_generated_section_as_one_link(write_files: Writer) -> None:
    site = build_site(_handbook(write_files, ""), strict=True)
    record = _nav((site / "adr" / "0001-first" / "index.html").read_text())
    assert 'href="../../handbook/"' in record and ">Handbook</a>" in record
    assert 'href="../../health/coverage/"' in record and ">Health</a>" in record
    assert "decisions/" not in record and "reviews/" not in record and "stale/" not in record
    assert "1. First" in record and "guides/intro/" in record  # the site's own pages stay
    for page in ("handbook/decisions", "health/metrics"):  # generated pages show the whole
        nav = _nav((site / page / "index.html").read_text())
        assert "reviews/" in nav and "stale/" in nav, page


def test_prune_nav_false_renders_every_section_whole(write_files: Writer) -> None:
    site = build_site(_handbook(write_files, "      prune_nav: false"))
    record = _nav((site / "adr" / "0001-first" / "index.html").read_text())
    assert "../../handbook/decisions/" in record and "../../health/stale/" in record


def test_a_nested_generated_section_is_pruned_and_its_parent_stays_active(
    write_files: Writer,
) -> None:
    nav = (
        "nav:\n  - index.md\n  - Engineering:\n      - guides/intro.md\n"
        "      - Handbook:\n          - handbook/index.md\n          - handbook/decisions.md\n"
        "  - adr/0001-first.md\n"
    )
    site = build_site(_handbook(write_files, "", nav))
    intro = _nav((site / "guides" / "intro" / "index.html").read_text())
    assert 'href="../../handbook/"' in intro and "decisions" not in intro
    assert 'class="dropdown-item active"' in intro  # the parent section still holds this page
    assert "dropdown active" in intro or "nav-link dropdown-toggle active" in intro
    handbook = _nav((site / "handbook" / "decisions" / "index.html").read_text())
    assert "../decisions/" in handbook or 'href="./"' in handbook
    record = _nav((site / "adr" / "0001-first" / "index.html").read_text())
    assert 'class="dropdown-item active"' not in record


def test_the_pruned_nav_is_the_one_other_plugins_left(write_files: Writer) -> None:
    hook = (
        "def on_nav(nav, config, files):\n"
        "    nav.items = [item for item in nav.items if item.title != 'Guides']\n"
        "    return nav\n"
    )
    root = _handbook(write_files, "", "hooks: [hooks.py]\n")
    (root / "hooks.py").write_text(hook)  # hooks run after every plugin
    site = build_site(root)
    record = _nav((site / "adr" / "0001-first" / "index.html").read_text())
    assert "guides/intro/" not in record and 'href="../../handbook/"' in record
