"""Approvals and quorum: who must sign off, who has, the clock that stops, `asyncops approve`."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from mkdocs_asyncops.boards.board import build_boards
from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.history.people import parse_mailmap
from mkdocs_asyncops.render.pages import review_board
from tests.helpers import Writer, codes, scan_folder
from tests.helpers.flow_repo import build_flow_repo, checked_flow, design


@pytest.fixture(scope="module")
def flow(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("flow")
    build_flow_repo(root)
    return root


def test_quorums_count_each_person_once_by_their_mailmap_name(flow: Path) -> None:
    checked, now = checked_flow(flow)
    boards = build_boards(checked.documents, now, names=checked.names)
    shown = {
        path: (q.summary, [a.name for a in q.approvals], list(q.pending), q.reached)
        for path, q in boards.quorums.items()
    }
    assert shown == {
        "docs/design/cache.md": (
            "2 of 2 approvals",
            ["Bo Li", "Chen Wu"],
            [],
            datetime(2026, 3, 6, tzinfo=timezone.utc),
        ),
        "docs/design/search.md": ("1 of 2 approvals", ["Ana Souza"], ["Bo Li"], None),
        "adr/0001-use-postgres.md": ("2 of 2 approvals", ["Ana Souza", "Bo Li"], [], None),
        "adr/0002-use-redis.md": ("0 of 2 approvals", [], ["Bo Li", "Chen Wu"], None),
        "adr/0003-use-memcached.md": ("0 of 1 approval", [], ["Bo Li"], None),
    }
    assert "ASY311" not in [code for _, _, code in codes(checked)]


def test_review_board_row_says_who_approved_and_who_has_not(flow: Path) -> None:
    checked, now = checked_flow(flow)
    page = review_board(
        checked, build_boards(checked.documents, now, names=checked.names)
    ).markdown("handbook/reviews.md")
    assert (
        "| [Search](../design/search.md) | Design document in-review | Ana Souza, Bo Li | "
        "1 of 2 approvals: Ana Souza; waiting on Bo Li | 2026-03-02 09:00 | "
        "overdue 4 d 15 h \\(due 2026-03-05 09:00\\) |"
    ) in page


def test_quorum_reached_after_the_deadline_is_measured_to_that_moment(flow: Path) -> None:
    checked, _ = checked_flow(flow)
    reviews = checked.health.team_health()["reviews"]
    assert reviews["design"]["documents"] == [
        {"path": "docs/design/cache.md", "days": 4.6, "basis": "approvals"}
    ]
    assert reviews["design"]["over_target"] == 1


REQUESTED = "2024-03-04 09:00"


def test_clock_stops_at_the_quorum(write_files: Writer) -> None:
    in_time = (
        "approved_by:\n  - {name: Bo Li, date: 2024-03-05}\n  - {name: Chen Wu, date: 2024-03-06}\n"
    )
    late = (
        "approved_by:\n  - {name: Bo Li, date: 2024-03-05}\n  - {name: Chen Wu, date: 2024-03-09}\n"
    )
    root = write_files(
        {
            "design/a.md": design("A", "in-review", "Ana", "Bo Li, Chen Wu", REQUESTED, in_time),
            "design/b.md": design("B", "in-review", "Ana", "Bo Li, Chen Wu", REQUESTED, late),
            "design/c.md": design("C", "in-review", "Ana", "Bo Li, Chen Wu", REQUESTED),
        }
    )
    boards = build_boards(scan_folder(root).documents, datetime(2024, 3, 20, tzinfo=timezone.utc))
    assert {r.document.path: (r.overdue, r.settled, r.waiting_on) for r in boards.reviews} == {
        "design/a.md": (False, True, ()),
        "design/b.md": (True, True, ()),
        "design/c.md": (True, False, ("Bo Li", "Chen Wu")),
    }


def test_approved_without_quorum_is_an_error_naming_who_is_missing(write_files: Writer) -> None:
    root = write_files(
        {
            "design/a.md": design(
                "A", "approved", "Ana", "Bo Li, Chen Wu", REQUESTED, "approved_by: [Bo Li]\n"
            ),
            "design/b.md": design("B", "approved", "Ana", "Bo Li", REQUESTED),  # records none
        }
    )
    result = scan_folder(root)
    problems = [d for d in result.diagnostics if d.rule.code == "ASY311"]
    assert [(d.path, d.line, d.message) for d in problems] == [
        (
            "design/a.md",
            2,
            (
                "status approved needs 2 approvals from reviewers, and 1 is recorded; "
                "missing: Chen Wu. Add them with `asyncops approve design/a.md --as NAME`"
            ),
        )
    ]
    enforced = scan_folder(
        root, kinds={"design": {"approvals": {"required": 1, "from": ["reviewers"]}}}
    )
    assert [d.path for d in enforced.diagnostics if d.rule.code == "ASY311"] == ["design/b.md"]


def test_adr_decision_makers_of_madr_4_approve(write_files: Writer) -> None:
    adr = (
        "---\nstatus: accepted\ndate: 2024-03-01\ndecision-makers: [Ana, Bo]\nconsulted: [Chen]\n"
        "approved_by: [Ana]\n---\n# 1. X\n\n## Context\nc\n\n## Decision\nd\n\n## Consequences\ne\n"
    )
    result = scan_folder(write_files({"adr/0001-x.md": adr}))
    [problem] = [d for d in result.diagnostics if d.rule.code == "ASY311"]
    assert "missing: Bo" in problem.message and "from deciders" in problem.message


def test_mailmap_aliases_name_one_person() -> None:
    names = parse_mailmap(
        "# team\nAna Souza <ana@example.com> ana <ana@old.example.com>\n"
        "Bo Li <bo@example.com>\n<bo@example.com> <bli@corp.example>\n"
    )
    assert names.canonical("ANA") == "Ana Souza"
    assert names.canonical("ana@old.example.com") == "Ana Souza"
    assert names.canonical("bli@corp.example") == "Bo Li"
    assert names.canonical("  Chen   Wu ") == "Chen Wu"


def test_approve_command_adds_one_entry_and_changes_nothing_else(
    flow: Path, tmp_path, capsys, monkeypatch
) -> None:
    root = tmp_path / "copy"
    build_flow_repo(root)
    monkeypatch.chdir(root)
    path = root / "docs/design/search.md"
    before = path.read_text()
    assert main(["approve", "docs/design/search.md", "--as", "bo li"]) == 0
    out = capsys.readouterr().out
    assert (
        out
        == "docs/design/search.md: approved by bo li on 2026-03-10; 2 of 2 approvals, quorum reached\n"
    )
    after = path.read_text()
    assert after == before.replace(
        "approved_by: [{name: ana, date: 2026-03-03}]",
        "approved_by: [{name: ana, date: 2026-03-03}, {name: Bo Li, date: 2026-03-10}]",
    )
    assert main(["approve", "docs/design/search.md", "--as", "Bo Li"]) == 1
    assert "has approved it already" in capsys.readouterr().err
    assert main(["approve", "docs/design/search.md", "--as", "Mallory"]) == 1
    assert (
        "Mallory is not asked to approve it (reviewers: Ana Souza, Bo Li)"
        in capsys.readouterr().err
    )
    assert path.read_text() == after
