"""Property-based tests: the parser never raises, and finds the sections a simple reference finds.

A longer fuzz campaign runs the same properties with many more examples:
`HYPOTHESIS_PROFILE=fuzz python -m pytest tests/properties/test_reading.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_asyncops.core.kinds import BUILTIN_KINDS
from mkdocs_asyncops.core.settings import SourceFolder
from mkdocs_asyncops.reading.markdown import parse_outline
from mkdocs_asyncops.reading.model import RELATIONS, SourceFile
from mkdocs_asyncops.reading.parse import read_document

FRONTMATTER_PIECES = st.sampled_from(
    [
        "---\n",
        "status: accepted\n",
        "date: 2024-01-01\n",
        "title: [x\n",
        "- a\n",
        "a: &a [1]\n",
        "b: *a\n",
        "x: !!python/object {}\n",
        "kind: adr\n",
        "deciders: {a: 1}\n",
        "\ufeff",
        "\r\n",
        "\x00",
    ]
)
MARKDOWN_PIECES = st.sampled_from(
    [
        "# Title\n",
        "## Context\n",
        "## Decision\n",
        "## Consequences\n",
        "text\n",
        "\n",
        "```\n",
        "~~~\n",
        "<!--\n",
        "-->\n",
        "===\n",
        "---\n",
        "TODO\n",
        "[describe it]\n",
        "    ## code\n",
        "- item\n",
    ]
)


def _source(tmp: Path, data: bytes) -> SourceFile:
    path = tmp / "0001-x.md"
    path.write_bytes(data)
    return SourceFile(
        abs_path=path,
        path="adr/0001-x.md",
        src_uri="adr/0001-x.md",
        folder=SourceFolder(tmp),
        kind_hint="adr",
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2000)
    | st.lists(FRONTMATTER_PIECES | MARKDOWN_PIECES, max_size=40).map(
        lambda p: "".join(p).encode("utf-8", "surrogatepass")
    )
)
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


SECTION_SPELLINGS = {
    "Context": ["## Context", "## 1. Context", "### *context*", "## CONTEXT:"],
    "Decision": ["## Decision", "## 2) Decision", "## Decision Outcome", "Decision\n---"],
    "Consequences": ["## Consequences", "## [Consequences](#c)", "#### consequences ##"],
}


@st.composite
def adr_documents(draw: st.DrawFn) -> tuple[str, set[str]]:
    """An ADR with a random subset of its sections, spelled variously, some hidden in fences."""
    parts, present = ["# 1. Title\n"], set()
    for name, spellings in SECTION_SPELLINGS.items():
        how = draw(st.sampled_from(["present", "absent", "fenced", "commented"]))
        heading = draw(st.sampled_from(spellings))
        if how == "present":
            present.add(name)
            parts.append(f"\n{heading}\nSome text.\n")
        elif how == "fenced":
            parts.append(f"\n```\n{heading}\nSome text.\n```\n")
        elif how == "commented":
            parts.append(f"\n<!--\n{heading}\n-->\n")
    order = draw(st.permutations(parts[1:]))
    return "---\nstatus: accepted\ndate: 2024-01-01\n---\n" + parts[0] + "".join(order), present


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(adr_documents())
def test_missing_sections_agree_with_what_was_written(
    tmp_path: Path, generated: tuple[str, set[str]]
) -> None:
    text, present = generated
    result = read_document(_source(tmp_path, text.encode()), BUILTIN_KINDS)
    missing = {d.message.split("'")[1] for d in result.diagnostics if d.rule.code == "ASY101"}
    assert missing == set(SECTION_SPELLINGS) - present
    assert not [d for d in result.diagnostics if d.rule.code not in {"ASY101", "ASY104"}]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(1, 6), st.sampled_from(RELATIONS), st.integers(0, 8)), max_size=25
    )
)
def test_relations_are_symmetric_and_never_raise(
    tmp_path: Path, statements: list[tuple[int, str, int]]
) -> None:
    from mkdocs_asyncops.handbook.relations import INVERSE, build_handbook

    documents = []
    for number in range(1, 7):
        said = [
            f"{relation}: [{target}]" for source, relation, target in statements if source == number
        ]
        text = (
            "---\nstatus: accepted\ndate: 2024-01-01\n"
            + "\n".join(said)
            + f"\n---\n# {number}. T\n"
        )
        path = tmp_path / f"{number:04d}-t.md"
        path.write_text(text)
        source = SourceFile(
            abs_path=path,
            path=path.name,
            src_uri=path.name,
            folder=SourceFolder(tmp_path),
            kind_hint="adr",
        )
        document = read_document(source, BUILTIN_KINDS).document
        assert document is not None
        documents.append(document)
    handbook = build_handbook(documents)
    for doc in documents:
        for relation in RELATIONS:
            for other in handbook.related(doc, relation):
                assert doc in handbook.related(other, INVERSE[relation])


def _on_a_cycle(edges: set[tuple[int, int]], node: int) -> bool:
    """Brute force: whether `node` can get back to itself along `edges`."""
    reached, frontier = set(), {b for a, b in edges if a == node}
    while frontier:
        reached |= frontier
        frontier = {b for a, b in edges if a in frontier} - reached
    return node in reached


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 6), st.sampled_from(["supersedes", "superseded_by"]), st.integers(1, 6)
        ),
        max_size=14,
    )
)
def test_supersession_cycles_are_reported_iff_there_is_one(
    tmp_path: Path, statements: list[tuple[int, str, int]]
) -> None:
    """Every document on a circle of supersessions (either side stating it) is named in exactly
    one ASY302 report, and nothing else is; the reports come in the same order every time."""
    from mkdocs_asyncops.handbook.relations import build_handbook

    statements = [(a, relation, b) for a, relation, b in statements if a != b]
    documents = []
    for number in range(1, 7):
        said_by_relation: dict[str, list[int]] = {}
        for source, relation, target in statements:
            if source == number:
                said_by_relation.setdefault(relation, []).append(target)
        text = (
            "---\nstatus: accepted\ndate: 2024-01-01\n"
            + "".join(f"{relation}: {targets}\n" for relation, targets in said_by_relation.items())
            + f"---\n# {number}. T\n"
        )
        path = tmp_path / f"{number:04d}-t.md"
        path.write_text(text)
        source = SourceFile(
            abs_path=path,
            path=path.name,
            src_uri=path.name,
            folder=SourceFolder(tmp_path),
            kind_hint="adr",
        )
        document = read_document(source, BUILTIN_KINDS).document
        assert document is not None
        documents.append(document)
    edges = {(a, b) if relation == "superseded_by" else (b, a) for a, relation, b in statements}
    expected = {f"ADR-{n:04d}" for n in range(1, 7) if _on_a_cycle(edges, n)}
    reports = [d.message for d in build_handbook(documents).diagnostics if d.rule.code == "ASY302"]
    named = [set(re.findall(r"ADR-\d{4}", message)) for message in reports]
    assert set().union(*named) == expected
    assert sum(len(ids) for ids in named) == len(expected)  # each member in one report only
    assert reports == [
        d.message for d in build_handbook(documents[::-1]).diagnostics if d.rule.code == "ASY302"
    ]
