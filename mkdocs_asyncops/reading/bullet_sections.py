"""Sections written as bold bullet labels, as many postmortems are:

    - **Impact**: checkout failed for 40 minutes.
    - **Root Causes**: a certificate expired.
      Nobody was told it would.

Each top-level bullet that opens with a bold label is read as a section named by the label, its
text the rest of the line and the indented lines under it, so the kind's required sections (and
their aliases) are found whichever way they were written.
"""

from __future__ import annotations

import re

from .markdown import Heading, Outline, Section

__all__ = ["with_bullet_sections"]


_LABEL = re.compile(r"^[-*+]\s+\*\*(?P<label>[^*\n]{1,60}?):?\*\*\s*:?\s*(?P<rest>.*)$")


def with_bullet_sections(outline: Outline, body: str, first_line: int) -> Outline:
    """`outline` with a section for each bold-labelled top-level bullet (none: unchanged)."""
    lines = body.split("\n")
    found: list[Section] = []
    current: Section | None = None
    headings = {h.line for h in outline.headings}
    for offset, line in enumerate(lines):
        number = first_line + offset
        if number in outline.code_lines or number in headings:
            current = None
            continue
        match = _LABEL.match(line)
        if match:
            level = _level_under(outline, number)
            current = Section(Heading(level, match.group("label").strip(), number))
            if match.group("rest").strip():
                current.content_lines.append((number, match.group("rest")))
            found.append(current)
        elif current is not None and line[:1] in (" ", "\t") and line.strip():
            current.content_lines.append((number, line.strip()))
        elif line.strip():
            current = None
    if not found:
        return outline
    sections = sorted([*outline.sections, *found], key=lambda s: s.heading.line)
    all_headings = sorted([*outline.headings, *(s.heading for s in found)], key=lambda h: h.line)
    return Outline(headings=all_headings, sections=sections, code_lines=outline.code_lines)


def _level_under(outline: Outline, line: int) -> int:
    """One level below the heading the bullet is under (2 under the title)."""
    above = [h.level for h in outline.headings if h.line < line]
    return min((above[-1] if above else 1) + 1, 6)
