"""What a build publishes besides the documents: generated pages and the JSON export."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..boards.board import Boards
from ..boards.events import handbook_events
from ..core.bulk import cyclic_gc_paused
from ..core.kinds import KindSpec
from ..core.settings import PublishOptions
from ..pipeline import Checked
from .export import build_export
from .feed import feeds
from .pages import render_pages
from .tables import GeneratedPage


@dataclass
class Publication:
    boards: Boards
    pages: dict[str, GeneratedPage]
    """Each generated page by its site path."""
    export: dict[str, Any]
    """The object written to `export_path`."""
    feeds: dict[str, str] = field(default_factory=dict)
    """Each Atom feed's XML by its site path."""

    def export_json(self) -> str:
        """The export as compact JSON (json's C encoder writes it several times faster than indented)."""
        return json.dumps(self.export, ensure_ascii=False, separators=(",", ":")) + "\n"


def publish(checked: Checked, options: PublishOptions, kinds: Iterable[KindSpec]) -> Publication:
    """The boards, the generated pages (an index for each of `kinds` without a board) and the export."""
    kinds = list(kinds)
    with cyclic_gc_paused():
        boards = checked.boards(options.now(), options.boards)
        events = handbook_events(checked.handbook.own, checked.health, boards)
        pages = (
            render_pages(
                checked, boards, options.urls, kinds, options.today, events, options.feed_path
            )
            if options.pages
            else {}
        )
    atom = (
        feeds(
            events,
            title=options.site_name,
            site_url=options.site_url,
            feed_path=options.feed_path,
            entries=options.feed_entries,
            kinds=[spec.name for spec in kinds],
        )
        if options.feed_path
        else {}
    )
    return Publication(
        boards=boards,
        pages=pages,
        export=build_export(checked, boards, options.today, export_path=options.export_path),
        feeds=atom,
    )
