"""Small SVG icons, and the marks that pair one with a word.

Inline SVG needs no font: an emoji shows as an empty box where no emoji font is installed. Each
icon is `aria-hidden` and never stands alone; its word is beside it, in the HTML and as the text
that Markdown shows instead. The dashboard and the boards draw Material Design icons as
mkdocs-material bundles them (read from the installed package's files, whatever the site's
theme); without mkdocs-material, the few shapes drawn here stand in.
"""

from __future__ import annotations

import html
import importlib.metadata
import re
from functools import lru_cache
from pathlib import Path

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

MATERIAL_ICONS = "material/templates/.icons/material"
"""Where mkdocs-material keeps its Material Design icons, inside its installed package."""
_PATH = re.compile(r'<path d="([0-9A-Za-z.,\s-]+)"\s*/>')
"""A path of one of those files: only its outline is taken, and only numbers and commands."""


def icon(name: str) -> str:
    """One icon as inline SVG, sized to the text and coloured like it."""
    return _svg(_SHAPES[name])


def material_icon(name: str, instead: str | None = None) -> str:
    """The Material Design icon `name` (`alert-circle`) as inline SVG; without mkdocs-material,
    the drawn icon `instead`, or nothing when there is none (the word beside it stays)."""
    paths = _material_paths(name)
    if paths:
        return _svg("".join(f'<path fill="currentColor" d="{d}"/>' for d in paths))
    return icon(instead) if instead else ""


@lru_cache(maxsize=64)
def _material_paths(name: str) -> tuple[str, ...]:
    if not re.fullmatch(r"[a-z0-9-]+", name):
        return ()
    try:
        found = importlib.metadata.distribution("mkdocs-material").locate_file(
            f"{MATERIAL_ICONS}/{name}.svg"
        )
        text = Path(str(found)).read_text(encoding="utf-8")
    except (importlib.metadata.PackageNotFoundError, OSError):
        return ()
    return tuple(_PATH.findall(text)) if 'viewBox="0 0 24 24"' in text else ()


def _svg(shapes: str) -> str:
    return (
        '<svg class="asyncops-icon" viewBox="0 0 24 24" width="1em" height="1em" '
        f'aria-hidden="true" focusable="false">{shapes}</svg>'
    )


def mark_html(word: str) -> str:
    """The icon of `word` (a key of `ICON_OF`) with the word beside it."""
    return f'{icon(ICON_OF[word])}<span class="asyncops-mark-word">{html.escape(word)}</span>'


def mark(word: str) -> Markup:
    """`word` with its icon, coloured by its class; the word alone in Markdown."""
    return Markup(f'<span class="asyncops-mark asyncops-{word}">{mark_html(word)}</span>', word)
