"""Per-document and collection checks, through the core scan."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from mkdocs_asyncops.core.schemas import (
    AdrMeta,
    DesignMeta,
    IntegrationMeta,
    PostmortemMeta,
    RunbookMeta,
)
from tests.helpers import VALID, Writer, adr, codes, scan_folder


def test_a_valid_document_of_every_kind_passes(write_files: Writer) -> None:
    root = write_files(VALID)
    result = scan_folder(root)
    assert codes(result) == []
    assert sorted((d.kind, d.id) for d in result.documents) == [
        ("adr", "ADR-0001"),
        ("design", "search-v2"),
        ("integration", "salesforce"),
        ("postmortem", "2024-03-02-queue-outage"),
        ("runbook", "workflow-engine"),
    ]


def test_frontmatter_is_typed_by_the_kinds_schema(write_files: Writer) -> None:
    docs = {d.kind: d for d in scan_folder(write_files(VALID)).documents}
    assert isinstance(docs["adr"].meta, AdrMeta) and docs["adr"].meta.deciders == [
        "Ana Souza",
        "Bo Li",
    ]
    assert isinstance(docs["design"].meta, DesignMeta)
    assert docs["design"].meta.review_deadline == datetime.datetime(2024, 3, 7, 9, 0)
    integration = docs["integration"].meta
    assert isinstance(integration, IntegrationMeta) and integration.priority is not None
    assert integration.priority.customer_demand == 5
    postmortem = docs["postmortem"].meta
    assert isinstance(postmortem, PostmortemMeta) and postmortem.severity == 1
    assert isinstance(docs["runbook"].meta, RunbookMeta) and docs[
        "runbook"
    ].meta.severity_levels == [1, 2]
    assert docs["integration"].status == "implementing"
    assert docs["design"].title == "Search v2"
    assert docs["adr"].title == "Use PostgreSQL JSONB for workflow state"


@pytest.mark.parametrize("path", sorted(VALID))
def test_every_required_section_of_every_kind_is_enforced(write_files: Writer, path: str) -> None:
    text = VALID[path]
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    for heading in headings:
        root = write_files({path: text.replace(heading + "\n", "")})
        missing = [d for d in scan_folder(root).diagnostics if d.rule.code == "ASY101"]
        assert len(missing) == 1, heading
        assert repr(heading[3:]) in missing[0].message or heading[3:] == "Alternatives Considered"


def test_missing_section_says_where_to_add_it(write_files: Writer) -> None:
    root = write_files({"adr/0001-x.md": adr().replace("## Decision\nWhat we chose.\n", "")})
    (problem,) = scan_folder(root).diagnostics
    assert (problem.path, problem.line, problem.rule.code) == ("adr/0001-x.md", 8, "ASY101")
    assert problem.message == (
        "an ADR needs a 'Decision' section (or 'Decision Outcome'); add `## Decision` after 'Context'"
    )


def test_empty_and_placeholder_sections(write_files: Writer) -> None:
    text = (
        adr()
        .replace("The forces at play.", "<!-- describe the forces -->")
        .replace("What we chose.", "TODO: decide")
        .replace("What follows.", "[describe the consequences]")
    )
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    assert codes(result) == [
        ("adr/0001-x.md", 8, "ASY102"),
        ("adr/0001-x.md", 12, "ASY103"),
        ("adr/0001-x.md", 15, "ASY103"),
    ]


def test_section_matching_is_forgiving(write_files: Writer) -> None:
    text = (
        adr()
        .replace("## Context", "## 1. *Context*")
        .replace("## Decision", "Decision Outcome\n---")
        .replace("## Consequences", "### [Consequences](#consequences) ###")
    )
    assert codes(scan_folder(write_files({"adr/0001-x.md": text}))) == []


def test_headings_in_code_and_comments_do_not_satisfy_a_section(write_files: Writer) -> None:
    text = adr().replace(
        "## Decision\nWhat we chose.\n", "```\n## Decision\n```\n<!--\n## Decision\n-->\n"
    )
    assert [d.rule.code for d in scan_folder(write_files({"adr/0001-x.md": text})).diagnostics] == [
        "ASY101"
    ]


def test_repeated_section_is_a_warning(write_files: Writer) -> None:
    text = adr() + "\n## Context\nMore.\n"
    assert codes(scan_folder(write_files({"adr/0001-x.md": text}))) == [
        ("adr/0001-x.md", 17, "ASY104")
    ]


def test_unknown_status_suggests_the_closest(write_files: Writer) -> None:
    root = write_files({"adr/0001-x.md": adr().replace("status: accepted", "status: Acepted")})
    (problem,) = scan_folder(root).diagnostics
    assert (problem.line, problem.rule.code) == (2, "ASY022")
    assert "did you mean 'accepted'?" in problem.message


def test_status_is_folded(write_files: Writer) -> None:
    text = VALID["design/search-v2.md"].replace("status: in-review", "status: In Review")
    result = scan_folder(write_files({"design/x.md": text}))
    assert codes(result) == [] and result.documents[0].status == "in-review"


def test_missing_required_fields(write_files: Writer) -> None:
    text = (
        VALID["design/search-v2.md"]
        .replace("author: Ana Souza\n", "")
        .replace("status: in-review\n", "")
    )
    result = scan_folder(write_files({"design/x.md": text}))
    assert [d.message for d in result.diagnostics] == [
        "a Design document needs `status:` in its frontmatter; add it",
        "a Design document needs `owner:` or `author:` in its frontmatter; add it",
    ]


@pytest.mark.parametrize(
    ("line", "replacement", "fragment"),
    [
        ("date: 2024-03-01", "date: last tuesday", "field `date` is invalid"),
        ("date: 2024-03-01", "date: [2024]", "field `date` is invalid"),
        ("deciders: [Ana, Bo]", "deciders: {ana: yes}", "field `deciders` is invalid"),
        ("deciders: [Ana, Bo]", "number: seven", "field `number` is invalid"),
        (
            "deciders: [Ana, Bo]",
            "asyncops: {ignored: [ASY101]}",
            "field `asyncops.ignored` is invalid",
        ),
    ],
)
def test_wrong_types_point_at_the_field(
    write_files: Writer, line: str, replacement: str, fragment: str
) -> None:
    root = write_files({"adr/0001-x.md": adr().replace(line, replacement)})
    problems = [d for d in scan_folder(root).diagnostics if d.rule.code == "ASY023"]
    assert len(problems) == 1 and fragment in problems[0].message
    assert problems[0].line == adr().splitlines().index(line) + 1


def test_severity_out_of_range(write_files: Writer) -> None:
    text = VALID["postmortems/2024-03-02-queue-outage.md"].replace("severity: SEV1", "severity: 4")
    (problem,) = scan_folder(write_files({"postmortems/x.md": text})).diagnostics
    assert (problem.line, problem.rule.code) == (2, "ASY023")


@pytest.mark.parametrize(
    ("name", "body", "number"),
    [
        ("0007-use-postgres.md", adr(7), 7),
        ("ADR012-cache.md", adr(12), 12),
        ("use-postgres.md", adr(31), 31),
        ("use-postgres.md", adr().replace("# 1. Use", "# ADR-0042: Use"), 42),
        ("20240917-use-postgres.md", adr().replace("# 1. Use", "# Use"), None),
    ],
)
def test_adr_numbers_come_from_file_name_or_title(
    write_files: Writer, name: str, body: str, number: int | None
) -> None:
    (doc,) = scan_folder(write_files({f"adr/{name}": body})).documents
    assert doc.number == number
    assert doc.title == "Use PostgreSQL"


def test_frontmatter_number_rules_and_mismatch_warns(write_files: Writer) -> None:
    root = write_files({"adr/0003-x.md": adr().replace("status:", "number: 4\nstatus:")})
    result = scan_folder(root)
    assert result.documents[0].id == "ADR-0004"
    assert codes(result) == [("adr/0003-x.md", 2, "ASY024")]


def test_duplicate_numbers_are_reported_on_both_files(write_files: Writer) -> None:
    root = write_files({"adr/0001-a.md": adr(), "adr/0001-b.md": adr()})
    assert codes(scan_folder(root)) == [
        ("adr/0001-a.md", 1, "ASY201"),
        ("adr/0001-b.md", 1, "ASY201"),
    ]


def test_kind_from_frontmatter_outside_kind_folders(write_files: Writer) -> None:
    root = write_files(
        {"notes/a.md": "---\nkind: adr\n" + adr()[4:], "notes/page.md": "# Just a page\n"}
    )
    result = scan_folder(root)
    assert [d.kind for d in result.documents] == ["adr"] and codes(result) == []


def test_type_is_only_claimed_when_it_names_a_kind_in_our_folders(write_files: Writer) -> None:
    root = write_files({"blog/post.md": "---\ntype: article\n---\n# Post\n"})
    assert scan_folder(root).documents == [] and codes(scan_folder(root)) == []


def test_index_readme_and_templates_are_not_documents(write_files: Writer) -> None:
    root = write_files(
        {"adr/index.md": "# Decisions\n", "adr/README.md": "x", "adr/template.md": "# T\n"}
    )
    result = scan_folder(root)
    assert result.documents == [] and codes(result) == [("adr/template.md", 1, "ASY601")]


def test_forced_kind_reads_every_file_as_that_kind(write_files: Writer) -> None:
    root = write_files({"legacy/0001-a.md": adr()})
    result = scan_folder(root, "legacy", forced_kind="adr")
    assert [d.id for d in result.documents] == ["ADR-0001"]


def test_custom_kind_from_configuration(write_files: Writer) -> None:
    root = write_files(
        {"demos/search.md": "---\nowner: Ana\n---\n# Search demo\n\n## Recording\n\n"}
    )
    result = scan_folder(
        root,
        kinds={
            "demo": {
                "folders": ["demos"],
                "sections": ["Recording", "Questions"],
                "required_fields": ["owner", "date"],
            }
        },
    )
    assert codes(result) == [
        ("demos/search.md", 1, "ASY021"),
        ("demos/search.md", 6, "ASY101"),
        ("demos/search.md", 6, "ASY102"),
    ]


def test_rule_policy_changes_severity_and_switches_rules_off(write_files: Writer) -> None:
    root = write_files({"adr/0001-x.md": adr().replace("What follows.", "TBD")})
    assert [
        d.level.value
        for d in scan_folder(root, rules={"placeholder-section": "warning"}).diagnostics
    ] == ["warning"]
    assert scan_folder(root, rules={"ASY103": "off"}).diagnostics == []


def test_a_file_can_silence_a_rule(write_files: Writer) -> None:
    text = (
        adr()
        .replace("status:", "asyncops:\n  ignore: [placeholder-section]\nstatus:")
        .replace("What follows.", "TBD")
    )
    assert codes(scan_folder(write_files({"adr/0001-x.md": text}))) == []


def test_missing_title_falls_back_to_the_file_name(write_files: Writer) -> None:
    root = write_files({"adr/0002-use-redis.md": adr().replace("# 1. Use PostgreSQL\n", "")})
    result = scan_folder(root)
    assert result.documents[0].title == "Use redis"
    assert codes(result) == [("adr/0002-use-redis.md", 1, "ASY030")]


def test_nested_kind_folders_use_the_innermost(write_files: Writer) -> None:
    root = write_files({"design/adr/0001-x.md": adr()})
    assert [d.kind for d in scan_folder(root).documents] == ["adr"]


def test_source_files_are_never_written(write_files: Writer, tmp_path: Path) -> None:
    root = write_files({**VALID, "adr/0009-bad.md": "---\nstatus: [\n---\n"})
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    scan_folder(root)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    assert before == after


def test_a_key_written_twice_is_an_error_naming_both_lines(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-x.md": adr().replace(
                "status: accepted\n", "status: proposed\nstatus: accepted\n"
            )
        }
    )
    result = scan_folder(root)
    assert codes(result) == [("adr/0001-x.md", 3, "ASY013")]
    assert result.diagnostics[0].message == "'status' appears on lines 2 and 3; keep one"
    assert result.documents[0].status == "accepted"
