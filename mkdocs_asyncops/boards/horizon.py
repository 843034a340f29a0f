"""Until when what the boards judged at one moment stays as it was: no review, action item or
event changes sides in between.

An inbox or a digest judged at `now` is the same at any later moment before `until`, but for
the moment it names: `asyncops inbox` and `digest` keep their answer that long
(`cli/answers.py`). What is judged by the day (whether a document is stale) changes at
midnight UTC, which ends every kept answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ..dates import UTC, utc
from .board import Boards
from .events import Event

__all__ = ["until"]


def until(
    boards: Boards, events: Iterable[Event] = (), window: timedelta | None = None
) -> datetime:
    """The first moment after `boards.now` at which a judgment of the boards may differ:
    a review's deadline passes, an action item goes overdue, one of `events` (the candidates,
    `events.event_candidates`) comes to pass or, with a sliding `window` (`--since 7d`), falls
    out of it; midnight UTC at the latest."""
    now = utc(boards.now)
    midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
    moments = [midnight]
    moments += [review.deadline for review in boards.reviews if review.deadline is not None]
    moments += [item.due + timedelta(days=1) for item in boards.open_items if item.due]
    for event in events:
        moments.append(event.when)
        if window is not None:
            moments.append(event.when + window)
    return min(moment for moment in moments if moment >= now)
