"""`asyncops check-pr` notes: code changed without its documents, code citing unaccepted decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from tests.cli.test_check_pr import COMPLETE
from tests.helpers import VALID
from tests.helpers.gitrepo import GitRepo
from tests.helpers.site import mkdocs_yml

RUNBOOK = "docs/runbooks/workflow-engine.md"
OPTIONS = """\
      systems:
        - {name: workflow-engine, owner: Bo Li, type: library, paths: [src/engine]}
        - {name: billing, owner: Ana, type: library, paths: [src/billing]}"""
PROPOSED = (
    VALID["adr/0001-use-postgres.md"]
    .replace("status: accepted", "status: proposed")
    .replace("# 1. Use PostgreSQL JSONB for workflow state", "# 5. Shard the queue")
)


def code(count: int) -> str:
    return "# The queue.\n# Sharded as ADR-5 proposes.\n" + "".join(
        f"step_{n} = {n}\n" for n in range(count)
    )


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main: a runbook and a proposed ADR, then code; `feature` changes the cited code."""
    repo = GitRepo(tmp_path)
    repo.commit(
        {
            "mkdocs.yml": mkdocs_yml(OPTIONS),
            RUNBOOK: VALID["runbooks/workflow-engine.md"],
            "docs/adr/0005-shard-the-queue.md": PROPOSED,
            "body.md": COMPLETE,
        },
        "2024-01-01 10:00",
    )
    repo.commit({"src/engine/queue.py": code(20), "src/billing/x.py": "x = 1\n"}, "2024-02-01")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"src/engine/queue.py": code(23)}, "2024-03-01 10:00")
    return repo


def check_pr(root: Path, capsys, monkeypatch, *extra: str) -> tuple[int, list[dict]]:
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    argv = ["check-pr", "--body", "body.md", "--base", "main", "--format", "json", *extra]
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)["diagnostics"]


def test_code_changed_without_its_documents_is_a_note_with_their_drift(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    code_, diagnostics = check_pr(repo.path, capsys, monkeypatch, "--strict")
    assert code_ == 0  # notes never fail, not even with --strict
    notes = {d["rule"]: d for d in diagnostics}
    assert sorted(notes) == ["ASY505", "ASY506"]
    assert notes["ASY505"]["severity"] == "info"
    assert notes["ASY505"]["message"] == (
        "the change touches the code of workflow-engine (src/engine/queue.py) but none of its "
        "documents: docs/adr/0005-shard-the-queue.md (2 commits and 25 lines behind its code "
        f"since 2024-01-01, within its limit); {RUNBOOK} (2 commits and 25 lines behind its "
        "code since 2024-01-01, within its limit); update them in this change if it alters what "
        "they say"
    )
    assert notes["ASY506"]["message"] == (
        "src/engine/queue.py:2 cites ADR-0005 (proposed, 'Shard the queue'), a decision that "
        "is not accepted; make sure the change does not rely on it"
    )


def test_no_note_when_the_change_updates_a_document_of_the_system(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    repo.commit({RUNBOOK: VALID["runbooks/workflow-engine.md"] + "\nSharded.\n"}, "2024-03-02")
    _, diagnostics = check_pr(repo.path, capsys, monkeypatch)
    assert [d["rule"] for d in diagnostics] == ["ASY506"]


def test_no_notes_for_code_that_cites_nothing_and_no_system(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "other")
    repo.commit({"README.txt": "hello\n"}, "2024-03-01 10:00")
    _, diagnostics = check_pr(repo.path, capsys, monkeypatch)
    assert diagnostics == []
