"""End-to-end MkDocs builds with the plugin."""

from __future__ import annotations

import gzip
import logging
import os
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_asyncops.mkdocs.plugin import AsyncOpsPlugin
from mkdocs_asyncops.reading import scan as scan_module
from tests.helpers import REPO_ROOT, VALID, Writer, adr
from tests.helpers.site import build_site, mkdocs_yml


def test_clean_handbook_builds_and_mounts_extra_sources(write_files: Writer) -> None:
    files = {f"docs/{path}": text for path, text in VALID.items() if not path.startswith("adr/")}
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-use-postgres.md": VALID["adr/0001-use-postgres.md"],
            "adr/diagram.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            **files,
        }
    )
    site = build_site(root, strict=True)
    page = (site / "adr" / "0001-use-postgres" / "index.html").read_text()
    assert "Use PostgreSQL JSONB for workflow state" in page
    assert (site / "adr" / "diagram.svg").is_file()
    assert (site / "design" / "search-v2" / "index.html").is_file()


def failed_build(root: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build `root`, expect MkDocs to abort, and return what the plugin's error said."""
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="Aborted with a BuildError"):
        build_site(root)
    (record,) = [r for r in caplog.records if r.getMessage().startswith("asyncops: ")]
    return record.getMessage()


def test_errors_abort_the_build_listing_every_problem(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "docs/design/x.md": VALID["design/search-v2.md"].replace(
                "## Success Metrics\np95 under 200 ms.\n", ""
            ),
            "adr/0001-a.md": adr().replace("What we chose.", "TODO"),
            "adr/0002-b.md": "---\nstatus: [\n---\n# B\n",
        }
    )
    message = failed_build(root, caplog)
    assert message.splitlines()[0] == "asyncops: 6 errors in the handbook:"
    for fragment in [
        "adr/0001-a.md:12: ASY103 placeholder-section",
        "adr/0002-b.md:3: ASY010 frontmatter-syntax",
        "adr/0002-b.md:4: ASY101 missing-section: an ADR needs a 'Context' section",
        "adr/0002-b.md:4: ASY101 missing-section: an ADR needs a 'Decision' section",
        "adr/0002-b.md:4: ASY101 missing-section: an ADR needs a 'Consequences' section",
        "docs/design/x.md:19: ASY101 missing-section: a Design document needs a 'Success Metrics' section",
    ]:
        assert fragment in message
    assert not list((root / "site").rglob("*.html"))  # stopped before any page was written


def test_warnings_go_through_the_plugin_logger_and_fail_strict(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("# 1. Use PostgreSQL\n", ""),
        }
    )
    with caplog.at_level(logging.WARNING):
        build_site(root)
    assert any(
        r.name == "mkdocs.plugins.mkdocs_asyncops.mkdocs.plugin"
        and "adr/0001-a.md:1: ASY030" in r.getMessage()
        for r in caplog.records
    )
    with pytest.raises(Abort, match="1 warnings in strict mode"):
        build_site(root, strict=True)


def test_serve_logs_errors_and_keeps_building(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("What we chose.", ""),
        }
    )
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["asyncops"]
    assert isinstance(plugin, AsyncOpsPlugin)
    plugin.on_startup(command="serve", dirty=False)
    from mkdocs.commands.build import build

    with caplog.at_level(logging.ERROR):
        build(config)
    assert any(
        "ASY102 empty-section" in r.getMessage() and r.levelno == logging.ERROR
        for r in caplog.records
    )
    assert (Path(config.site_dir) / "adr" / "0001-a" / "index.html").is_file()


def test_serve_rebuilds_read_only_the_files_that_changed(
    write_files: Writer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("What we chose.", ""),
            "adr/0002-b.md": adr(2, "B"),
            "adr/0003-c.md": adr(3, "C"),
        }
    )
    an_hour_ago = time.time() - 3600
    for path in root.rglob("*.md"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins["asyncops"].on_startup(command="serve", dirty=False)
    read: list[str] = []
    original = scan_module.read_document
    monkeypatch.setattr(
        scan_module,
        "read_document",
        lambda source, *rest: read.append(source.path) or original(source, *rest),
    )
    from mkdocs.commands.build import build

    with caplog.at_level(logging.ERROR):
        build(config)
        assert sorted(read) == ["adr/0001-a.md", "adr/0002-b.md", "adr/0003-c.md", "docs/index.md"]
        assert any("adr/0001-a.md" in r.getMessage() for r in caplog.records)
        read.clear()
        caplog.clear()
        (root / "adr/0001-a.md").write_text(adr(), encoding="utf-8")  # the error fixed
        (root / "adr/0003-c.md").unlink()
        (root / "adr/0004-d.md").write_text(adr(4, "D"), encoding="utf-8")
        build(config)
    assert sorted(read) == ["adr/0001-a.md", "adr/0004-d.md"]
    assert not caplog.records
    read.clear()
    build(config)
    # written just now, so their signatures are not trusted: read again, and found the same
    assert read == []
    log = (Path(config.site_dir) / "handbook" / "decisions" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "ADR-0004" in log and "ADR-0003" not in log


def test_serve_shows_drafts_with_their_header_and_an_escaped_title(write_files: Writer) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      history: false") + "draft_docs: design/\n",
            "docs/index.md": "# Home\n",
            "docs/design/x.md": VALID["design/search-v2.md"].replace(
                "---\n", '---\ntitle: "<img src=x onerror=alert(1)>"\n', 1
            ),
        }
    )
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    from mkdocs.commands.build import build

    build(config, serve_url="http://127.0.0.1:8000/")
    page = (Path(config.site_dir) / "design" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'class="asyncops-header"' in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_strict_serve_is_deprecated_and_serve_never_aborts(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      sources: [adr]\n      strict_serve: true"),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("What we chose.", ""),
        }
    )
    with caplog.at_level(logging.WARNING):
        config = load_config(str(root / "mkdocs.yml"))
    assert any("'strict_serve' has no effect" in r.getMessage() for r in caplog.records)
    config.plugins["asyncops"].on_startup(command="serve", dirty=False)
    from mkdocs.commands.build import build

    build(config)
    assert (Path(config.site_dir) / "adr" / "0001-a" / "index.html").is_file()


def test_extra_sources_are_watched(write_files: Writer) -> None:
    root = write_files(
        {"mkdocs.yml": mkdocs_yml(), "docs/index.md": "# Home\n", "adr/0001-a.md": adr()}
    )
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert str(root / "adr") in config.watch


def test_mount_url_and_forced_kind(write_files: Writer) -> None:
    options = (
        "      sources:\n        - path: records\n          url: decisions/log\n          kind: adr"
    )
    root = write_files(
        {"mkdocs.yml": mkdocs_yml(options), "docs/index.md": "# Home\n", "records/0001-a.md": adr()}
    )
    site = build_site(root, strict=True)
    assert (site / "decisions" / "log" / "0001-a" / "index.html").is_file()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("      sources: [nowhere]", "sources: 'nowhere' is not a folder"),
        ("      sources: [docs/adr]", "is inside docs_dir"),
        ("      rules: {ASY999: off}", "unknown rule 'ASY999'"),
        ("      rules: {ASY101: loud}", "unknown severity 'loud'"),
        ("      kinds: {rfc: {extends: nothing}}", "kinds.rfc.extends"),
        ("      folders: {notes: memo}", "there is no kind 'memo'"),
    ],
)
def test_bad_configuration_is_a_plugin_error(
    write_files: Writer, caplog: pytest.LogCaptureFixture, options: str, message: str
) -> None:
    root = write_files(
        {"mkdocs.yml": mkdocs_yml(options), "docs/index.md": "# Home\n", "docs/adr/.keep": ""}
    )
    assert message in failed_build(root, caplog)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site and its bytes (the sitemap unzipped: gzip stamps the time)."""
    return {
        str(path.relative_to(site)): gzip.decompress(path.read_bytes())
        if path.suffix == ".gz"
        else path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_disabled_plugin_checks_nothing(
    write_files: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disabled, the plugin reads no document, mounts no source, generates no page, renames no
    section and adds no style or script: the site is the one MkDocs builds without it, also
    after a build with the plugin on."""
    files = {
        "docs/index.md": "# Home\n",
        "docs/adr/0001-a.md": "# x\n",  # an ADR the enabled plugin rejects
        "adr/0002-b.md": adr(2),  # a source folder the enabled plugin mounts
    }
    root = write_files(
        {"mkdocs.yml": mkdocs_yml("      enabled: false\n      sources: [adr]"), **files}
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709251200")  # the same build date in both sites
    # First a build with the plugin on, in the same process: MkDocs keeps the plugin's instance
    # (as `mkdocs serve` does when the plugin is switched off between two rebuilds).
    before = tmp_path / "before"
    (before / "docs").mkdir(parents=True)
    (before / "adr").mkdir()
    (before / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    (before / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (before / "adr/0001-a.md").write_text(adr(1), encoding="utf-8")
    build_site(before, strict=True)
    read: list[str] = []
    original = scan_module.read_document
    monkeypatch.setattr(
        scan_module,
        "read_document",
        lambda source, *rest: read.append(source.path) or original(source, *rest),
    )
    disabled = site_files(build_site(root, strict=True, site_dir=tmp_path / "disabled"))
    (root / "mkdocs.yml").write_text(
        "site_name: Test handbook\ndocs_dir: docs\nplugins: []\n", encoding="utf-8"
    )
    without = site_files(build_site(root, strict=True, site_dir=tmp_path / "without"))
    assert read == []
    assert sorted(disabled) == sorted(without) and "adr/0001-a/index.html" in disabled
    assert disabled == without


def test_the_projects_own_handbook_builds_strict(tmp_path: Path) -> None:
    config = load_config(
        str(REPO_ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site")
    )
    from mkdocs.commands.build import build

    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert (
        tmp_path / "site" / "adr" / "0001-record-architecture-decisions" / "index.html"
    ).is_file()


def test_kind_folders_in_the_automatic_nav_are_titled_after_their_kind(write_files: Writer) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(),
            "docs/guides/intro.md": "# Intro\n",
            **{f"docs/{path}": text for path, text in VALID.items() if "runbooks" in path},
        }
    )
    page = (build_site(root) / "index.html").read_text()
    assert "Architecture decisions" in page and "Runbooks" in page and "Guides" in page
    assert ">Adr<" not in page.replace("\n", "").replace(" ", "")


def _outside_links(write_files: Writer, outside: Path, rules: str) -> Path:
    """A handbook whose docs and adr folders hold symlinks to a file, a page and a folder outside."""
    (outside / "folder").mkdir()
    (outside / "folder" / "page.md").write_text("# TOPSECRET folder page\n", encoding="utf-8")
    (outside / "secret.md").write_text(
        "---\nstatus: accepted\n---\n# 9. TOPSECRET page\n", encoding="utf-8"
    )
    (outside / "secret.txt").write_text("TOPSECRET text\n", encoding="utf-8")
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(f"      sources: [adr]\n      rules: {rules}"),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(1, "A"),
        }
    )
    for folder in ("docs", "adr"):
        (root / folder / "0009-secret.md").symlink_to(outside / "secret.md")
        (root / folder / "secret.txt").symlink_to(outside / "secret.txt")
        (root / folder / "linked").symlink_to(outside / "folder", target_is_directory=True)
    return root


@pytest.mark.parametrize("rules", ["{outside-root: warning}", "{outside-root: off}"])
@pytest.mark.parametrize("command", ["build", "serve"])
def test_symlinks_leading_outside_are_never_read_or_published(
    write_files: Writer,
    tmp_path_factory: pytest.TempPathFactory,
    caplog: pytest.LogCaptureFixture,
    rules: str,
    command: str,
) -> None:
    root = _outside_links(write_files, tmp_path_factory.mktemp("outside"), rules)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    from mkdocs.commands.build import build

    with caplog.at_level(logging.WARNING):
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    site = Path(config.site_dir)
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert [p for p in published if "secret" in p or "linked" in p] == []
    assert "adr/0001-a/index.html" in published
    assert [
        p for p in published if p.endswith(".css")
    ] != []  # the theme's files, from outside the project, stay
    assert all(
        "TOPSECRET" not in p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file()
    )
    outside = sorted(r.getMessage() for r in caplog.records if "ASY005" in r.getMessage())
    if "off" in rules:
        assert outside == []
    else:
        assert len(outside) == 6 and all("leads outside the project" in m for m in outside)


def test_a_folder_symlink_loop_in_docs_publishes_nothing_twice(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      history: false"),
            "docs/index.md": "# Home\n",
            "docs/guide/a.md": "# A\n",
        }
    )
    (root / "docs" / "guide" / "again").symlink_to("..", target_is_directory=True)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    from mkdocs.commands.build import build

    with caplog.at_level(logging.ERROR):
        build(config, serve_url="http://127.0.0.1:8000/")
    site = Path(config.site_dir)
    assert (
        sorted(
            p.relative_to(site).as_posix()
            for p in site.rglob("index.html")
            if "again" in p.as_posix()
        )
        == []
    )
    assert (site / "guide" / "a" / "index.html").is_file()
    assert any(
        "ASY001" in r.getMessage() and "again -> .." in r.getMessage() for r in caplog.records
    )
