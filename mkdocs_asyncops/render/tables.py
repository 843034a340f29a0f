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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..core.escape import md_link, md_text
from ..handbook.crossref import relative_url


@dataclass(frozen=True)
class Link:
    """A link to the file at `target` (a site path such as `adr/0001-x.md`, optionally with a
    `#fragment` made by this package)."""

    text: str
    target: str
    title: str = ""
    """A tooltip (plain text), shown in HTML only."""


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


class Block(Protocol):
    """What a generated page holds besides prose: written as HTML into the site, as Markdown
    into reports."""

    def html(self, url_for: UrlFor) -> str: ...

    def markdown(self, page_uri: str) -> str: ...


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = ""
    """Shown in italics when there are no rows."""
    css: str = ""
    """The class of an element the HTML table is wrapped in (the table itself keeps none:
    mkdocs-material styles only tables without a class)."""
    columns: tuple[str, ...] = ()
    """The class of each column's cells in HTML, by position."""

    def html(self, url_for: UrlFor) -> str:
        return table_html(self, url_for)

    def markdown(self, page_uri: str) -> str:
        return _markdown_table(self, page_uri)


def table(
    header: Iterable[str],
    rows: Iterable[Iterable[Cell]],
    empty: str = "",
    css: str = "",
    columns: Iterable[str] = (),
) -> Table:
    return Table(tuple(header), tuple(tuple(row) for row in rows), empty, css, tuple(columns))


@dataclass(frozen=True)
class Href:
    """Where a site path is, relative to the page being written: in a figure's HTML, the URL
    goes in escaped for an attribute."""

    target: str


@dataclass(frozen=True)
class Figure:
    """HTML made by this package that takes the page's URLs (a chart, the decision timeline),
    and the table that says the same in words: the site shows the HTML, Markdown the table.

    The HTML is plain data, pieces in order (HTML as written, an `Href`, a `Table` drawn in
    place), so a page can be sent from the process that made it (`core/worker.py`)."""

    pieces: tuple[str | Href | Table, ...]
    text: Table
    caption: str = ""
    """What the figure shows, in bold above its table in Markdown."""

    def html(self, url_for: UrlFor) -> str:
        return "".join(_piece_html(piece, url_for) for piece in self.pieces)

    def markdown(self, page_uri: str) -> str:
        caption = f"**{md_text(self.caption)}**\n\n" if self.caption else ""
        return caption + _markdown_table(self.text, page_uri)


def _piece_html(piece: str | Href | Table, url_for: UrlFor) -> str:
    if isinstance(piece, str):
        return piece
    if isinstance(piece, Href):
        return html.escape(url_for(piece.target))
    return piece.html(url_for)


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

    blocks: list[str | Block] = field(default_factory=list)
    wide: bool = False
    """A page of wide tables: in the site, mkdocs-material hides its table of contents for it."""

    def add(self, *blocks: str | Block) -> GeneratedPage:
        self.blocks.extend(blocks)
        return self

    def markdown(self, page_uri: str) -> str:
        """The whole page as Markdown, links relative to the page at `page_uri`."""
        return "\n".join(b if isinstance(b, str) else b.markdown(page_uri) for b in self.blocks)

    def slotted(self) -> tuple[str, list[Block]]:
        """The Markdown with a slot for each table (or other block), and the blocks (see
        `fill_slots`); a table without rows is its Markdown line."""
        tables: list[Block] = []
        out = ["---\nhide: [toc]\n---\n"] if self.wide else []
        for block in self.blocks:
            if isinstance(block, str):
                out.append(block)
            elif isinstance(block, Table) and not block.rows:
                out.append(_markdown_table(block, ""))
            else:
                out.append(f'<div data-asyncops-table="{len(tables)}"></div>\n')
                tables.append(block)
        return "\n".join(out), tables


def fill_slots(page_html: str, tables: Sequence[Block], url_for: UrlFor) -> tuple[str, int]:
    """The HTML MkDocs made of a `GeneratedPage.slotted` page with each table in its slot, and
    how many tables found no slot (something removed it)."""
    filled: set[int] = set()

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(tables):
            return ""
        filled.add(index)
        return tables[index].html(url_for)

    page_html = _SLOT.sub(fill, page_html)
    return page_html, len(tables) - len(filled)


def link_url(target: str, url_for: UrlFor) -> str:
    """The URL of a `Link`'s target (a site path, optionally with a `#fragment`)."""
    path, hashmark, fragment = target.partition("#")
    return url_for(path) + (f"#{fragment}" if hashmark else "")


_NEEDS_ESCAPE = re.compile("[&<>\"']").search


def escaped(text: str) -> str:
    """`html.escape(text)`, without its five passes over text that holds none of `&<>"'`
    (most cells: dates, names, numbers)."""
    return html.escape(text) if _NEEDS_ESCAPE(text) else text


def part_html(value: Part, url_for: UrlFor) -> str:
    """One part of a cell as HTML."""
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, Link):
        url = link_url(value.target, url_for)
        title = f' title="{escaped(value.title)}"' if value.title else ""
        return f'<a href="{escaped(url)}"{title}>{escaped(value.text)}</a>'
    if isinstance(value, Strong):
        return f"<strong>{escaped(value.text)}</strong>"
    return value.html


def cell_html(value: Cell, url_for: UrlFor) -> str:
    if isinstance(value, tuple):
        return "".join([part_html(part, url_for) for part in value])
    return part_html(value, url_for)


def table_html(table: Table, url_for: UrlFor) -> str:
    """The table as HTML, as Python-Markdown's tables extension writes it."""
    classes = [f' class="{html.escape(name)}"' if name else "" for name in table.columns]
    classes += [""] * (max(map(len, table.rows), default=0) + len(table.header) - len(classes))
    head = "".join(
        f"<th{css}>{html.escape(name)}</th>\n"
        for name, css in zip(table.header, classes, strict=False)
    )
    opening = [f"<td{css}>" for css in classes]
    rows = [
        "".join(
            [
                f"{td}{cell_html(value, url_for)}</td>\n"
                for value, td in zip(row, opening, strict=False)
            ]
        )
        for row in table.rows
    ]
    body = "".join([f"<tr>\n{cells}</tr>\n" for cells in rows])
    written = f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"
    return f'<div class="{html.escape(table.css)}">{written}</div>' if table.css else written


def part_markdown(value: Part, page_uri: str) -> str:
    """One part of a cell as Markdown."""
    if isinstance(value, Link):
        return md_link(value.text, relative_url(value.target, page_uri))
    if isinstance(value, Strong):
        return f"**{md_text(value.text)}**"
    if isinstance(value, Markup):
        return md_text(value.text)
    return md_text(value)


def cell_markdown(value: Cell, page_uri: str) -> str:
    if isinstance(value, tuple):
        return "".join(part_markdown(part, page_uri) for part in value)
    return part_markdown(value, page_uri)


def _markdown_table(table: Table, page_uri: str) -> str:
    if not table.rows:
        return f"*{md_text(table.empty)}*\n" if table.empty else ""

    def cell(value: Cell) -> str:
        return cell_markdown(value, page_uri) or " "

    lines = [
        "| " + " | ".join(md_text(name) for name in table.header) + " |",
        "|" + " --- |" * len(table.header),
    ]
    lines.extend("| " + " | ".join(cell(value) for value in row) + " |" for row in table.rows)
    return "\n".join(lines) + "\n"
