"""The on-disk cache (ADR-0023): after every kind of change, a run that reads through the cache
prints what a run without it prints; a cache another version wrote, or a corrupt one, is ignored
and written again; `--no-cache` and `cache: false` write nothing."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core import worker
from mkdocs_asyncops.history.model import History
from mkdocs_asyncops.reading import read_files, stored_documents
from tests.helpers.flow_repo import BO, CONFIG, build_flow_repo
from tests.helpers.gitrepo import GitRepo

COMMANDS = (
    ("check", "--format", "json"),
    ("inbox", "--for", "Bo Li", "--format", "json"),
    ("digest", "--since", "30d", "--format", "json"),
)
CACHE = Path(".cache", "asyncops")

KEP_README = """\
# KEP-1001: Pod limits

## Summary
Pods get limits.

## Motivation
Nodes run out.

## Proposal
Count what pods ask for.

## Design Details
A ledger.

## Alternatives
A webhook.
"""


def kep_yaml(status: str) -> str:
    return (
        "title: Pod limits\nkep-number: 1001\nauthors:\n  - '@ana'\nowning-sig: sig-node\n"
        f"status: {status}\ncreation-date: 2021-02-03\nreviewers:\n  - '@bo'\n"
        "approvers:\n  - '@chen'\n"
    )


def outputs(root: Path, capsys, monkeypatch, *extra: str) -> list[tuple[int, dict]]:
    """Each command's exit code and JSON output, run in `root`."""
    monkeypatch.chdir(root)
    found = []
    for argv in COMMANDS:
        code = main([*argv, *extra])
        found.append((code, json.loads(capsys.readouterr().out)))
    return found


def warm_is_cold(root: Path, capsys, monkeypatch) -> list[tuple[int, dict]]:
    """The commands read without the cache, then through the cache as the last change left it
    (the run that refreshes it), then through the refreshed cache: all three the same."""
    cold = outputs(root, capsys, monkeypatch, "--no-cache")
    assert outputs(root, capsys, monkeypatch) == cold  # the cache from before the change
    assert outputs(root, capsys, monkeypatch) == cold  # the cache this change wrote
    return cold


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The flow handbook (fixed `today`) plus a proposal with its kep.yaml, committed."""
    repo = build_flow_repo(tmp_path / "flow")
    repo.commit(
        {
            "docs/keps/sig-node/1001-pod-limits/README.md": KEP_README,
            "docs/keps/sig-node/1001-pod-limits/kep.yaml": kep_yaml("implementable"),
            "adr/0004-use-queues.md": (
                "---\nstatus: accepted\ndate: 2026-03-09\ndeciders: [Bo Li]\n"
                "review: {1: first, when: 2026-03-09 10:00}\n---\n# 4. Use queues\n\n"
                "## Background\nForces.\n\n## Decision\nQueues.\n\n## Consequences\nMore.\n"
            ),
        },
        "2026-03-09 12:00",
        BO,
        "A proposal and an ADR",
    )
    return repo


@pytest.mark.parametrize("cores", [1, 2], ids=["in turn", "on two cores"])
def test_every_change_gives_the_cold_result(repo: GitRepo, capsys, monkeypatch, cores) -> None:
    forked: list[bool] = []
    if cores == 2:  # a forked child parses part of whatever must be parsed (`read_files.py`)
        monkeypatch.setattr(read_files, "PARALLEL_FROM", 1)
        monkeypatch.setattr(worker.threading, "active_count", lambda: 1)
        beside = worker.beside

        def spied(work):
            pending = beside(work)
            forked.append(pending.in_child)
            return pending

        monkeypatch.setattr(worker, "beside", spied)
    root = repo.path
    first = warm_is_cold(root, capsys, monkeypatch)
    assert (root / CACHE / "documents.json").is_file() and (root / CACHE / "history.json").is_file()
    assert repo.git("status", "--porcelain") == ""  # the cache ignores itself
    paths = {record["path"] for record in first[0][1]["records"]}
    assert {"adr/0004-use-queues.md", "docs/keps/sig-node/1001-pod-limits/README.md"} <= paths

    repo.write({"docs/runbooks/broker.md": (root / "docs/runbooks/broker.md").read_text() + "x\n"})
    edited = warm_is_cold(root, capsys, monkeypatch)  # uncommitted: modified now, not stale
    assert edited != first

    repo.write({"docs/keps/sig-node/1001-pod-limits/kep.yaml": kep_yaml("implemented")})
    warm_is_cold(root, capsys, monkeypatch)  # only the proposal's other file changed

    repo.git("mv", "adr/0001-use-postgres.md", "adr/0005-use-postgres.md")
    warm_is_cold(root, capsys, monkeypatch)
    repo.write({"adr/0003-use-memcached.md": None})
    warm_is_cold(root, capsys, monkeypatch)

    repo.commit({}, "2026-03-09 18:00", BO, "Edit, rename, delete")
    committed = warm_is_cold(root, capsys, monkeypatch)  # the history walks one commit more
    assert committed != edited

    (root / "mkdocs.yml").write_text(
        CONFIG
        + "      kinds:\n        adr:\n          aliases:\n            Context: [Background]\n"
    )
    warm_is_cold(root, capsys, monkeypatch)  # ADR 4's Background now counts as its Context

    repo.write({".mailmap": "Bo Li <bo@example.com> Bo <bo@old.example.com>\n"})
    warm_is_cold(root, capsys, monkeypatch)  # names come out of the walk: another history

    repo.git("checkout", "-q", "-b", "old", "HEAD~3")  # a branch that is no descendant
    old = warm_is_cold(root, capsys, monkeypatch)
    assert old != committed
    repo.git("checkout", "-q", "main")
    warm_is_cold(root, capsys, monkeypatch)
    assert (forked and all(forked)) if cores == 2 else not forked  # a child ran each time


def test_the_clock_is_never_read_from_the_cache(repo: GitRepo, capsys, monkeypatch) -> None:
    """Without `today`, what is stale and overdue moves with the clock, the files staying as
    they were."""
    root = repo.path
    (root / "mkdocs.yml").write_text(CONFIG.replace("      today: 2026-03-10\n", ""))
    repo.commit({}, "2026-03-09 19:00", BO, "No fixed today")

    def at(day: str) -> list[tuple[int, dict]]:
        moment = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
        monkeypatch.setattr("mkdocs_asyncops.dates.now", lambda: moment)
        return warm_is_cold(root, capsys, monkeypatch)

    early, late = at("2026-03-04"), at("2026-09-01")

    def overdue(found: list[tuple[int, dict]]) -> list[str]:
        return [item["title"] for item in found[1][1]["items"] if item["overdue"]]

    assert overdue(early) == [] and "Alert on disk usage" in overdue(late)  # Bo Li's work
    assert early[0] != late[0]  # and the check: the runbook went stale


def test_a_file_parses_again_only_when_it_changed(repo: GitRepo, capsys, monkeypatch) -> None:
    parsed: list[str] = []
    real = stored_documents.read_document

    def counting(source, *args):
        parsed.append(source.path)
        return real(source, *args)

    monkeypatch.setattr(stored_documents, "read_document", counting)
    outputs(repo.path, capsys, monkeypatch)  # the first command parses, the others read its cache
    assert len(parsed) == len(set(parsed)) >= 9
    parsed.clear()
    outputs(repo.path, capsys, monkeypatch)
    assert parsed == []
    repo.write({"docs/design/search.md": (repo.path / "docs/design/search.md").read_text() + "\n"})
    outputs(repo.path, capsys, monkeypatch)
    assert parsed == ["docs/design/search.md"]


def test_old_versions_of_a_file_are_read_once(repo: GitRepo, capsys, monkeypatch) -> None:
    """The statuses a digest and the review timings find in old versions are kept by blob: a
    second run reads no old version, and prints the same."""
    read: list[str] = []
    real = History.text_at

    def counting(history, touch):
        read.append(touch.blob)
        return real(history, touch)

    monkeypatch.setattr(History, "text_at", counting)
    first = outputs(repo.path, capsys, monkeypatch)
    assert len(read) >= 5 and (repo.path / CACHE / "blob-values.json").is_file()
    read.clear()
    assert outputs(repo.path, capsys, monkeypatch) == first
    assert read == []
    assert outputs(repo.path, capsys, monkeypatch, "--no-cache") == first and read


def tampered(root: Path, name: str, change) -> None:
    path = root / CACHE / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_cache_of_another_version_is_ignored_and_written_again(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    root = repo.path
    cold = warm_is_cold(root, capsys, monkeypatch)
    stamp = json.loads((root / CACHE / "documents.json").read_text())["tool"]

    def foreign_documents(data: dict) -> None:
        data["tool"] = "0.0.1/1/0"
        for entry in data["data"].values():
            if entry[1]["document"] is not None:
                entry[1]["document"]["title"] = "Written by another version"

    def foreign_history(data: dict) -> None:
        data["tool"] = "0.0.1/1/0"
        data["data"]["files"] = {}  # the history of no file

    tampered(root, "documents.json", foreign_documents)
    tampered(root, "history.json", foreign_history)
    assert outputs(root, capsys, monkeypatch) == cold
    for name in ("documents.json", "history.json"):
        assert json.loads((root / CACHE / name).read_text())["tool"] == stamp


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[1, 2]", b'{"tool": null}', b"\xff\xfe\x00garbage"],
    ids=["empty", "broken", "a list", "no stamp", "binary"],
)
def test_a_corrupt_cache_is_ignored_never_a_crash(
    repo: GitRepo, capsys, monkeypatch, content: bytes
) -> None:
    root = repo.path
    cold = warm_is_cold(root, capsys, monkeypatch)
    for name in ("documents.json", "history.json"):
        (root / CACHE / name).write_bytes(content)
    assert outputs(root, capsys, monkeypatch) == cold
    assert outputs(root, capsys, monkeypatch) == cold


def test_entries_not_as_written_are_read_again(repo: GitRepo, capsys, monkeypatch) -> None:
    """A cache of this version whose entries are damaged: each such file is parsed again."""
    root = repo.path
    cold = warm_is_cold(root, capsys, monkeypatch)

    def damaged(data: dict) -> None:
        for index, entry in enumerate(data["data"].values()):
            entry[1] = [None, {"diagnostics": 3}, {"document": {"kind": "nothing"}}][index % 3]

    tampered(root, "documents.json", damaged)
    assert outputs(root, capsys, monkeypatch) == cold


def test_no_cache_and_cache_false_write_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    build_flow_repo(tmp_path / "flow")
    root = tmp_path / "flow"
    outputs(root, capsys, monkeypatch, "--no-cache")
    assert not (root / ".cache").exists()
    (root / "mkdocs.yml").write_text(CONFIG + "      cache: false\n")
    outputs(root, capsys, monkeypatch)
    assert not (root / ".cache").exists()


def test_a_plain_folder_keeps_its_cache_beside_it(tmp_path: Path, capsys, monkeypatch) -> None:
    """Without mkdocs.yml the current folder is the project: YAML values JSON lacks (dates,
    times, number keys) read back as they were."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr/0001-x.md").write_text(
        "---\nstatus: accepted\ndate: 2024-03-01\ndeciders: [Ana]\n"
        "extra: {1: one, at: 2024-03-01 10:00:00+02:00, list: [2024-01-02, ~, 1.5, true]}\n"
        "~odd: key\n---\n# 1. X\n\n## Context\n<!-- note --> Forces.\n\n## Decision\nDo.\n"
    )
    monkeypatch.chdir(tmp_path)

    def check(*extra: str) -> tuple[int, str]:
        code = main(["check", "--format", "json", *extra])
        return code, capsys.readouterr().out

    cold = check("--no-cache")
    assert "'Consequences'" in cold[1] and '"~odd": "key"' in cold[1]
    assert check() == cold and (tmp_path / CACHE / "documents.json").is_file()
    assert check() == cold
