"""Reading many files on two cores (`reading/read_files.py`): a forked child parses part of the
files that must be parsed, and what the scan gives is what reading them in turn gives, with and
without the on-disk cache, a file the child cannot send included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_asyncops.core import worker
from mkdocs_asyncops.core.cache_files import CacheFiles
from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.reading import read_files, stored_documents
from mkdocs_asyncops.reading.scan import Scan, scan
from mkdocs_asyncops.reading.stored_documents import StoredDocuments
from tests.helpers import Writer, adr

FILES = {
    **{f"adr/{n:04d}-decision-{n}.md": adr(n, f"Decision {n}") for n in range(1, 9)},
    "adr/0009-no-context.md": "---\nstatus: accepted\ndate: 2024-01-02\n---\n# No context\n\n"
    "## Decision\n\nWe do it.\n",
    "adr/0010-bad-yaml.md": "---\nstatus: [accepted\n---\n# Bad YAML\n",
    "adr/0011-bytes.md": "---\nstatus: accepted\ndate: 2024-01-02\nblob: !!binary aGk=\n---\n"
    "# Bytes\n\n## Context\n\nA value JSON cannot hold.\n\n## Decision\n\nKeep it.\n\n"
    "## Consequences\n\nThis file is read every run.\n",
    "adr/0012-empty.md": "",
    "adr/README.md": "# Decisions\n\nThe log.\n",
    "design/search.md": "---\nstatus: draft\nauthor: Ana\n---\n# Search\n\n## Problem Statement\n\n"
    "Slow.\n",
}


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each child `read_files` started was a forked process: from two files to parse
    on, and with the threads earlier tests left (browsers, servers) not counted."""
    monkeypatch.setattr(read_files, "PARALLEL_FROM", 2)
    monkeypatch.setattr(worker.threading, "active_count", lambda: 1)
    started: list[bool] = []
    beside = worker.beside

    def spied(work, fork: bool = True):
        pending = beside(work, fork)
        started.append(pending.in_child)
        return pending

    monkeypatch.setattr(worker, "beside", spied)
    return started


def settings_of(root: Path) -> Settings:
    return Settings.build(root, [SourceFolder(path=root)])


def in_turn(root: Path, monkeypatch: pytest.MonkeyPatch) -> Scan:
    with monkeypatch.context() as patch:
        patch.setattr(read_files, "PARALLEL_FROM", 10**9)
        return scan(settings_of(root))


def same(one: Scan, other: Scan) -> None:
    assert one.files == other.files
    assert one.documents == other.documents
    assert one.diagnostics == other.diagnostics


def test_files_parsed_by_a_child_give_what_reading_them_in_turn_gives(
    write_files: Writer, children: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(FILES)
    told: list[tuple[int, int]] = []
    started: list[int] = []
    parsed_here: list[str] = []
    read_document = stored_documents.read_document

    def counted(source, *args, **kwargs):
        parsed_here.append(source.path)  # in this process: the child counts in its own copy
        return read_document(source, *args, **kwargs)

    monkeypatch.setattr(stored_documents, "read_document", counted)
    read = scan(settings_of(root), lambda *done: told.append(done), None, lambda: started.append(1))
    assert children == [True] and started == [1]
    mine = len(FILES) - int(len(FILES) * read_files.CHILD_SHARE)
    # the child's share too of a file it had no plain data of to send: the one with bytes
    assert parsed_here == [file.path for file in read.files[:mine]] + ["adr/0011-bytes.md"]
    same(read, in_turn(root, monkeypatch))
    assert [done for done, _ in told] == list(range(1, len(read.files) + 1))
    assert {total for _, total in told} == {len(read.files)}
    assert {"ASY010", "ASY004", "ASY101"} <= {d.rule.code for d in read.diagnostics}


def test_through_the_cache_a_childs_readings_are_kept_and_a_later_run_parses_only_what_changed(
    write_files: Writer, children: list[bool], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = write_files(FILES)
    folder = tmp_path / "cache"

    def through_cache() -> Scan:
        return scan(settings_of(root), cache=StoredDocuments(CacheFiles(folder)))

    same(through_cache(), in_turn(root, monkeypatch))  # cold: the child parses half the files
    assert children == [True]
    entries = json.loads((folder / "documents.json").read_text(encoding="utf-8"))["data"]
    assert sorted(entries) == sorted(set(FILES) - {"adr/0011-bytes.md"})  # read every run
    same(through_cache(), in_turn(root, monkeypatch))  # warm: nothing to parse, no child
    assert children == [True]
    for name in ("adr/0002-decision-2.md", "adr/0003-decision-3.md"):
        path = root / name
        path.write_text(path.read_text().replace("## Context", "## Context\n\nEdited."))
    same(through_cache(), in_turn(root, monkeypatch))  # two edited, parsed by a child again
    assert children == [True, True]


def test_a_file_changed_after_the_child_read_it_is_parsed_again_by_the_next_scan(
    write_files: Writer, children: list[bool], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = write_files(FILES)
    changed = root / "adr/0012-empty.md"
    parsed = read_files.parsed

    def then_changed(source, kinds, forced_kind):
        found = parsed(source, kinds, forced_kind)
        if source.abs_path == changed:
            changed.write_text(adr(12, "Written since"))  # the child forked: only its copy ran
        return found

    cache = StoredDocuments(CacheFiles(tmp_path / "cache"))
    with monkeypatch.context() as patch:
        patch.setattr(read_files, "parsed", then_changed)
        first = scan(settings_of(root), cache=cache)  # the empty file, as the child read it
    assert children == [True]
    assert ("adr/0012-empty.md", "ASY004") in {(d.path, d.rule.code) for d in first.diagnostics}
    assert changed.read_text() != ""
    read = scan(settings_of(root), cache=cache)  # its entry's digest is the empty file's
    same(read, in_turn(root, monkeypatch))
    assert "Written since" in {doc.title for doc in read.documents}


def test_a_file_whose_reading_fails_in_the_child_is_read_here_as_in_turn(
    write_files: Writer, children: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(FILES)
    encode = stored_documents.encode

    def failing(result, text):
        if text.startswith("---\nstatus: draft"):  # design/search.md, in the child's share
            raise RecursionError(
                "deep"
            )  # not Unstorable: a bug the child must not turn into a crash
        return encode(result, text)

    monkeypatch.setattr(stored_documents, "encode", failing)
    read = scan(settings_of(root))  # no cache: only the child encodes
    assert children == [True]
    same(read, in_turn(root, monkeypatch))
