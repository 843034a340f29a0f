"""MADR 2 and log4brains: metadata as a bullet list under the title.

    # Use PostgreSQL
    * Status: superseded by [ADR-0009](0009-use-cockroach.md)
    * Deciders: Ana, Bo
    * Date: 2024-03-01

MADR 2 writes `*` bullets, log4brains `-`; both may say who was consulted and informed, and a
`Technical Story:`. MADR 3 and 4 moved these fields into YAML frontmatter, which the ADR schema
reads directly (`deciders`, `decision-makers`, `consulted`, `informed`).
"""

from __future__ import annotations

import re

from ..reading.markdown import Outline
from .outline import preamble
from .recognised import Recognised

_BULLET = re.compile(
    r"^\s*([-*+])\s+\**(?P<key>[A-Za-z][\w ()-]*?)\**\s*:\s*\**\s*(?P<value>.*?)\s*$"
)

KEYS = {
    "status": "status",
    "date": "date",
    "deciders": "deciders",
    "decision makers": "deciders",
    "decision-makers": "deciders",
    "decision maker(s)": "deciders",
    "consulted": "consulted",
    "informed": "informed",
    "tags": "tags",
}
"""Bullet names (folded) and the frontmatter key each one stands for."""


def read(outline: Outline, format_name: str = "madr-2") -> Recognised | None:
    """The metadata bullets under the title, or None when there are none."""
    found = Recognised(format_name)
    for number, text in preamble(outline):
        match = _BULLET.match(text)
        if match is None:
            continue
        key = KEYS.get(" ".join(match.group("key").casefold().split()))
        if key is not None and match.group("value"):
            found.add(key, match.group("value"), number)
            if match.group(1) == "-":
                found.format = "log4brains"
    return found if "status" in found.fields or "date" in found.fields else None
