"""Checking a document's sections against what its kind requires."""

from __future__ import annotations

import re

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.kinds import KindSpec, SectionSpec
from .markdown import Outline, Section

_PLACEHOLDER_LINE = re.compile(
    r"""^\s*(?:>\s*)*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)?   # quote, list marker, checkbox
    (?:
        (?:TODO|TBD|TBC|FIXME|XXX)\b.*                         # a to-do marker and its note
      | \[[^\]]*\](?![(\[:])                                   # [describe the context]
      | \{[^}]*\}                                              # {describe the context} (MADR)
      | <[a-z][\w\s,.'-]*>(?![^<]*</)                          # <describe the context>
      | \.{3}|…|-+|_+                                          # an ellipsis or a blank line
    )\s*[.:]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_placeholder(text: str) -> bool:
    """True when every line of `text` is template filler (TODO, TBD, `[describe ...]`, `...`)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(_PLACEHOLDER_LINE.match(line) for line in lines)


def check_sections(
    path: str, outline: Outline, spec: KindSpec, *, titled: bool = True
) -> list[Diagnostic]:
    """Missing, empty, placeholder-only and repeated required sections of one document.

    Without `titled` the first `# heading` is a section too (a Rust RFC's title is in its header)."""
    problems: list[Diagnostic] = []
    title = outline.title_heading if titled else None
    candidates = [section for section in outline.sections if section.heading is not title]
    previous_line = title.line if title else 1
    previous_name = None
    for required in spec.sections:
        found = [section for section in candidates if section.heading.key in required.keys]
        if not found:
            problems.append(_missing(path, previous_line, previous_name, required, spec))
            continue
        section = found[0]
        previous_line, previous_name = section.heading.line, section.heading.text
        problems.extend(_content_problems(path, section, required, spec))
        for repeat in (s for s in found[1:] if s.heading.key == section.heading.key):
            problems.append(
                diagnostic(
                    path,
                    repeat.heading.line,
                    "ASY104",
                    f"section {required.name!r} appears again (first on line {section.heading.line}); "
                    "merge the two",
                )
            )
    return problems


def _missing(
    path: str, line: int, after: str | None, required: SectionSpec, spec: KindSpec
) -> Diagnostic:
    where = f"after {after!r}" if after else "below the title"
    also = f" (or {', '.join(repr(a) for a in required.aliases)})" if required.aliases else ""
    return diagnostic(
        path,
        line,
        "ASY101",
        f"{spec.a_label} needs a {required.name!r} section{also}; add `## {required.name}` {where}",
    )


def _content_problems(
    path: str, section: Section, required: SectionSpec, spec: KindSpec
) -> list[Diagnostic]:
    line = section.heading.line
    if not section.content_lines:
        return [
            diagnostic(
                path,
                line,
                "ASY102",
                f"section {required.name!r} is empty; write what {spec.a_label} records there",
            )
        ]
    if is_placeholder(section.text):
        return [
            diagnostic(
                path,
                section.content_lines[0][0],
                "ASY103",
                f"section {required.name!r} holds only template text "
                f"({section.content_lines[0][1].strip()[:40]!r}); replace it with the real content",
            )
        ]
    return []
