"""The site's navigation: kind folders' sections titled after their kind, and the generated
sections shown as one link each on the pages outside them."""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator
from typing import Any

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..core.settings import Settings

__all__ = ["nav_outside", "title_kind_sections"]


def title_kind_sections(nav: Navigation, settings: Settings) -> None:
    """Title the sections MkDocs makes of kind folders after the kind (`Adr` -> `Architecture decisions`)."""
    sections = [item for item in nav.items if isinstance(item, Section)]
    while sections:
        section = sections.pop()
        kind = settings.folder_kinds.get(section.title.casefold().replace(" ", "-"))
        if kind in settings.kinds:
            section.title = settings.kinds[kind].plural
        sections.extend(child for child in section.children if isinstance(child, Section))


def nav_outside(nav: Navigation, generated: Collection[str]) -> Navigation | None:
    """The navigation of the pages outside the generated sections: each section whose every
    page the plugin made (the handbook's pages, the health reports) is one link to its first
    page, as mkdocs-material's `navigation.prune` shows a section that holds no current page.
    Themes render the whole navigation into every page, collapsed sections too, so on a site of
    thousands of records those entries would cost more than the rest of the plugin's work.
    None when no section is made only of generated pages."""
    items = _pruned(nav.items, generated)
    if items is nav.items:
        return None
    outside = copy.copy(nav)
    outside.items = items
    return outside


def _pruned(items: list[Any], generated: Collection[str]) -> list[Any]:
    """`items` with the generated sections as links; `items` itself when none is."""
    pruned = []
    for item in items:
        if isinstance(item, Section):
            pages = list(_pages(item))
            if pages and all(page.file.src_uri in generated for page in pages):
                item = Link(item.title, pages[0].url)
            elif (children := _pruned(item.children, generated)) is not item.children:
                item = _SectionWith(item, children)
        pruned.append(item)
    changed = any(new is not old for new, old in zip(pruned, items, strict=True))
    return pruned if changed else items


def _pages(section: Section) -> Iterator[Page]:
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages(child)
        elif isinstance(child, Page):
            yield child


class _SectionWith:
    """A section shown with other children; everything else (its title, whether it holds the
    current page) is the section's own, as MkDocs sets it for each page."""

    def __init__(self, section: Section, children: list[Any]) -> None:
        self._section = section
        self.children = children

    def __getattr__(self, name: str) -> Any:
        return getattr(self._section, name)
