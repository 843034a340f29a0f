"""`asyncops report --kind KIND FOLDER`: every record of a plain folder, normalised and related."""

from __future__ import annotations

import json

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
    assert capsys.readouterr().out.splitlines() == [
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
