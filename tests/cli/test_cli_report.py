"""`asyncops report`, and `asyncops check` gating on coverage and staleness."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.handbook.records import EXPORT_SCHEMA
from tests.helpers import VALID, Writer, adr
from tests.helpers.cli import run
from tests.helpers.gitrepo import GitRepo
from tests.helpers.site import build_site, mkdocs_yml

RUNBOOK = "docs/runbooks/workflow-engine.md"
OPTIONS = """\
      coverage_minimum: {minimum}
      systems:
        - {{name: workflow-engine, owner: platform, type: service, requires: [runbook]}}
        - {{name: billing, owner: payments, type: service, requires: [runbook]}}"""


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path)
    repo.commit(
        {
            "mkdocs.yml": mkdocs_yml(OPTIONS.format(minimum=90)),
            "docs/index.md": "# Home\n",
            RUNBOOK: VALID["runbooks/workflow-engine.md"],
        },
        "2024-01-01 10:00",
        "Bo Li <bo@example.com>",
    )
    return repo


def test_report_text(repo: GitRepo, capsys, monkeypatch) -> None:
    code, out, _ = run(["report", "--today", "2024-06-01"], repo.path, capsys, monkeypatch)
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Stale documents: 1")
    assert lines[start : start + 3] == [
        "Stale documents: 1",
        f"  {RUNBOOK}  runbook  Bo Li  152 days (limit 90)",
        "",
    ]
    assert "Coverage: 0.0 % (0 of 2 systems), minimum 90 %: BELOW MINIMUM" in lines
    assert "  short: workflow-engine (runbook stale)" in lines
    assert "  workflow-engine: 1  (under 3)" in lines


def test_report_json_and_markdown(repo: GitRepo, capsys, monkeypatch) -> None:
    code, out, _ = run(
        ["report", "--format", "json", "--today", "2024-02-01"], repo.path, capsys, monkeypatch
    )
    data = json.loads(out)["health"]
    assert code == 0
    assert data["history"]["documents"][RUNBOOK]["modified"] == "2024-01-01T10:00:00+00:00"
    assert data["history"]["documents"][RUNBOOK]["authors"] == ["Bo Li"]
    assert data["stale"] == []
    assert data["coverage"]["percent"] == 50.0
    assert data["team_health"]["bus_factor"][1] == {
        "system": "workflow-engine",
        "bus_factor": 1,
        "people": ["Bo Li"],
    }
    code, out, _ = run(["report", "--format", "markdown"], repo.path, capsys, monkeypatch)
    assert out.startswith("# Handbook health\n\n## Stale documents\n")
    assert "## Documentation coverage" in out and "### Bus factor" in out


def test_report_rejects_a_bad_date(repo: GitRepo, capsys, monkeypatch) -> None:
    code, _, err = run(["report", "--today", "someday"], repo.path, capsys, monkeypatch)
    assert code == 2
    assert "--today 'someday' is not a date like 2026-11-24" in err


def test_check_fails_under_the_coverage_minimum_and_passes_at_it(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    repo.commit({RUNBOOK: VALID["runbooks/workflow-engine.md"] + "\nChecked.\n"}, yesterday)
    code, out, _ = run(["check"], repo.path, capsys, monkeypatch)
    assert code == 1
    assert "mkdocs.yml: error ASY402 coverage-below-target: documentation coverage is 50.0 %" in out
    repo.write({"mkdocs.yml": mkdocs_yml(OPTIONS.format(minimum=50))})
    code, out, _ = run(["check"], repo.path, capsys, monkeypatch)
    assert code == 0
    repo.git("reset", "-q", "--hard", "HEAD~1")  # back to the runbook of 2024
    repo.write({"mkdocs.yml": mkdocs_yml(OPTIONS.format(minimum=50))})
    code, out, _ = run(["check", "--strict"], repo.path, capsys, monkeypatch)
    assert code == 1  # the runbook, last changed in 2024, is stale today
    assert f"{RUNBOOK}:1: warning ASY401 stale-document: last changed 2024-01-01" in out


def test_check_report_and_the_export_show_records_in_the_one_shape_of_the_shipped_schema(
    write_files: Writer, capsys, monkeypatch
) -> None:
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/record"})
    second = (
        adr(2, "Second")
        .replace("status: accepted", "status: accepted\nsupersedes: [1]")
        .replace("What we chose.", "After [the first](0001-first.md).")
    )
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(
                "      sources: [adr]\n      today: 2024-04-01\n      history: false"
            ),
            "docs/index.md": "# Home\n",
            "adr/0001-first.md": adr(1, "First").replace("status: accepted", "status: superseded"),
            "adr/0002-second.md": second,
        }
    )
    monkeypatch.chdir(root)
    outputs = {}
    for command in (["check"], ["report"]):
        main([*command, "--format", "json"])
        outputs[command[0]] = json.loads(capsys.readouterr().out)["records"]
    outputs["export"] = json.loads(
        (build_site(root) / "asyncops.json").read_text(encoding="utf-8")
    )["records"]
    for name, records in outputs.items():
        assert [record["id"] for record in records] == ["ADR-0001", "ADR-0002"], name
        for record in records:
            assert list(validator.iter_errors(record)) == [], (name, record["id"])
    assert outputs["check"] == outputs["report"] == outputs["export"]
    assert (
        outputs["check"][0]["relations"]["superseded_by"]
        == outputs["check"][0]["relations"]["referenced_by"]
        == ["ADR-0002"]
    )


def test_report_columns_fit_long_ids_and_no_catalog_is_said(
    write_files, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "docs/design/a-design-whose-file-name-is-its-long-id.md": VALID["design/search-v2.md"],
            "adr/0001-use-postgres.md": VALID["adr/0001-use-postgres.md"],
        }
    )
    code, out, _ = run(["report"], root, capsys, monkeypatch)
    records = out.splitlines()[:2]
    assert code == 0 and [line.split()[0] for line in records] == [
        "a-design-whose-file-name-is-its-long-id",
        "ADR-0001",
    ]
    assert (
        len(
            {
                line.index(status)
                for line, status in zip(records, ("in-review", "accepted"), strict=True)
            }
        )
        == 1
    )
    assert (
        len(
            {
                line.index(title)
                for line, title in zip(records, ("Search v2", "Use PostgreSQL"), strict=True)
            }
        )
        == 1
    )
    assert (
        "Bus factor: no systems catalogued" in out.splitlines()
        and "Bus factor:" not in out.splitlines()
    )
