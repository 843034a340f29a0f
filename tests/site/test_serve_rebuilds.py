"""`mkdocs serve` rebuilds: what changed is read again, and nothing when nothing changed."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_asyncops.mkdocs import plugin as plugin_module
from mkdocs_asyncops.mkdocs import site_files
from mkdocs_asyncops.mkdocs.plugin import AsyncOpsPlugin
from mkdocs_asyncops.reading import scan as scan_module
from tests.helpers import Writer, adr
from tests.helpers.site import mkdocs_yml

SERVE_URL = "http://127.0.0.1:8000/"
EVERY_FILE = ["adr/0001-a.md", "adr/0002-b.md", "adr/0003-c.md", "docs/guide.md", "docs/index.md"]
"""The handbook's files, as a rebuild that reads everything reads them."""


class Server:
    """Rebuilds as `mkdocs serve` makes them: the configuration loaded again each time, the
    plugin instance kept (`on_startup` once, with `command="serve"`); with `dirty`, as
    `mkdocs serve --dirty` makes them, building only the changed and the generated pages."""

    def __init__(self, root: Path, tmp_path: Path, dirty: bool = False) -> None:
        self.root, self.site_dir, self.dirty = root, tmp_path / "served", dirty
        config = self._config()
        self.plugin = config.plugins["asyncops"]
        assert isinstance(self.plugin, AsyncOpsPlugin)
        config.plugins.on_startup(command="serve", dirty=dirty)

    def _config(self):
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))

    def rebuild(self) -> None:
        config = self._config()
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=self.dirty)

    def page(self, uri: str) -> str:
        return (self.site_dir / uri / "index.html").read_text(encoding="utf-8")


def _age(root: Path) -> None:
    """Make every file an hour old, so that a rebuild trusts their signatures."""
    an_hour_ago = time.time() - 3600
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (an_hour_ago, an_hour_ago))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents read (parsed), by path, in order."""
    read: list[str] = []
    original = scan_module.read_document
    monkeypatch.setattr(
        scan_module,
        "read_document",
        lambda source, *rest: read.append(source.path) or original(source, *rest),
    )
    return read


@pytest.fixture
def handbook(write_files: Writer, tmp_path: Path) -> tuple[Path, Server]:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "docs/guide.md": "# Guide\n\nSee ADR-0001, [the first](../adr/0001-a.md).\n",
            "adr/0001-a.md": adr(1, "First"),
            "adr/0002-b.md": adr(2, "Second"),
            "adr/0003-c.md": adr(3, "Third"),
        }
    )
    _age(root)
    return root, Server(root, tmp_path)


def test_an_edit_re_reads_only_the_edited_file(handbook, reads: list[str]) -> None:
    root, server = handbook
    server.rebuild()
    assert sorted(reads) == EVERY_FILE
    reads.clear()
    edited = root / "adr/0002-b.md"
    edited.write_text(adr(2, "Second, renamed"), encoding="utf-8")
    server.rebuild()
    assert reads == ["adr/0002-b.md"]
    assert server.plugin.watch.hashed == [str(edited)]
    assert "Second, renamed" in server.page("handbook/decisions")


def test_a_rebuild_without_a_change_regenerates_no_page(
    handbook, reads: list[str], monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    root, server = handbook
    (root / "adr/0003-c.md").write_text(adr(3, "Third").replace("What follows.", ""))
    _age(root)
    server.rebuild()
    first = dict(server.plugin.kept.files)
    contents = {uri: file.content_string for uri, file in first.items()}
    runs: list[object] = []
    original = plugin_module.site_parts
    monkeypatch.setattr(
        plugin_module, "site_parts", lambda *args: runs.append(args) or original(*args)
    )
    rewrites: list[object] = []
    rewrite = plugin_module.rewrite
    monkeypatch.setattr(
        plugin_module, "rewrite", lambda *args, **kw: rewrites.append(args) or rewrite(*args, **kw)
    )
    reads.clear()
    (root / "adr/0001-a.md").touch()  # saved without a change: a new signature, the same text
    with caplog.at_level(logging.ERROR):
        server.rebuild()
    assert runs == [] and reads == [] and rewrites == []
    kept = server.plugin.kept.files
    assert kept.keys() == first.keys()
    assert all(kept[uri] is file for uri, file in first.items())
    assert {uri: file.content_string for uri, file in kept.items()} == contents
    # the problems are still logged, and shown on the page, without failing the rebuild
    assert any("ASY102" in r.getMessage() for r in caplog.records)
    assert "ASY102" in server.page("adr/0003-c")
    assert "First" in server.page("handbook/decisions")
    guide = server.page("guide")
    assert 'href="../adr/0001-a/"' in guide and "ADR-0001" in guide


def test_a_new_relation_shows_on_both_documents(handbook, reads: list[str]) -> None:
    root, server = handbook
    server.rebuild()
    assert "Superseded by" not in server.page("adr/0001-a")
    reads.clear()
    superseding = adr(2, "Second").replace(
        "status: accepted\n", "status: accepted\nsupersedes: [1]\n"
    )
    (root / "adr/0002-b.md").write_text(superseding, encoding="utf-8")
    server.rebuild()
    assert reads == ["adr/0002-b.md"]
    assert "Superseded by" in server.page("adr/0001-a")
    assert "Supersedes" in server.page("adr/0002-b")
    (root / "adr/0002-b.md").write_text(adr(2, "Second"), encoding="utf-8")
    server.rebuild()
    assert "Superseded by" not in server.page("adr/0001-a")
    assert "Supersedes" not in server.page("adr/0002-b")


def test_new_and_deleted_documents_appear_and_disappear(handbook, reads: list[str]) -> None:
    root, server = handbook
    server.rebuild()
    reads.clear()
    (root / "adr/0003-c.md").unlink()
    (root / "adr/0004-d.md").write_text(adr(4, "Fourth"), encoding="utf-8")
    server.rebuild()
    assert reads == ["adr/0004-d.md"]
    log = server.page("handbook/decisions")
    assert "Fourth" in log and "Third" not in log
    assert (server.site_dir / "adr/0004-d/index.html").is_file()
    assert not (server.site_dir / "adr/0003-c").exists()


def test_a_change_of_the_configuration_reads_everything_again(handbook, reads: list[str]) -> None:
    root, server = handbook
    server.rebuild()
    reads.clear()
    (root / "mkdocs.yml").write_text(mkdocs_yml("      sources: [adr]\n      link_mentions: false"))
    server.rebuild()
    assert sorted(reads) == EVERY_FILE


def test_records_stay_out_of_the_navigation_without_a_new_discovery(
    write_files: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      sources: [adr]\n      records_in_nav: false"),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(1, "First"),
        }
    )
    _age(root)
    server = Server(root, tmp_path)
    server.rebuild()
    discoveries: list[object] = []
    original = site_files.discover
    monkeypatch.setattr(
        site_files, "discover", lambda *args: discoveries.append(args) or original(*args)
    )
    server.rebuild()
    assert discoveries == []
    home = (server.site_dir / "index.html").read_text(encoding="utf-8")
    assert "First" not in home  # not in the navigation
    assert "First" in server.page("adr/0001-a")
    (root / "adr/0001-a.md").write_text(adr(1, "First, renamed"), encoding="utf-8")
    server.rebuild()  # the checks run again, on the same files
    assert discoveries == []
    assert "First, renamed" not in (server.site_dir / "index.html").read_text(encoding="utf-8")
    (root / "adr/0002-b.md").write_text(adr(2, "Second"), encoding="utf-8")
    server.rebuild()
    assert len(discoveries) == 1
    assert "Second" not in (server.site_dir / "index.html").read_text(encoding="utf-8")
