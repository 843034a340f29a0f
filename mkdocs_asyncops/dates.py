"""Dates, moments and durations on one convention: every moment is an aware `datetime`.

Those this package makes are in UTC: `now()`, the dates and date-times read from frontmatter
(`moment`: a date is taken at midnight UTC, a date-time without a zone is UTC, one with a zone is
converted to UTC), and the `today` a face is given (`parse_today`). Git's commit times keep the
committer's offset; being aware, they compare correctly with all the others. Nothing compares a
naive date-time, so no comparison can fail on a mix of the two. The one local date is the one a
new document is dated with (`local_today`): the author's calendar, not UTC's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

__all__ = [
    "UTC",
    "calendar_days",
    "days_between",
    "iso",
    "local_today",
    "moment",
    "now",
    "parse_interval",
    "parse_today",
    "shown",
    "utc",
]

UTC = timezone.utc

_INTERVAL = re.compile(r"\s*(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?\s*", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def now() -> datetime:
    """The clock's time, in UTC (this and `local_today` are the only readings of the clock)."""
    return datetime.now(UTC)


def local_today() -> date:
    """The author's calendar date, in local time: the date a new document is given."""
    return date.today()


def utc(value: datetime) -> datetime:
    """`value` in UTC; a naive date-time is taken as UTC already."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def moment(value: Any, *, text: bool = False) -> datetime | None:
    """A frontmatter date or date-time in UTC (a date at midnight); None if it is neither. With
    `text`, ISO 8601 text too (`2024-03-01 09:00`, which YAML leaves as text)."""
    if isinstance(value, str) and text:
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime):
        return utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def parse_today(value: str | date | None) -> datetime | None:
    """The moment a face is told to judge at (`today: 2026-11-24`, `--today 2026-11-24`) in UTC:
    a date (midnight) or an ISO 8601 date-time; None when none is given. Raises `ValueError`
    saying what is wrong (the face adds the option's name)."""
    if value is None:
        return None
    found = moment(value, text=True)
    if found is None:
        raise ValueError(f"{value!r} is not a date like 2026-11-24")
    return found


def iso(value: datetime | None, *, moment_only: bool = False) -> str | None:
    """For JSON: `2024-03-04` for a date (midnight UTC), else ISO 8601 in UTC with its offset,
    `2024-03-04T09:00:00+00:00`, as the history's times are written; `moment_only` writes
    midnight as a time too (for `now`)."""
    if value is None:
        return None
    value = utc(value)
    if value.hour == value.minute == value.second == 0 and not moment_only:
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat()


def shown(value: datetime | None) -> str:
    """`2024-03-04` for midnight, `2024-03-04 09:00` otherwise (in UTC), `` when unknown."""
    if value is None:
        return ""
    value = utc(value)
    if value.hour == value.minute == 0:
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M")


def parse_interval(value: Any) -> int | None:
    """Days in `90`, `90d`, `12w`, `6 months` or `1y` (a month is 30 days); None if unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    match = _INTERVAL.fullmatch(str(value))
    if not match or int(match.group(1)) <= 0:
        return None
    unit = (match.group(2) or "d")[0].lower()
    return int(match.group(1)) * _UNIT_DAYS[unit]


def days_between(start: datetime, end: datetime) -> float:
    """Days from `start` to `end`, with fractions."""
    return (end - start) / timedelta(days=1)


def calendar_days(start: datetime, end: datetime) -> int:
    """Whole days from `start`'s date to `end`'s, both in UTC: an age that changes at midnight
    only, as the dates shown beside it do."""
    return (utc(end).date() - utc(start).date()).days
