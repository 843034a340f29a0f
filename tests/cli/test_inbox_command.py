"""`asyncops inbox`: what waits on one person, from a real repository with a `.mailmap` alias."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mkdocs_asyncops.boards.board import build_boards
from mkdocs_asyncops.boards.inbox import inbox
from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.render.people_page import people_page
from tests.helpers.flow_repo import build_flow_repo, checked_flow


@pytest.fixture(scope="module")
def flow(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("flow")
    build_flow_repo(root)
    return root


def inbox_json(root: Path, argv: list[str], capsys, monkeypatch) -> dict:
    monkeypatch.chdir(root)
    assert main(["inbox", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_most_urgent_first_for_a_reviewer(flow: Path, capsys, monkeypatch) -> None:
    data = inbox_json(flow, ["--for", "Bo Li"], capsys, monkeypatch)
    assert data["person"] == "Bo Li"
    assert data["now"] == "2026-03-10T00:00:00+00:00"
    assert [(i["type"], i["path"], i["title"], i["due"], i["overdue"]) for i in data["items"]] == [
        ("review", "docs/design/search.md", "Search", "2026-03-05T09:00:00+00:00", True),
        ("stale", "docs/runbooks/broker.md", "Broker", "2026-03-06T10:00:00+00:00", True),
        (
            "action-item",
            "docs/postmortems/2026-03-04-broker-outage.md",
            "Alert on disk usage",
            "2026-03-08",
            True,
        ),
        ("review", "adr/0002-use-redis.md", "Use Redis", "2026-03-12", False),
    ]


def test_an_alias_is_the_same_person(flow: Path, capsys, monkeypatch) -> None:
    """`ana` approved search.md and owns an action item as `ana`: both count as Ana Souza's."""
    data = inbox_json(flow, ["--for", "ANA"], capsys, monkeypatch)
    assert data["person"] == "Ana Souza"
    assert [(i["type"], i["title"], i["overdue"]) for i in data["items"]] == [
        ("action-item", "Write the broker runbook", False)
    ]


def test_author_sees_review_past_deadline_without_quorum(flow: Path, capsys, monkeypatch) -> None:
    data = inbox_json(flow, ["--for", "Chen Wu"], capsys, monkeypatch)
    assert [(i["type"], i["path"], i["detail"]) for i in data["items"]] == [
        ("awaiting-quorum", "docs/design/search.md", "1 of 2 approvals; waiting on Bo Li"),
        ("review", "adr/0002-use-redis.md", "0 of 2 approvals"),
    ]


def test_me_is_git_user_through_the_mailmap(tmp_path: Path, capsys, monkeypatch) -> None:
    root = tmp_path / "mine"
    build_flow_repo(root)
    subprocess.run(["git", "config", "user.name", "ana"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.email", "ana@old.example.com"], cwd=root, check=True)
    data = inbox_json(root, ["--me"], capsys, monkeypatch)
    assert data["person"] == "Ana Souza"
    assert len(data["items"]) == 1


def test_text_and_chat(flow: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(flow)
    assert main(["inbox", "--for", "Chen Wu"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2 waiting on Chen Wu, 1 overdue (as of 2026-03-10 UTC)",
        (
            "awaiting quorum  overdue, due 2026-03-05 09:00  docs/design/search.md  Search "
            "(1 of 2 approvals; waiting on Bo Li)"
        ),
        (
            "review           due 2026-03-12                 adr/0002-use-redis.md  Use Redis "
            "(0 of 2 approvals)"
        ),
    ]
    assert main(["inbox", "--for", "Chen Wu", "--format", "chat"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "- awaiting quorum: [Search](https://handbook.example.com/design/search/) "
        "(1 of 2 approvals; waiting on Bo Li), overdue, due 2026-03-05 09:00 :warning:"
    )


def test_hostile_names_stay_text(tmp_path: Path, capsys, monkeypatch) -> None:
    root = tmp_path / "hostile"
    repo = build_flow_repo(root)
    page = (root / "docs/design/search.md").read_text()
    repo.commit(
        {
            "docs/design/search.md": page.replace(
                "# Search", "# [x](javascript:alert(1)) <b>\x1b[2J"
            )
        },
        "2026-03-09 10:00",
    )
    monkeypatch.chdir(root)
    assert main(["inbox", "--for", "Bo Li"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert main(["inbox", "--for", "Bo Li", "--format", "chat"]) == 0
    chat = capsys.readouterr().out
    assert "](javascript" not in chat and "<b>" not in chat


def test_people_page_has_a_section_per_person(flow: Path) -> None:
    checked, now = checked_flow(flow)
    page = people_page(
        checked, build_boards(checked.documents, now, names=checked.names), checked.health.stale
    )
    text = page.markdown("handbook/people.md")
    assert [line for line in text.splitlines() if line.startswith("<h2")] == [
        '<h2 id="person-ana-souza">Ana Souza</h2>',
        '<h2 id="person-bo-li">Bo Li</h2>',
        '<h2 id="person-chen-wu">Chen Wu</h2>',
    ]
    assert "| Awaiting quorum | [Search](../design/search.md) | 2026-03-05 09:00 overdue |" in text


def test_people_page_gives_each_person_their_items_once_through_aliases(tmp_path: Path) -> None:
    """One action item owned by `ana`, `Ana Souza` and Chen Wu: once in Ana's section (two of her
    names), once in Chen's, as `asyncops inbox` lists it for each."""
    root = tmp_path / "shared"
    repo = build_flow_repo(root)
    path = "docs/postmortems/2026-03-04-broker-outage.md"
    text = (
        (root / path)
        .read_text()
        .replace("(ana, 2026-03-20)", "(ana, Ana Souza, Chen Wu, 2026-03-20)")
    )
    repo.commit({path: text}, "2026-03-09 10:00")
    checked, now = checked_flow(root)
    boards = build_boards(checked.documents, now, names=checked.names)
    markdown = people_page(checked, boards, checked.health.stale).markdown("handbook/people.md")
    sections = {
        part.split("</h2>")[0].rsplit(">", 1)[-1]: part
        for part in markdown.split('<h2 id="person-')[1:]
    }
    assert list(sections) == ["Ana Souza", "Bo Li", "Chen Wu"]
    shared = (
        "| Action item | [Write the broker runbook](../postmortems/2026-03-04-broker-outage.md) |"
    )
    assert [name for name, part in sections.items() if shared in part] == ["Ana Souza", "Chen Wu"]
    assert sections["Ana Souza"].count("Write the broker runbook") == 1
    for name in sections:
        titles = [item.title for item in inbox(name, boards, checked.health.stale, checked.names)]
        rows = [
            line
            for line in sections[name].splitlines()
            if line.startswith("| ") and "---" not in line
        ]
        assert [row.split("[", 1)[1].split("]", 1)[0] for row in rows[1:]] == titles
    assert [i.title for i in inbox("ana", boards, checked.health.stale, checked.names)] == [
        "Write the broker runbook"
    ]
