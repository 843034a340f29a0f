"""Start-up: what importing the core's settings and running `asyncops --version` or `--help`
loads. Git (pygit2) and the site generator (MkDocs or ProperDocs) are loaded only by the
commands that use them, so a quick command stays quick."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pygit2", "mkdocs", "properdocs", "mkdocs_asyncops.mkdocs.plugin")
QUICK_NEVER = (*HEAVY, "pydantic", "yaml", "dataclasses")
"""What `--version` and `--help` never load: besides git and the generator, the schemas, YAML,
and even `dataclasses` (its import would cost them a fifth of their time)."""


def loaded_after(code: str, modules: tuple[str, ...] = HEAVY) -> list[str]:
    """Those of `modules` in `sys.modules` after running `code` in a fresh interpreter."""
    report = f"import json, sys\nprint(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    proc = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.splitlines()[-1])


def test_importing_the_settings_loads_neither_git_nor_mkdocs() -> None:
    assert loaded_after("import mkdocs_asyncops.core.settings") == []


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"]])
def test_version_and_help_load_neither_git_nor_mkdocs(argv: list[str]) -> None:
    code = (
        "import contextlib, io\n"
        "from mkdocs_asyncops.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
    )
    assert loaded_after(code, QUICK_NEVER) == []


def test_the_baseline_help_names_the_baseline_file(capsys) -> None:
    """Its help writes the name out, so that `--help` need not import the baseline's code."""
    from mkdocs_asyncops.cli.main import main
    from mkdocs_asyncops.core.baseline import BASELINE_NAME

    assert main(["baseline", "--help"]) == 0
    assert BASELINE_NAME in capsys.readouterr().out
