"""The repository's CI workflow and pre-commit hook run real commands."""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest brings tomli
    import tomli as tomllib

import shlex

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from mkdocs_asyncops.cli.main import build_parser
from tests.helpers import REPO_ROOT


def test_pull_requests_run_check_pr_with_full_history_and_the_handbook_checks() -> None:
    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/ci.yml").read_text())
    job = workflow["jobs"]["pull-request"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    assert "asyncops check-pr --format github" in [step.get("run") for step in job["steps"]]
    handbook = [step.get("run") for step in workflow["jobs"]["handbook"]["steps"]]
    assert "mkdocs build --strict" in handbook and "asyncops check --format github" in handbook
    assert "edited" in workflow[True]["pull_request"]["types"]  # YAML 1.1 reads `on:` as True
    assert all(
        workflow["jobs"][name]["if"] == "github.event.action != 'edited'"
        for name in ("test", "handbook")
    )


def test_the_pull_request_template_passes_check_pr_once_written() -> None:
    from mkdocs_asyncops.boards.pull_requests import check_description
    from mkdocs_asyncops.core.settings import PullRequestPolicy

    template = (REPO_ROOT / ".github/pull_request_template.md").read_text()
    assert {d.rule.code for d in check_description(template, "t", PullRequestPolicy())} == {
        "ASY502"
    }
    written = "\n".join(
        "Written." if line.startswith("<!--") else line for line in template.splitlines()
    )
    assert check_description(written, "t", PullRequestPolicy()) == []


def test_pre_commit_hook_runs_a_real_command() -> None:
    (hook,) = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    program, *argv = shlex.split(hook["entry"])
    assert (hook["id"], program, hook["pass_filenames"]) == ("asyncops-check", "asyncops", False)
    assert build_parser().parse_args(argv).command == "check"


def _declared_minimums() -> dict[str, Version]:
    """Each dependency and test extra of pyproject.toml, by normalised name, with its `>=` bound."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    minimums = {}
    for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(line)
        (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        minimums[canonicalize_name(requirement.name)] = Version(bound)
    return minimums


def test_the_oldest_constraints_pin_exactly_the_declared_lower_bounds() -> None:
    """CI's oldest-dependencies job tests what pyproject.toml promises; the two cannot drift."""
    pins = {}
    for line in (REPO_ROOT / ".ci/constraints-oldest.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = Version(spec.version)
    assert pins == _declared_minimums()


def test_ci_tests_the_newest_and_the_oldest_dependencies() -> None:
    job = yaml.safe_load((REPO_ROOT / ".github/workflows/ci.yml").read_text())["jobs"]["test"]
    matrix = job["strategy"]["matrix"]
    assert {"3.10", "3.13"} <= set(matrix["python"]) and matrix["dependencies"] == ["newest"]
    assert {"python": "3.10", "dependencies": "oldest"} in matrix["include"]
    runs = {step.get("if"): step.get("run") for step in job["steps"]}
    assert "--upgrade" in runs["matrix.dependencies == 'newest'"]
    assert "-c .ci/constraints-oldest.txt" in runs["matrix.dependencies == 'oldest'"]
    script = (REPO_ROOT / ".ci/run").read_text()
    assert "pip install --upgrade" in script and "PyYAML" in script and "mkdocs-material" in script


LINTERS = (
    "ruff check mkdocs_asyncops tests benchmarks",
    "ruff format --check mkdocs_asyncops tests benchmarks",
    "mypy",
)


def test_ci_runs_the_linters_and_the_type_checker_before_the_tests() -> None:
    """Lint, formatting and types gate CI: in the workflow's lint job, and in `.ci/run` after
    installing (`set -e`: a failure stops the script) and before pytest."""
    job = yaml.safe_load((REPO_ROOT / ".github/workflows/ci.yml").read_text())["jobs"]["lint"]
    runs = [step.get("run") for step in job["steps"]]
    assert "python -m pip install -e '.[dev]'" in runs and all(cmd in runs for cmd in LINTERS)
    script = (REPO_ROOT / ".ci/run").read_text().splitlines()
    assert "set -euo pipefail" in script
    at = [script.index(f".venv/bin/{cmd}") for cmd in LINTERS]
    installed = next(i for i, line in enumerate(script) if "'.[test,dev]'" in line)
    assert installed < min(at) and max(at) < script.index(".venv/bin/python -m pytest")
    dev = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    names = {Requirement(line).name for line in dev["optional-dependencies"]["dev"]}
    assert {"ruff", "mypy", "types-PyYAML"} <= names
