"""Design-doc processes read as they are: KEPs, enhancement proposals, PEPs, Rust RFCs, MADR 4.

Every fixture here is written for these tests in each format's shape; none is copied.
"""

from __future__ import annotations

from datetime import date

import pytest

from mkdocs_asyncops.core.settings import Settings, SettingsError
from mkdocs_asyncops.pipeline import Checked
from tests.helpers import Writer, codes, scan_folder

KEP_BODY = """\
# KEP-{number}: {title}

## Summary

Pods get {title}.

## Motivation

Nodes run out.

## Proposal

Count what pods ask for.

## Design Details

The kubelet keeps a ledger.

### Graduation Criteria

Alpha in one release.

## Alternatives

A webhook, which is slower.
"""


def kep_yaml(number: int | str, title: str, status: str, **more: str) -> str:
    lines = [
        f"title: {title}",
        f"kep-number: {number}",
        "authors:",
        '  - "@ana"',
        '  - "@bo"',
        "owning-sig: sig-node",
        "participating-sigs:",
        "  - sig-scheduling",
        f"status: {status}",
        "creation-date: 2021-02-03",
        "last-updated: 2022-04-05",
        "reviewers:",
        '  - "@chen"',
        "approvers:",
        '  - "@dee"',
        "stage: beta",
        'latest-milestone: "v1.24"',
        "milestone:",
        '  alpha: "v1.22"',
        '  beta: "v1.24"',
    ]
    for key, value in more.items():
        lines.append(f"{key.replace('_', '-')}: {value}")
    return "\n".join(lines) + "\n"


def kep(folder: str, number: int, title: str, status: str, **more: str) -> dict[str, str]:
    return {
        f"keps/{folder}/kep.yaml": kep_yaml(number, title, status, **more),
        f"keps/{folder}/README.md": KEP_BODY.format(number=number, title=title),
    }


def records(result: Checked) -> dict[str, tuple]:
    """id -> (status, status as written, date, title, format) of each record."""
    return {
        d.id: (d.status, d.raw_status, d.meta.date, d.title, d.source_format)
        for d in result.documents
    }


def pairs(result: Checked, relation: str) -> set[tuple[str, str]]:
    handbook = result.handbook
    return {(d.id, other.id) for d in handbook.documents for other in handbook.related(d, relation)}


@pytest.fixture
def kep_log(write_files: Writer):
    files = {
        **kep("sig-node/1001-pod-limits", 1001, "Pod limits", "replaced"),
        **kep(
            "sig-node/1002-pod-quotas",
            1002,
            "Pod quotas",
            "replaced",
            # stated on this side only: superseded once by 1003, and again by 1004 (a link)
            superseded_by='["1003-pod-budgets", "https://example.org/enhancements/tree/main/keps/sig-node/1004-pod-ledger"]',
        ),
        **kep(
            "sig-node/1003-pod-budgets",
            1003,
            "Pod budgets",
            "implemented",
            replaces='["/keps/sig-node/1001-pod-limits", "1002"]',
            see_also='["/keps/sig-scheduling/2001-fair-queues"]',
        ),
        **kep("sig-node/1004-pod-ledger", 1004, "Pod ledger", "implementable"),
        **kep(
            "sig-scheduling/2001-fair-queues",
            2001,
            "Fair queues",
            "provisional",
            requires='["1004"]',
        ),
        # metadata, no README; a month 13; a reference to nothing
        "keps/sig-node/1005-orphan/kep.yaml": kep_yaml(
            1005, "Orphan", "deferred", see_also='["/keps/sig-x/9999-missing"]'
        ).replace("creation-date: 2021-02-03", "creation-date: 2021-13-03"),
        # the template folder, as the process ships it
        "keps/NNNN-kep-template/kep.yaml": kep_yaml(
            "NNNN",
            "KEP Template",
            "provisional|implementable|implemented|deferred|rejected|withdrawn|replaced",
        ).replace("2021-02-03", "yyyy-mm-dd"),
        "keps/NNNN-kep-template/README.md": "# KEP-NNNN: Your short, descriptive title\n",
    }
    return write_files(files)


def test_kep_folders_are_records_with_their_sidecar_metadata(kep_log) -> None:
    result = scan_folder(kep_log)
    day = date(2021, 2, 3)
    assert records(result) == {
        "KEP-1001": ("superseded", "replaced", day, "Pod limits", "kep"),
        "KEP-1002": ("superseded", "replaced", day, "Pod quotas", "kep"),
        "KEP-1003": ("implemented", "implemented", day, "Pod budgets", "kep"),
        "KEP-1004": ("approved", "implementable", day, "Pod ledger", "kep"),
        "KEP-1005": ("deferred", "deferred", None, "Orphan", "kep"),
        "KEP-2001": ("draft", "provisional", day, "Fair queues", "kep"),
    }
    budgets = next(d for d in result.documents if d.id == "KEP-1003")
    assert budgets.path == "keps/sig-node/1003-pod-budgets/README.md"
    assert budgets.meta.author == "@ana, @bo" and budgets.meta.owner == "sig-node"
    assert budgets.frontmatter["latest-milestone"] == "v1.24"  # kept as written


def test_a_kep_chain_is_related_both_ways(kep_log) -> None:
    result = scan_folder(kep_log)
    assert pairs(result, "superseded_by") == {
        ("KEP-1001", "KEP-1003"),
        ("KEP-1002", "KEP-1003"),
        ("KEP-1002", "KEP-1004"),
    }
    assert pairs(result, "supersedes") == {
        ("KEP-1003", "KEP-1001"),
        ("KEP-1003", "KEP-1002"),
        ("KEP-1004", "KEP-1002"),
    }
    assert pairs(result, "requires") == {("KEP-2001", "KEP-1004")}
    assert pairs(result, "required_by") == {("KEP-1004", "KEP-2001")}
    assert pairs(result, "relates_to") == {
        ("KEP-1003", "KEP-2001"),
        ("KEP-2001", "KEP-1003"),
    }


def test_kep_diagnostics_name_the_sidecar_and_the_value(kep_log) -> None:
    result = scan_folder(kep_log)
    assert codes(result) == [
        ("keps/NNNN-kep-template/kep.yaml", 1, "ASY601"),
        ("keps/sig-node/1005-orphan/kep.yaml", 1, "ASY605"),
        ("keps/sig-node/1005-orphan/kep.yaml", 10, "ASY023"),
        ("keps/sig-node/1005-orphan/kep.yaml", 21, "ASY301"),
    ]
    messages = {d.rule.code: d.message for d in result.diagnostics}
    assert "'/keps/sig-x/9999-missing'" in messages["ASY301"]
    assert "`creation-date: 2021-13-03` is not a date that exists" in messages["ASY023"]


def test_the_status_mapping_is_configurable(kep_log) -> None:
    kinds = {"design": {"status_map": {"kep": {"provisional": "in-review"}}}}
    result = scan_folder(kep_log, kinds=kinds)
    assert records(result)["KEP-2001"][:2] == ("in-review", "provisional")
    with pytest.raises(SettingsError, match="'sideways' is not a status of this kind"):
        Settings.build(kep_log, [], kinds={"design": {"status_map": {"kep": {"x": "sideways"}}}})


ENHANCEMENT = """\
---
title: {slug}
authors:
  - "@ana"
reviewers:
  - "@bo"
approvers:
  - "@chen"
api-approvers:
  - None
creation-date: 2022-06-01
last-updated: 2023-01-02
tracking-link:
  - https://issues.example.org/browse/NET-1
status: {status}
{more}---

# {title}

## Summary

Nodes encrypt traffic.

## Motivation

Auditors ask.

## Proposal

Use IPsec.

## Design Details

Keys rotate.

### Graduation Criteria

GA in 4.12.

## Alternatives

WireGuard.
"""


def test_enhancement_proposals_in_frontmatter(write_files: Writer) -> None:
    root = write_files(
        {
            "enhancements/network/ipsec.md": ENHANCEMENT.format(
                slug="ipsec",
                title="IPsec between nodes",
                status="implemented",
                more='replaces:\n  - "/enhancements/network/tunnels.md"\n',
            ),
            "enhancements/network/tunnels.md": ENHANCEMENT.format(
                slug="tunnels", title="Tunnels", status="replaced", more=""
            ),
            "enhancements/network/guidance.md": ENHANCEMENT.format(
                slug="guidance", title="Network guidance", status="informational", more=""
            ),
        }
    )
    result = scan_folder(root)
    assert codes(result) == []
    day = date(2022, 6, 1)
    assert records(result) == {
        "guidance": ("approved", "informational", day, "Network guidance", "enhancement"),
        "ipsec": ("implemented", "implemented", day, "IPsec between nodes", "enhancement"),
        "tunnels": ("superseded", "replaced", day, "Tunnels", "enhancement"),
    }
    assert pairs(result, "superseded_by") == {("tunnels", "ipsec")}


PEP_RST = """\
PEP: {number}
Title: {title}
Author: Ana Souza <ana@example.org>,
        Bo Li <bo@example.org>
Status: {status}
Type: Standards Track
Created: {created}
{more}

Abstract
========

What this changes.

Motivation
==========

Why.

Specification
=============

How it works.

Sub-part
--------

Details.

Rejected Ideas
==============

Others.
"""


PEP_MD = """\
PEP: 101
Title: New codecs
Author: Ana Souza <ana@example.org>, Bo Li <bo@example.org>
Status: Final
Type: Standards Track
Created: 02-Mar-2002
Replaces: 100
Requires: 1, 404

## Abstract

What this changes.

## Specification

How it works.

## Rejected Ideas

Others.
"""


def test_peps_in_rst_and_markdown(write_files: Writer) -> None:
    root = write_files(
        {
            "peps/pep-0001.rst": PEP_RST.format(
                number=1, title="Purpose", status="Active", created="13-Jun-2000", more=""
            ),
            "peps/pep-0100.rst": PEP_RST.format(
                number=100,
                title="Old codecs",
                status="Superseded",
                created="01-Mar-2001",
                more="Superseded-By: 101",
            ),
            "peps/pep-0101.md": PEP_MD,
            "peps/pep-0102.rst": PEP_RST.format(
                number=102,
                title="Leap codecs",
                status="Provisional",
                created="31-Feb-2020",
                more="",
            ),
            "peps/notes.rst": "Notes\n=====\n\nNot a PEP.\n",
        }
    )
    result = scan_folder(root)
    assert records(result) == {
        "PEP-0001": ("approved", "Active", date(2000, 6, 13), "Purpose", "pep"),
        "PEP-0100": ("superseded", "Superseded", date(2001, 3, 1), "Old codecs", "pep"),
        "PEP-0101": ("implemented", "Final", date(2002, 3, 2), "New codecs", "pep"),
        "PEP-0102": ("approved", "Provisional", None, "Leap codecs", "pep"),
    }
    assert codes(result) == [
        ("peps/pep-0101.md", 8, "ASY301"),  # Requires: 404, which is no PEP here
        ("peps/pep-0102.rst", 7, "ASY023"),
    ]
    assert "'404'" in result.diagnostics[0].message
    assert pairs(result, "superseded_by") == {("PEP-0100", "PEP-0101")}
    assert pairs(result, "supersedes") == {("PEP-0101", "PEP-0100")}
    assert pairs(result, "required_by") == {("PEP-0001", "PEP-0101")}
    one = next(d for d in result.documents if d.id == "PEP-0001")
    assert one.meta.author == "Ana Souza <ana@example.org>, Bo Li <bo@example.org>"
    assert [h.text for h in one.outline.headings][:3] == ["Abstract", "Motivation", "Specification"]


RUST_RFC = """\
- Feature Name: `{feature}`
- Start Date: {start}
- RFC PR: [example/rfcs#{number}](https://example.org/rfcs/pull/{number})
- Tracking Issue: [example/lang#{issue}](https://example.org/lang/issues/{issue})

# Summary
[summary]: #summary

One paragraph.

# Motivation
[motivation]: #motivation

Why.

# Guide-level explanation

As a user sees it.

# Reference-level explanation

As the compiler sees it.

# Rationale and alternatives

Others.
"""


def test_rust_style_rfcs(write_files: Writer) -> None:
    root = write_files(
        {
            "rfcs/text/0016-more-attributes.md": RUST_RFC.format(
                feature="more_attributes", start="2014-03-20", number=16, issue=7
            ),
            "rfcs/text/0243-trait-based-errors.md": RUST_RFC.format(
                feature="question_mark", start="2014-09-16", number=243, issue=31436
            ).replace("# Motivation\n[motivation]: #motivation\n\nWhy.\n\n", ""),
            "rfcs/0000-template.md": RUST_RFC.format(
                feature="(fill me in)", start="(today, YYYY-MM-DD)", number="0000", issue="0000"
            ),
        }
    )
    result = scan_folder(root)
    assert records(result) == {
        "RFC-0016": ("approved", "accepted", date(2014, 3, 20), "More attributes", "rust-rfc"),
        "RFC-0243": ("approved", "accepted", date(2014, 9, 16), "Trait based errors", "rust-rfc"),
    }
    assert codes(result) == [("rfcs/0000-template.md", 1, "ASY601")]
    rfc = result.documents[0]
    assert rfc.frontmatter["Feature Name"] == "`more_attributes`"


MADR_4 = """\
---
status: {status}
date: {date}
decision-makers: Ana Souza, Bo Li
consulted: Chen Wu
informed: Dee
---
# {title}

## Context and Problem Statement

Why.

## Decision Outcome

What.

### Consequences

* Good, because it works.
"""


def test_madr_4_records_and_its_template(write_files: Writer) -> None:
    root = write_files(
        {
            "docs/decisions/0001-use-kafka.md": MADR_4.format(
                status="accepted", date="2024-09-20", title="Use Kafka"
            ),
            "docs/decisions/0002-use-nats.md": MADR_4.format(
                status="proposed", date="2024-10-01", title="{short title of solved problem}"
            ),
            "docs/decisions/adr-template.md": MADR_4.format(
                status='"{proposed | rejected | accepted | deprecated | superseded by ADR-0123}"',
                date="{YYYY-MM-DD when the decision was last updated}",
                title="{short title, representative of solved problem and found solution}",
            ),
            "docs/decisions/0003-draft.md": MADR_4.format(
                status="Accepted | Pending | Superseded by ADR-0001",
                date="2024-01-01",
                title="ADRXXX: Title",
            ),
        }
    )
    result = scan_folder(root)
    assert [(d.id, d.status, d.source_format) for d in result.documents] == [
        ("ADR-0001", "accepted", "madr-4"),
        ("ADR-0002", "proposed", "madr-4"),
    ]
    kafka = result.documents[0]
    assert (kafka.meta.deciders, kafka.meta.consulted, kafka.meta.informed) == (
        ["Ana Souza", "Bo Li"],
        ["Chen Wu"],
        ["Dee"],
    )
    assert codes(result) == [
        ("docs/decisions/0002-use-nats.md", 8, "ASY604"),
        ("docs/decisions/0003-draft.md", 8, "ASY601"),
        ("docs/decisions/adr-template.md", 8, "ASY601"),
    ]


def test_report_says_per_format_what_was_understood(kep_log, capsys, monkeypatch) -> None:
    from mkdocs_asyncops.cli.main import main

    monkeypatch.chdir(kep_log)
    assert main(["report", "--kind", "design", "keps"]) == 0
    out = capsys.readouterr().out
    block = out[out.index("Formats read:") : out.index("History: unavailable")].splitlines()
    assert block == [
        "Formats read:",
        "  Kubernetes KEP: 6 records",
        (
            "    statuses: deferred -> deferred (1), implementable -> approved (1), "
            "implemented -> implemented (1), provisional -> draft (1), replaced -> superseded (2)"
        ),
        "    not read: 3",
        (
            "      keps/sig-node/1005-orphan/kep.yaml:1: ASY605 this proposal has metadata but no "
            "README.md beside it; it is listed with what kep.yaml says, and its text is missing: "
            "add the README.md"
        ),
        (
            "      keps/sig-node/1005-orphan/kep.yaml:10: ASY023 `creation-date: 2021-13-03` is not a "
            "date that exists; write it as YYYY-MM-DD (the record is kept, without a date)"
        ),
        (
            "      keps/sig-node/1005-orphan/kep.yaml:21: ASY301 relates to '/keps/sig-x/9999-missing', "
            "but no document matches it; give an id (ADR-0003), a number or a file name that exists"
        ),
        "  templates listed, not counted: 1",
    ]


def test_migrate_leaves_proposals_as_their_process_writes_them(kep_log) -> None:
    from mkdocs_asyncops.edit.migrate import plan

    migrations = plan(scan_folder(kep_log))
    assert {m.path: m.refused[:41] for m in migrations} == {
        f"keps/{folder}": "a Kubernetes KEP keeps its metadata where"
        for folder in (
            "sig-node/1001-pod-limits/README.md",
            "sig-node/1002-pod-quotas/README.md",
            "sig-node/1003-pod-budgets/README.md",
            "sig-node/1004-pod-ledger/README.md",
            "sig-node/1005-orphan/kep.yaml",
            "sig-scheduling/2001-fair-queues/README.md",
        )
    }
