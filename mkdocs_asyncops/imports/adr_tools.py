"""adr-tools (Michael Nygard's form): `# 7. Title`, a `Date:` line, and a `## Status` section.

The status is the first line of the section; the lines after it state relations that adr-tools
writes when one record changes another (`Superseded by [9. Cache](0009-cache.md)`, `Amends ...`).
"""

from __future__ import annotations

import re

from ..reading.markdown import Outline
from .normalise import stated_relation
from .outline import find_section, own_lines, preamble
from .recognised import Recognised

_DATE_LINE = re.compile(r"^\s*\**Date\**\s*:\s*\**\s*(?P<value>.+?)\s*$", re.IGNORECASE)


def read(outline: Outline) -> Recognised | None:
    """The metadata of an adr-tools record, or None when it has neither `Status` section nor `Date:`."""
    found = Recognised("adr-tools")
    for number, text in preamble(outline):
        match = _DATE_LINE.match(text)
        if match:
            found.add("date", match.group("value"), number)
            break
    section = find_section(outline, "Status")
    lines = own_lines(outline, section) if section is not None else []
    if lines:
        first_line, status = lines[0]
        found.add("status", status.strip(), first_line)
    for number, text in lines[1:]:
        found.read_relation(text, number)
    if lines and (relation := stated_relation(lines[0][1])) is not None:
        found.add_relation(relation, lines[0][0])
    return found if found.fields else None
