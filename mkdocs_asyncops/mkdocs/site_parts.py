"""What a site build takes from the core, as plain data.

`site_parts` runs the whole pipeline for one build (checks with the git history, boards,
generated pages, export) and keeps only what a site shows: diagnostics, generated pages, the
export, each document's header and stale notice, and the index of mentions. Plain data can be
sent from a worker process (see `core/worker.py`), and a site can list the generated pages before
any of it is known (`generated_titles`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.bulk import cyclic_gc_paused
from ..core.cache_files import CacheFiles
from ..core.diagnostics import Diagnostic
from ..core.settings import PublishOptions, Settings, SourceFolder
from ..handbook.crossref import Mentions
from ..health.assess import history_in_background
from ..history.reader import HistoryReader
from ..pipeline import Checked, run_checks
from ..reading.scan import FileReader
from ..reading.sources import site_uri
from ..reading.stored_documents import StoredDocuments
from ..render.feed import kind_feed_path
from ..render.header import header_context
from ..render.health_pages import PAGE_BUILDERS, PAGES, drift_notice, stale_notice
from ..render.organisation import TITLE as ORGANISATION
from ..render.pages import kind_index, page_titles
from ..render.publish import publish
from ..render.tables import GeneratedPage


@dataclass(frozen=True)
class SiteOptions:
    """What the site shows besides the documents."""

    publishing: PublishOptions
    health_pages: str = "health"
    """The folder of the stale, coverage and metrics pages; empty for none."""
    headers: bool = True
    stale_notices: bool = True
    drift_notices: bool = True


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
    """The notice HTML of each stale or drifting document, by site path."""
    mentions: Mentions = field(default_factory=Mentions)
    history_unavailable: str | None = None
    """Why there is no git history, when there is none."""
    head: str | None = None
    """The commit the history was read at, for links into the repository's web view."""
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """The diagnostics of each source file, by site path (the preview shows them on the page)."""
    feeds: dict[str, str] = field(default_factory=dict)
    """Each Atom feed's XML, by site path."""


def generated_titles(settings: Settings, site: SiteOptions) -> dict[str, str]:
    """The title of every page `site_parts` generates, by site path."""
    titles = (
        page_titles(site.publishing.urls, settings.kinds.values()) if site.publishing.pages else {}
    )
    if site.publishing.pages and settings.remotes:
        titles[site.publishing.urls.organisation] = ORGANISATION
    folder = site.health_pages.strip("/")
    if folder:
        titles.update({f"{folder}/{name}.md": title for name, title in PAGES.items()})
    if site.publishing.pages:
        titles.update({uri: title for uri, (title, _) in folder_indexes(settings).items()})
    return titles


def feed_paths(settings: Settings, site: SiteOptions) -> list[str]:
    """The site paths of the feeds `site_parts` writes: the main one and one per kind."""
    feed = site.publishing.feed_path
    if not feed:
        return []
    return [feed, *(kind_feed_path(feed, kind) for kind in sorted(settings.kinds))]


def folder_indexes(settings: Settings) -> dict[str, tuple[str, SourceFolder]]:
    """An index page for each extra source folder without an `index.md` or `README.md` of its
    own, so its URL (`/adr/`) lists its documents instead of being a 404: title and folder by site path."""
    indexes = {}
    for folder in settings.folders[1:]:
        if folder.path.is_dir() and not any(
            (folder.path / name).is_file() for name in ("index.md", "README.md")
        ):
            kind = folder.kind or settings.folder_kinds.get(folder.path.name.casefold())
            title = settings.kinds[kind].plural if kind in settings.kinds else folder.path.name
            indexes[site_uri(folder, "index.md")] = (title, folder)
    return indexes


def stored_readers(settings: Settings) -> tuple[HistoryReader, FileReader]:
    """The history and the documents as `mkdocs build` reads them: through the on-disk cache
    the command line keeps (ADR-0023), unless `cache: false`."""
    stored = CacheFiles(settings.cache)
    return HistoryReader(cache=stored), StoredDocuments(stored)


def site_parts(
    settings: Settings, site: SiteOptions, reader: HistoryReader, cache: FileReader | None = None
) -> SiteParts:
    """Check the handbook against its history and make everything the site shows of it, with
    the cyclic garbage collector paused (`core.bulk`: in `mkdocs serve` it would walk the
    heap of every page MkDocs made, again and again)."""
    with cyclic_gc_paused():
        return _site_parts(settings, site, reader, cache)


def _site_parts(
    settings: Settings, site: SiteOptions, reader: HistoryReader, cache: FileReader | None
) -> SiteParts:
    history = history_in_background(settings, reader, site.publishing.today)
    checked = run_checks(settings, history=history, cache=cache)
    publication = publish(checked, site.publishing, settings.kinds.values())
    pages = dict(publication.pages)
    if site.publishing.pages:
        for uri, (title, folder) in folder_indexes(settings).items():
            pages[uri] = kind_index(
                title, [doc for doc in checked.documents if doc.source.folder == folder]
            )
    health = checked.health
    health_folder = site.health_pages.strip("/")
    if health is not None and health_folder:
        pages.update(
            {f"{health_folder}/{name}.md": build(health) for name, build in PAGE_BUILDERS.items()}
        )
    people = site.publishing.urls.people if site.publishing.pages else None
    stale = {}
    if health is not None and site.stale_notices:
        stale = {uri: stale_notice(item, health.now) for uri, item in health.stale_by_uri.items()}
    if health is not None and site.drift_notices:
        for uri, drift in health.drifting_by_uri.items():
            stale[uri] = "\n".join(n for n in (stale.get(uri), drift_notice(drift)) if n)
    return SiteParts(
        diagnostics=checked.diagnostics,
        pages=pages,
        export_json=publication.export_json() if site.publishing.export_path else None,
        documents=frozenset(doc.source.src_uri for doc in checked.handbook.own),
        headers={
            doc.source.src_uri: header_context(doc, checked, people) for doc in checked.handbook.own
        }
        if site.headers
        else {},
        stale_notices=stale,
        mentions=checked.refs.mention_index(),
        history_unavailable=None
        if health is None or health.history.available
        else health.history.reason,
        problems=_by_site_path(checked),
        feeds=publication.feeds,
        head=health.history.head if health is not None else None,
    )


def _by_site_path(checked: Checked) -> dict[str, list[Diagnostic]]:
    uris = {source.path: source.src_uri for source in checked.scan.files}
    problems: dict[str, list[Diagnostic]] = {}
    for problem in checked.diagnostics:
        if problem.path in uris:
            problems.setdefault(uris[problem.path], []).append(problem)
    return problems
