"""The checks as one call: sources -> documents -> handbook, with every diagnostic judged by policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .boards.postmortems import action_item_problems, action_items
from .core.diagnostics import Diagnostic, Severity
from .core.settings import Settings
from .handbook.crossref import CrossReferences, cross_references
from .handbook.relations import Handbook, build_handbook
from .health.approvals import approval_problems
from .health.assess import Health, assess
from .health.catalog import read_catalog
from .health.pr_reviews import read_pull_requests
from .history.people import Names, project_names
from .history.reader import History
from .imports.lenient import lenient_paths, soften
from .reading.model import Document
from .reading.scan import DocumentCache, Scan, scan
from .reading.unread import unread_problems

__all__ = ["Checked", "run_checks"]


@dataclass
class Checked:
    """The scanned files, the handbook built from them, and every problem found on the way."""

    scan: Scan
    handbook: Handbook
    diagnostics: list[Diagnostic]
    refs: CrossReferences = field(default_factory=CrossReferences)
    """Backlinks between documents and numbers for mentions."""
    health: Health | None = None
    """Staleness, coverage and team health, when the checks were given the git history."""
    names: Names = field(default_factory=Names)
    """People's names as one person each (`.mailmap`)."""

    @property
    def documents(self) -> list[Document]:
        return self.handbook.documents

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.WARNING]


def run_checks(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    history: Callable[[], History] | None = None,
    cache: DocumentCache | None = None,
) -> Checked:
    """Scan the sources, build the handbook, judge it against the git history (when `history` is
    given: staleness, coverage, team health) and apply the team's rule policy to all problems.

    `progress(done, total)` is called as files are read (see `scan`). `history()` is called once
    the documents are read, so a caller can have it read in the meantime
    (`health.history_in_background`). A `cache` keeps what files gave between runs (`scan`).
    """
    result = scan(settings, progress, cache)
    handbook = build_handbook(result.documents)
    names = project_names(settings.root)
    items = [item for doc in handbook.documents for item in action_items(doc)]
    health = None
    if history is not None:  # read the catalog too before anything is judged
        catalog = read_catalog(settings)
        open_items = [(i.owner, i.document, i.task) for i in items if i.owner and not i.done]
        prs = read_pull_requests(settings)
        health = assess(settings, result, history(), catalog, prs, names, open_items)
    found = [
        *result.diagnostics,
        *handbook.diagnostics,
        *action_item_problems(items),
        *approval_problems(handbook.documents, names),
        *(health.diagnostics if health else []),
        *unread_problems(settings, len(handbook.documents)),
    ]
    diagnostics = settings.rules.apply(found, result.ignored_rules)
    diagnostics = soften(diagnostics, lenient_paths(result.files))
    refs = cross_references(handbook.documents)
    return Checked(
        scan=result,
        handbook=handbook,
        diagnostics=diagnostics,
        refs=refs,
        health=health,
        names=names,
    )
