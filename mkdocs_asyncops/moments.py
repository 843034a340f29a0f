"""Dates and durations as people write them in frontmatter, made comparable."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

_INTERVAL = re.compile(r"\s*(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?\s*", re.I)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def as_moment(value: Any) -> datetime | None:
    """A frontmatter date or date-time (or ISO 8601 text such as `2024-03-01 09:00`, which YAML
    leaves as text) as an aware date-time, in UTC when no zone is given; None if it is neither."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return None


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
