"""ProperDocs, the continuation of MkDocs 1.x: `properdocs build` runs the plugin, and `asyncops`
reads `properdocs.yml` with it, with or without MkDocs installed beside it.

Self-contained (no conftest): `.ci/run` runs it in a virtual environment with ProperDocs and
without MkDocs, where the other tests cannot import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    find_spec("properdocs") is None,
    reason="ProperDocs is not installed (pip install properdocs); .ci/run tests it in a "
    "virtual environment of its own",
)
MKDOCS_INSTALLED = find_spec("mkdocs") is not None and (
    getattr(sys.modules.get("mkdocs"), "__name__", "mkdocs") == "mkdocs"
)
"""MkDocs itself, not ProperDocs under its name."""

CONFIG = """\
site_name: ProperDocs handbook
theme:
  name: null
  custom_dir: theme
plugins:
  - asyncops:
      sources: [adr]
      rules: {missing-section: warning}
"""

ADR = """\
---
status: accepted
date: 2024-03-01
deciders: Ana Souza
---
# 1. Use PostgreSQL

## Context
Why.

## Decision
What.
"""


def make_site(root: Path, config_name: str = "properdocs.yml") -> Path:
    """A site with one ADR that lacks its Consequences (a warning, by the site's own rules)."""
    for path, text in {
        config_name: CONFIG,
        "theme/main.html": "<html><body>{{ page.content }}</body></html>\n",
        "docs/index.md": "# Home\n",
        "adr/0001-use-postgresql.md": ADR,
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def python(code_or_args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_properdocs_build_runs_the_plugin(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    proc = python(["-m", "properdocs", "build"], site)
    assert proc.returncode == 0, proc.stderr
    assert "missing-section" in proc.stderr  # the plugin's warning, through ProperDocs' log
    export = json.loads((site / "site" / "asyncops.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in export["records"]] == ["ADR-0001"]
    assert (site / "site" / "handbook" / "index.html").is_file()


@pytest.mark.parametrize("config_name", ["properdocs.yml", "properdocs.yaml", "mkdocs.yml"])
def test_asyncops_check_reads_the_site_options(tmp_path: Path, config_name: str) -> None:
    site = make_site(tmp_path / "site", config_name)
    proc = python(["-m", "mkdocs_asyncops", "check"], site)
    # The site's rules make the missing section a warning: exit 0, and 1 under --strict.
    assert proc.returncode == 0, proc.stderr
    assert "warning ASY101 missing-section" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 document"
    assert python(["-m", "mkdocs_asyncops", "check", "--strict"], site).returncode == 1
    given = python(["-m", "mkdocs_asyncops", "check", "-f", f"site/{config_name}"], tmp_path)
    assert (given.returncode, given.stdout) == (proc.returncode, proc.stdout)
    missing = python(["-m", "mkdocs_asyncops", "check", "-f", config_name], tmp_path)
    assert missing.returncode == 2 and "no such configuration file" in missing.stderr


@pytest.mark.parametrize("config_name", ["properdocs.yml", "mkdocs.yml"])
def test_the_generator_that_reads_it(tmp_path: Path, config_name: str) -> None:
    """`properdocs.yml` is read by ProperDocs; `mkdocs.yml` by MkDocs when it is installed."""
    site = make_site(tmp_path, config_name)
    code = (
        "import sys\n"
        "from mkdocs_asyncops.cli.project import load_project\n"
        "project = load_project(None)\n"
        "print(sys.modules['mkdocs'].__name__, project.path.name)\n"
    )
    proc = python(["-c", code], site)
    assert proc.returncode == 0, proc.stderr
    engine, read = proc.stdout.split()
    expected = "mkdocs" if config_name == "mkdocs.yml" and MKDOCS_INSTALLED else "properdocs"
    assert (engine, read) == (expected, config_name)


@pytest.mark.skipif(MKDOCS_INSTALLED, reason="MkDocs is installed: this checks ProperDocs alone")
def test_the_plugin_imports_without_mkdocs(tmp_path: Path) -> None:
    code = "import mkdocs_asyncops.plugin, mkdocs; print(mkdocs.__name__)"
    proc = python(["-c", code], tmp_path)
    assert (proc.returncode, proc.stdout.strip()) == (0, "properdocs"), proc.stderr
