"""Property-based tests: the parser never raises, and finds the sections a simple reference finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_asyncops.kinds import BUILTIN_KINDS
from mkdocs_asyncops.markdown import parse_outline
from mkdocs_asyncops.model import SourceFile, SourceFolder
from mkdocs_asyncops.parse import read_document

FRONTMATTER_PIECES = st.sampled_from(
    ["---\n", "status: accepted\n", "date: 2024-01-01\n", "title: [x\n", "- a\n", "a: &a [1]\n",
     "b: *a\n", "x: !!python/object {}\n", "kind: adr\n", "deciders: {a: 1}\n", "\ufeff", "\r\n", "\x00"]
)
MARKDOWN_PIECES = st.sampled_from(
    ["# Title\n", "## Context\n", "## Decision\n", "## Consequences\n", "text\n", "\n", "```\n", "~~~\n",
     "<!--\n", "-->\n", "===\n", "---\n", "TODO\n", "[describe it]\n", "    ## code\n", "- item\n"]
)


def _source(tmp: Path, data: bytes) -> SourceFile:
    path = tmp / "0001-x.md"
    path.write_bytes(data)
    return SourceFile(abs_path=path, path="adr/0001-x.md", src_uri="adr/0001-x.md", folder=SourceFolder(tmp), kind_hint="adr")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000) | st.lists(FRONTMATTER_PIECES | MARKDOWN_PIECES, max_size=40).map(lambda p: "".join(p).encode("utf-8", "surrogatepass")))
def test_reading_any_bytes_gives_diagnostics_not_exceptions(tmp_path: Path, data: bytes) -> None:
    source = _source(tmp_path, data)
    first = read_document(source, BUILTIN_KINDS)
    second = read_document(source, BUILTIN_KINDS)
    assert [str(d) for d in first.diagnostics] == [str(d) for d in second.diagnostics]
    for problem in first.diagnostics:
        assert problem.path == "adr/0001-x.md" and problem.line >= 0 and problem.message


def _reference_headings(lines: list[str]) -> list[tuple[int, str]]:
    """ATX headings outside ``` fences, the simplest possible way."""
    found, fenced = [], False
    for number, line in enumerate(lines, start=1):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found.append((number, line[3:].strip().casefold()))
    return found


WORDS = st.sampled_from(["context", "decision", "consequences", "notes", "plan"])
LINES = st.one_of(
    WORDS.map(lambda w: f"## {w}"),
    WORDS.map(lambda w: f"plain {w} text"),
    st.just(""),
    st.just("```"),
)


@given(st.lists(LINES, max_size=60))
def test_headings_agree_with_a_simple_reference(lines: list[str]) -> None:
    outline = parse_outline("\n".join(lines))
    assert [(h.line, h.key) for h in outline.headings] == _reference_headings(lines)
