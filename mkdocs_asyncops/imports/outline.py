"""Where imported formats keep their metadata: the lines under the title, and named sections."""

from __future__ import annotations

from ..core.headings import section_key
from ..reading.markdown import Outline, Section


def preamble(outline: Outline) -> list[tuple[int, str]]:
    """The text lines between the title heading and the next heading, with their numbers."""
    title = outline.title_heading
    if title is None:
        return []
    return own_lines(outline, next(s for s in outline.sections if s.heading is title))


def find_section(outline: Outline, name: str) -> Section | None:
    """The first section with this heading (any level, markup and case ignored)."""
    key = section_key(name)
    return next((s for s in outline.sections if s.heading.key == key), None)


def own_lines(outline: Outline, section: Section) -> list[tuple[int, str]]:
    """The section's text lines before its first sub-heading, code blocks left out: what a
    record shows as code is not its metadata."""
    later = [h.line for h in outline.headings if h.line > section.heading.line]
    end = min(later, default=None)
    return [
        (n, text)
        for n, text in section.content_lines
        if (end is None or n < end) and n not in outline.code_lines
    ]
