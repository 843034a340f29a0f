"""What the plugin adds to the site's theme: its templates, styles and script, and a name for
each status in mkdocs-material's tooltips."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core.kinds import KindSpec
from ..render.cells import status_label
from ..render.header import TEMPLATES

__all__ = ["ASSETS", "CSS", "JS", "add_to_theme"]

ASSETS = Path(__file__).parents[1] / "render" / "assets"
CSS = "asyncops/asyncops.css"
JS = "asyncops/asyncops.js"


def add_to_theme(config: MkDocsConfig, kinds: Iterable[KindSpec]) -> None:
    """Add our templates and assets at the lowest priority, so a site's `custom_dir` overrides
    them, and link the styles and the script once."""
    for theme_dir in (str(TEMPLATES), str(ASSETS)):
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.append(theme_dir)
    # mkdocs-material marks pages with a `status:` in the navigation; name each status
    # in its tooltip (a site's own `extra.status` entries win).
    labels = config.extra.setdefault("status", {})
    if isinstance(labels, dict):
        for spec in kinds:
            for status in spec.statuses:  # Material puts both into attributes unescaped
                labels.setdefault(html.escape(status), html.escape(status_label(status)))
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    if JS not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(JS)
