"""Running the `asyncops` command line in-process, as the CLI tests do."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main


def run(
    argv: list[str], cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """`asyncops ARGV` in `cwd`: the exit code, standard output and standard error."""
    monkeypatch.chdir(cwd)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err
