"""Moments from frontmatter on one clock: naive UTC datetimes, so they compare with `now`."""

from __future__ import annotations

from datetime import date, datetime, timezone


def moment(value: object) -> datetime | None:
    """A frontmatter date or datetime as a naive UTC datetime (a date is taken at midnight)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def utc_now() -> datetime:
    """The current time as a naive UTC datetime, the form every deadline is compared in."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def iso(value: datetime | None, *, moment_only: bool = False) -> str | None:
    """For JSON: `2024-03-04` for a date (midnight), else ISO 8601 in UTC with its offset,
    `2024-03-04T09:00:00+00:00`, as the history's times are written; `moment_only` writes
    midnight as a time too (for `now`)."""
    if value is None:
        return None
    if value.hour == value.minute == value.second == 0 and not moment_only:
        return value.date().isoformat()
    return value.replace(tzinfo=timezone.utc, microsecond=0).isoformat()


def shown(value: datetime | None) -> str:
    """`2024-03-04` for midnight, `2024-03-04 09:00` otherwise, `` when unknown."""
    if value is None:
        return ""
    if value.hour == value.minute == 0:
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M")
