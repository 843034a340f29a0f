"""A postmortem's key events, and the times to detect and to resolve the incident from them.

The Timeline (or "Key events") section lists what happened when, one item a line:

    - 2024-03-01 09:58 UTC: fault occurs, certificates expire
    - 10:06: detected by the checkout error alert
    - 10:11 incident declared
    - 10:47 resolved, new certificates rolled out

A line without a day takes the last day given, else the incident's. Time to detect runs from the
fault to its detection (or, when nothing says detected, to the declaration); time to resolve from
the fault to the resolution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..core.headings import section_key
from ..health.team import median_and_p90
from ..reading.model import Document

__all__ = ["TIMELINE", "KeyEvents", "key_events", "median_and_p90", "minutes"]


TIMELINE = frozenset({section_key("Timeline"), section_key("Key events")})
_EVENT = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])\s+\**(?:(?P<day>\d{4}-\d{2}-\d{2})[ T]+)?"
    r"(?P<time>\d{1,2}:\d{2})(?::\d{2})?\s*(?:UTC|Z)?\**\s*[:\-–—]?\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_KINDS = (
    ("declared", re.compile(r"\bdeclared\b", re.IGNORECASE)),
    (
        "resolved",
        re.compile(r"\b(resolved|recovered|restored|fixed|end of impact)\b", re.IGNORECASE),
    ),
    ("detected", re.compile(r"\b(detected|alert(ed|s)?|paged|noticed|reported)\b", re.IGNORECASE)),
    (
        "fault",
        re.compile(
            r"\b(fault|began|begins|started|starts|start of impact|occurs)\b", re.IGNORECASE
        ),
    ),
)


@dataclass(frozen=True)
class KeyEvents:
    """When the fault occurred, was detected, the incident declared and resolved (what is known)."""

    fault: datetime | None = None
    detected: datetime | None = None
    declared: datetime | None = None
    resolved: datetime | None = None

    @property
    def time_to_detect(self) -> timedelta | None:
        seen = self.detected or self.declared
        return seen - self.fault if seen and self.fault else None

    @property
    def time_to_resolve(self) -> timedelta | None:
        return self.resolved - self.fault if self.resolved and self.fault else None


def key_events(document: Document, incident: date | None) -> KeyEvents:
    """The first event of each sort in the document's Timeline or Key events section."""
    day = incident
    found: dict[str, datetime] = {}
    for section in document.outline.sections:
        if section.heading.key not in TIMELINE:
            continue
        for _, text in section.content_lines:
            match = _EVENT.match(text)
            if match is None:
                continue
            if match.group("day"):
                try:
                    day = date.fromisoformat(match.group("day"))
                except ValueError:
                    continue
            if day is None:
                continue
            hour, minute = map(int, match.group("time").split(":"))
            if hour > 23 or minute > 59:
                continue
            when = datetime(day.year, day.month, day.day, hour, minute)
            for name, words in _KINDS:
                if words.search(match.group("text")):
                    found.setdefault(name, when)
                    break
    return KeyEvents(**found)


def minutes(span: timedelta | None) -> str:
    """`47 min`, `2 h 05 min`; empty when unknown."""
    if span is None:
        return ""
    total = round(span.total_seconds() / 60)
    return f"{total} min" if total < 60 else f"{total // 60} h {total % 60:02d} min"
