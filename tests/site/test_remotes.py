"""An organisation handbook: other handbooks' exports and checkouts read as one (issue 18)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from jsonschema import Draft202012Validator
from mkdocs.exceptions import Abort

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.handbook.records import EXPORT_SCHEMA
from tests.helpers import REPO_ROOT, adr, scan_folder
from tests.helpers.gitrepo import GitRepo
from tests.helpers.site import MERMAID, build_site


def superseded(number: int, title: str, by: str) -> str:
    return adr(number, title).replace(
        "status: accepted", f"status: superseded\nsuperseded_by: [{by}]"
    )


def superseding(number: int, title: str, what: str) -> str:
    return adr(number, title).replace("status: accepted", f"status: accepted\nsupersedes: [{what}]")


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def handbook_yml(name: str, options: str = "", site_url: str | None = None) -> str:
    site = f"site_url: {site_url}\n" if site_url else ""
    return (
        f"site_name: {name}\n{site}docs_dir: docs\n{MERMAID}plugins:\n  - asyncops:\n"
        f"      repository: {name}\n      sources: [adr]\n      history: false\n"
        f"      today: 2024-04-01\n{options}"
    )


def with_remote_design(tmp_path: Path, title: str, requested: str) -> Path:
    """The payments export with a design of its own in review by Ana, published on payments'
    site, written beside it: its path."""
    data = json.loads(payments(tmp_path).read_text(encoding="utf-8"))
    data["records"].append(
        {
            **data["records"][0],
            "path": "docs/design/card-tokens.md",
            "url": "design/card-tokens.md",
            "published_url": "https://payments.example.com/design/card-tokens/",
            "kind": "design",
            "id": "card-tokens",
            "number": None,
            "title": title,
            "status": "in-review",
            "relations": {},
            "frontmatter": {
                "status": "in-review",
                "reviewers": ["Ana"],
                "review_requested": requested,
            },
        }
    )
    return write(tmp_path, {"more.json": json.dumps(data)}) / "more.json"


def test_an_inbox_links_a_remote_record_to_its_own_site(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """Ana's review of another repository's design, in chat, links to that repository's page,
    never to this site's address of it."""
    export = with_remote_design(tmp_path, "Card tokens", "2024-03-29 09:00")
    monkeypatch.chdir(
        organisation(tmp_path, f"        - name: payments\n          export: {export}\n")
    )
    argv = ["inbox", "--for", "Ana", "--format", "chat"]
    assert main([*argv, "--site-url", "https://platform.example.com/"]) == 0
    chat = capsys.readouterr().out
    assert "[Card tokens](https://payments.example.com/design/card-tokens/)" in chat
    assert "platform.example.com" not in chat


def payments(root: Path) -> Path:
    """The payments handbook, published at payments.example.com, built: its export is in its site."""
    project = write(
        root / "payments",
        {
            "mkdocs.yml": handbook_yml("payments", site_url="https://payments.example.com/"),
            "docs/index.md": "# Payments\n",
            # superseded by the organisation's ADR-0001, which does not say so
            "adr/0003-card-vault.md": superseded(3, "Keep cards in a vault", "platform:ADR-1"),
            # states that it supersedes the organisation's ADR-0002
            "adr/0004-one-ledger.md": superseding(4, "One ledger for all", "platform:ADR-2"),
            # names its successor in another repository: no problem in its own build
            "adr/0005-batch-payouts.md": superseded(5, "Batch payouts", "ledger:ADR-1"),
        },
    )
    build_site(project, strict=True)
    return project / "site" / "asyncops.json"


def organisation(root: Path, remotes: str, files: dict[str, str] | None = None) -> Path:
    return write(
        root / "platform",
        {
            "mkdocs.yml": handbook_yml("platform", f"      remotes:\n{remotes}"),
            "docs/index.md": "# Platform\n\nPayments keep cards as payments:ADR-3 says.\n",
            "adr/0001-tokenise-cards.md": adr(1, "Tokenise cards"),
            # superseded, by a record of payments that says so: no successor is named here
            "adr/0002-ledgers-per-team.md": adr(2, "Ledgers per team").replace(
                "status: accepted", "status: superseded"
            ),
            **(files or {}),
        },
    )


def test_the_export_is_a_versioned_contract_with_each_records_repository_and_page(
    tmp_path: Path,
) -> None:
    data = json.loads(payments(tmp_path).read_text(encoding="utf-8"))
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["version"] == "2.1" and data["repository"] == "payments"
    records = {record["id"]: record for record in data["records"]}
    assert records["ADR-0003"]["repository"] == "payments"
    assert (
        records["ADR-0003"]["published_url"] == "https://payments.example.com/adr/0003-card-vault/"
    )
    # a relation to another repository is kept as written, and judged by who reads both
    assert records["ADR-0005"]["relations"]["superseded_by"] == ["ledger:ADR-1"]
    assert records["ADR-0004"]["relations"]["supersedes"] == ["platform:ADR-2"]
    assert data["diagnostics"] == []


def test_supersession_across_repositories_resolves_both_ways(tmp_path: Path) -> None:
    export = payments(tmp_path)
    project = organisation(tmp_path, f"        - name: payments\n          export: {export}\n")
    site = build_site(project, strict=True)
    log = (site / "handbook" / "decisions" / "index.html").read_text(encoding="utf-8")
    # the remote records are in the decision log, linked to their own site
    assert 'href="https://payments.example.com/adr/0003-card-vault/"' in log
    assert ">payments:ADR-0003</a>" in log and ">payments:ADR-0004</a>" in log
    # payments:ADR-0003 says our ADR-0001 supersedes it: ADR-0001 shows what it supersedes ...
    ours = (site / "adr" / "0001-tokenise-cards" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://payments.example.com/adr/0003-card-vault/"' in ours
    # ... and payments:ADR-0004 says it supersedes our ADR-0002, which shows its successor
    replaced = (site / "adr" / "0002-ledgers-per-team" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://payments.example.com/adr/0004-one-ledger/"' in replaced
    data = json.loads((site / "asyncops.json").read_text(encoding="utf-8"))
    records = {record["id"]: record for record in data["records"]}
    assert set(records) == {"ADR-0001", "ADR-0002"}  # only our own records are exported
    assert records["ADR-0001"]["relations"]["supersedes"] == ["payments:ADR-0003"]
    assert records["ADR-0002"]["relations"]["superseded_by"] == ["payments:ADR-0004"]
    assert data["remotes"] == [
        {
            "name": "payments",
            "source": str(export),
            "read": True,
            "records": 3,
            "problem": None,
            "site_url": "https://payments.example.com/",
        }
    ]


def test_a_relation_to_a_remote_record_is_judged_here(tmp_path: Path, capsys, monkeypatch) -> None:
    export = payments(tmp_path)
    project = organisation(
        tmp_path,
        f"        - name: payments\n          export: {export}\n",
        {
            "adr/0006-typo.md": superseding(6, "A typo", "payments:ADR-9"),
            "adr/0007-unknown.md": superseding(7, "Unknown", "paymnets:ADR-4"),
            "adr/0008-one-ledger-again.md": superseding(8, "One ledger again", "payments:ADR-4"),
        },
    )
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "adr/0006-typo.md:3: error ASY301 broken-reference: supersedes 'payments:ADR-9'" in out
    assert (
        "adr/0007-unknown.md:3: error ASY301 broken-reference: supersedes 'paymnets:ADR-4', but "
        "'paymnets' is not a repository this handbook reads (remotes: payments)"
    ) in out
    # payments:ADR-0004 is superseded by our ADR-0008 but still accepted: said here, since only
    # a handbook holding both can see it; nothing else of payments' records is judged here
    assert (
        "payments:adr/0004-one-ledger.md:1: warning ASY303 superseded-still-active: "
        "payments:ADR-0004 is superseded by ADR-0008"
    ) in out
    assert out.count("payments:adr/") == 1


def test_a_mention_of_another_repositorys_record_becomes_a_link(tmp_path: Path) -> None:
    export = payments(tmp_path)
    project = organisation(tmp_path, f"        - name: payments\n          export: {export}\n")
    home = (build_site(project) / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="https://payments.example.com/adr/0003-card-vault/" '
        'title="Keep cards in a vault (superseded)">payments:ADR-3</a>'
    ) in home


def test_without_remotes_a_mention_of_another_repository_stays_text(tmp_path: Path) -> None:
    project = write(
        tmp_path / "alone",
        {
            "mkdocs.yml": handbook_yml("alone"),
            "docs/index.md": "# Alone\n\nSee payments:ADR-1 and ADR-1.\n",
            "adr/0001-one.md": adr(1, "One"),
        },
    )
    home = (build_site(project, strict=True) / "index.html").read_text(encoding="utf-8")
    assert "See payments:ADR-1 and <a" in home


def failed_build(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The message of the error that stopped the build of `project`."""
    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="Aborted with a BuildError"):
        build_site(project)
    (record,) = [r for r in caplog.records if r.getMessage().startswith("asyncops: ")]
    return record.getMessage()


def warned(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


def test_a_duplicate_repository_name_is_an_error(tmp_path: Path, caplog) -> None:
    export = payments(tmp_path)
    twice = (
        f"        - name: payments\n          export: {export}\n"
        f"        - name: payments\n          export: {export}\n"
    )
    message = failed_build(organisation(tmp_path, twice), caplog)
    assert "remotes: the repository name 'payments' is used twice" in message
    ours = f"        - name: platform\n          export: {export}\n"
    message = failed_build(organisation(tmp_path, ours), caplog)
    assert "the repository name 'platform' is used twice (this handbook's own name" in message


def test_an_unreadable_remote_is_one_warning_and_the_rest_builds(tmp_path: Path, caplog) -> None:
    export = payments(tmp_path)
    broken = write(tmp_path, {"broken.json": "{not json"}) / "broken.json"
    remotes = (
        f"        - name: payments\n          export: {export}\n"
        "        - name: ledger\n          export: ../missing.json\n"
        f"        - name: search\n          export: {broken}\n"
    )
    project = organisation(tmp_path, remotes)
    with caplog.at_level(logging.WARNING):
        site = build_site(project)
    warnings = warned(caplog, "ASY701")
    assert len(warnings) == 2
    # said as configured: no machine's path is published
    assert any("remote 'ledger' is left out: ../missing.json does not exist" in w for w in warnings)
    assert any("remote 'search' is left out" in w and "is not JSON" in w for w in warnings)
    log = (site / "handbook" / "decisions" / "index.html").read_text(encoding="utf-8")
    assert "payments:ADR-0003" in log  # the readable remote is there
    data = json.loads((site / "asyncops.json").read_text(encoding="utf-8"))
    assert [(r["name"], r["source"], r["read"]) for r in data["remotes"]] == [
        ("payments", str(export), True),
        ("ledger", "../missing.json", False),
        ("search", str(broken), False),
    ]
    assert data["remotes"][1]["problem"] == "../missing.json does not exist"
    with pytest.raises(Abort, match="2 warnings in strict mode"):
        build_site(project, strict=True)


def test_an_export_of_a_newer_major_version_is_an_error(
    tmp_path: Path, capsys, monkeypatch, caplog
) -> None:
    export = payments(tmp_path)
    data = json.loads(export.read_text(encoding="utf-8"))
    newer = write(tmp_path, {"newer.json": json.dumps({**data, "version": "3.0"})}) / "newer.json"
    project = organisation(tmp_path, f"        - name: payments\n          export: {newer}\n")
    assert "mkdocs.yml: ASY702 remote-version: remote 'payments' is left out" in failed_build(
        project, caplog
    )
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "version 3.0, newer than this mkdocs-asyncops reads (version 2.x)" in out
    # a minor version only adds: it is read
    minor = write(tmp_path, {"minor.json": json.dumps({**data, "version": "2.7"})}) / "minor.json"
    project = organisation(tmp_path, f"        - name: payments\n          export: {minor}\n")
    build_site(project, strict=True)


class _Quiet(SimpleHTTPRequestHandler):
    released = threading.Event()
    """The slow folder answers only once this is set (or after a minute)."""
    answered_slow = threading.Event()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            self.released.wait(60)
            self.answered_slow.set()
        super().do_GET()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a folder, in a thread."""
    folder = tmp_path / "www"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        _Quiet.released.set()  # a slow answer still waiting ends now
        server.shutdown()
        server.server_close()


def test_a_url_remote_is_fetched_with_a_timeout_and_cached(
    tmp_path: Path, served: tuple[str, Path], caplog
) -> None:
    base, folder = served
    export = payments(tmp_path)
    (folder / "payments").mkdir()
    (folder / "payments" / "asyncops.json").write_bytes(export.read_bytes())
    (folder / "slow").mkdir()
    (folder / "slow" / "asyncops.json").write_bytes(export.read_bytes())
    remotes = (
        f"        - name: payments\n          export: {base}/payments/asyncops.json\n"
        f"        - name: ledger\n          export: {base}/slow/asyncops.json\n"
    )
    project = organisation(tmp_path, remotes + "      remote_timeout: 0.5\n")
    _Quiet.released.clear()
    _Quiet.answered_slow.clear()
    with caplog.at_level(logging.WARNING):
        site = build_site(project)
    # the build ended before the slow remote answered: it was not waited for
    assert not _Quiet.answered_slow.is_set()
    messages = warned(caplog, "ASY701")
    assert len(messages) == 1 and "remote 'ledger' is left out" in messages[0]
    assert "no answer within 0.5 s" in messages[0]
    assert "payments:ADR-0003" in (site / "handbook" / "decisions" / "index.html").read_text(
        encoding="utf-8"
    )
    cached = project / ".cache" / "asyncops" / "remotes" / "payments.json"
    assert cached.read_bytes() == export.read_bytes()
    # the server goes away: the cached copy is used, and the failure said
    (folder / "payments" / "asyncops.json").unlink()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        site = build_site(project)
    messages = warned(caplog, "remote 'payments'")
    assert (
        len(messages) == 1 and "HTTP 404" in messages[0] and "using the copy cached" in messages[0]
    )
    assert "payments:ADR-0003" in (site / "handbook" / "decisions" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_local_checkout_is_read_with_its_own_sources(tmp_path: Path) -> None:
    origin = GitRepo(tmp_path / "ledger-origin")
    origin.commit(
        {
            "mkdocs.yml": handbook_yml("ledger", site_url="https://ledger.example.com/"),
            "docs/index.md": "# Ledger\n",
            "adr/0001-double-entry.md": superseding(1, "Double entry", "payments:ADR-5"),
        },
        when="2024-02-01 10:00",
    )
    origin.git("clone", "-q", f"file://{origin.path}", str(tmp_path / "ledger"))
    export = payments(tmp_path)
    remotes = (
        f"        - name: payments\n          export: {export}\n"
        "        - name: ledger\n          path: ../ledger\n"
    )
    site = build_site(organisation(tmp_path, remotes), strict=True)
    log = (site / "handbook" / "decisions" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://ledger.example.com/adr/0001-double-entry/"' in log
    # ledger:ADR-0001 says it supersedes payments:ADR-0005 (which names it as its
    # successor): both read here, the relation resolves between the two remotes
    assert ">ledger:ADR-1</a>" in log.split(">payments:ADR-0005</a>", 1)[1].split("</tr>")[0]
    data = json.loads((site / "asyncops.json").read_text(encoding="utf-8"))
    assert [(r["name"], r["records"]) for r in data["remotes"]] == [("payments", 3), ("ledger", 1)]


def test_the_cli_reads_remotes_given_with_remote(tmp_path: Path, capsys, monkeypatch) -> None:
    export = payments(tmp_path)
    project = write(
        tmp_path / "alone",
        {
            "mkdocs.yml": handbook_yml("alone"),
            "docs/index.md": "# Alone\n",
            "adr/0001-one.md": superseding(1, "One", "payments:ADR-3"),
        },
    )
    monkeypatch.chdir(project)
    assert main(["check", "--format", "json"]) == 0  # payments is not read: not judged here
    alone = json.loads(capsys.readouterr().out)
    assert alone["records"][0]["relations"]["supersedes"] == ["payments:ADR-3"]
    assert main(["check", "--format", "json", "--remote", f"payments={export}"]) == 0
    records = {r["id"]: r for r in json.loads(capsys.readouterr().out)["records"]}
    assert records["ADR-0001"]["relations"]["supersedes"] == ["payments:ADR-0003"]
    assert records["payments:ADR-0003"]["relations"]["superseded_by"] == [
        "ADR-0001",
        "platform:ADR-1",  # as payments wrote it: no platform is read here
    ]
    assert main(["report", "--format", "json", "--remote", f"payments={export}"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in report["records"]] == ["ADR-0001"]
    assert report["remotes"][0]["records"] == 3
    assert main(["check", "--remote", "payments"]) == 2
    assert "write NAME=EXPORT" in capsys.readouterr().err
    assert main(["check", "--remote", f"alone={export}"]) == 2
    assert "'alone' is used twice" in capsys.readouterr().err


def test_schema_export_prints_and_writes_the_export_schema(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--export"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    assert printed["properties"]["version"]["pattern"] == "^2\\.[0-9]+$"
    assert main(["schema", "--export", "-o", "schemas"]) == 0
    written = json.loads((tmp_path / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
    assert written == printed
    assert main(["schema", "--export", "adr"]) == 2


def test_the_organisation_page_lists_repositories_and_coverage_by_team_and_repository(
    tmp_path: Path,
) -> None:
    export = payments(tmp_path)
    data = json.loads(export.read_text(encoding="utf-8"))
    runbook = dict(data["records"][0])
    runbook |= {
        "path": "docs/runbooks/cards.md",
        "url": "runbooks/cards.md",
        "published_url": "https://payments.example.com/runbooks/cards/",
        "kind": "runbook",
        "id": "cards",
        "number": None,
        "title": "Cards <b>down</b>",
        "status": None,
        "frontmatter": {"systems": ["cards"]},
    }
    data["records"].append(runbook)
    postmortem = {
        **runbook,
        "path": "docs/postmortems/outage.md",
        "url": "postmortems/outage.md",
        "published_url": "https://payments.example.com/postmortems/outage/",
        "kind": "postmortem",
        "id": "outage",
        "title": "Card outage",
        "status": "published",
        "frontmatter": {"severity": 1, "incident_date": "2024-03-01 10:00"},
    }
    data["records"].append(postmortem)
    data["boards"]["action_items"] = [
        {
            "path": "docs/postmortems/outage.md",
            "line": 12,
            "postmortem": "outage",
            "task": "Alert on <vault> latency",
            "owner": "Ana",
            "due": "2024-03-10",
            "done": False,
            "overdue": True,
        }
    ]
    data["site_url"] = "https://payments.example.com/"
    more = write(tmp_path, {"more.json": json.dumps(data)}) / "more.json"
    options = (
        f"        - name: payments\n          export: {more}\n"
        f"        - name: ledger\n          export: {tmp_path / 'gone.json'}\n"
        "      coverage_minimum: 0\n"
        "      system_types: {service: [runbook]}\n"
        "      systems:\n"
        "        - {name: cards, owner: team-cards, type: service}\n"
        "        - {name: books, owner: team-books, type: service}\n"
    )
    site = build_site(organisation(tmp_path, options))
    page = (site / "handbook" / "organisation" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://payments.example.com/">payments</a>' in page
    assert "<td>platform (this handbook)</td>\n<td>2</td>" in page
    assert (
        "<td>5</td>\n<td>Architecture decisions 3, Postmortems 1, Runbooks 1</td>\n<td>read</td>"
    ) in page
    assert "<td>ledger</td>\n<td>0</td>\n<td>–</td>\n<td>left out: " in page
    assert "<td>team-books</td>\n<td>1</td>\n<td>0</td>\n<td>0 %</td>" in page
    assert "<td>team-cards</td>\n<td>1</td>\n<td>1</td>\n<td>100 %</td>" in page
    assert "<td>payments</td>\n<td>1</td>\n<td>1</td>\n<td>100 %</td>" in page
    coverage = (site / "health" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert (
        'href="https://payments.example.com/runbooks/cards/">Cards &lt;b&gt;down&lt;/b&gt;</a>'
        in coverage
    )
    home = (site / "handbook" / "index.html").read_text(encoding="utf-8")
    assert 'href="organisation/"' in home
    # the remote postmortem and its open action item are on the postmortem board, overdue
    board = (site / "handbook" / "postmortems" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://payments.example.com/postmortems/outage/">Card outage</a>' in board
    assert "<td>Alert on &lt;vault&gt; latency</td>\n<td>Ana</td>\n<td>2024-03-10" in board
    assert "asyncops-overdue" in board


def test_the_decision_graph_of_many_decisions_draws_only_related_ones_or_none(
    tmp_path: Path, monkeypatch
) -> None:
    from mkdocs_asyncops.render import pages

    files = {f"adr/{n:04d}-d{n}.md": adr(n, f"Decision {n}") for n in range(1, 6)}
    files["adr/0002-d2.md"] = superseding(2, "Decision 2", "1")
    root = write(tmp_path, files)
    monkeypatch.setattr(pages, "GRAPH_NODES", 3)  # 5 decisions: more than a graph shows
    graph = pages.decision_graph(scan_folder(root, "adr"))
    assert "ADR-0001: Decision 1" in graph and "ADR-0002: Decision 2" in graph
    assert "ADR-0003" not in graph  # unrelated: only in the table
    write(root, {f"adr/{n:04d}-d{n}.md": superseding(n, f"D{n}", str(n - 1)) for n in (3, 4)})
    graph = pages.decision_graph(scan_folder(root, "adr"))
    assert graph.startswith("4 related decisions are more than a graph can show legibly")
    assert "mermaid" not in graph


def test_serve_watches_a_remote_export_file(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    export = payments(tmp_path)
    remotes = (
        f"        - name: payments\n          export: {export}\n"
        "        - name: search\n          export: https://search.example.com/asyncops.json\n"
    )
    config = load_config(str(organisation(tmp_path, remotes) / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert str(export) in config.watch
    assert not any("search.example.com" in str(path) for path in config.watch)


def test_the_documented_example_layout_builds(tmp_path: Path) -> None:
    """docs/organisation.md's example, as written there: payments, ledger and the platform."""
    import re

    text = (REPO_ROOT / "docs" / "organisation.md").read_text(encoding="utf-8")
    files = {
        match.group(1): match.group(2)
        for match in re.finditer(r"```yaml\n# (\S+)\n(.*?)```", text, re.DOTALL)
    }
    files |= {
        match.group(1): match.group(2)
        for match in re.finditer(r"`(\S+\.md)`:\n\n```markdown\n(.*?)```", text, re.DOTALL)
    }
    assert set(files) == {
        "payments/mkdocs.yml",
        "ledger/mkdocs.yml",
        "platform/mkdocs.yml",
        "platform/catalog.yml",
        "payments/adr/0003-card-vault.md",
        "ledger/docs/adr/0001-double-entry.md",
        "platform/adr/0001-tokenise-cards.md",
    }
    for name in ("payments", "ledger", "platform"):
        files[f"{name}/docs/index.md"] = f"# {name}\n"
    write(tmp_path, files)
    build_site(tmp_path / "payments", strict=True)
    site = build_site(tmp_path / "platform", strict=True)
    log = (site / "handbook" / "decisions" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://payments.example.com/adr/0003-card-vault/">payments:ADR-0003</a>' in log
    assert 'href="https://ledger.example.com/adr/0001-double-entry/">ledger:ADR-0001</a>' in log
    ours = (site / "adr" / "0001-tokenise-cards" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://payments.example.com/adr/0003-card-vault/"' in ours
    page = (site / "handbook" / "organisation" / "index.html").read_text(encoding="utf-8")
    assert "<td>team-ledger</td>\n<td>1</td>\n<td>1</td>\n<td>100 %</td>" in page
    assert "<td>team-payments</td>\n<td>1</td>\n<td>1</td>\n<td>100 %</td>" in page


def test_the_review_digest_covers_remote_records_linked_to_their_own_site(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    export = with_remote_design(tmp_path, "Card [tokens]", "2024-03-29 09:00")
    project = organisation(tmp_path, "        []\n")
    monkeypatch.chdir(project)
    assert main(["review", "--format", "chat", "--remote", f"payments={export}"]) == 0
    chat = capsys.readouterr().out
    assert "[Card \\[tokens\\]](https://payments.example.com/design/card-tokens/)" in chat
    assert "(payments:card-tokens, in-review): deadline 2024-04-01 09:00" in chat


def test_a_record_its_own_handbook_judged_stale_counts_as_stale_for_coverage(
    tmp_path: Path,
) -> None:
    data = json.loads(payments(tmp_path).read_text(encoding="utf-8"))
    data["records"][0]["frontmatter"]["systems"] = ["cards"]
    path = data["records"][0]["path"]
    export = write(tmp_path, {"fresh.json": json.dumps(data)}) / "fresh.json"
    stale = {**data, "health": {"stale": [{"path": path, "age_days": 400}]}}
    old = write(tmp_path, {"stale.json": json.dumps(stale)}) / "stale.json"
    options = (
        "      coverage_minimum: 0\n"
        "      systems:\n        - {name: cards, owner: team-cards, type: library, requires: [adr]}\n"
    )
    for source, state in ((export, "present"), (old, "stale")):
        project = organisation(
            tmp_path, f"        - name: payments\n          export: {source}\n{options}"
        )
        site = build_site(project)
        report = json.loads((site / "asyncops.json").read_text(encoding="utf-8"))
        (cards,) = report["health"]["coverage"]["systems"]
        assert cards["kinds"]["adr"] == {"state": state, "documents": [f"payments:{path}"]}


def test_an_export_that_leaves_out_empty_relations_still_reads(tmp_path: Path) -> None:
    # a writer of another minor version may leave out the relations a record does not state
    export = payments(tmp_path)
    data = json.loads(export.read_text(encoding="utf-8"))
    for record in data["records"]:
        record["relations"] = {k: v for k, v in record["relations"].items() if v}
    export.write_text(json.dumps(data), encoding="utf-8")
    project = organisation(tmp_path, f"        - name: payments\n          export: {export}\n")
    site = build_site(project, strict=True)
    replaced = (site / "adr" / "0002-ledgers-per-team" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://payments.example.com/adr/0004-one-ledger/"' in replaced


def test_feed_entries_of_remote_records_link_to_their_own_site(tmp_path: Path) -> None:
    export = with_remote_design(tmp_path, "Card tokens", "2024-03-20")
    project = organisation(tmp_path, f"        - name: payments\n          export: {export}\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_url: https://platform.example.com/\n" + config)
    site = build_site(project, strict=True)
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [(e.title, e.link) for e in feed.entries] == [
        (
            "Review overdue: Card tokens",
            "https://payments.example.com/design/card-tokens/",
        )
    ]
