"""Postmortems: their action items, and whether each was written within 48 hours.

Action items are the checklist in a postmortem's Action Items section, one per line:

    - [ ] Alert on disk usage at 80% (Bo Li, 2024-03-10)
    - [x] Expand the broker volume (Chen Wu, 2024-03-02)

The parenthesis at the end names the owner and the due date; either may be missing, which is
reported (ASY310) for open items, since an item nobody owns is an item nobody does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.headings import section_key
from ..dates import UTC, iso, moment
from ..reading.model import Document
from .key_events import KeyEvents, key_events

ACTION_ITEMS = section_key("Action Items")
WRITE_UP_WINDOW = timedelta(hours=48)

_CHECKBOX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.*?)\s*$")
_TRAILER = re.compile(r"^(.*?)\s*\(([^()]*)\)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class ActionItem:
    """One checklist line of a postmortem's Action Items section."""

    document: Document
    line: int
    task: str
    owner: str | None
    due: datetime | None
    done: bool

    def overdue(self, now: datetime) -> bool:
        """Still open after its due date (the whole due day counts)."""
        return not self.done and self.due is not None and self.due + timedelta(days=1) <= now

    def to_dict(self, now: datetime) -> dict[str, Any]:
        return {
            "path": self.document.path,
            "line": self.line,
            "postmortem": self.document.id,
            "task": self.task,
            "owner": self.owner,
            "due": iso(self.due),
            "done": self.done,
            "overdue": self.overdue(now),
        }


def action_items(document: Document) -> list[ActionItem]:
    """The checklist items of the document's Action Items section, in order."""
    items = []
    for section in document.outline.sections:
        if section.heading.key != ACTION_ITEMS:
            continue
        for number, text in section.content_lines:
            match = _CHECKBOX.match(text)
            if match:
                items.append(_item(document, number, match.group(1) != " ", match.group(2)))
    return items


def _item(document: Document, line: int, done: bool, text: str) -> ActionItem:
    owner = due = None
    trailer = _TRAILER.match(text)
    if trailer:
        parts = [part.strip() for part in trailer.group(2).split(",") if part.strip()]
        if parts and _DATE.match(parts[-1]):
            due = _due(parts.pop())
        if parts:
            owner = ", ".join(parts)
        text = trailer.group(1)
    return ActionItem(
        document=document, line=line, task=text.strip(), owner=owner, due=due, done=done
    )


def _due(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def action_item_problems(items: list[ActionItem]) -> list[Diagnostic]:
    """ASY310 for every open item that names no owner or no valid due date."""
    problems = []
    for item in items:
        missing = [
            name for name, value in (("owner", item.owner), ("due date", item.due)) if value is None
        ]
        if item.done or not missing:
            continue
        problems.append(
            diagnostic(
                item.document.path,
                item.line,
                "ASY310",
                f"open action item {item.task!r} names no {' and no '.join(missing)}; "
                "end the line with `(Owner, YYYY-MM-DD)`",
            )
        )
    return problems


@dataclass(frozen=True)
class WriteUp:
    """When an incident happened, when its postmortem was published, and whether in time."""

    incident: datetime | None
    published: datetime | None
    events: KeyEvents = field(default_factory=KeyEvents)
    """The key events of its timeline: times to detect and to resolve."""

    @property
    def hours(self) -> float | None:
        if self.incident is None or self.published is None:
            return None
        return (self.published - self.incident).total_seconds() / 3600

    @property
    def on_time(self) -> bool | None:
        """Published within 48 hours of the incident; None when either date is unknown."""
        hours = self.hours
        return None if hours is None else hours <= WRITE_UP_WINDOW.total_seconds() / 3600


def write_up(document: Document) -> WriteUp:
    meta = document.meta
    incident = moment(getattr(meta, "incident_date", None))
    return WriteUp(
        incident=incident,
        published=moment(getattr(meta, "published", None)),
        events=key_events(document, incident.date() if incident else None),
    )


def response_times(
    reports: list[tuple[Document, WriteUp]],
) -> dict[int | None, tuple[list[timedelta], list[timedelta]]]:
    """Times to detect and to resolve, by severity (most severe first), where the key events say."""
    found: dict[int | None, tuple[list[timedelta], list[timedelta]]] = {}
    for doc, report in reports:
        detect, resolve = report.events.time_to_detect, report.events.time_to_resolve
        if detect is None and resolve is None:
            continue
        spans = found.setdefault(getattr(doc.meta, "severity", None), ([], []))
        if detect is not None:
            spans[0].append(detect)
        if resolve is not None:
            spans[1].append(resolve)
    return dict(sorted(found.items(), key=lambda item: (item[0] is None, item[0] or 0)))
