"""Phase-in: `asyncops baseline`, baselined findings that do not fail, `check --changed-since`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.settings import Settings, SettingsError
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.pipeline import run_checks
from mkdocs_asyncops.reading.model import SourceFolder
from tests.helpers import adr
from tests.helpers.gitrepo import GitRepo, at

NO_CONSEQUENCES = adr(2, "Use Redis").split("## Consequences")[0]
NO_DECISION = adr(3, "Use Kafka").replace("## Decision", "## Choice")


NO_CONFIG = "asyncops: no mkdocs.yml or properdocs.yml in this folder"


def run(argv: list[str], cwd: Path, capsys, monkeypatch) -> tuple[int, str]:
    """The exit code, and stderr (less the note that the defaults apply) then stdout."""
    monkeypatch.chdir(cwd)
    code = main(argv)
    out, err = capsys.readouterr()
    said = "".join(line for line in err.splitlines(True) if not line.startswith(NO_CONFIG))
    return code, said + out


@pytest.fixture
def old_log(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "log")
    repo.commit(
        {
            "adr/0001-a.md": adr(1),
            "adr/0002-b.md": NO_CONSEQUENCES,
        },
        when="2024-01-01 10:00",
    )
    return repo


def test_baselined_findings_do_not_fail_and_new_ones_do(
    old_log: GitRepo, capsys, monkeypatch
) -> None:
    root = old_log.path
    assert run(["check"], root, capsys, monkeypatch)[0] == 1
    code, out = run(["baseline"], root, capsys, monkeypatch)
    assert code == 0 and "1 finding in 1 file recorded" in out
    saved = json.loads((root / ".asyncops-baseline.json").read_text())
    assert [(f["path"], f["rule"], f["anchor"]) for f in saved["findings"]] == [
        ("adr/0002-b.md", "ASY101", "heading:Decision")
    ]
    code, out = run(["check"], root, capsys, monkeypatch)
    assert code == 0
    assert "adr/0002-b.md:" in out and ": baselined ASY101 missing-section" in out
    assert out.splitlines()[-1] == "0 errors, 0 warnings, 1 baselined in 2 documents"

    # lines move above the finding: still the same finding
    moved = NO_CONSEQUENCES.replace(
        "## Context", "An added paragraph.\n\nAnother one.\n\n## Context"
    )
    old_log.write({"adr/0002-b.md": moved})
    assert run(["check"], root, capsys, monkeypatch)[0] == 0

    # a new finding fails; the baselined one stays baselined
    old_log.write({"adr/0003-c.md": NO_DECISION})
    code, out = run(["check", "--format", "json"], root, capsys, monkeypatch)
    data = json.loads(out)
    assert code == 1
    assert [(d["path"], d["severity"], d.get("baselined", False)) for d in data["diagnostics"]] == [
        ("adr/0002-b.md", "info", True),
        ("adr/0003-c.md", "error", False),
    ]


def test_update_drops_fixed_findings_and_adds_no_new_ones(
    old_log: GitRepo, capsys, monkeypatch
) -> None:
    root = old_log.path
    run(["baseline"], root, capsys, monkeypatch)
    old_log.write({"adr/0002-b.md": adr(2, "Use Redis"), "adr/0003-c.md": NO_DECISION})
    code, out = run(["baseline", "--update"], root, capsys, monkeypatch)
    assert code == 0 and "0 findings kept, 1 fixed and dropped (1 new not added" in out
    assert json.loads((root / ".asyncops-baseline.json").read_text())["findings"] == []
    assert run(["check"], root, capsys, monkeypatch)[0] == 1  # the new one still fails


def test_a_broken_baseline_is_a_usage_error(old_log: GitRepo, capsys, monkeypatch) -> None:
    (old_log.path / ".asyncops-baseline.json").write_text('{"findings": 3}')
    code, out = run(["check"], old_log.path, capsys, monkeypatch)
    assert code == 2 and "not a baseline" in out


def test_the_core_honours_the_baseline_for_the_plugin_too(
    old_log: GitRepo, capsys, monkeypatch
) -> None:
    root = old_log.path
    folders = [SourceFolder(path=root / "adr", mount="adr")]
    assert run_checks(Settings.build(root, folders)).errors
    run(["baseline"], root, capsys, monkeypatch)
    checked = run_checks(Settings.build(root, folders))
    assert checked.errors == [] and [d.baselined for d in checked.diagnostics] == [True]


def test_changed_since_checks_only_changed_documents(old_log: GitRepo, capsys, monkeypatch) -> None:
    root = old_log.path
    base = old_log.git("rev-parse", "HEAD").strip()
    code, out = run(["check", "--changed-since", base], root, capsys, monkeypatch)
    assert code == 0 and "no documents changed since" in out
    old_log.commit({"adr/0003-c.md": NO_DECISION}, when="2024-02-01 10:00")
    old_log.write({"adr/0004-d.md": adr(4, "Use NATS")})  # new, not committed yet
    code, out = run(["check", "--changed-since", base], root, capsys, monkeypatch)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["adr/0003-c.md"]
    assert out.splitlines()[-1] == "1 error, 0 warnings in 2 documents"
    code, out = run(["check", "--changed-since", "no-such-rev"], root, capsys, monkeypatch)
    assert code == 2 and "no revision 'no-such-rev'" in out


RUNBOOK = "---\nowner: Ana\nsystems: [api]\n---\n# API runbook\n\n## Detection\n\nAlerts.\n"


def test_a_rule_applies_only_to_documents_created_since_its_day(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "log")
    repo.commit(
        {
            "adr/0001-old.md": NO_CONSEQUENCES.replace("2024-03-01", "2025-06-01"),
            "adr/0002-new.md": NO_CONSEQUENCES.replace("2024-03-01", "2026-02-01"),
            "runbooks/old.md": RUNBOOK,  # no date of its own: git's first commit counts
        },
        when="2025-05-01 10:00",
    )
    repo.commit({"runbooks/new.md": RUNBOOK}, when="2026-03-01 10:00")
    root = repo.path
    folders = [SourceFolder(path=root)]
    rules = {"missing-section": {"since": "2026-01-01"}}
    history = HistoryReader().read(root, at("2026-04-01 00:00"))
    checked = run_checks(Settings.build(root, folders, rules=rules), history=lambda: history)
    assert sorted({d.path for d in checked.diagnostics if d.rule.code == "ASY101"}) == [
        "adr/0002-new.md",
        "runbooks/new.md",
    ]
    everything = run_checks(Settings.build(root, folders), history=lambda: history)
    assert len({d.path for d in everything.diagnostics if d.rule.code == "ASY101"}) == 4
    with pytest.raises(SettingsError, match="since: 'soon' is not a date"):
        Settings.build(root, folders, rules={"missing-section": {"since": "soon"}})
