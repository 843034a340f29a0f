"""The tables of generated pages: built once as data, written as Markdown or as HTML.

A generated page is Markdown prose and tables (`GeneratedPage`). For `asyncops report` the
whole page is Markdown. For the site, each table is left out of the Markdown as a slot (an empty
element) and its HTML put in its place once MkDocs has converted the rest: a decision log of a
thousand rows costs Python-Markdown a quarter of a second to parse, and the HTML next to nothing.

Cell text is plain text, escaped by each writer; a `Link` names the file it points to by its
site path, and the writer makes the URL; `Markup` is HTML made by this package (badges), with
the plain text the Markdown writer uses instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..core.escape import md_link, md_text
from ..handbook.crossref import relative_url


@dataclass(frozen=True)
class Link:
    """A link to the file at `target` (a site path such as `adr/0001-x.md`, optionally with a
    `#fragment` made by this package)."""

    text: str
    target: str


@dataclass(frozen=True)
class Strong:
    """Text in bold."""

    text: str


@dataclass(frozen=True)
class Markup:
    """HTML made by this package (never text from a document), and the plain text that Markdown
    shows instead: HTML inside Markdown is parsed for Markdown again, so none is written there."""

    html: str
    text: str


Part = str | Link | Strong | Markup
Cell = Part | tuple[Part, ...]
UrlFor = Callable[[str], str]
"""The URL of a site path, relative to the page being written."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = ""
    """Shown in italics when there are no rows."""


@dataclass(frozen=True)
class Figure:
    """HTML made by this package that takes the page's URLs (a chart, the decision timeline),
    and the table that says the same in words: the site shows the HTML, Markdown the table."""

    html: Callable[[UrlFor], str]
    text: Table
    caption: str = ""
    """What the figure shows, in bold above its table in Markdown."""


Block = str | Table | Figure


def table(header: Iterable[str], rows: Iterable[Iterable[Cell]], empty: str = "") -> Table:
    return Table(tuple(header), tuple(tuple(row) for row in rows), empty)


def joined(parts: Iterable[Cell], separator: str = ", ") -> tuple[Part, ...]:
    """Cells one after the other, `separator` between them."""
    out: list[Part] = []
    for part in parts:
        if out:
            out.append(separator)
        out.extend(part if isinstance(part, tuple) else (part,))
    return tuple(out)


_SLOT = re.compile(r'<div data-asyncops-table="(\d+)"></div>')
"""An element, not a comment: extensions such as `pymdownx.striphtml` drop comments."""


@dataclass
class GeneratedPage:
    """A generated page: Markdown prose and tables, in order."""

    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> GeneratedPage:
        self.blocks.extend(blocks)
        return self

    def markdown(self, page_uri: str) -> str:
        """The whole page as Markdown, links relative to the page at `page_uri`."""
        return "\n".join(
            b if isinstance(b, str) else _markdown_block(b, page_uri) for b in self.blocks
        )

    def slotted(self) -> tuple[str, list[Table | Figure]]:
        """The Markdown with a slot for each table and figure, and those (see `fill_slots`)."""
        tables: list[Table | Figure] = []
        out = []
        for block in self.blocks:
            if isinstance(block, Figure):
                out.append(f'<div data-asyncops-table="{len(tables)}"></div>\n')
                tables.append(block)
            elif isinstance(block, Table):
                if block.rows:
                    out.append(f'<div data-asyncops-table="{len(tables)}"></div>\n')
                    tables.append(block)
                else:
                    out.append(_markdown_table(block, ""))
            else:
                out.append(block)
        return "\n".join(out), tables


def _markdown_block(block: Table | Figure, page_uri: str) -> str:
    if isinstance(block, Table):
        return _markdown_table(block, page_uri)
    caption = f"**{md_text(block.caption)}**\n\n" if block.caption else ""
    return caption + _markdown_table(block.text, page_uri)


def fill_slots(page_html: str, tables: list[Table | Figure], url_for: UrlFor) -> tuple[str, int]:
    """The HTML MkDocs made of a `GeneratedPage.slotted` page with each table in its slot, and
    how many tables found no slot (something removed it)."""
    filled: set[int] = set()

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(tables):
            return ""
        filled.add(index)
        block = tables[index]
        return block.html(url_for) if isinstance(block, Figure) else table_html(block, url_for)

    page_html = _SLOT.sub(fill, page_html)
    return page_html, len(tables) - len(filled)


def table_html(table: Table, url_for: UrlFor) -> str:
    """The table as HTML, as Python-Markdown's tables extension writes it."""

    def part(value: Part) -> str:
        if isinstance(value, Link):
            target, hashmark, fragment = value.target.partition("#")
            url = url_for(target) + (f"#{fragment}" if hashmark else "")
            return f'<a href="{html.escape(url)}">{html.escape(value.text)}</a>'
        if isinstance(value, Strong):
            return f"<strong>{html.escape(value.text)}</strong>"
        if isinstance(value, Markup):
            return value.html
        return html.escape(value)

    def cell(value: Cell) -> str:
        return "".join(map(part, value)) if isinstance(value, tuple) else part(value)

    head = "".join(f"<th>{html.escape(name)}</th>\n" for name in table.header)
    body = "".join(
        "<tr>\n" + "".join(f"<td>{cell(value)}</td>\n" for value in row) + "</tr>\n"
        for row in table.rows
    )
    return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def _markdown_table(table: Table, page_uri: str) -> str:
    if not table.rows:
        return f"*{md_text(table.empty)}*\n" if table.empty else ""

    def part(value: Part) -> str:
        if isinstance(value, Link):
            return md_link(value.text, relative_url(value.target, page_uri))
        if isinstance(value, Strong):
            return f"**{md_text(value.text)}**"
        if isinstance(value, Markup):
            return md_text(value.text)
        return md_text(value)

    def cell(value: Cell) -> str:
        text = "".join(map(part, value)) if isinstance(value, tuple) else part(value)
        return text or " "

    lines = [
        "| " + " | ".join(md_text(name) for name in table.header) + " |",
        "|" + " --- |" * len(table.header),
    ]
    lines.extend("| " + " | ".join(cell(value) for value in row) + " |" for row in table.rows)
    return "\n".join(lines) + "\n"
