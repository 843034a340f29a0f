"""reStructuredText section titles as Markdown headings, so a `.rst` proposal has an outline.

A title is a line of text underlined (and perhaps overlined) with one punctuation character at
least as long as the text; the levels follow the order in which underline styles first appear,
as docutils reads them. Every line keeps its number: the underline becomes a blank line.
"""

from __future__ import annotations

import re

__all__ = ["markdown_outline_text"]


_ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}\s*$")


def markdown_outline_text(text: str) -> str:
    """`text` with each section title written `## Title` (the title of a proposal is in its
    header, so the first level is 2), every other line unchanged."""
    lines = text.split("\n")
    styles: list[tuple[str, bool]] = []
    out = list(lines)
    index = 0
    while index < len(lines) - 1:
        title, under = lines[index], lines[index + 1]
        over = index > 0 and _ADORNMENT.match(lines[index - 1]) is not None
        match = _ADORNMENT.match(under)
        long_enough = match is not None and len(under.rstrip()) >= len(title.strip())
        if title.strip() and not _ADORNMENT.match(title) and match and long_enough:
            style = (match.group(1), over)
            if style not in styles:
                styles.append(style)
            out[index] = "#" * min(styles.index(style) + 2, 6) + " " + title.strip()
            out[index + 1] = ""
            if over:
                out[index - 1] = ""
            index += 2
            continue
        index += 1
    return "\n".join(out)
