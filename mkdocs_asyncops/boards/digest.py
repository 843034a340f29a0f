"""The catch-up digest: the handbook's events since a moment, grouped as people read them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from ..dates import UTC
from .events import Event

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Decided", ("decided",)),
    ("Superseded", ("superseded",)),
    ("Awaiting review", ("review-requested",)),
    ("Overdue", ("review-overdue", "action-item-overdue")),
    ("Newly stale", ("stale",)),
    ("Postmortems", ("postmortem-published",)),
    ("Other changes", ("added", "status-changed")),
)
"""Each group's heading and the event types it holds, in the order a digest shows them."""

_SPAN = re.compile(r"\s*(\d+)\s*(h|d|w)\s*", re.IGNORECASE)
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def is_span(text: str) -> bool:
    """Whether `text` is a span back from now (`7d`), not a date."""
    return _SPAN.fullmatch(text) is not None


def parse_since(text: str, now: datetime) -> datetime:
    """`7d`, `2w`, `36h` before `now`, or a date (`2026-03-01`, from its midnight UTC)."""
    match = _SPAN.fullmatch(text)
    if match:
        return now - int(match.group(1)) * _UNITS[match.group(2).lower()]
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is neither a span like 7d, 2w or 36h nor a date like 2026-03-01"
        ) from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def since(events: Iterable[Event], moment: datetime) -> list[Event]:
    """The events at or after `moment`, newest first as given."""
    return [event for event in events if event.when >= moment]


def grouped(events: Iterable[Event]) -> list[tuple[str, list[Event]]]:
    """The events by group (newest first in each), leaving out empty groups."""
    events = list(events)
    return [
        (heading, group)
        for heading, types in GROUPS
        if (group := [event for event in events if event.type in types])
    ]
