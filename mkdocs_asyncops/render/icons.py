"""Small SVG icons drawn for this package, and the marks that pair one with a word.

Inline SVG needs no font: an emoji shows as an empty box where no emoji font is installed. Each
icon is `aria-hidden` and never stands alone; its word is beside it, in the HTML and as the text
that Markdown shows instead.
"""

from __future__ import annotations

import html

from .tables import Markup

_STROKE = 'fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round"'
_SHAPES = {
    "check": f'<path d="M4.5 12.5l5 5L19.5 7" {_STROKE} stroke-width="3"/>',
    "warning": (
        f'<path d="M12 3.5 2.5 20h19z" {_STROKE} stroke-width="2"/>'
        f'<path d="M12 9.5v5M12 17.3v.2" {_STROKE} stroke-width="2.4"/>'
    ),
    "cross": f'<path d="M6 6l12 12M18 6 6 18" {_STROKE} stroke-width="3"/>',
}
ICON_OF = {"present": "check", "stale": "warning", "missing": "cross", "low": "warning"}
"""The icon of each mark."""


def icon(name: str) -> str:
    """One icon as inline SVG, sized to the text and coloured like it."""
    return (
        '<svg class="asyncops-icon" viewBox="0 0 24 24" width="1em" height="1em" '
        f'aria-hidden="true" focusable="false">{_SHAPES[name]}</svg>'
    )


def mark_html(word: str) -> str:
    """The icon of `word` (a key of `ICON_OF`) with the word beside it."""
    return f'{icon(ICON_OF[word])}<span class="asyncops-mark-word">{html.escape(word)}</span>'


def mark(word: str) -> Markup:
    """`word` with its icon, coloured by its class; the word alone in Markdown."""
    return Markup(f'<span class="asyncops-mark asyncops-{word}">{mark_html(word)}</span>', word)
