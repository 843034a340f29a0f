"""Cards for pages read at a glance: the dashboard's figures, and the lanes of a board.

Both are blocks of a `GeneratedPage`: HTML in the site, where the dashboard's cards are
mkdocs-material's grid cards (`div.grid.cards > ul > li`, the HTML its `markdown` attribute
makes) that the package's stylesheet also lays out in other themes; a list in Markdown reports.
Every text is plain text, escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.escape import md_link, md_text
from ..handbook.crossref import relative_url
from .icons import material_icon
from .tables import Link, Part, UrlFor, cell_html, cell_markdown, link_url, part_html

BAD, GOOD = "bad", "good"
_STATE_ICON = {BAD: ("alert-circle", "warning"), GOOD: ("check-circle", "check")}


@dataclass(frozen=True)
class Card:
    """A big figure and its word (`3` `reviews overdue`), what it means in words, its page."""

    figure: str
    word: str
    note: str
    """The state in words (`below the 90 % target`), never told by colour alone."""
    target: str | None = None
    """The site path of the page it counts, optionally with a `#fragment`."""
    state: str = ""
    """`bad`, `good` or neither: an icon beside the note, and the card's colour."""
    icon: str = ""
    """The Material Design icon of what it counts (`scale-balance`), beside the word."""


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]

    def html(self, url_for: UrlFor) -> str:
        return (
            '<div class="grid cards asyncops-cards">\n<ul>\n'
            + "".join(_card_html(card, url_for) for card in self.cards)
            + "</ul>\n</div>"
        )

    def markdown(self, page_uri: str) -> str:
        lines = []
        for card in self.cards:
            name = f"{card.figure} {card.word}"
            head = (
                md_link(name, relative_url(card.target, page_uri)) if card.target else md_text(name)
            )
            lines.append(f"- **{head}**: {md_text(card.note)}")
        return "\n".join(lines) + "\n"


def _card_html(card: Card, url_for: UrlFor) -> str:
    state = f" asyncops-card-{card.state}" if card.state else ""
    head = (
        f'{material_icon(card.icon)}<span class="asyncops-card-figure">{html.escape(card.figure)}'
        f'</span> <span class="asyncops-card-word">{html.escape(card.word)}</span>'
    )
    if card.target:
        url = html.escape(link_url(card.target, url_for))
        head = f'<a class="asyncops-card-link" href="{url}">{head}</a>'
    icon = material_icon(*_STATE_ICON[card.state]) if card.state in _STATE_ICON else ""
    return (
        f'<li class="asyncops-card{state}">\n<p class="asyncops-card-head">{head}</p>\n'
        f'<p class="asyncops-card-note">{icon}{html.escape(card.note)}</p>\n</li>\n'
    )


@dataclass(frozen=True)
class LaneCard:
    """A document in a lane: its link, and a few facts (owner, age) on a line below."""

    link: Link
    facts: tuple[Part | tuple[Part, ...], ...] = ()


@dataclass(frozen=True)
class Lane:
    title: Part
    """What the lane holds (a status badge)."""
    cards: tuple[LaneCard, ...]
    name: str = ""
    """The lane's heading in Markdown."""


@dataclass(frozen=True)
class Lanes:
    """Columns side by side, one per stage, in order; they stack on a narrow screen."""

    lanes: tuple[Lane, ...]
    empty: str = "none"

    def html(self, url_for: UrlFor) -> str:
        return (
            '<div class="asyncops-lanes">\n'
            + "".join(self._lane_html(lane, url_for) for lane in self.lanes)
            + "</div>"
        )

    def _lane_html(self, lane: Lane, url_for: UrlFor) -> str:
        cards = "".join(
            f'<li class="asyncops-lane-card">{part_html(card.link, url_for)}'
            + (
                '<span class="asyncops-lane-facts">'
                + " · ".join(cell_html(fact, url_for) for fact in card.facts)
                + "</span>"
                if card.facts
                else ""
            )
            + "</li>\n"
            for card in lane.cards
        )
        body = (
            f'<ul class="asyncops-lane-cards">\n{cards}</ul>\n'
            if cards
            else f'<p class="asyncops-lane-empty">{html.escape(self.empty)}</p>\n'
        )
        return (
            f'<section class="asyncops-lane">\n<p class="asyncops-lane-title">'
            f"{cell_html(lane.title, url_for)}"
            f' <span class="asyncops-lane-count">{len(lane.cards)}</span></p>\n{body}</section>\n'
        )

    def markdown(self, page_uri: str) -> str:
        out = []
        for lane in self.lanes:
            out.append(f"\n### {md_text(lane.name)} ({len(lane.cards)})\n")
            out.extend(_card_line(card, page_uri) for card in lane.cards)
            if not lane.cards:
                out.append(f"*{md_text(self.empty)}*")
        return "\n".join(out) + "\n"


def _card_line(card: LaneCard, page_uri: str) -> str:
    facts: Iterable[str] = (cell_markdown(fact, page_uri) for fact in card.facts)
    return f"- {cell_markdown(card.link, page_uri)}" + "".join(f" · {fact}" for fact in facts)
