"""Inline Markdown, just enough of it: links, and the plain text between them.

Cross-referencing rewrites two things in a page's Markdown: the targets of its links (a link
written for the repository, `../adr/0001-x.md`, made to work in the site) and mentions in its
plain text (`ADR-0009` becoming a link). Both must leave code alone, fenced or inline, and a
mention must not be linked inside an existing link, an autolink, a URL or an HTML tag.
`rewrite` walks the Markdown once and hands each piece to the right callback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TOKEN = re.compile(
    r"(?P<code>(`+).*?(?<!`)\2(?!`))"
    r"|(?P<link>!?\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(\s*(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?P<rest>(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*)\))"
    r"|(?P<ref>!?\[(?:[^\[\]\\]|\\.)*\]\[[^\]]*\])"
    r"|(?P<auto><[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>)"
    r"|(?P<tag></?[A-Za-z][^<>]*>)"
    r"|(?P<url>\bhttps?://[^\s<>]+)"
)

_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>\n]*>|[^\s<]\S*)(.*)$", re.DOTALL)
"""A link reference definition: `[label]: target "title"`."""

LinkRewrite = Callable[[str], "str | None"]
"""Gets a link target as written; returns a new target, or None to keep it."""
TextRewrite = Callable[[str], str]
"""Gets a run of plain text; returns it with mentions turned into links."""


def rewrite(markdown: str, link: LinkRewrite | None = None, text: TextRewrite | None = None) -> str:
    """`markdown` with link targets and plain text passed through the callbacks given."""
    out = []
    for chunk, is_code in blocks(markdown):
        out.append(chunk if is_code else _rewrite_line(chunk, link, text))
    return "".join(out)


@lru_cache(maxsize=32768)
def link_targets(markdown: str) -> tuple[str, ...]:
    """The target of every inline link outside code, as written (angle brackets removed).
    Kept for the texts last asked about: every `mkdocs serve` rebuild asks again of each
    document's body, and an edit changes one (a text's hash is kept with it, so asking again
    of an unchanged one costs a lookup)."""
    return tuple(_link_targets(markdown))


def _link_targets(markdown: str) -> Iterator[str]:
    for chunk, is_code in blocks(markdown):
        if is_code or "[" not in chunk:  # every link and link definition has a `[`
            continue
        definition = _DEFINITION.match(chunk)
        if definition:
            yield definition.group(2).strip("<>")
            continue
        for match in _TOKEN.finditer(chunk):
            if match.group("link") and not match.group("link").startswith("!"):
                yield match.group("target").strip("<>")


def blocks(markdown: str) -> Iterator[tuple[str, bool]]:
    """The lines of `markdown` (with their line ends), each flagged when it is code: inside,
    opening or closing a fence, or indented by four spaces outside a list."""
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            yield line, True
        elif fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            yield line, True
        else:
            yield line, line.startswith(("    ", "\t")) and line.lstrip()[:1] not in "-*+>|"


def _rewrite_line(line: str, link: LinkRewrite | None, text: TextRewrite | None) -> str:
    definition = _DEFINITION.match(line)
    if definition:  # its target may be rewritten, its text is not prose
        target = definition.group(2)
        replaced = link(target.strip("<>")) if link is not None else None
        if replaced is None or replaced == target.strip("<>"):
            return line
        replaced = f"<{replaced}>" if target.startswith("<") else replaced
        return f"{definition.group(1)}{replaced}{definition.group(3)}"
    if "`" not in line and "[" not in line and "<" not in line and "://" not in line:
        return text(line) if text else line  # no token can start here: all plain text
    out = []
    position = 0
    for match in _TOKEN.finditer(line):
        plain = line[position : match.start()]
        out.append(text(plain) if text else plain)
        token = match.group(0)
        if match.group("link") and link is not None:
            target = match.group("target")
            bare = target.strip("<>")
            replaced = link(bare)
            if replaced is not None and replaced != bare:
                replaced = f"<{replaced}>" if target.startswith("<") else replaced
                start, end = match.span("target")
                token = line[match.start() : start] + replaced + line[end : match.end()]
        out.append(token)
        position = match.end()
    rest = line[position:]
    out.append(text(rest) if text else rest)
    return "".join(out)
