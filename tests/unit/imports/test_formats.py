"""Existing decision logs read as they are: adr-tools, MADR 2/3/4, log4brains and variants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_asyncops.core.kinds import BUILTIN_KINDS
from mkdocs_asyncops.imports.normalise import normalise_status, parse_date, stated_relation
from mkdocs_asyncops.pipeline import Checked
from tests.helpers import Writer, codes, scan_folder

ADR_STATUSES = BUILTIN_KINDS["adr"].statuses

SECTIONS = "\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n"


def adr_tools(number: int, title: str, status_lines: str, when: str = "2016-02-12") -> str:
    """A record as adr-tools writes it."""
    return f"# {number}. {title}\n\nDate: {when}\n\n## Status\n\n{status_lines}\n{SECTIONS}"


def records(result: Checked) -> dict[str, tuple]:
    """id -> (status, raw status, date, title) of each record."""
    return {d.id: (d.status, d.raw_status, d.meta.date, d.title) for d in result.documents}


def pairs(result: Checked, relation: str = "superseded_by") -> set[tuple[str, str]]:
    handbook = result.handbook
    return {(d.id, other.id) for d in handbook.documents for other in handbook.related(d, relation)}


def test_adr_tools_status_date_and_relations_both_ways(write_files: Writer) -> None:
    root = write_files(
        {
            "doc/adr/0001-record-decisions.md": adr_tools(1, "Record decisions", "Accepted"),
            "doc/adr/0002-use-make.md": adr_tools(
                2, "Use make", "Superceded by [3. Use just](0003-use-just.md)", when="12/02/2016"
            ),
            "doc/adr/0003-use-just.md": adr_tools(
                3,
                "Use just",
                "Accepted\n\nSupersedes [2. Use make](0002-use-make.md)\n\n"
                "Amended by [4. Pin just](0004-pin-just.md)",
            ),
            "doc/adr/0004-pin-just.md": adr_tools(
                4, "Pin just", "Accepted\n\nAmends [3. Use just](0003-use-just.md)"
            ),
        }
    )
    result = scan_folder(root)
    assert codes(result) == []
    assert records(result) == {
        "ADR-0001": ("accepted", "Accepted", date(2016, 2, 12), "Record decisions"),
        "ADR-0002": (
            "superseded",
            "Superceded by [3. Use just](0003-use-just.md)",
            date(2016, 2, 12),
            "Use make",
        ),
        "ADR-0003": ("accepted", "Accepted", date(2016, 2, 12), "Use just"),
        "ADR-0004": ("accepted", "Accepted", date(2016, 2, 12), "Pin just"),
    }
    assert pairs(result) == {("ADR-0002", "ADR-0003")}
    assert pairs(result, "amended_by") == {("ADR-0003", "ADR-0004")}
    assert {d.source_format for d in result.documents} == {"adr-tools"}
    assert result.documents[1].line_of("status") == 7


def test_a_dead_link_is_resolved_by_the_number_in_its_file_name(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-old.md": adr_tools(
                1, "Old", "Superseded by [2. New](0002-name-before-rename.md)"
            ),
            "adr/0002-new.md": adr_tools(2, "New", "Accepted"),
        }
    )
    result = scan_folder(root)
    assert codes(result) == [] and pairs(result) == {("ADR-0001", "ADR-0002")}


MADR_2 = """\
# Use Kafka for events

* Status: {status}
* Deciders: Ana Souza, Bo Li
* Date: {when}

Technical Story: ENG-42

## Context and Problem Statement

Services need events.

## Decision Outcome

Chosen option: "Kafka", because it keeps events.

### Positive Consequences

* Replays.

### Negative Consequences

* Another cluster to run.
"""


def test_madr_2_bullets_and_section_names(write_files: Writer) -> None:
    root = write_files(
        {"docs/decisions/0004-use-kafka.md": MADR_2.format(status="accepted", when="2024-03-01")}
    )
    result = scan_folder(root)
    assert codes(result) == []
    (doc,) = result.documents
    assert (doc.id, doc.status, doc.meta.date, doc.source_format) == (
        "ADR-0004",
        "accepted",
        date(2024, 3, 1),
        "madr-2",
    )
    assert doc.meta.deciders == ["Ana Souza", "Bo Li"]
    assert doc.frontmatter == {}  # what the file says stays as written


def test_madr_3_and_4_frontmatter(write_files: Writer) -> None:
    madr_3 = "---\nstatus: accepted\ndate: 2023-01-05\ndeciders: [Ana]\n---\n"
    madr_4 = (
        "---\nstatus: superseded by ADR-0001\ndate: 2024-09-20\ndecision-makers: Bo\n"
        "consulted: [Chen]\ninformed: [Dee]\n---\n"
    )
    body = "# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nWhat.\n\n### Consequences\n\n* Good.\n"
    root = write_files(
        {
            "decisions/0001-madr-3.md": madr_3 + body.format(title="Three"),
            "decisions/0002-madr-4.md": madr_4 + body.format(title="Four"),
        }
    )
    result = scan_folder(root)
    assert codes(result) == []
    four = result.documents[1]
    assert (four.status, four.meta.deciders, four.meta.consulted, four.meta.informed) == (
        "superseded",
        ["Bo"],
        ["Chen"],
        ["Dee"],
    )
    assert pairs(result) == {("ADR-0002", "ADR-0001")}


LOG4BRAINS = """\
# {title}

- Status: {status}
- Date: {when}

## Context and Problem Statement

Why.

## Decision Outcome

What.

### Positive Consequences

- Good.
{links}"""


def test_log4brains_bullets_dated_names_and_links_across_packages(write_files: Writer) -> None:
    root = write_files(
        {
            "docs/adr/20200926-use-numbers.md": LOG4BRAINS.format(
                title="Use numbers",
                status="superseded by [20201016-use-slugs](20201016-use-slugs.md)",
                when="2020-09-26",
                links="",
            ),
            "docs/adr/20201016-use-slugs.md": LOG4BRAINS.format(
                title="Use slugs",
                status="accepted",
                when="2020-10-16",
                links="\n## Links\n\n- Supersedes [20200926-use-numbers](20200926-use-numbers.md)\n",
            ),
            "packages/core/docs/adr/20201027-link-resolver.md": LOG4BRAINS.format(
                title="Link resolver",
                status="accepted",
                when="2020-10-27",
                links="\n## Links\n\n- Amends [slugs](../../../../docs/adr/20201016-use-slugs.md)\n",
            ),
        }
    )
    result = scan_folder(root, "docs/adr", "packages/core/docs/adr")
    assert codes(result) == []
    assert records(result) == {
        "20200926-use-numbers": (
            "superseded",
            "superseded by [20201016-use-slugs](20201016-use-slugs.md)",
            date(2020, 9, 26),
            "Use numbers",
        ),
        "20201016-use-slugs": ("accepted", "accepted", date(2020, 10, 16), "Use slugs"),
        "20201027-link-resolver": ("accepted", "accepted", date(2020, 10, 27), "Link resolver"),
    }
    assert all(d.number is None and d.source_format == "log4brains" for d in result.documents)
    assert pairs(result) == {("20200926-use-numbers", "20201016-use-slugs")}
    assert pairs(result, "amends") == {("20201027-link-resolver", "20201016-use-slugs")}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("✅ Accepted", "accepted"),
        ("Accepted, amended by later decisions", "accepted"),
        ("Pending", "proposed"),
        ("**Proposed**", "proposed"),
        ("Deprecated 🚫", "deprecated"),
        ("REJECTED (2024-01-01)", "rejected"),
    ],
)
def test_statuses_with_emoji_and_extra_words(
    write_files: Writer, status: str, expected: str
) -> None:
    root = write_files({"adr/0001-a.md": adr_tools(1, "A", status)})
    result = scan_folder(root)
    assert codes(result) == [] and result.documents[0].status == expected


def test_a_status_nobody_can_read_is_unknown_with_its_words_kept(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0003-tooling.md": "---\nstatus: on hold\ndate: 2018-06-14\n---\n# Tooling\n"
            + SECTIONS
        }
    )
    result = scan_folder(root)
    (doc,) = result.documents
    assert (doc.status, doc.raw_status) == ("unknown", "on hold")
    assert codes(result) == [("adr/0003-tooling.md", 2, "ASY022")]


def test_adr_number_names_titles_yaml_mapping_status_and_written_dates(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/ADR012-cache.md": "---\nstatus: { accepted }\ndate: September 20, 2024\n---\n# ADR012: Use a cache\n"
            + SECTIONS,
            "adr/ADR013-queue.md": "---\nstatus: Pending\ndate: 20/09/2024\n---\n# ADR013: Use a queue\n"
            + SECTIONS,
        }
    )
    result = scan_folder(root)
    assert codes(result) == []
    assert records(result) == {
        "ADR-0012": ("accepted", "accepted", date(2024, 9, 20), "Use a cache"),
        "ADR-0013": ("proposed", "Pending", date(2024, 9, 20), "Use a queue"),
    }


def test_the_frontmatter_wins_over_the_body(write_files: Writer) -> None:
    text = "---\nstatus: deprecated\ndate: 2024-01-02\n---\n" + adr_tools(1, "A", "Accepted")
    result = scan_folder(write_files({"adr/0001-a.md": text}))
    assert records(result)["ADR-0001"][:3] == ("deprecated", "deprecated", date(2024, 1, 2))


def test_body_statuses_and_dates_satisfy_the_required_fields_and_bad_ones_are_named(
    write_files: Writer,
) -> None:
    root = write_files(
        {
            "adr/0001-no-status.md": "# 1. A\n\nDate: 2024-01-01\n" + SECTIONS,
            "adr/0002-bad-date.md": adr_tools(2, "B", "Accepted", when="sometime in spring"),
        }
    )
    assert codes(scan_folder(root)) == [
        ("adr/0001-no-status.md", 1, "ASY021"),
        ("adr/0002-bad-date.md", 3, "ASY023"),
    ]


def test_templates_and_index_pages_are_told_from_records_by_content(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/index.md": "# Decisions\n\nAll our decisions.\n",
            "adr/README.md": "# Architecture decisions\n\nSee the site.\n",
            "adr/template.md": "# [short title of solved problem]\n\n- Status: [proposed | accepted]\n"
            + SECTIONS,
            "adr/adr-template.md": "---\ntitle: ADR Template\n---\n# {short title}\n" + SECTIONS,
            "adr/0007-adopt-a-template.md": adr_tools(7, "Adopt a template", "Accepted"),
            "adr/0008-draft.md": "# [Short title]\n\nDate: 2024-01-01\n" + SECTIONS,
        }
    )
    result = scan_folder(root)
    assert [d.id for d in result.documents] == ["ADR-0007"]
    assert codes(result) == [  # templates are listed as such; index pages are not
        ("adr/0008-draft.md", 1, "ASY601"),
        ("adr/adr-template.md", 4, "ASY601"),
        ("adr/template.md", 1, "ASY601"),
    ]


def test_forced_kind_still_skips_templates(write_files: Writer) -> None:
    root = write_files(
        {"log/template.md": "# {short title}\n", "log/0001-a.md": adr_tools(1, "A", "Accepted")}
    )
    assert [d.id for d in scan_folder(root, "log", forced_kind="adr").documents] == ["ADR-0001"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-09-20", date(2024, 9, 20)),
        ("20/09/2024", date(2024, 9, 20)),
        ("20.09.2024", date(2024, 9, 20)),
        ("September 20, 2024", date(2024, 9, 20)),
        ("Sep 20th 2024", date(2024, 9, 20)),
        ("20 September 2024", date(2024, 9, 20)),
        ("31/02/2024", None),
        ("Smarch 3, 2024", None),
        ("next week", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "relation", "targets"),
    [
        ("Superseded by [3. Use just](0003-use-just.md)", "superseded_by", ("0003-use-just.md",)),
        ("superseded by ADR-0123", "superseded_by", ("ADR-0123",)),
        ("Supersedes [a](a.md) and [b](b.md)", "supersedes", ("a.md", "b.md")),
        ("Amended by 9", "amended_by", ("9",)),
        ("Replaces 0004-old.md", "supersedes", ("0004-old.md",)),
    ],
)
def test_stated_relation(text: str, relation: str, targets: tuple[str, ...]) -> None:
    stated = stated_relation(text)
    assert stated is not None and (stated.relation, stated.targets) == (relation, targets)


def test_words_without_a_target_state_no_relation() -> None:
    assert stated_relation("superseded by the new caching design") is None
    assert stated_relation("Accepted") is None


@given(st.text(max_size=80))
def test_status_and_date_readers_never_fail(text: str) -> None:
    assert normalise_status(text, ADR_STATUSES) in {*ADR_STATUSES, "unknown"}
    parse_date(text)
    stated_relation(text)


def test_a_folder_of_imported_records_is_read_the_same_with_and_without_forcing(
    write_files: Writer,
) -> None:
    root: Path = write_files({"legacy/0001-a.md": adr_tools(1, "A", "Accepted")})
    forced = scan_folder(root, "legacy", forced_kind="adr")
    assert records(forced) == {"ADR-0001": ("accepted", "Accepted", date(2016, 2, 12), "A")}


@pytest.mark.parametrize(
    ("raw", "adr", "design"),
    [
        ("Accepted", "accepted", "approved"),
        ("Approved", "accepted", "approved"),
        ("Proposed", "proposed", "in-review"),
        ("Draft", "proposed", "draft"),
        ("Abandoned", "unknown", "withdrawn"),
        ("Superseded", "superseded", "superseded"),
    ],
)
def test_other_words_map_to_each_kinds_own_statuses(raw: str, adr: str, design: str) -> None:
    assert normalise_status(raw, ADR_STATUSES) == adr
    assert normalise_status(raw, BUILTIN_KINDS["design"].statuses) == design


def test_frontmatter_and_body_that_disagree_are_reported(write_files: Writer) -> None:
    text = "---\nstatus: accepted\ndate: 2024-01-02\n---\n" + adr_tools(
        1, "A", "Superseded by 2", when="2024-01-02"
    )
    root = write_files({"adr/0001-a.md": text, "adr/0002-b.md": adr_tools(2, "B", "Accepted")})
    result = scan_folder(root)
    assert records(result)["ADR-0001"][0] == "accepted"
    (problem,) = [d for d in result.diagnostics if d.rule.code == "ASY602"]
    assert (problem.path, problem.line, problem.level.value) == ("adr/0001-a.md", 11, "warning")
    assert (
        "the body says status 'Superseded by 2' but the frontmatter says 'accepted'"
        in problem.message
    )


def test_only_decision_kinds_read_metadata_from_the_body(write_files: Writer) -> None:
    body = "# Queue outage\n\n## Status\n\nResolved at 14:02 after a failover.\n"
    root = write_files({"runbooks/queue.md": "---\nowner: Ana\nsystems: [queue]\n---\n" + body})
    (doc,) = scan_folder(root, rules={"ASY101": "off"}).documents
    assert doc.status is None and doc.source_format is None


def test_a_relation_line_without_a_record_is_reported(write_files: Writer) -> None:
    status = "Accepted\n\nAmended by the 2025 security review"
    links = "\n## Links\n\n- Supersedes the old wiki page\n- [Lerna docs](https://lerna.js.org)\n"
    root = write_files(
        {
            "adr/0001-a.md": adr_tools(1, "A", status),
            "adr/20240101-b.md": LOG4BRAINS.format(
                title="B", status="accepted", when="2024-01-01", links=links
            ),
        }
    )
    assert codes(scan_folder(root)) == [
        ("adr/0001-a.md", 9, "ASY603"),
        ("adr/20240101-b.md", 20, "ASY603"),
    ]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Superseded by ADR-0005, 7 and 0009-cache.md", ("ADR-0005", "7", "0009-cache.md")),
        ("Superseded by ADR-0005 (see the review)", ("ADR-0005",)),
        ("Amended by 9.", ("9",)),
    ],
)
def test_bare_targets_are_read_from_the_start(text: str, targets: tuple[str, ...]) -> None:
    stated = stated_relation(text)
    assert stated is not None and stated.targets == targets


def test_numbers_later_in_the_words_are_not_targets() -> None:
    assert stated_relation("Amended by the 2025 security review") is None


def test_madr_replaces_and_superseded_by_in_frontmatter(write_files: Writer) -> None:
    body = "# {title}\n" + SECTIONS
    root = write_files(
        {
            "adr/0001-a.md": "---\nstatus: superseded\ndate: 2024-01-01\nsuperseded-by: 0002-b.md\n---\n"
            + body.format(title="A"),
            "adr/0002-b.md": "---\nstatus: accepted\ndate: 2024-02-01\n---\n"
            + body.format(title="B"),
            "adr/0003-c.md": "---\nstatus: accepted\ndate: 2024-03-01\nreplaces: [ADR-0002]\n---\n"
            + body.format(title="C"),
        }
    )
    result = scan_folder(root)
    assert pairs(result) == {("ADR-0001", "ADR-0002"), ("ADR-0002", "ADR-0003")}
    assert ("adr/0002-b.md", 2, "ASY303") in codes(
        result
    )  # B is superseded by C but still accepted


def test_a_numbered_file_named_like_a_template_is_a_record_and_its_gaps_are_reported(
    write_files: Writer,
) -> None:
    root = write_files(
        {
            "adr/0012-adopt-a-template.md": "# 12. Adopt a template\n\nDate: 2024-01-01\n"
            + SECTIONS,
            "adr/design-template.md": "# Design template\n\nDate: 2024-01-01\n" + SECTIONS,
        }
    )
    result = scan_folder(root)
    assert [d.id for d in result.documents] == ["ADR-0012"]
    assert codes(result) == [
        ("adr/0012-adopt-a-template.md", 1, "ASY021"),
        ("adr/design-template.md", 1, "ASY601"),
    ]
