"""`asyncops review`: the review board, in a terminal, a chat message or JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from tests.helpers import VALID, Writer

DESIGN = VALID["design/search-v2.md"]
CONFIG = """\
site_name: T
site_url: https://handbook.example.com/
plugins:
  - asyncops:
      sources: [adr]
      today: 2024-03-08
"""


@pytest.fixture
def handbook(write_files: Writer) -> Path:
    """An overdue design, a design due in two days asking nobody, a proposed ADR, an accepted one."""
    return write_files(
        {
            "mkdocs.yml": CONFIG,
            "docs/index.md": "# Home\n",
            "docs/design/search-v2.md": DESIGN,
            "docs/design/queue-v3.md": DESIGN.replace("review_deadline: 2024-03-07 09:00\n", "")
            .replace("review_requested: 2024-03-04 09:00", "review_requested: 2024-03-07 15:00")
            .replace("reviewers: [Bo Li, Chen Wu]", "reviewers: []")
            .replace("# Search v2", "# Queue v3"),
            "adr/0001-use-postgres.md": VALID["adr/0001-use-postgres.md"]
            .replace("status: accepted", "status: proposed")
            .replace("date: 2024-03-01", "date: 2024-03-06"),
            "adr/0002-use-redis.md": VALID["adr/0001-use-postgres.md"].replace(
                "# 1. Use", "# 2. Use"
            ),
        }
    )


def run(root: Path, argv: list[str], capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    code = main(argv)
    return code, capsys.readouterr().out


def test_terminal_lists_the_most_urgent_first(handbook: Path, capsys, monkeypatch) -> None:
    code, out = run(handbook, ["review"], capsys, monkeypatch)
    assert code == 0
    assert out.splitlines() == [
        "3 awaiting review (as of 2024-03-08 UTC)",
        (
            "2024-03-07 09:00  overdue by 15 hours   docs/design/search-v2.md  Search v2 (in-review); "
            "asks Bo Li, Chen Wu; 0 of 2 approvals; waiting on Bo Li, Chen Wu"
        ),
        (
            "2024-03-10 15:00  due in 2 days         docs/design/queue-v3.md  Queue v3 (in-review); "
            "asks nobody named; 0 of 1 approval"
        ),
        (
            "2024-03-11        due in 3 days         adr/0001-use-postgres.md  Use PostgreSQL JSONB for workflow state "
            "(proposed); asks Ana Souza, Bo Li; 0 of 2 approvals; waiting on Ana Souza, Bo Li"
        ),
    ]


def test_chat_message_links_to_the_site(handbook: Path, capsys, monkeypatch) -> None:
    code, out = run(handbook, ["review", "--format", "chat"], capsys, monkeypatch)
    assert code == 0
    assert out.splitlines()[:2] == [
        "**3 awaiting review**, 1 overdue (as of 2024-03-08 UTC):",
        (
            "- [Search v2](https://handbook.example.com/design/search-v2/) (search-v2, in-review): "
            "deadline 2024-03-07 09:00 (overdue by 15 hours); asks Bo Li, Chen Wu; "
            "0 of 2 approvals; waiting on Bo Li, Chen Wu :warning:"
        ),
    ]
    _, out = run(
        handbook,
        ["review", "--format", "chat", "--site-url", "https://h.test"],
        capsys,
        monkeypatch,
    )
    assert "(https://h.test/adr/0001-use-postgres/)" in out


def test_json_and_the_same_data_as_the_board(handbook: Path, capsys, monkeypatch) -> None:
    _, out = run(handbook, ["review", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert data["now"] == "2024-03-08T00:00:00+00:00"  # ISO 8601 in UTC, as the history's times
    assert [(r["id"], r["deadline"], r["overdue"]) for r in data["reviews"]] == [
        ("search-v2", "2024-03-07T09:00:00+00:00", True),
        ("queue-v3", "2024-03-10T15:00:00+00:00", False),
        ("ADR-0001", "2024-03-11", False),  # a date stays a date
    ]
    assert data["reviews"][0]["requested"] == "2024-03-04T09:00:00+00:00"
    assert all(
        datetime.fromisoformat(r["deadline"]).tzinfo is not None for r in data["reviews"][:2]
    )
    monkeypatch.chdir(handbook)
    assert main(["report", "--format", "json"]) == 0  # the export of the same handbook agrees
    capsys.readouterr()


def test_strict_fails_on_an_overdue_review_and_an_empty_board_says_so(
    handbook: Path, capsys, monkeypatch
) -> None:
    assert run(handbook, ["review", "--strict"], capsys, monkeypatch)[0] == 1
    (handbook / "docs/design/search-v2.md").unlink()
    assert run(handbook, ["review", "--strict"], capsys, monkeypatch)[0] == 0
    for path in (handbook / "docs/design/queue-v3.md", handbook / "adr/0001-use-postgres.md"):
        path.unlink()
    assert run(handbook, ["review"], capsys, monkeypatch) == (
        0,
        "Nothing awaits review (as of 2024-03-08 UTC).\n",
    )


def test_review_windows_come_from_mkdocs_yml(handbook: Path, capsys, monkeypatch) -> None:
    (handbook / "mkdocs.yml").write_text(
        CONFIG + "      design_review_hours: 24\n      adr_review_days: 3\n"
    )
    _, out = run(handbook, ["review", "--format", "json"], capsys, monkeypatch)
    assert [r["deadline"] for r in json.loads(out)["reviews"]] == [
        "2024-03-07T09:00:00+00:00",
        "2024-03-08T15:00:00+00:00",
        "2024-03-09",
    ]


def test_subprocess(handbook: Path) -> None:
    script = Path(sys.executable).with_name("asyncops")
    proc = subprocess.run([str(script), "review"], cwd=handbook, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith(
        "3 awaiting review (as of 2024-03-08 UTC)\n2024-03-07 09:00  overdue by 15 hours"
    )


HOSTILE_TITLE = (
    "Use \x1b[2J\x1b]0;owned\x07 <b>x</b> @channel <!here> [go](https://evil.test) **now** & more"
)


@pytest.fixture
def hostile(handbook: Path) -> Path:
    path = handbook / "docs/design/search-v2.md"
    path.write_text(
        path.read_text().replace(
            "reviewers: [Bo Li, Chen Wu]",
            f'title: {json.dumps(HOSTILE_TITLE)}\nreviewers: ["@here", "Bo \\x1b[31mLi", "<@U123>"]'
            '\napproved_by: ["<@U123>"]',
        )
    )
    return handbook


def test_chat_shows_what_documents_say_as_plain_text(hostile: Path, capsys, monkeypatch) -> None:
    _, out = run(hostile, ["review", "--format", "chat"], capsys, monkeypatch)
    line = out.splitlines()[1]
    assert line == (
        "- [Use \\\\x1b\\[2J\\\\x1b\\]0;owned\\\\x07 &lt;b&gt;x&lt;/b&gt; @\u2060channel &lt;!here&gt; "
        "\\[go\\](https:\u2060//evil.test) \\*\\*now\\*\\* &amp; more](https://handbook.example.com/design/search-v2/) "
        "(search-v2, in-review): deadline 2024-03-07 09:00 (overdue by 15 hours); "
        "asks @\u2060here, Bo \\\\x1b\\[31mLi, &lt;@\u2060U123&gt;; 1 of 3 approvals: "
        "&lt;@\u2060U123&gt;; waiting on @\u2060here, Bo \\\\x1b\\[31mLi :warning:"
    )
    assert "\x1b" not in out and "<" not in out and "](https://evil" not in out


@pytest.mark.parametrize("argv", [["review"], ["report"]])
def test_terminal_output_shows_control_characters_never_runs_them(
    hostile: Path, argv: list[str], capsys, monkeypatch
) -> None:
    _, out = run(hostile, argv, capsys, monkeypatch)
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J\\x1b]0;owned\\x07 <b>x</b>" in out and "Bo \\x1b[31mLi" in out
    if argv == ["review"]:
        assert out.splitlines()[1].endswith(
            "; 1 of 3 approvals: <@U123>; waiting on @here, Bo \\x1b[31mLi"
        )


def test_each_review_shows_its_approvals_as_the_board_does(
    handbook: Path, capsys, monkeypatch
) -> None:
    design = handbook / "docs/design/search-v2.md"
    design.write_text(
        design.read_text().replace(
            "reviewers: [Bo Li, Chen Wu]",
            "reviewers: [Bo Li, Chen Wu]\napproved_by: [{name: Bo Li, date: 2024-03-05 10:00:00}]",
        )
    )
    queue = handbook / "docs/design/queue-v3.md"
    queue.write_text(
        queue.read_text().replace(
            "reviewers: []",
            "reviewers: [Ana Souza]\napproved_by: [{name: Ana Souza, date: 2024-03-07 16:00:00}]",
        )
    )
    _, out = run(handbook, ["review"], capsys, monkeypatch)
    assert out.splitlines()[1:3] == [
        (
            "2024-03-07 09:00  overdue by 15 hours   docs/design/search-v2.md  Search v2 (in-review); "
            "asks Bo Li, Chen Wu; 1 of 2 approvals: Bo Li; waiting on Chen Wu"
        ),
        (
            "2024-03-10 15:00  due in 2 days         docs/design/queue-v3.md  Queue v3 (in-review); "
            "asks Ana Souza; 1 of 1 approval: Ana Souza; quorum reached 2024-03-07 16:00"
        ),
    ]
    _, out = run(handbook, ["review", "--format", "chat"], capsys, monkeypatch)
    assert out.splitlines()[1:3] == [
        (
            "- [Search v2](https://handbook.example.com/design/search-v2/) (search-v2, in-review): "
            "deadline 2024-03-07 09:00 (overdue by 15 hours); asks Bo Li, Chen Wu; "
            "1 of 2 approvals: Bo Li; waiting on Chen Wu :warning:"
        ),
        (
            "- [Queue v3](https://handbook.example.com/design/queue-v3/) (queue-v3, in-review): "
            "deadline 2024-03-10 15:00 (due in 2 days); asks Ana Souza; "
            "1 of 1 approval: Ana Souza; quorum reached 2024-03-07 16:00"
        ),
    ]
    _, out = run(handbook, ["review", "--format", "json"], capsys, monkeypatch)
    approvals = {r["id"]: r["approvals"] for r in json.loads(out)["reviews"]}
    assert approvals == {
        "search-v2": {
            "required": 2,
            "approvers": ["Bo Li", "Chen Wu"],
            "approved_by": [{"name": "Bo Li", "date": "2024-03-05T10:00:00+00:00"}],
            "pending": ["Chen Wu"],
            "met": False,
            "reached": None,
        },
        "queue-v3": {
            "required": 1,
            "approvers": ["Ana Souza"],
            "approved_by": [{"name": "Ana Souza", "date": "2024-03-07T16:00:00+00:00"}],
            "pending": [],
            "met": True,
            "reached": "2024-03-07T16:00:00+00:00",
        },
        "ADR-0001": {
            "required": 2,
            "approvers": ["Ana Souza", "Bo Li"],
            "approved_by": [],
            "pending": ["Ana Souza", "Bo Li"],
            "met": False,
            "reached": None,
        },
    }
