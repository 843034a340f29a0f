"""The Atom feed of handbook events (RFC 4287), written with ElementTree.

Every text from a document goes in as element text or an attribute value, which ElementTree
escapes; characters XML 1.0 cannot hold at all (control characters) are dropped first. Entry ids
are stable (a name-based UUID of the event and the site), so a reader never shows an entry twice.
A feed holds only the newest entries (`FEED_ENTRIES` unless told): RFC 4287 lets a feed document
hold a part of a feed's entries, and readers keep what they have seen.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime
from itertools import islice
from urllib.parse import quote

from ..boards.events import Event
from ..core.escape import link_target, web_url
from ..core.settings import FEED_ENTRIES
from ..dates import UTC, utc
from ..reading.model import Document

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


def published_url(doc: Document, site_url: str | None) -> str | None:
    """Where `doc` is published, for a link from a message: another repository's record on its
    own site (its address), one of this handbook under `site_url`; None when neither is known."""
    if doc.repository is not None:
        return link_target(doc.source.src_uri) if web_url(doc.source.src_uri) else None
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{quote(page_url(doc.source.src_uri), safe='/#.-_~')}"


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
    entries: int = FEED_ENTRIES,
    written: Written | None = None,
) -> str:
    """The feed as an XML document of the first `entries` of `events` (which come newest
    first); `written` keeps the entries written, to write each once."""
    events = list(islice(events, entries))
    base = (site_url or "").rstrip("/")

    def url(path: str) -> str:
        quoted = quote(path, safe="/#.-_~")
        return f"{base}/{quoted}" if base else quoted

    def page(doc: Document) -> str:
        """Another repository's record is on its own site (its address, already a web URL);
        one whose site is unknown links to this site."""
        if doc.repository is not None:
            return doc.source.src_uri or url("")
        return url(page_url(doc.source.src_uri))

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    site_id = base or title
    _sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_id}/{feed_path}")))
    _sub(feed, "title", title)
    # An empty feed was never updated: the epoch, not the clock, so rebuilds stay identical.
    _sub(feed, "updated", _stamp(events[0].when if events else EMPTY))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=url(feed_path))
    if base:
        _sub(feed, "link", rel="alternate", type="text/html", href=f"{base}/")
    author = _sub(feed, "author")
    _sub(author, "name", title)
    _sub(feed, "generator", "mkdocs-asyncops")
    head = ET.tostring(feed, encoding="unicode").removesuffix("</feed>")
    write = written or Written()
    body = "".join(write(event, site_id, page(event.document)) for event in events)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{head}{body}</feed>\n'


class Written:
    """Each entry's XML, written once for what it shows; `earlier` holds a former set's."""

    def __init__(self, earlier: dict[tuple[object, ...], str] | None = None) -> None:
        self.earlier = earlier or {}
        self.entries: dict[tuple[object, ...], str] = {}

    def __call__(self, event: Event, site_id: str, href: str) -> str:
        doc = event.document
        shown = (
            site_id, href, event.type, event.when, event.title, event.author, event.detail,
            event.line, doc.label, doc.title, doc.path, doc.kind, doc.spec.label,
        )  # fmt: skip
        entry = self.entries.get(shown) or self.earlier.get(shown)
        if entry is None:
            entry = ET.tostring(_entry(event, site_id, href), encoding="unicode")
        self.entries[shown] = entry
        return entry


_last = Written()
"""The entries of the last `feeds`: a `mkdocs serve` rebuild writes only those of events that
changed."""


def _sub(
    parent: ET.Element, tag: str, text: str | None = None, plain: bool = False, **attrs: str
) -> ET.Element:
    """A child element in Atom's namespace (`plain`: in none, for an entry written on its own)."""
    name = tag if plain else f"{{{ATOM}}}{tag}"
    element = ET.SubElement(parent, name, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _entry(event: Event, site_id: str, href: str) -> ET.Element:
    """The entry of `event`, linking to `href` (written on its own: the feed's default
    namespace is Atom's)."""
    entry = ET.Element("entry")
    doc = event.document
    label = doc.label if doc.label != doc.title else ""
    name = f"{label} {event.title}".strip() if event.type != "action-item-overdue" else event.title
    _sub(
        entry,
        "id",
        "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_id}|{event.key}")),
        plain=True,
    )
    _sub(entry, "title", f"{LABELS[event.type]}: {name}", plain=True)
    _sub(entry, "updated", _stamp(event.when), plain=True)
    _sub(entry, "link", rel="alternate", type="text/html", href=href, plain=True)
    if event.author:
        _sub(_sub(entry, "author", plain=True), "name", event.author, plain=True)
    _sub(entry, "category", term=event.type, label=LABELS[event.type], plain=True)
    _sub(entry, "category", term=f"kind:{doc.kind}", label=doc.spec.label, plain=True)
    summary = "; ".join(part for part in (event.detail, doc.path) if part)
    _sub(entry, "summary", summary, type="text", plain=True)
    return entry


def feeds(
    events: Iterable[Event],
    *,
    title: str,
    site_url: str | None,
    feed_path: str,
    kinds: Iterable[str],
    entries: int = FEED_ENTRIES,
) -> dict[str, str]:
    """The main feed and one per kind, by site path, each of the newest `entries` events
    (each entry written once, and only again when what it shows changed since the last call)."""
    global _last
    events = list(events)
    write = Written(_last.entries)
    found = {
        feed_path: atom_feed(
            events,
            title=title,
            site_url=site_url,
            feed_path=feed_path,
            entries=entries,
            written=write,
        )
    }
    for kind in sorted(kinds):
        path = kind_feed_path(feed_path, kind)
        mine = (e for e in events if e.document.kind == kind)
        found[path] = atom_feed(
            mine,
            title=f"{title}: {kind}",
            site_url=site_url,
            feed_path=path,
            entries=entries,
            written=write,
        )
    _last = write
    return found
