"""What happened in the handbook, as events: for the Atom feed, the digest and the This-week page.

From the one history pass (`history/statuses.py`): a document added, its status changed (with
the commit's date and author), a decision taken (its kind's approved status) or superseded, a
postmortem published. From frontmatter and the boards: a review requested, a review past its
deadline without the quorum, an action item gone overdue, a document gone stale. All judged at
the boards' `now`; events after it are not listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..dates import iso, moment, utc
from ..health.assess import Health
from ..history.statuses import status_changes
from ..reading.model import Document
from .board import Boards
from .reviews import IN_REVIEW, PROPOSED

AWAITING = (IN_REVIEW, PROPOSED)
TYPES = (
    "added",
    "status-changed",
    "decided",
    "superseded",
    "review-requested",
    "review-overdue",
    "postmortem-published",
    "action-item-overdue",
    "stale",
)


@dataclass(frozen=True)
class Event:
    type: str
    document: Document
    when: datetime
    """In UTC, as every moment the boards compare."""
    title: str
    """The document's title, or the action item's task."""
    author: str = ""
    """Who made the commit, for events from the history."""
    detail: str = ""
    """`in-review → approved`, `1 of 2 approvals`, `in Broker outage`."""
    line: int = 0

    @property
    def key(self) -> str:
        """What makes the event itself: stable from build to build."""
        return f"{self.type}|{self.document.path}|{iso(self.when, moment_only=True)}|{self.line}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "path": self.document.path,
            "date": iso(self.when, moment_only=True),
            "title": self.title,
            "kind": self.document.kind,
            "author": self.author or None,
            "detail": self.detail,
        }


def handbook_events(
    documents: Iterable[Document],
    health: Health | None,
    boards: Boards,
    since: datetime | None = None,
) -> list[Event]:
    """Every event up to `boards.now` (from `since` on, when given: older commits are not read),
    newest first (from the history when `health` has it)."""
    return in_window(event_candidates(documents, health, boards, since), boards.now, since)


def in_window(events: Iterable[Event], now: datetime, since: datetime | None) -> list[Event]:
    """The `events` from `since` (when given) to `now`, newest first; at one moment, by path,
    type and line."""
    events = [e for e in events if e.when <= now and (since is None or e.when >= since)]
    events.sort(key=lambda e: (e.document.path, TYPES.index(e.type), e.line))
    events.sort(key=lambda e: e.when, reverse=True)
    return events


def event_candidates(
    documents: Iterable[Document],
    health: Health | None,
    boards: Boards,
    since: datetime | None = None,
) -> list[Event]:
    """The events `handbook_events` chooses from, in no order: some may lie after `boards.now`
    (a review requested for later, a commit dated ahead) or before `since`."""
    now = boards.now
    events: list[Event] = []
    for doc in documents:
        events += _history_events(doc, health, since)
        requested = _requested(doc)
        if requested is not None:
            events.append(Event("review-requested", doc, requested, doc.title, detail=_asks(doc)))
        if doc.spec.schema_name == "postmortem":
            published = moment(getattr(doc.meta, "published", None))
            if published is not None:
                events.append(Event("postmortem-published", doc, published, doc.title))
    for review in boards.reviews:
        doc = review.document
        if review.requested is not None and _requested(doc) is None and health is None:
            events.append(
                Event("review-requested", doc, review.requested, doc.title, detail=_asks(doc))
            )
        if review.overdue and not review.settled and review.deadline is not None:
            detail = review.quorum.summary if review.quorum is not None else ""
            events.append(Event("review-overdue", doc, review.deadline, doc.title, detail=detail))
    for item in boards.open_items:
        if item.overdue(now) and item.due is not None:
            when = item.due + timedelta(days=1)
            who = f"owned by {item.owner}; " if item.owner else ""
            detail = f"{who}in {item.document.title}"
            events.append(
                Event(
                    "action-item-overdue",
                    item.document,
                    when,
                    item.task,
                    detail=detail,
                    line=item.line,
                )
            )
    if health is not None:
        for fresh in health.stale:
            if fresh.last is not None and fresh.max_age is not None:
                when = utc(fresh.last) + timedelta(days=fresh.max_age + 1)
                detail = f"unchanged since {utc(fresh.last).date()}"
                events.append(
                    Event("stale", fresh.document, when, fresh.document.title, detail=detail)
                )
    return events


def _requested(doc: Document) -> datetime | None:
    return moment(getattr(doc.meta, "review_requested", None))


def _asks(doc: Document) -> str:
    for field in ("reviewers", "deciders"):
        people = getattr(doc.meta, field, None)
        if people:
            return f"asks {', '.join(map(str, people))}"
    return ""


def _history_events(doc: Document, health: Health | None, since: datetime | None) -> list[Event]:
    if health is None:
        return []
    known = health.history.of(doc.source.abs_path)
    if known is None or (known.uncommitted and not known.touches):
        return []
    events = []
    published_in_frontmatter = getattr(doc.meta, "published", None) is not None
    for change in status_changes(known, health.history, doc.spec.status_field, since):
        when = utc(change.when)
        if change.new in AWAITING and _requested(doc) is None:
            events.append(
                Event("review-requested", doc, when, doc.title, change.author, _asks(doc))
            )
        if change.added:
            detail = f"as {change.new}" if change.new else ""
            events.append(Event("added", doc, when, doc.title, change.author, detail))
            if change.new is None or change.new == _first_status(doc):
                continue
        if change.added and change.new in AWAITING:
            continue
        kind = "status-changed"
        if change.new == doc.spec.approved_status:
            kind = "decided"
        elif change.new == "superseded":
            kind = "superseded"
        elif change.new == "published" and doc.spec.schema_name == "postmortem":
            if published_in_frontmatter:
                continue
            kind = "postmortem-published"
        elif change.added:
            continue
        detail = f"{change.old or 'new'} → {change.new or 'no status'}"
        events.append(Event(kind, doc, when, doc.title, change.author, detail))
    return events


def _first_status(doc: Document) -> str | None:
    """The status a document usually starts in: adding it so is no decision of its own."""
    return doc.spec.statuses[0] if doc.spec.statuses else None
