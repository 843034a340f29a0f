"""`mkdocs serve` rebuilds after edits give exactly the site a fresh build gives, and an edit of
a body that the checks do not see keeps the last checks' results."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_asyncops.history.model import History
from mkdocs_asyncops.mkdocs import page_html
from mkdocs_asyncops.mkdocs import plugin as plugin_module
from mkdocs_asyncops.mkdocs import site_parts as site_parts_module
from tests.helpers import adr
from tests.helpers.flow_repo import POSTMORTEM
from tests.helpers.gitrepo import GitRepo
from tests.helpers.site import mkdocs_yml
from tests.site.test_serve_rebuilds import Server, _age

LINKING = adr(3, "Third").replace("What follows.", "What follows, [the first](0001-a.md).")


@pytest.fixture
def project(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    repo.commit(
        {
            "mkdocs.yml": mkdocs_yml("      sources: [adr, postmortems]"),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(1, "First"),
            "adr/0002-b.md": adr(2, "Second"),
            "adr/0003-c.md": LINKING,
            "postmortems/2026-03-04-broker-outage.md": POSTMORTEM,
        },
        when="2026-03-05 10:00",
    )
    _age(repo.path)
    return repo


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each run of the checks by the plugin."""
    runs: list[object] = []
    original = plugin_module.site_parts
    monkeypatch.setattr(
        plugin_module, "site_parts", lambda *args: runs.append(args) or original(*args)
    )
    return runs


def _site(site_dir: Path) -> dict[str, str]:
    """Every page, feed and export the site holds, by path, without the clock's times: MkDocs'
    build time and the export's `modified` of an uncommitted file (the time it was read)."""
    return {
        path.relative_to(site_dir).as_posix(): CLOCK.sub("", path.read_text("utf-8"))
        for path in sorted(site_dir.rglob("*"))
        if path.suffix in (".html", ".xml", ".json")
    }


CLOCK = re.compile(r"Build Date UTC : .*|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00")


def _same_as_a_fresh_build(server: Server, root: Path, tmp_path: Path) -> None:
    """The site is what a new `mkdocs serve` (a new plugin instance) builds of the project."""
    cache = MkDocsConfig.plugins.plugin_cache  # MkDocs keeps the instance between loads
    kept = dict(cache)
    cache.clear()
    try:
        fresh = Server(root, tmp_path / "fresh")
        assert fresh.plugin is not server.plugin
        fresh.rebuild()
    finally:
        cache.clear()
        cache.update(kept)
    rebuilt, cold = _site(server.site_dir), _site(fresh.site_dir)
    assert rebuilt.keys() == cold.keys()
    assert [uri for uri in rebuilt if rebuilt[uri] != cold[uri]] == []


def _edit(repo: GitRepo, name: str, old: str, new: str) -> None:
    path = repo.path / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_body_edit_keeps_the_checks_and_shows_on_its_page(
    project: GitRepo, tmp_path: Path, checks: list[object]
) -> None:
    server = Server(project.path, tmp_path)
    server.rebuild()
    # the first edit after a commit makes the file uncommitted: git's status changed
    _edit(project, "adr/0002-b.md", "What we chose.", "What we chose, at first.")
    server.rebuild()
    checks.clear()
    _edit(project, "adr/0002-b.md", "What we chose, at first.", "What we chose, in the end.")
    server.rebuild()
    assert checks == []
    assert "in the end" in server.page("adr/0002-b")
    _same_as_a_fresh_build(server, project.path, tmp_path)


@pytest.mark.parametrize(
    ("name", "old", "new", "shows"),
    [
        ("adr/0002-b.md", "# 2. Second", "# 2. Second, renamed", "Second, renamed"),
        ("adr/0002-b.md", "status: accepted", "status: deprecated", "deprecated"),
        ("adr/0002-b.md", "status: accepted\n", "status: accepted\nsupersedes: [1]\n", None),
        ("adr/0002-b.md", "What we chose.", "What we chose, [the first](0001-a.md).", None),
        ("adr/0003-c.md", ", [the first](0001-a.md)", "", None),
        ("adr/0002-b.md", "## Consequences", "## Outcome", None),
        ("postmortems/2026-03-04-broker-outage.md", "- [ ] Alert on", "- [x] Alert on", None),
        ("postmortems/2026-03-04-broker-outage.md", "- 10:00 alert", "- 10:00 fault", None),
    ],
    ids=["title", "status", "relation", "link", "link-removed", "heading", "item", "timeline"],
)
def test_an_edit_the_checks_see_runs_them_again(
    project: GitRepo,
    tmp_path: Path,
    checks: list[object],
    name: str,
    old: str,
    new: str,
    shows: str | None,
) -> None:
    server = Server(project.path, tmp_path)
    server.rebuild()
    with (project.path / name).open("a", encoding="utf-8") as file:
        file.write("\nMore.\n")  # an edit of the body: git's status changes
    server.rebuild()
    checks.clear()
    _edit(project, name, old, new)
    server.rebuild()
    assert len(checks) == 1
    if shows is not None:
        assert shows in server.page("handbook/decisions")
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_a_relation_taken_out_again_and_files_added_and_deleted(
    project: GitRepo, tmp_path: Path
) -> None:
    server = Server(project.path, tmp_path)
    server.rebuild()
    superseding = "status: accepted\nsupersedes: [1]\n"
    _edit(project, "adr/0002-b.md", "status: accepted\n", superseding)
    server.rebuild()
    _edit(project, "adr/0002-b.md", superseding, "status: accepted\n")
    server.rebuild()
    _same_as_a_fresh_build(server, project.path, tmp_path)
    (project.path / "adr/0004-d.md").write_text(adr(4, "Fourth"), encoding="utf-8")
    server.rebuild()
    _same_as_a_fresh_build(server, project.path, tmp_path)
    (project.path / "adr/0001-a.md").unlink()
    server.rebuild()
    assert "First" not in server.page("handbook/decisions")
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_a_commit_after_a_body_edit_runs_the_checks_again(
    project: GitRepo, tmp_path: Path, checks: list[object]
) -> None:
    server = Server(project.path, tmp_path)
    server.rebuild()
    _edit(project, "adr/0002-b.md", "What we chose.", "What we chose, at first.")
    server.rebuild()
    project.git("commit", "-qam", "Edit", when="2026-03-06 10:00")
    checks.clear()
    _edit(project, "adr/0002-b.md", "at first", "in the end")
    server.rebuild()
    assert len(checks) == 1
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_a_rebuild_with_head_where_it_was_reads_no_old_version_again(
    project: GitRepo, tmp_path: Path, checks: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    project.commit(
        {"adr/0002-b.md": adr(2, "Second").replace("accepted", "deprecated")}, "2026-03-06"
    )
    server = Server(project.path, tmp_path)
    server.rebuild()
    read: list[object] = []
    text_at = History.text_at
    monkeypatch.setattr(
        History, "text_at", lambda self, touch: read.append(touch) or text_at(self, touch)
    )
    _edit(project, "adr/0001-a.md", "# 1. First", "# 1. First, renamed")
    server.rebuild()
    assert len(checks) == 2 and read == []  # the statuses of old versions are known
    assert "deprecated" in server.page("handbook/decisions")
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_a_rebuild_renders_again_only_the_headers_that_changed(
    project: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Server(project.path, tmp_path)
    server.rebuild()
    rendered: list[str] = []
    render = page_html.render_header
    monkeypatch.setattr(
        page_html,
        "render_header",
        lambda env, context, *rest: rendered.append(context["id"]) or render(env, context, *rest),
    )
    _edit(project, "adr/0002-b.md", "status: accepted", "status: deprecated")
    server.rebuild()
    assert rendered == ["ADR-0002"]
    assert "deprecated" in server.page("adr/0002-b")
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_an_overridden_header_template_is_used_at_once(project: GitRepo, tmp_path: Path) -> None:
    _edit(
        project,
        "mkdocs.yml",
        "plugins:",
        "theme:\n  name: mkdocs\n  custom_dir: overrides\nplugins:",
    )
    override = project.path / "overrides/asyncops/header.html"
    override.parent.mkdir(parents=True)
    override.write_text('<p class="mine">one</p>\n', encoding="utf-8")
    server = Server(project.path, tmp_path)
    server.rebuild()
    assert '<p class="mine">one</p>' in server.page("adr/0002-b")
    override.write_text('<p class="mine">two</p>\n', encoding="utf-8")
    server.rebuild()
    assert '<p class="mine">two</p>' in server.page("adr/0002-b")


def test_a_rebuild_fills_again_only_the_generated_pages_whose_tables_changed(
    project: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Server(project.path, tmp_path)
    server.rebuild()
    filled: list[str] = []
    fill = server.plugin._fill
    monkeypatch.setattr(
        server.plugin,
        "_fill",
        lambda html, page, files: filled.append(page.file.src_uri) or fill(html, page, files),
    )
    _edit(project, "adr/0002-b.md", "status: accepted", "status: deprecated")
    server.rebuild()
    assert "handbook/decisions.md" in filled and "adr/index.md" in filled
    assert "handbook/postmortems.md" not in filled  # its tables came out the same
    assert "deprecated" in server.page("handbook/decisions")
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_a_rebuild_rewrites_a_pages_markdown_again_only_when_what_it_links_to_changed(
    project: GitRepo, tmp_path: Path, checks: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.path / "docs/guide.md").write_text("# Guide\n\nSee ADR-0002 for why.\n")
    server = Server(project.path, tmp_path)
    server.rebuild()
    rewritten: list[str] = []
    markdown = server.plugin._markdown
    monkeypatch.setattr(
        server.plugin,
        "_markdown",
        lambda text, page: rewritten.append(page.file.src_uri) or markdown(text, page),
    )
    _edit(project, "adr/0001-a.md", "What we chose.", "What we chose, at first.")
    server.rebuild()
    assert len(checks) == 2  # the file is uncommitted now: the checks ran again
    assert rewritten == ["adr/0001-a.md"]
    _edit(project, "adr/0002-b.md", "# 2. Second", "# 2. Second, renamed")
    server.rebuild()
    assert "guide.md" in rewritten  # the mention's tooltip holds the title
    assert "Second, renamed" in server.page("guide")
    _same_as_a_fresh_build(server, project.path, tmp_path)


def test_a_dirty_rebuild_shows_an_edit_on_its_page_and_on_the_generated_pages(
    project: GitRepo, tmp_path: Path
) -> None:
    server = Server(project.path, tmp_path, dirty=True)
    server.rebuild()
    _edit(project, "adr/0002-b.md", "# 2. Second", "# 2. Second, renamed")
    server.rebuild()
    assert "Second, renamed" in server.page("adr/0002-b")
    assert "Second, renamed" in server.page("handbook/decisions")
    assert "asyncops-status-deprecated" not in server.page("adr/0002-b")
    _edit(project, "adr/0002-b.md", "status: accepted", "status: deprecated")
    server.rebuild()
    assert "asyncops-status-deprecated" in server.page("adr/0002-b")  # its header
    assert "deprecated" in server.page("handbook/decisions")


def test_the_checks_and_pages_are_made_with_the_cyclic_collector_paused(
    project: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[bool] = []
    publish = site_parts_module.publish
    monkeypatch.setattr(
        site_parts_module,
        "publish",
        lambda *args: collecting.append(gc.isenabled()) or publish(*args),
    )
    server = Server(project.path, tmp_path)
    server.rebuild()
    assert collecting == [False] and gc.isenabled()
