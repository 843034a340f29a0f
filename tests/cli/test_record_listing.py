"""`asyncops report --kind KIND FOLDER`: every record of a plain folder, normalised and related."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_asyncops.cli.main import main
from tests.helpers import Writer
from tests.unit.imports.test_formats import MADR_2, adr_tools

RFC = """\
# RFC 7: Search v2

- Status: Accepted
- Date: 2024-05-02

## Problem Statement

Search is slow.
"""


def test_json_lists_every_record_of_a_mixed_plain_folder(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "log/0001-use-make.md": adr_tools(
                1, "Use make", "Superseded by [2. Use just](0002-use-just.md)", when="12/02/2016"
            ),
            "log/0002-use-just.md": MADR_2.format(
                status="✅ Accepted", when="September 20, 2024"
            ).replace("# Use Kafka for events", "# 2. Use just"),
            "log/template.md": "# [short title]\n",
        }
    )
    monkeypatch.chdir(root)
    assert main(["report", "--format", "json", "--kind", "adr", "log"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "adr"
    summary = [
        (
            r["id"],
            r["number"],
            r["title"],
            r["status"],
            r["date"],
            r["format"],
            r["relations"]["supersedes"],
            r["relations"]["superseded_by"],
        )
        for r in data["records"]
    ]
    assert summary == [
        ("ADR-0001", 1, "Use make", "superseded", "2016-02-12", "adr-tools", [], ["ADR-0002"]),
        ("ADR-0002", 2, "Use just", "accepted", "2024-09-20", "madr-2", ["ADR-0001"], []),
    ]


def test_text_lists_one_line_per_record(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {
            "log/0001-use-make.md": adr_tools(
                1, "Use make", "Superseded by [2. Use just](0002-use-just.md)"
            ),
            "log/0002-use-just.md": adr_tools(2, "Use just", "Accepted"),
        }
    )
    monkeypatch.chdir(root)
    assert main(["report", "--kind", "adr", "log"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # a plain folder is the whole log: its history is read, and here there is none
    history = lines.index("History: unavailable (the project is not in a git repository)")
    assert lines[:history] == [
        "ADR-0001     superseded  2016-02-12  Use make (superseded by ADR-0002)",
        "ADR-0002     accepted    2016-02-12  Use just",
        "",
        "Formats read:",
        "  adr-tools: 2 records",
        (
            "    statuses: Accepted -> accepted (1), "
            "Superseded by [2. Use just](0002-use-just.md) -> superseded (1)"
        ),
        "    not read: nothing",
    ]


def test_a_folder_of_rfcs_as_design_documents(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files({"proposals/rfc-7-search.md": RFC})
    monkeypatch.chdir(root)
    assert main(["report", "--format", "json", "--kind", "design", "proposals"]) == 0
    (record,) = json.loads(capsys.readouterr().out)["records"]
    assert (
        record["kind"],
        record["title"],
        record["status"],
        record["raw_status"],
        record["date"],
    ) == ("design", "RFC 7: Search v2", "approved", "Accepted", "2024-05-02")


def test_an_unknown_kind_is_a_usage_error(write_files: Writer, capsys, monkeypatch) -> None:
    monkeypatch.chdir(write_files({"log/0001-a.md": adr_tools(1, "A", "Accepted")}))
    assert main(["report", "--kind", "adrs", "log"]) == 2
    assert "unknown kind 'adrs'" in capsys.readouterr().err


def test_a_plain_folder_in_git_gets_its_history_with_no_mkdocs_yml(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from tests.helpers.gitrepo import GitRepo
    from tests.unit.imports.test_proposals import kep

    repo = GitRepo(tmp_path)
    limits = kep("sig-node/1001-pod-limits", 1001, "Pod limits", "implementable")
    quotas = kep("sig-node/1002-pod-quotas", 1002, "Pod quotas", "provisional")
    repo.commit({**limits, **quotas}, "2023-01-10 09:00", "Ana Souza <ana@example.com>")
    readme = "keps/sig-node/1002-pod-quotas/README.md"
    repo.commit(
        {readme: quotas[readme] + "\nMore.\n"}, "2024-05-01 09:00", "Bo Li <bo@example.com>"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--kind", "design", "--today", "2024-06-01", "keps"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[: lines.index("Drifting documents: 0 of 0 measured")] == [
        "KEP-1001     approved    2021-02-03  Pod limits",
        "KEP-1002     draft       2021-02-03  Pod quotas",
        "",
        "Formats read:",
        "  Kubernetes KEP: 2 records",
        "    statuses: implementable -> approved (1), provisional -> draft (1)",
        "    not read: nothing",
        "",
        "Created, modified and authors (git):",
        "  KEP-1001  created 2023-01-10  modified 2023-01-10  by Ana Souza",
        "  KEP-1002  created 2023-01-10  modified 2024-05-01  by Ana Souza, Bo Li",
        f"History: 2 documents at {repo.git('rev-parse', 'HEAD')[:12]}",
        "",
        "Stale documents: 1",
        "  keps/sig-node/1001-pod-limits/README.md  design  no owner  508 days (limit 180)",
        "",
    ]
    assert main(["report", "--format", "json", "--kind", "design", "keps"]) == 0
    history = json.loads(capsys.readouterr().out)["health"]["history"]["documents"]
    assert history[readme] == {
        "created": "2023-01-10T09:00:00+00:00",
        "modified": "2024-05-01T09:00:00+00:00",
        "authors": ["Ana Souza", "Bo Li"],
        "uncommitted": False,
        "truncated": False,
    }


def test_check_on_a_plain_folder_in_git_judges_staleness_with_no_mkdocs_yml(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from tests.helpers.gitrepo import GitRepo
    from tests.unit.imports.test_proposals import kep

    repo = GitRepo(tmp_path)
    repo.commit(
        kep("sig-node/1001-pod-limits", 1001, "Pod limits", "implementable"), "2023-01-10 09:00"
    )
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "json", "keps"])
    stale = [d for d in json.loads(capsys.readouterr().out)["diagnostics"] if d["rule"] == "ASY401"]
    assert [d["path"] for d in stale] == ["keps/sig-node/1001-pod-limits/README.md"]
