"""Events from the one history pass: the digest, the This-week page and the Atom feeds."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from mkdocs_asyncops.boards.board import build_boards
from mkdocs_asyncops.boards.events import handbook_events
from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.render import feed as feed_module
from mkdocs_asyncops.render.feed import atom_feed, feeds
from mkdocs_asyncops.render.week_page import this_week_page
from tests.helpers.flow_repo import build_flow_repo, checked_flow
from tests.helpers.site import build_site


@pytest.fixture(scope="module")
def flow(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("flow")
    build_flow_repo(root)
    return root


def digest(root: Path, argv: list[str], capsys, monkeypatch) -> str:
    monkeypatch.chdir(root)
    assert main(["digest", *argv]) == 0
    return capsys.readouterr().out


def test_digest_json_lists_the_events_of_the_last_week(flow: Path, capsys, monkeypatch) -> None:
    data = json.loads(digest(flow, ["--since", "7d", "--format", "json"], capsys, monkeypatch))
    assert data["since"] == "2026-03-03T00:00:00+00:00"
    assert data["now"] == "2026-03-10T00:00:00+00:00"
    assert [(e["type"], e["path"], e["date"], e["title"], e["author"]) for e in data["events"]] == [
        (
            "superseded",
            "adr/0003-use-memcached.md",
            "2026-03-09T16:00:00+00:00",
            "Use Memcached",
            "Bo Li",
        ),
        (
            "action-item-overdue",
            "docs/postmortems/2026-03-04-broker-outage.md",
            "2026-03-09T00:00:00+00:00",
            "Alert on disk usage",
            None,
        ),
        # committed as `ana <ana@old.example.com>`: the .mailmap's name
        (
            "decided",
            "adr/0001-use-postgres.md",
            "2026-03-08T11:00:00+00:00",
            "Use PostgreSQL",
            "Ana Souza",
        ),
        ("added", "adr/0002-use-redis.md", "2026-03-07T09:00:00+00:00", "Use Redis", "Bo Li"),
        (
            "review-requested",
            "adr/0002-use-redis.md",
            "2026-03-07T09:00:00+00:00",
            "Use Redis",
            "Bo Li",
        ),
        ("decided", "docs/design/cache.md", "2026-03-06T15:00:00+00:00", "Cache", "Ana Souza"),
        ("stale", "docs/runbooks/broker.md", "2026-03-06T10:00:00+00:00", "Broker", None),
        ("review-overdue", "docs/design/search.md", "2026-03-05T09:00:00+00:00", "Search", None),
        (
            "added",
            "docs/postmortems/2026-03-04-broker-outage.md",
            "2026-03-05T08:00:00+00:00",
            "Broker outage",
            "Chen Wu",
        ),
        (
            "postmortem-published",
            "docs/postmortems/2026-03-04-broker-outage.md",
            "2026-03-05T00:00:00+00:00",
            "Broker outage",
            None,
        ),
        (
            "added",
            "adr/0001-use-postgres.md",
            "2026-03-03T10:00:00+00:00",
            "Use PostgreSQL",
            "Ana Souza",
        ),
        (
            "review-requested",
            "adr/0001-use-postgres.md",
            "2026-03-03T10:00:00+00:00",
            "Use PostgreSQL",
            "Ana Souza",
        ),
    ]


def test_digest_since_a_date_groups_the_events(flow: Path, capsys, monkeypatch) -> None:
    out = digest(flow, ["--since", "2026-03-06"], capsys, monkeypatch)
    assert out.splitlines() == [
        "Since 2026-03-06 (as of 2026-03-10 UTC): 7 events",
        "",
        "Decided",
        "  2026-03-08 11:00  adr/0001-use-postgres.md  Use PostgreSQL (proposed → accepted; by Ana Souza)",
        "  2026-03-06 15:00  docs/design/cache.md  Cache (in-review → approved; by Ana Souza)",
        "",
        "Superseded",
        "  2026-03-09 16:00  adr/0003-use-memcached.md  Use Memcached (accepted → superseded; by Bo Li)",
        "",
        "Awaiting review",
        "  2026-03-07 09:00  adr/0002-use-redis.md  Use Redis (asks Bo Li, Chen Wu; by Bo Li)",
        "",
        "Overdue",
        (
            "  2026-03-09        docs/postmortems/2026-03-04-broker-outage.md  Alert on disk usage "
            "(owned by Bo Li; in Broker outage)"
        ),
        "",
        "Newly stale",
        "  2026-03-06 10:00  docs/runbooks/broker.md  Broker (unchanged since 2025-12-05)",
        "",
        "Other changes",
        "  2026-03-07 09:00  adr/0002-use-redis.md  Use Redis (as proposed; by Bo Li)",
    ]


def test_digest_markdown_and_chat_link_to_the_site(flow: Path, capsys, monkeypatch) -> None:
    out = digest(flow, ["--since", "2026-03-09", "--format", "markdown"], capsys, monkeypatch)
    assert (
        "## Superseded\n\n- [Use Memcached](https://handbook.example.com/adr/0003-use-memcached/)"
        in out
    )
    chat = digest(flow, ["--since", "2026-03-09", "--format", "chat"], capsys, monkeypatch)
    assert chat.splitlines()[:3] == [
        "**Since 2026-03-09 (as of 2026-03-10 UTC): 2 events**",
        "*Superseded*",
        (
            "- [Use Memcached](https://handbook.example.com/adr/0003-use-memcached/) "
            "(accepted → superseded; by Bo Li), 2026-03-09 16:00"
        ),
    ]


def test_digest_refuses_an_unreadable_since(flow: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(flow)
    assert main(["digest", "--since", "last week"]) == 2
    assert "--since: 'last week' is neither" in capsys.readouterr().err


def test_this_week_page_groups_the_last_seven_days(flow: Path) -> None:
    checked, now = checked_flow(flow)
    events = handbook_events(
        checked.documents, checked.health, build_boards(checked.documents, now, names=checked.names)
    )
    text = this_week_page(events, now, now).markdown("handbook/this-week.md")
    assert "## Decided" in text and "## Postmortems" in text
    assert (
        "| 2026-03-08 11:00 | [Use PostgreSQL](../adr/0001-use-postgres.md) | proposed → accepted | Ana Souza |"
        in text
    )
    # the feed's link is a paragraph of its own, not a word in a sentence told by colour alone
    assert "\n\n[Follow the handbook in a feed reader](../feed.xml)\n" in text


def test_feed_parses_as_atom_newest_first_with_stable_ids(flow: Path) -> None:
    checked, now = checked_flow(flow)
    events = handbook_events(
        checked.documents, checked.health, build_boards(checked.documents, now, names=checked.names)
    )
    xml = atom_feed(events, title="Flow", site_url="https://h.example/", feed_path="feed.xml")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Flow"
    first = parsed.entries[0]
    assert (first.title, first.link, first.updated, first.author) == (
        "Superseded: ADR-0003 Use Memcached",
        "https://h.example/adr/0003-use-memcached/",
        "2026-03-09T16:00:00Z",
        "Bo Li",
    )
    stamps = [entry.updated for entry in parsed.entries]
    assert stamps == sorted(stamps, reverse=True)
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids)
    again = atom_feed(events, title="Flow", site_url="https://h.example/", feed_path="feed.xml")
    assert [e.id for e in feedparser.parse(again).entries] == ids


def test_feed_holds_only_the_newest_entries(flow: Path) -> None:
    checked, now = checked_flow(flow)
    events = handbook_events(
        checked.documents, checked.health, build_boards(checked.documents, now, names=checked.names)
    )
    assert len(events) == 19
    every = feedparser.parse(atom_feed(events, title="F", site_url=None, feed_path="feed.xml"))
    xml = atom_feed(events, title="F", site_url=None, feed_path="feed.xml", entries=5)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.version == "atom10"
    assert [e.id for e in parsed.entries] == [e.id for e in every.entries[:5]]
    assert [e.updated for e in parsed.entries] == [stamp(e.when) for e in events[:5]]
    assert parsed.feed.updated == stamp(events[0].when)
    kinds = feeds(events, title="F", site_url=None, feed_path="f.xml", kinds=["adr"], entries=2)
    newest_adr = [stamp(e.when) for e in events if e.document.kind == "adr"][:2]
    assert [e.updated for e in feedparser.parse(kinds["f-adr.xml"]).entries] == newest_adr
    assert len(feedparser.parse(kinds["f.xml"]).entries) == 2


def test_feeds_write_each_entry_once_and_again_only_when_it_changed(
    flow: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked, now = checked_flow(flow)
    events = handbook_events(
        checked.documents, checked.health, build_boards(checked.documents, now, names=checked.names)
    )
    monkeypatch.setattr(feed_module, "_last", feed_module.Written())  # none from other tests
    written: list[str] = []
    entry = feed_module._entry
    monkeypatch.setattr(
        feed_module, "_entry", lambda event, *rest: written.append(event.key) or entry(event, *rest)
    )
    options = {"title": "Flow", "site_url": "https://h.example/", "feed_path": "feed.xml"}
    kinds = sorted({event.document.kind for event in events})
    first = feeds(events, kinds=kinds, **options)
    assert sorted(written) == sorted(event.key for event in events)  # the kinds' feeds too
    written.clear()
    assert feeds(events, kinds=kinds, **options) == first
    assert written == []
    renamed = [replace(events[0], title="Renamed <&>"), *events[1:]]
    again = feeds(renamed, kinds=kinds, **options)
    assert written == [events[0].key]
    # as a feed written on its own from the same events
    assert again["feed.xml"] == atom_feed(renamed, **options)
    assert "Renamed &lt;&amp;&gt;" in again["feed.xml"]


def stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_site_feeds_hold_feed_entries_of_the_newest_events(flow: Path, tmp_path: Path) -> None:
    root = tmp_path / "flow"
    shutil.copytree(flow, root)
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config + "      feed_entries: 4\n")
    site = build_site(root, site_dir=tmp_path / "site")
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 4
    stamps = [entry.updated for entry in parsed.entries]
    assert stamps == sorted(stamps, reverse=True) and stamps[0] == "2026-03-09T16:00:00Z"
    assert len(feedparser.parse((site / "feed-adr.xml").read_bytes()).entries) == 4


def test_feed_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    repo = build_flow_repo(root)
    page = (root / "docs/design/search.md").read_text()
    evil = 'title: "<script>alert(1)</script> ]]> &amp; \\" \\a\\e"\n'  # BEL and ESC
    repo.commit(
        {"docs/design/search.md": page.replace("---\n", "---\n" + evil, 1)}, "2026-03-09 10:00"
    )
    checked, now = checked_flow(root)
    events = handbook_events(
        checked.documents, checked.health, build_boards(checked.documents, now, names=checked.names)
    )
    xml = atom_feed(events, title="A & <B>", site_url=None, feed_path="feed.xml")
    assert "<script>" not in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert len(parsed.entries) == 19
    atom = "{http://www.w3.org/2005/Atom}"
    tree = ElementTree.fromstring(xml.encode())
    assert tree.find(f"{atom}title").text == "A & <B>"
    titles = [entry.find(f"{atom}title").text for entry in tree.iter(f"{atom}entry")]
    assert 'Review overdue: <script>alert(1)</script> ]]> &amp; " ' in titles


def test_site_has_feeds_and_links_them_from_every_page(flow: Path, tmp_path: Path) -> None:
    site = build_site(flow, site_dir=tmp_path / "site")
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 19
    adr = feedparser.parse((site / "feed-adr.xml").read_bytes())
    assert {e.link.split("/")[-2] for e in adr.entries} == {
        "0001-use-postgres",
        "0002-use-redis",
        "0003-use-memcached",
    }
    page = (site / "adr/0001-use-postgres/index.html").read_text()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Flow" href="../../feed.xml">'
        in page
    )
    assert (site / "handbook/this-week/index.html").is_file()
    assert 'id="person-bo-li"' in (site / "handbook/people/index.html").read_text()


@pytest.mark.parametrize(
    "start", ["2026-03-01", "2026-03-03 10:00", "2026-03-06", "2026-03-09 16:00"]
)
def test_events_since_a_moment_read_no_older_commit_and_miss_none(flow: Path, start: str) -> None:
    checked, now = checked_flow(flow)
    boards = build_boards(checked.documents, now, names=checked.names)
    everything = handbook_events(checked.documents, checked.health, boards)
    moment = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)
    windowed = handbook_events(checked.documents, checked.health, boards, moment)
    assert windowed == [event for event in everything if event.when >= moment]
