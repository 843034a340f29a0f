"""Lenient folders: an imported log's errors are warnings, new documents elsewhere stay strict."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.pipeline import run_checks
from tests.helpers import Writer, adr
from tests.helpers.site import build_site, mkdocs_yml
from tests.site.test_plugin import failed_build

OLD = "# 1. Use make\n\nDate: 12/02/2016\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
"""An adr-tools record with no Decision or Consequences section."""


def levels(root: Path, lenient: bool) -> list[tuple[str, str, str]]:
    folders = [
        SourceFolder(path=root / "legacy", kind="adr", lenient=lenient),
        SourceFolder(path=root / "adr"),
    ]
    result = run_checks(Settings.build(root, folders))
    return [(d.path, d.rule.code, d.level.value) for d in result.diagnostics]


def test_errors_in_a_lenient_folder_are_warnings_and_others_stay_errors(
    write_files: Writer,
) -> None:
    root = write_files(
        {
            "legacy/0001-use-make.md": OLD,
            "adr/0002-new.md": adr(2).replace("## Context\n", "## Background\n"),
        }
    )
    assert levels(root, lenient=False) == [
        ("adr/0002-new.md", "ASY101", "error"),
        ("legacy/0001-use-make.md", "ASY101", "error"),
        ("legacy/0001-use-make.md", "ASY101", "error"),
    ]
    assert levels(root, lenient=True) == [
        ("adr/0002-new.md", "ASY101", "error"),
        ("legacy/0001-use-make.md", "ASY101", "warning"),
        ("legacy/0001-use-make.md", "ASY101", "warning"),
    ]


LENIENT_SOURCES = "      sources:\n        - adr\n        - path: legacy\n          kind: adr\n          lenient: true"


def test_a_lenient_source_builds_with_warnings(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(LENIENT_SOURCES),
            "docs/index.md": "# Home\n",
            "legacy/0001-use-make.md": OLD,
            "adr/0002-b.md": adr(2),
        }
    )
    with caplog.at_level(logging.WARNING):
        build_site(root)
    assert (
        sum(
            "legacy/0001-use-make.md" in r.getMessage() and "ASY101" in r.getMessage()
            for r in caplog.records
        )
        == 2
    )


def test_a_new_document_outside_the_lenient_source_still_fails_the_build(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(LENIENT_SOURCES),
            "docs/index.md": "# Home\n",
            "legacy/0001-use-make.md": OLD,
            "adr/0002-b.md": adr(2).replace("What we chose.", "TODO"),
        }
    )
    message = failed_build(root, caplog)
    assert message.splitlines()[0] == "asyncops: 1 error in the handbook:"
    assert "adr/0002-b.md:12: ASY103" in message


def test_check_lenient_flag_and_configured_leniency(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"legacy/0001-use-make.md": OLD})
    monkeypatch.chdir(root)
    assert main(["check", "--kind", "adr", "legacy"]) == 1
    assert main(["check", "--kind", "adr", "--lenient", "legacy"]) == 0
    assert main(["check", "--kind", "adr", "--lenient", "--strict", "legacy"]) == 1
    (root / "mkdocs.yml").write_text(
        mkdocs_yml("      sources:\n        - path: legacy\n          lenient: true")
    )
    (root / "docs").mkdir()
    assert main(["check", "--kind", "adr", "legacy"]) == 0  # the configured folder's leniency holds
    assert "warning ASY101" in capsys.readouterr().out
