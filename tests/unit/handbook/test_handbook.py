"""Resolving stated relations into a handbook: both directions, by id, number or link."""

from __future__ import annotations

from tests.helpers import Writer, adr, codes, scan_folder


def with_meta(number: int, extra: str, status: str = "accepted") -> str:
    return adr(number, f"Decision {number}").replace(
        "status: accepted", f"status: {status}\n{extra}".rstrip()
    )


def test_supersession_is_recorded_both_ways_whichever_side_states_it(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": with_meta(1, "", status="superseded"),
            "adr/0002-b.md": with_meta(2, "supersedes: [1]"),
            "adr/0003-c.md": with_meta(3, "superseded_by: ADR-0004", status="superseded"),
            "adr/0004-d.md": with_meta(4, ""),
        }
    )
    result = scan_folder(root)
    docs = {d.number: d for d in result.documents}
    hb = result.handbook
    assert [d.number for d in hb.related(docs[1], "superseded_by")] == [2]
    assert [d.number for d in hb.related(docs[2], "supersedes")] == [1]
    assert [d.number for d in hb.related(docs[4], "supersedes")] == [3]
    assert [d.number for d in hb.related(docs[3], "superseded_by")] == [4]
    assert codes(result) == []


def test_targets_by_id_number_file_name_and_relative_link(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": with_meta(1, ""),
            "adr/0002-b.md": with_meta(2, ""),
            "adr/0003-c.md": with_meta(3, ""),
            "adr/0004-d.md": with_meta(4, ""),
            "adr/0005-e.md": with_meta(5, "relates_to: [ADR-1, 2, 0003-c.md, ./0004-d.md]"),
            "docs/design/x.md": "---\nkind: design\nstatus: draft\nowner: a\nrelated: [ADR 5, ../../adr/0001-a.md]\n---\n# X\n",
        }
    )
    result = scan_folder(root)
    docs = {d.id: d for d in result.documents}
    assert [d.id for d in result.handbook.related(docs["ADR-0005"], "relates_to")] == [
        "ADR-0001",
        "ADR-0002",
        "ADR-0003",
        "ADR-0004",
        "x",
    ]
    assert [d.id for d in result.handbook.related(docs["x"], "relates_to")] == [
        "ADR-0005",
        "ADR-0001",
    ]
    assert [c for c in codes(result) if c[2].startswith("ASY3")] == []


def test_dead_link_falls_back_to_the_number_in_its_name(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-renamed.md": with_meta(1, "", status="superseded"),
            "adr/0002-b.md": with_meta(2, "supersedes: [0001-old-name.md]"),
        }
    )
    result = scan_folder(root)
    first = next(d for d in result.documents if d.number == 1)
    assert [d.number for d in result.handbook.related(first, "superseded_by")] == [2]


def test_broken_reference_names_the_line(write_files: Writer) -> None:
    root = write_files({"adr/0001-a.md": with_meta(1, "supersedes: [ADR-0042]")})
    result = scan_folder(root)
    assert codes(result) == [("adr/0001-a.md", 3, "ASY301")]
    assert "'ADR-0042'" in result.diagnostics[0].message


def test_cycles_and_self_references(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": with_meta(1, "superseded_by: [2]", status="superseded"),
            "adr/0002-b.md": with_meta(2, "superseded_by: [1]", status="superseded"),
            "adr/0003-c.md": with_meta(3, "relates_to: [3]"),
        }
    )
    result = scan_folder(root)
    found = [(path, code) for path, _, code in codes(result)]
    assert found.count(("adr/0001-a.md", "ASY302")) == 1
    assert ("adr/0003-c.md", "ASY302") in found
    assert "ADR-0001 -> ADR-0002 -> ADR-0001" in result.diagnostics[0].message


def test_contradictory_statuses(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": with_meta(1, ""),
            "adr/0002-b.md": with_meta(2, "supersedes: [1]"),
            "adr/0003-c.md": with_meta(3, "", status="superseded"),
        }
    )
    assert codes(scan_folder(root)) == [
        ("adr/0001-a.md", 2, "ASY303"),
        ("adr/0003-c.md", 2, "ASY304"),
    ]


def test_a_cycle_beside_a_branch_is_found(write_files: Writer) -> None:
    """ADR-1 <-> ADR-2 while ADR-1 is also superseded by ADR-3: following only the first
    successor of each document missed this circle."""
    root = write_files(
        {
            "adr/0001-a.md": with_meta(1, "superseded_by: [3, 2]", status="superseded"),
            "adr/0002-b.md": with_meta(2, "superseded_by: [1]", status="superseded"),
            "adr/0003-c.md": with_meta(3, ""),
        }
    )
    cycles = [d for d in scan_folder(root).diagnostics if d.rule.code == "ASY302"]
    assert [(d.path, d.line) for d in cycles] == [("adr/0001-a.md", 3)]
    assert "(ADR-0001 -> ADR-0002 -> ADR-0001)" in cycles[0].message


def test_each_group_of_circles_is_reported_once_with_all_its_members(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": with_meta(1, "superseded_by: [2]", status="superseded"),
            "adr/0002-b.md": with_meta(2, "superseded_by: [3, 1]", status="superseded"),
            "adr/0003-c.md": with_meta(3, "superseded_by: [4]", status="superseded"),
            "adr/0004-d.md": with_meta(4, "superseded_by: [2]", status="superseded"),
            "adr/0005-e.md": with_meta(5, "supersedes: [6]"),
            "adr/0006-f.md": with_meta(6, "supersedes: [5]"),
        }
    )
    cycles = [d for d in scan_folder(root).diagnostics if d.rule.code == "ASY302"]
    assert [d.path for d in cycles] == ["adr/0001-a.md", "adr/0005-e.md"]
    assert (
        "(ADR-0001 -> ADR-0002 -> ADR-0001); ADR-0003, ADR-0004 are caught in it too"
        in cycles[0].message
    )
    assert "(ADR-0005 -> ADR-0006 -> ADR-0005)" in cycles[1].message


def test_a_superseded_adr_whose_named_successor_is_missing_is_told_so(write_files: Writer) -> None:
    root = write_files(
        {"adr/0001-a.md": with_meta(1, "superseded_by: [ADR-0009]", status="superseded")}
    )
    messages = {d.rule.code: d.message for d in scan_folder(root).diagnostics}
    assert messages["ASY304"] == (
        "ADR-0001 is marked superseded but its `superseded_by:` names 'ADR-0009', which does not exist; "
        "point it at the ADR that replaces it, or write that ADR"
    )
    assert "ASY301" in messages  # the broken reference itself, on its line
