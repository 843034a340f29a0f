"""Finding a document's headings and sections in its Markdown, with their line numbers.

This is a line scanner, not a Markdown renderer: it knows just enough CommonMark to find headings
(ATX and setext, with trailing `#`s) while skipping fenced code and HTML comments, and to tell
which lines of a section carry text. It runs in one pass, linear in the size of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.headings import section_key

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_BLOCK_START = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|\||<|#|(?:[-*_][ \t]*){3,}$)")
_PLAIN_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
"""A line whose first character is a letter is paragraph text: no fence, heading or block."""


@dataclass(frozen=True)
class Heading:
    """A heading: its level (1-6), its text as written, its line and its folded key."""

    level: int
    text: str
    line: int
    key: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", section_key(self.text))


@dataclass
class Section:
    """A heading and the text under it, up to the next heading of the same or a higher level."""

    heading: Heading
    content_lines: list[tuple[int, str]] = field(default_factory=list)
    """The lines of the section (sub-sections included) that carry text, with their numbers.

    Blank lines, HTML comments and the headings of sub-sections are left out."""

    @property
    def text(self) -> str:
        return "\n".join(line for _, line in self.content_lines)


@dataclass
class Outline:
    """The headings of a document and its sections in order."""

    headings: list[Heading]
    sections: list[Section]
    code_lines: frozenset[int] = frozenset()
    """Numbers of the lines in fenced code blocks, fences included: never metadata."""

    @property
    def title_heading(self) -> Heading | None:
        """The first level-1 heading, which MkDocs and most ADR tools take as the title."""
        return next((h for h in self.headings if h.level == 1), None)


def parse_outline(body: str, first_line: int = 1) -> Outline:
    """Scan Markdown `body` whose first line is line `first_line` of the file.

    Fenced code, HTML comments, paragraph text and blank lines are handled here, being most
    lines; a line that may open a fence, a heading or another block goes to `_Lines.block`.
    """
    lines = _Lines()
    content, code, paragraph = lines.content, lines.code, lines.paragraph
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if fence is not None:
            content.append((number, line))
            code.add(number)
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                rest = line.split("-->", 1)[1]
                if rest.strip():
                    content.append((number, rest))
            continue
        visible, in_comment = _strip_comments(line)
        if visible[:1] in _PLAIN_START:
            paragraph.append((number, visible))
            content.append((number, visible))
        elif not visible.strip():
            paragraph.clear()
        else:
            fence = lines.block(number, visible)
    return Outline(
        headings=lines.headings,
        sections=_sections(lines.headings, lines.heading_at, content),
        code_lines=frozenset(code),
    )


class _Lines:
    """What `parse_outline` has found so far: headings, text-carrying lines and code lines."""

    __slots__ = ("code", "content", "heading_at", "headings", "paragraph")

    def __init__(self) -> None:
        self.headings: list[Heading] = []
        self.content: list[tuple[int, str]] = []  # every text-carrying line, in order
        self.heading_at: dict[int, int] = {}  # index into `content` where each heading starts
        self.paragraph: list[tuple[int, str]] = []  # the open paragraph (setext candidates)
        self.code: set[int] = set()

    def block(self, number: int, visible: str) -> str | None:
        """Take a line that is neither blank nor plain text; return the fence it opens, if any."""
        paragraph = self.paragraph
        fence_match = _FENCE.match(visible)
        if fence_match and not (fence_match.group(1)[0] == "`" and "`" in fence_match.group(2)):
            paragraph.clear()
            self.content.append((number, visible))
            self.code.add(number)
            return fence_match.group(1)
        atx = _ATX.match(visible)
        if atx:
            self._heading(len(atx.group(1)), atx.group(2) or "", number)
            paragraph.clear()
            return None
        setext = _SETEXT.match(visible)
        if setext and paragraph:
            start, text = paragraph[0][0], " ".join(part.strip() for _, part in paragraph)
            del self.content[len(self.content) - len(paragraph) :]
            self._heading(1 if setext.group(1)[0] == "=" else 2, text, start)
            paragraph.clear()
            return None
        if paragraph or not _BLOCK_START.match(visible):
            paragraph.append((number, visible))
        else:
            paragraph.clear()
        self.content.append((number, visible))
        return None

    def _heading(self, level: int, text: str, line: int) -> None:
        self.heading_at[len(self.headings)] = len(self.content)
        self.headings.append(Heading(level=level, text=text.strip(), line=line))


def _strip_comments(line: str) -> tuple[str, bool]:
    """Remove HTML comments from a line; say whether a comment stays open past its end."""
    if "<!--" not in line:
        return line, False
    kept = []
    rest = line
    while "<!--" in rest:
        before, after = rest.split("<!--", 1)
        kept.append(before)
        if "-->" not in after:
            return "".join(kept), True
        rest = after.split("-->", 1)[1]
    kept.append(rest)
    return "".join(kept), False


def _sections(
    headings: list[Heading], heading_at: dict[int, int], content: list[tuple[int, str]]
) -> list[Section]:
    sections = []
    for index, heading in enumerate(headings):
        end = len(content)
        for later in range(index + 1, len(headings)):
            if headings[later].level <= heading.level:
                end = heading_at[later]
                break
        sections.append(Section(heading=heading, content_lines=content[heading_at[index] : end]))
    return sections
