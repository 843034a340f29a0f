"""`asyncops check-pr`: the description against the template, the size from git."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from tests.helpers import Writer
from tests.helpers.site import mkdocs_yml

COMPLETE = """\
## What
Adds the Salesforce importer.

## Why
Customers asked for it.

## How
A new connector on the framework.

## Testing
Unit tests against the sandbox.

## Deployment
Behind the `salesforce` flag.
"""

TEMPLATE_LEFT = """\
# What
Adds the importer.

## Why
<!-- Why is this change needed? -->

## How
TODO

## Testing
Unit tests.
"""


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args]
    return subprocess.run(command, cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(write_files: Writer) -> Path:
    """main with one file; `feature` adds 450 lines of code, a stylesheet and a lock file."""
    root = write_files({"app.py": "print()\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start")
    git(root, "checkout", "-qb", "feature")
    (root / "app.py").write_text("".join(f"line {n}\n" for n in range(450)))
    (root / "style.css").write_text("body {}\n")
    (root / "poetry.lock").write_text("x\n" * 900)
    git(root, "add", ".")
    git(root, "commit", "-qm", "feature")
    return root


def run(root: Path, argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_template_sections_missing_empty_or_left_as_template(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"body.md": TEMPLATE_LEFT})
    code, out, _ = run(root, ["check-pr", "--body", "body.md"], capsys, monkeypatch)
    assert code == 1
    assert out.splitlines() == [
        "body.md:4: error ASY502 pr-empty-section: section 'Why' is empty; write what a PR description records there",
        (
            "body.md:8: error ASY502 pr-empty-section: section 'How' holds only template text ('TODO'); "
            "replace it with the real content"
        ),
        (
            "body.md:10: error ASY501 pr-missing-section: a PR description needs a 'Deployment' section; "
            "add `## Deployment` after 'Testing'"
        ),
        "3 errors, 0 warnings in body.md",
    ]


def test_a_complete_description_from_stdin_passes(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(COMPLETE.encode())))
    assert run(tmp_path, ["check-pr", "--body", "-"], capsys, monkeypatch)[:2] == (
        0,
        "0 errors, 0 warnings in <stdin>\n",
    )


def test_no_description(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files({"body.md": "\n"})
    code, out, _ = run(root, ["check-pr", "--body", "body.md"], capsys, monkeypatch)
    assert code == 1 and out.startswith(
        "body.md: error ASY504 pr-no-description: the pull request has no description; "
        "fill in the template (What, Why, How, Testing, Deployment)"
    )


def test_event_payload_gives_body_and_revisions(repo: Path, capsys, monkeypatch) -> None:
    event = {
        "pull_request": {
            "number": 12,
            "body": COMPLETE + "\n## Screenshots\n![after](after.png)\n",
            "base": {"sha": "main"},
            "head": {"sha": "feature"},
        }
    }
    (repo / "event.json").write_text(json.dumps(event))
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(repo / "event.json"))
    code = main(["check-pr", "--format", "github"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[
        0
    ].startswith(
        "::warning title=ASY503 pr-too-large::the change adds 451 and removes 1 lines "  # no file: a description
        "(452 changed in 2 files, "
    )
    assert "above the target of 400; split it" in out
    assert out.splitlines()[-1] == "0 errors, 1 warning in pull request #12"
    assert main(["check-pr", "--strict"]) == 1


def test_ui_changes_need_screenshots_and_lock_files_do_not_count(
    repo: Path, capsys, monkeypatch
) -> None:
    (repo / "body.md").write_text(COMPLETE)
    code, out, _ = run(
        repo,
        ["check-pr", "--body", "body.md", "--base", "main", "--format", "json"],
        capsys,
        monkeypatch,
    )
    data = json.loads(out)
    assert code == 1
    assert data["pull_request"]["size"]["added"] == 451
    assert data["pull_request"]["size"]["ignored_files"] == ["poetry.lock"]
    assert [(d["rule"], d["line"]) for d in data["diagnostics"]] == [("ASY503", 0), ("ASY501", 13)]
    assert "'Screenshots'" in data["diagnostics"][1]["message"]
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}


def test_sections_size_and_rules_from_mkdocs_yml(repo: Path, capsys, monkeypatch) -> None:
    options = (
        "      pull_requests:\n        sections: [Summary, {name: Why, aliases: [Motivation]}]\n"
        "        ui_paths: []\n        max_changed_lines: 500\n      rules: {pr-empty-section: warning}"
    )
    (repo / "mkdocs.yml").write_text(mkdocs_yml(options).replace("sources: [adr]\n", ""))
    (repo / "docs").mkdir()
    (repo / "body.md").write_text("## Summary\nA change.\n\n### Motivation\nTBD\n")
    code, out, _ = run(
        repo, ["check-pr", "--body", "body.md", "--base", "main"], capsys, monkeypatch
    )
    assert code == 0
    assert out.splitlines()[1:] == [
        (
            "body.md:5: warning ASY502 pr-empty-section: section 'Why' holds only template text ('TBD'); "
            "replace it with the real content"
        ),
        "0 errors, 1 warning in body.md",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check-pr"], "no description to check; give --body FILE"),
        (["check-pr", "--body", "missing.md"], "missing.md: cannot read the description"),
        (
            ["check-pr", "--body", "body.md", "--base", "v9"],
            (
                "cannot find revision 'v9'; in GitHub Actions check "
                "out the full history (actions/checkout with `fetch-depth: 0`)"
            ),
        ),
    ],
)
def test_usage_errors_exit_two(
    repo: Path, capsys, monkeypatch, argv: list[str], message: str
) -> None:
    (repo / "body.md").write_text(COMPLETE)
    code, _, err = run(repo, argv, capsys, monkeypatch)
    assert code == 2 and message in err


def test_subprocess_reads_stdin_and_measures_head(repo: Path) -> None:
    script = Path(sys.executable).with_name("asyncops")
    proc = subprocess.run(
        [str(script), "check-pr", "--body", "-", "--base", "main"],
        cwd=repo,
        input=COMPLETE,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("<stdin>: 451 added, 1 removed in 2 files (")
    assert lines[-1] == "1 error, 1 warning in <stdin>"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("sections: [{title: What}]", "pull_requests.sections: write each section as a name or"),
        ("max_changed_lines: 0", "pull_requests.max_changed_lines: use a number of lines above 0"),
        ("max_changed_lines: many", "mkdocs.yml: Aborted with a configuration error"),
    ],
)
def test_bad_pull_request_options_exit_two(
    write_files: Writer, capsys, monkeypatch, options: str, message: str
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(f"      pull_requests:\n        {options}"),
            "docs/index.md": "# Home\n",
            "adr/.keep": "",
            "body.md": COMPLETE,
        }
    )
    code, _, err = run(root, ["check-pr", "--body", "body.md"], capsys, monkeypatch)
    assert code == 2 and message in err


def test_github_annotations_for_a_description_on_stdin_name_no_file(
    repo: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEMPLATE_LEFT.encode())))
    code = main(["check-pr", "--body", "-", "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert (
        code == 1
        and lines
        and all(
            line.startswith(("::error title=ASY", "::warning title=ASY")) for line in lines[:-1]
        )
    )
    assert "<stdin>" not in "\n".join(lines[:-1]) and "file=" not in "\n".join(lines)
