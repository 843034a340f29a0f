"""A person's inbox: what waits on them, the most urgent first.

- `review`: a document in review that asks them to approve and that they have not approved
  (none once the quorum is reached: the clock has stopped);
- `action-item`: an open postmortem action item they own;
- `stale`: a document they own (`owner`, else `author`) that has gone stale;
- `awaiting-quorum`: a document of theirs whose review deadline passed without the quorum.

Overdue items come first, then the rest by due date (none last). Names match as one person
through `.mailmap` (`history/people.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..dates import iso, utc
from ..health.staleness import Freshness, owner_of
from ..history.people import NO_ALIASES, Names
from ..reading.model import Document
from .board import Boards

ORDER = ("review", "action-item", "awaiting-quorum", "stale")


@dataclass(frozen=True)
class InboxItem:
    type: str
    document: Document
    title: str
    """The document's title, or the action item's task."""
    due: datetime | None
    overdue: bool
    detail: str
    """One line of context: `1 of 2 approvals`, `in Broker outage`, `last changed 2025-12-05`."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "path": self.document.path,
            "title": self.title,
            "due": iso(self.due),
            "overdue": self.overdue,
            "detail": self.detail,
        }


def inbox(
    person: str, boards: Boards, stale: Iterable[Freshness] = (), names: Names = NO_ALIASES
) -> list[InboxItem]:
    """Everything waiting on `person` at `boards.now`, the most urgent first."""
    return inboxes(boards, stale, names).get(names.key(person), [])


def inboxes(
    boards: Boards, stale: Iterable[Freshness] = (), names: Names = NO_ALIASES
) -> dict[str, list[InboxItem]]:
    """Every person's inbox (see `inbox`) by `names.key` of their name: each name on the boards
    is made a key once, and its items go to that person."""
    now = boards.now
    found: dict[str, list[InboxItem]] = {}

    def add(keys: Iterable[str], item: InboxItem) -> None:
        for key in keys:
            found.setdefault(key, []).append(item)

    for review in boards.reviews:
        doc, quorum = review.document, review.quorum
        detail = quorum.summary if quorum is not None else "review asked"
        item = InboxItem("review", doc, doc.title, review.deadline, review.overdue, detail)
        add({names.key(name) for name in review.waiting_on}, item)
        if review.overdue and not review.settled:
            waiting = ", ".join(review.waiting_on) or "nobody named"
            detail = f"{quorum.summary if quorum else 'no approvals'}; waiting on {waiting}"
            item = InboxItem("awaiting-quorum", doc, doc.title, review.deadline, True, detail)
            add(_owners(doc, names), item)
    for task in boards.open_items:
        owners = {names.key(owner) for owner in (task.owner or "").split(",") if owner.strip()}
        detail = f"in {task.document.title}"
        item = InboxItem(
            "action-item", task.document, task.task, task.due, task.overdue(now), detail
        )
        add(owners, item)
    for fresh in stale:
        doc = fresh.document
        if fresh.last is not None and fresh.max_age is not None:
            went = utc(fresh.last) + timedelta(days=fresh.max_age + 1)
            detail = (
                f"{'reviewed' if fresh.basis == 'reviewed' else 'last changed'} {fresh.last.date()}"
            )
            add(_owners(doc, names), InboxItem("stale", doc, doc.title, went, True, detail))
    for items in found.values():
        items.sort(key=lambda i: _urgency(i, now))
    return found


def _urgency(item: InboxItem, now: datetime) -> tuple[Any, ...]:
    return (
        not item.overdue,
        item.due is None,
        item.due or now,
        ORDER.index(item.type),
        item.document.path,
        item.title,
    )


def _owners(doc: Document, names: Names) -> set[str]:
    """The keys of the names that own `doc`: its owner (`owner`, else `author`) and author."""
    owner = owner_of(doc)
    author = doc.frontmatter.get("author")
    return {names.key(value) for value in (owner, author) if value}


def people(boards: Boards, documents: Iterable[Document], names: Names = NO_ALIASES) -> list[str]:
    """Everyone the handbook names as approver, owner, author or action-item owner, by name."""
    found: dict[str, str] = {}
    seen: set[str] = set()  # names as written, each looked up once (a team owns thousands)

    def add(name: object) -> None:
        written = str(name)
        if written in seen:
            return
        seen.add(written)
        text = names.canonical(written)
        if text:
            found.setdefault(names.key(text), text)

    for doc in documents:
        for key in ("owner", "author"):
            if isinstance(doc.frontmatter.get(key), str):
                add(doc.frontmatter[key])
    for quorum in boards.quorums.values():
        for name in quorum.approvers:
            add(name)
    for item in boards.open_items:
        for owner in (item.owner or "").split(","):
            if owner.strip():
                add(owner)
    return sorted(found.values(), key=str.casefold)
