"""The repository's CI workflow and pre-commit hook run real commands."""

from __future__ import annotations

import shlex

import yaml

from mkdocs_asyncops.cli import build_parser

from .conftest import REPO_ROOT


def test_pull_requests_run_check_pr_with_full_history_and_the_handbook_checks() -> None:
    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/ci.yml").read_text())
    job = workflow["jobs"]["pull-request"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    assert "asyncops check-pr --format github" in [step.get("run") for step in job["steps"]]
    handbook = [step.get("run") for step in workflow["jobs"]["handbook"]["steps"]]
    assert "mkdocs build --strict" in handbook and "asyncops check --format github" in handbook
    assert "edited" in workflow[True]["pull_request"]["types"]  # YAML 1.1 reads `on:` as True
    assert all(workflow["jobs"][name]["if"] == "github.event.action != 'edited'" for name in ("test", "handbook"))


def test_the_pull_request_template_passes_check_pr_once_written() -> None:
    from mkdocs_asyncops.pull_requests import PullRequestPolicy, check_description

    template = (REPO_ROOT / ".github/pull_request_template.md").read_text()
    assert {d.rule.code for d in check_description(template, "t", PullRequestPolicy())} == {"ASY502"}
    written = "\n".join("Written." if line.startswith("<!--") else line for line in template.splitlines())
    assert check_description(written, "t", PullRequestPolicy()) == []


def test_pre_commit_hook_runs_a_real_command() -> None:
    (hook,) = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    program, *argv = shlex.split(hook["entry"])
    assert (hook["id"], program, hook["pass_filenames"]) == ("asyncops-check", "asyncops", False)
    assert build_parser().parse_args(argv).command == "check"
