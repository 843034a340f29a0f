"""Terminal output: colour and grouping on a TTY, plain greppable lines elsewhere, progress."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.cli.terminal import Progress, wants_colour
from tests.helpers import Writer, adr


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def broken(write_files: Writer) -> Path:
    return write_files(
        {
            "adr/0001-a.md": adr()
            .replace("## Decision\nWhat we chose.\n", "")
            .replace("# 1. Use PostgreSQL\n", ""),
            "adr/0002-b.md": adr(2).replace("What follows.", "TODO"),
        }
    )


def test_plain_lines_when_piped(broken: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(broken)
    main(["check"])
    assert capsys.readouterr().out.splitlines() == [
        "adr/0001-a.md:1: warning ASY030 missing-title: the document has no title; add `title:` to the frontmatter or a `# Title` heading",
        "adr/0001-a.md:7: error ASY101 missing-section: an ADR needs a 'Decision' section (or 'Decision Outcome'); add `## Decision` after 'Context'",
        (
            "adr/0002-b.md:15: error ASY103 placeholder-section: section 'Consequences' holds only template text ('TODO'); "
            "replace it with the real content"
        ),
        "2 errors, 1 warning in 2 documents",
    ]


def test_colour_and_a_blank_line_between_files_on_a_terminal(broken: Path, monkeypatch) -> None:
    monkeypatch.chdir(broken)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = FakeTTY()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check"])
    lines = terminal.getvalue().splitlines()
    assert lines[0] == (
        "\x1b[1madr/0001-a.md:1\x1b[0m: \x1b[33;1mwarning\x1b[0m \x1b[2mASY030 missing-title\x1b[0m: "
        "the document has no title; add `title:` to the frontmatter or a `# Title` heading"
    )
    assert "\x1b[31;1merror\x1b[0m" in lines[1]
    assert lines[2] == "" and lines[3].startswith("\x1b[1madr/0002-b.md:15\x1b[0m")
    assert lines[-2:] == ["", "\x1b[31;1m2 errors, 1 warning in 2 documents\x1b[0m"]


@pytest.mark.parametrize(
    ("env", "expected"), [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)]
)
def test_wants_colour(monkeypatch, env: dict[str, str], expected: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert wants_colour(FakeTTY()) is expected
    assert wants_colour(io.StringIO()) is False


def test_progress_only_on_a_terminal_and_only_when_slow() -> None:
    quick = FakeTTY()
    progress = Progress(quick)
    progress(1, 2)
    progress.finish()
    assert quick.getvalue() == ""
    slow = FakeTTY()
    progress = Progress(slow, delay=0)
    progress(2, 2)
    progress.finish()
    assert slow.getvalue() == "\r\x1b[Kchecking 2/2 files\r\x1b[K"
    piped = io.StringIO()
    progress = Progress(piped, delay=0)
    progress(2, 2)
    assert piped.getvalue() == ""
