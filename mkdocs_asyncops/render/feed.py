"""The Atom feed of handbook events (RFC 4287), written with ElementTree.

Every text from a document goes in as element text or an attribute value, which ElementTree
escapes; characters XML 1.0 cannot hold at all (control characters) are dropped first. Entry ids
are stable (a name-based UUID of the event and the site), so a reader never shows an entry twice.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import datetime
from urllib.parse import quote

from ..boards.events import Event
from ..dates import UTC, utc

ATOM = "http://www.w3.org/2005/Atom"
LABELS = {
    "added": "Added",
    "status-changed": "Status changed",
    "decided": "Decided",
    "superseded": "Superseded",
    "review-requested": "Review requested",
    "review-overdue": "Review overdue",
    "postmortem-published": "Postmortem published",
    "action-item-overdue": "Action item overdue",
    "stale": "Stale",
}
EMPTY = datetime(1970, 1, 1, tzinfo=UTC)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def page_url(src_uri: str) -> str:
    """`adr/0007-x.md` -> `adr/0007-x/`, as MkDocs publishes it with directory URLs."""
    stem = src_uri.rsplit(".", 1)[0]
    return stem[: -len("index")] if stem.endswith("index") else f"{stem}/"


def kind_feed_path(feed_path: str, kind: str) -> str:
    """`feed.xml` -> `feed-adr.xml`: the feed of one kind's events, beside the main one."""
    stem, dot, ext = feed_path.rpartition(".")
    return f"{stem}-{kind}.{ext}" if dot else f"{feed_path}-{kind}"


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _stamp(when: datetime) -> str:
    return utc(when).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def atom_feed(
    events: Iterable[Event],
    *,
    title: str,
    site_url: str | None,
    feed_path: str,
    written: Written | None = None,
) -> str:
    """The feed as an XML document, newest entry first (as `events` come); `written` keeps
    the entries written, to write each once."""
    events = list(events)
    base = (site_url or "").rstrip("/")

    def url(path: str) -> str:
        quoted = quote(path, safe="/#.-_~")
        return f"{base}/{quoted}" if base else quoted

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _text(text)
        return element

    site_id = base or title
    sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_id}/{feed_path}")))
    sub(feed, "title", title)
    # An empty feed was never updated: the epoch, not the clock, so rebuilds stay identical.
    sub(feed, "updated", _stamp(events[0].when if events else EMPTY))
    sub(feed, "link", rel="self", type="application/atom+xml", href=url(feed_path))
    if base:
        sub(feed, "link", rel="alternate", type="text/html", href=f"{base}/")
    author = sub(feed, "author")
    sub(author, "name", title)
    sub(feed, "generator", "mkdocs-asyncops")
    head = ET.tostring(feed, encoding="unicode").removesuffix("</feed>")
    write = written or Written()
    body = "".join(write(event, site_id, url) for event in events)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{head}{body}</feed>\n'


class Written:
    """Each entry's XML, written once for what it shows; `earlier` holds a former set's."""

    def __init__(self, earlier: dict[tuple[object, ...], str] | None = None) -> None:
        self.earlier = earlier or {}
        self.entries: dict[tuple[object, ...], str] = {}

    def __call__(self, event: Event, site_id: str, url: Callable[[str], str]) -> str:
        doc = event.document
        shown = (
            site_id, url(""), event.type, event.when, event.title, event.author, event.detail,
            event.line, doc.label, doc.title, doc.path, doc.source.src_uri, doc.kind,
            doc.spec.label,
        )  # fmt: skip
        entry = self.entries.get(shown) or self.earlier.get(shown)
        if entry is None:
            entry = ET.tostring(_entry(event, site_id, url), encoding="unicode")
        self.entries[shown] = entry
        return entry


_last = Written()
"""The entries of the last `feeds`: a `mkdocs serve` rebuild writes only those of events that
changed."""


def _entry(event: Event, site_id: str, url: Callable[[str], str]) -> ET.Element:
    """One event's entry (the feed's default namespace is Atom's)."""
    entry = ET.Element("entry")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _text(text)
        return element

    doc = event.document
    label = doc.label if doc.label != doc.title else ""
    name = f"{label} {event.title}".strip() if event.type != "action-item-overdue" else event.title
    sub(entry, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_id}|{event.key}")))
    sub(entry, "title", f"{LABELS[event.type]}: {name}")
    sub(entry, "updated", _stamp(event.when))
    sub(entry, "link", rel="alternate", type="text/html", href=url(page_url(doc.source.src_uri)))
    if event.author:
        sub(sub(entry, "author"), "name", event.author)
    sub(entry, "category", term=event.type, label=LABELS[event.type])
    sub(entry, "category", term=f"kind:{doc.kind}", label=doc.spec.label)
    summary = "; ".join(part for part in (event.detail, doc.path) if part)
    sub(entry, "summary", summary, type="text")
    return entry


def feeds(
    events: Iterable[Event],
    *,
    title: str,
    site_url: str | None,
    feed_path: str,
    kinds: Iterable[str],
) -> dict[str, str]:
    """The main feed and one per kind, by site path (each entry written once, and only again
    when what it shows changed since the last call)."""
    global _last
    events = list(events)
    write = Written(_last.entries)
    found = {
        feed_path: atom_feed(
            events, title=title, site_url=site_url, feed_path=feed_path, written=write
        )
    }
    for kind in sorted(kinds):
        path = kind_feed_path(feed_path, kind)
        mine = [e for e in events if e.document.kind == kind]
        found[path] = atom_feed(
            mine, title=f"{title}: {kind}", site_url=site_url, feed_path=path, written=write
        )
    _last = write
    return found
