"""What a site build takes from the core, as plain data.

`site_parts` runs the whole pipeline for one build (checks with the git history, boards,
generated pages, export) and keeps only what a site shows: diagnostics, generated pages, the
export, each document's header and stale notice, and the index of mentions. Plain data can be
sent from a worker process (see `worker.py`), and a site can list the generated pages before
any of it is known (`generated_titles`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .checks import run_checks
from .crossref import Mentions
from .diagnostics import Diagnostic
from .header import header_context
from .health import history_in_background
from .health_report import PAGE_BUILDERS, PAGES, stale_notice
from .history import HistoryReader
from .pages import page_titles
from .publish import PublishOptions, publish
from .scan import DocumentCache
from .settings import Settings
from .tables import GeneratedPage


@dataclass(frozen=True)
class SiteOptions:
    """What the site shows besides the documents."""

    publishing: PublishOptions
    health_pages: str = "health"
    """The folder of the stale, coverage and metrics pages; empty for none."""
    headers: bool = True
    stale_notices: bool = True


@dataclass
class SiteParts:
    diagnostics: list[Diagnostic]
    """Every problem, judged by the team's rule policy."""
    pages: dict[str, GeneratedPage]
    export_json: str | None
    documents: frozenset[str] = frozenset()
    """The site paths of the documents (other pages are guides)."""
    headers: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each document's header context (`header.header_context`), by site path."""
    stale_notices: dict[str, str] = field(default_factory=dict)
    """The notice HTML of each stale document, by site path."""
    mentions: Mentions = field(default_factory=Mentions)
    history_unavailable: str | None = None
    """Why there is no git history, when there is none."""


def generated_titles(settings: Settings, site: SiteOptions) -> dict[str, str]:
    """The title of every page `site_parts` generates, by site path."""
    titles = page_titles(site.publishing.urls, settings.kinds.values()) if site.publishing.pages else {}
    folder = site.health_pages.strip("/")
    if folder:
        titles.update({f"{folder}/{name}.md": title for name, title in PAGES.items()})
    return titles


def site_parts(
    settings: Settings, site: SiteOptions, reader: HistoryReader, cache: DocumentCache | None = None
) -> SiteParts:
    """Check the handbook against its history and make everything the site shows of it."""
    history = history_in_background(settings, reader, site.publishing.today)
    checked = run_checks(settings, history=history, cache=cache)
    publication = publish(checked, site.publishing, settings.kinds.values())
    pages = dict(publication.pages)
    health = checked.health
    folder = site.health_pages.strip("/")
    if health is not None and folder:
        pages.update({f"{folder}/{name}.md": build(health) for name, build in PAGE_BUILDERS.items()})
    stale = {}
    if health is not None and site.stale_notices:
        stale = {uri: stale_notice(item, health.now) for uri, item in health.stale_by_uri.items()}
    return SiteParts(
        diagnostics=checked.diagnostics,
        pages=pages,
        export_json=publication.export_json() if site.publishing.export_path else None,
        documents=frozenset(doc.source.src_uri for doc in checked.documents),
        headers={doc.source.src_uri: header_context(doc, checked) for doc in checked.documents} if site.headers else {},
        stale_notices=stale,
        mentions=checked.refs.mention_index(),
        history_unavailable=None if health is None or health.history.available else health.history.reason,
    )
