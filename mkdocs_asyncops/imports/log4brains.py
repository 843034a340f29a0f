"""log4brains: MADR 2 bullets written with `-`, `yyyymmdd-slug.md` names, and `## Links`.

A log4brains record states relations as items of its `## Links` section
(`- Supersedes [20200926-use-numbers](20200926-use-numbers.md)`); MADR 2's `## Links` does the same
with `*` items, so both are read here.
"""

from __future__ import annotations

import re

from ..reading.markdown import Outline
from .outline import find_section
from .recognised import Recognised

_ITEM = re.compile(r"^\s*[-*+]\s+(?P<text>.+)$")


def read_links(outline: Outline, found: Recognised) -> None:
    """Add the relations stated in the `Links` section's items to `found`."""
    section = find_section(outline, "Links")
    if section is None:
        return
    for number, text in section.content_lines:
        match = _ITEM.match(text)
        if match:
            found.read_relation(match.group("text"), number)
