"""`asyncops schema`: JSON Schema that agrees with the checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.kinds import BUILTIN_KINDS, build_kinds
from mkdocs_asyncops.reading.frontmatter import read_frontmatter
from mkdocs_asyncops.reading.model import jsonable
from mkdocs_asyncops.render.json_schema import kind_schema
from tests.helpers import VALID, Writer
from tests.helpers.site import mkdocs_yml


def frontmatter(text: str) -> dict:
    """The frontmatter as an editor's YAML server sees it: dates are text."""
    return jsonable(read_frontmatter(text)[0].data)


def errors(kind: str, data: dict, kinds: dict | None = None) -> list[str]:
    validator = Draft202012Validator(kind_schema((kinds or BUILTIN_KINDS)[kind]))
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("path", sorted(VALID))
def test_documents_the_checker_accepts_validate(path: str) -> None:
    kind = {
        "adr": "adr",
        "design": "design",
        "integrations": "integration",
        "postmortems": "postmortem",
        "runbooks": "runbook",
    }[path.split("/")[0]]
    Draft202012Validator.check_schema(kind_schema(BUILTIN_KINDS[kind]))
    assert errors(kind, frontmatter(VALID[path])) == []


def test_loose_forms_the_checker_reads_are_accepted() -> None:
    data = {
        "status": "accepted",
        "date": "2024-03-04 09:00",
        "deciders": "Ana, Bo",
        "supersedes": "ADR-0003",
        "my_team_field": {"any": "thing"},
    }
    assert errors("adr", data) == []
    assert (
        errors("postmortem", {"severity": "SEV1", "incident_date": "2024-03-02", "status": "draft"})
        == []
    )


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        (
            "adr",
            {"status": "acepted", "date": "2024-03-01"},
            "'acepted' is not one of ['proposed', 'accepted'",
        ),
        ("adr", {"status": "accepted"}, "'date' is a required property"),
        ("adr", {"status": "accepted", "date": "March"}, "'March' is not valid"),
        ("design", {"status": "draft"}, "is not valid under any of the given schemas"),
        ("integration", {"stage": "live", "owner": "Ana"}, None),
        ("integration", {"stage": "draft", "owner": "Ana"}, "'draft' is not one of ['requested'"),
    ],
)
def test_what_the_checker_rejects_is_flagged(kind: str, data: dict, message: str | None) -> None:
    found = errors(kind, data)
    assert (found == []) if message is None else any(message in e for e in found), found


def test_team_kinds_get_their_statuses_and_fields() -> None:
    kinds = build_kinds(
        {
            "rfc": {
                "extends": "design",
                "statuses": ["open", "closed"],
                "required_fields": ["status", "owner"],
            }
        }
    )
    assert kind_schema(kinds["rfc"])["properties"]["status"]["enum"] == ["open", "closed"]
    assert errors("rfc", {"status": "open"}, kinds) == ["'owner' is a required property"]


def test_cli_prints_one_kind_or_writes_all(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      kinds:\n        rfc: {extends: design}"),
            "docs/index.md": "# Home\n",
            "adr/.keep": "",
        }
    )
    monkeypatch.chdir(root)
    assert main(["schema", "ADR"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "ADR frontmatter"
    assert main(["schema"]) == 0
    assert sorted(json.loads(capsys.readouterr().out)) == [
        "adr",
        "design",
        "integration",
        "postmortem",
        "rfc",
        "runbook",
    ]
    assert main(["schema", "rfc", "-o", ".asyncops/schemas"]) == 0
    assert capsys.readouterr().out == ".asyncops/schemas/rfc.schema.json\n"
    assert (
        json.loads((root / ".asyncops/schemas/rfc.schema.json").read_text())["title"]
        == "RFC frontmatter"
    )
    assert main(["schema", "memo"]) == 2 and "unknown kind 'memo'" in capsys.readouterr().err


def test_subprocess_writes_a_file_per_kind(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("asyncops")
    proc = subprocess.run(
        [str(script), "schema", "-o", "schemas"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.splitlines() == [
        f"schemas/{kind}.schema.json" for kind in sorted(BUILTIN_KINDS)
    ]
