"""The checks as one call: sources -> documents -> handbook, with every diagnostic judged by policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cached_property

from .boards.board import Boards, build_boards
from .boards.postmortems import ActionItem, action_item_problems, action_items, write_up
from .core import baseline
from .core.bulk import cyclic_gc_paused
from .core.diagnostics import Diagnostic, Severity
from .core.settings import BoardOptions, RemoteSource, Settings
from .dates import iso
from .handbook.citations import Citations, citation_problems, find_citations
from .handbook.crossref import CrossReferences, cross_references
from .handbook.inline import link_targets
from .handbook.records import record_json
from .handbook.relations import Handbook, build_handbook
from .handbook.remotes import Remotes, RemoteStatus, read_remotes
from .health.approvals import approval_problems
from .health.assess import Health, assess, history_in_background
from .health.catalog import Catalog, read_catalog
from .health.pr_reviews import read_pull_requests
from .health.team import Response
from .history.model import History
from .history.people import Names, project_names
from .history.reader import HistoryReader
from .history.tracked import tracked_files
from .imports.lenient import lenient_paths, soften
from .reading.model import Document
from .reading.parse import ParseResult
from .reading.remote_exports import (
    ExportedActionItem,
    ExportedRecord,
    RemoteExport,
)
from .reading.scan import FileReader, Scan, scan
from .reading.unread import unread_problems

__all__ = ["Checked", "run_checks", "same_to_the_checks"]


def _checkout_export(source: RemoteSource) -> RemoteExport:
    """A local checkout's records, read with its own sources (and git history, for what is
    stale), as its export would hold them."""
    settings = source.checkout
    assert settings is not None
    history = history_in_background(settings, HistoryReader()) if settings.health.history else None
    checked = run_checks(settings, history=history)
    records = [
        ExportedRecord.model_validate(record_json(doc, checked.handbook, checked.refs))
        for doc in sorted(checked.handbook.own, key=lambda d: d.path)
    ]
    health = checked.health
    items = [
        ExportedActionItem(
            path=item.document.path,
            line=item.line,
            task=item.task,
            owner=item.owner,
            due=iso(item.due),
            done=item.done,
        )
        for doc in checked.handbook.own
        for item in action_items(doc)
        if not item.done
    ]
    return RemoteExport(
        name=source.name,
        records=records,
        base_url=source.site_url or settings.repository.site_url,
        stale_paths=frozenset(item.document.path for item in health.stale)
        if health
        else frozenset(),
        repository=settings.repository.name,
        action_items=items,
    )


@dataclass
class Checked:
    """The scanned files, the handbook built from them, and every problem found on the way."""

    scan: Scan
    handbook: Handbook
    diagnostics: list[Diagnostic]
    repository: str = ""
    """The handbook's repository name, which mentions of its own documents may carry."""
    health: Health | None = None
    """Staleness, coverage and team health, when the checks were given the git history."""
    names: Names = field(default_factory=Names)
    """People's names as one person each (`.mailmap`)."""
    citations: Citations = field(default_factory=Citations)
    """Lines of source files citing documents, for the whole handbook."""
    remotes: list[RemoteStatus] = field(default_factory=list)
    """The other handbooks read (`remotes:`), in the configured order."""
    remote_action_items: list[tuple[Document, ExportedActionItem]] = field(default_factory=list)
    """The remotes' open postmortem action items, with their postmortem."""

    @property
    def documents(self) -> list[Document]:
        return self.handbook.documents

    @cached_property
    def refs(self) -> CrossReferences:
        """Backlinks between documents and numbers for mentions, found when first asked for (a
        check that prints text needs none)."""
        with cyclic_gc_paused():
            return cross_references(self.handbook.documents, self.repository)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.WARNING]

    def boards(self, now: datetime, options: BoardOptions) -> Boards:
        """The boards of the whole handbook, remote action items and `.mailmap` names included,
        judged at `now`."""
        return build_boards(self.documents, now, options, self.remote_action_items, self.names)


def _health(
    settings: Settings,
    result: Scan,
    known: History,
    catalog: Catalog,
    names: Names,
    items: list[ActionItem],
    remotes: Remotes,
) -> Health:
    """`assess` with what else the pipeline read: the exported pull requests, the open action
    items by owner, the postmortems' key events and the remotes' records."""
    open_items = [(i.owner, i.document, i.task) for i in items if i.owner and not i.done]
    responses = []
    for doc in result.documents:
        if doc.kind == "postmortem":
            events = write_up(doc).events
            responses.append(Response(doc, events.time_to_detect, events.time_to_resolve))
    return assess(
        settings,
        result,
        known,
        catalog,
        pull_requests=read_pull_requests(settings),
        names=names,
        open_items=open_items,
        others=remotes.documents,
        others_stale=remotes.stale_paths,
        responses=responses,
    )


def _citations(settings: Settings, handbook: Handbook) -> Citations:
    """Code citing the documents, for the whole handbook in a git repository."""
    tracked = (
        tracked_files(settings.root) if settings.whole_handbook and settings.citations else None
    )
    if tracked is None:
        return Citations()
    return find_citations(
        handbook.documents,
        settings.citations,
        tracked.workdir,
        tracked.prefix,
        tracked.paths,
        tracked.ignored,
    )


def created_dates(documents: list[Document], history: History | None) -> dict[str, date]:
    """When each document was created: its frontmatter's date (an incident's day for a
    postmortem), else the day git first saw it; unknown ones are left out."""
    created = {}
    for doc in documents:
        day = getattr(doc.meta, "date", None) or getattr(doc.meta, "incident_date", None)
        if day is None and history is not None:
            known = history.of(doc.source.abs_path)
            day = known.created if known is not None else None
        if isinstance(day, datetime):
            day = day.date()
        if isinstance(day, date):
            created[doc.path] = day
    return created


def run_checks(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    history: Callable[[], History] | None = None,
    cache: FileReader | None = None,
) -> Checked:
    """Scan the sources, build the handbook, judge it against the git history (when `history` is
    given: staleness, coverage, team health) and apply the team's rule policy to all problems.

    `progress(done, total)` is called as files are read (`scan`). `history()` is called once the
    documents are read, so a caller can have it read meanwhile (`history_in_background`, which
    `scan` starts if not yet started). A `cache` keeps what files gave between runs (`scan`).
    """
    with cyclic_gc_paused():
        result = scan(settings, progress, cache, getattr(history, "start", None))
        remotes = read_remotes(settings, _checkout_export)
        handbook = build_handbook(
            result.documents + remotes.documents,
            settings.repository,
            [remote.name for remote in settings.remotes],
        )
    names = project_names(settings.root)
    items = [item for doc in handbook.own for item in action_items(doc)]
    # the code is searched while the history may still be read (a `git log` on its own)
    citations = _citations(settings, handbook)
    health = None
    known = None
    if history is not None:  # read the catalog too before anything is judged
        catalog = read_catalog(settings)
        known = history()
        health = _health(settings, result, known, catalog, names, items, remotes)
        known.blob_values.store()  # what the review timings read of old versions
    found = [
        *result.diagnostics,
        *remotes.diagnostics,
        *handbook.diagnostics,
        *action_item_problems(items),
        *approval_problems(handbook.own, names),
        *(health.diagnostics if health else []),
        *citation_problems(citations, handbook),
        *unread_problems(settings, len(handbook.documents)),
    ]
    created = created_dates(result.documents, known) if settings.rules.since else {}
    diagnostics = settings.rules.apply(found, result.ignored_rules, created)
    diagnostics = soften(diagnostics, lenient_paths(result.files))
    if settings.baseline is not None:
        diagnostics = baseline.apply(diagnostics, baseline.load(settings.baseline), settings.root)
    return Checked(
        scan=result,
        handbook=handbook,
        diagnostics=diagnostics,
        repository=settings.repository.name,
        health=health,
        names=names,
        citations=citations,
        remotes=remotes.statuses,
        remote_action_items=remotes.action_items,
    )


def same_to_the_checks(old: ParseResult, new: ParseResult) -> bool:
    """Whether two readings of one file give the checks the same: at most the text of the
    document's body differs, not its frontmatter, headings, links, problems, action items or
    timeline (the parts of the body that anything besides the page itself shows)."""
    if (old.diagnostics, old.meta_data) != (new.diagnostics, new.meta_data):
        return False
    one, other = old.document, new.document
    if one is None or other is None:
        return one is other
    return (
        all(
            getattr(one, f.name) == getattr(other, f.name)
            for f in fields(Document)
            if f.name not in ("body", "outline")
        )
        and one.outline.headings == other.outline.headings
        and link_targets(one.body) == link_targets(other.body)
        and _items(one) == _items(other)
        and write_up(one) == write_up(other)
    )


def _items(doc: Document) -> list[tuple[object, ...]]:
    return [(i.line, i.task, i.owner, i.due, i.done) for i in action_items(doc)]
