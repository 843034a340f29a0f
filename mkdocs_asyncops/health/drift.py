"""Drift: how far the code a document covers has moved on since the document last changed.

A document covering systems (`systems:`) whose catalog entries list code paths is measured
against the commits that changed those paths after its last sign of life: its `reviewed:` date,
or else its last commit, whichever is later. Every number comes from the one history pass
(`history/reader.py` records each commit's changed lines per file, following renames to today's
names). Beyond its kind's limit (commits or lines) a document is drifting: ASY408. Records
(accepted ADRs, postmortems ...) describe the past and are never measured. Drift is a signal
apart from age (`staleness.py`): a year-old runbook whose code has not moved does not drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import DriftLimit
from ..dates import moment
from ..history.model import History
from ..reading.model import Document
from .catalog import System
from .staleness import is_record, owner_of

TOP_PATHS = 3


@dataclass(frozen=True)
class Drift:
    """How much the code of one document's systems changed after the document."""

    document: Document
    systems: tuple[str, ...]
    since: datetime
    basis: str
    """Where `since` comes from: `reviewed` or `git`."""
    commits: int
    lines: int
    paths: tuple[tuple[str, int, int], ...]
    """The most changed code paths (relative to the project root, at most `TOP_PATHS`) with
    their changed lines and commits, most lines first."""
    limit: DriftLimit | None

    @property
    def drifting(self) -> bool:
        limit = self.limit
        if limit is None:
            return False
        return (0 < limit.commits < self.commits) or (0 < limit.lines < self.lines)

    @property
    def share(self) -> float:
        """How far over (above 1) or under its limit the document is, by its worse measure."""
        limit = self.limit
        if limit is None:
            return 0.0
        shares = [self.commits / limit.commits if limit.commits else 0.0]
        shares.append(self.lines / limit.lines if limit.lines else 0.0)
        return max(shares)

    def to_dict(self) -> dict[str, object]:
        doc = self.document
        return {
            "path": doc.path,
            "url": doc.source.src_uri,
            "title": doc.title,
            "kind": doc.kind,
            "owner": owner_of(doc),
            "systems": list(self.systems),
            "since": self.since.date().isoformat(),
            "basis": self.basis,
            "commits": self.commits,
            "lines": self.lines,
            "max_commits": self.limit.commits if self.limit else None,
            "max_lines": self.limit.lines if self.limit else None,
            "drifting": self.drifting,
            "paths": [
                {"path": path, "lines": lines, "commits": commits}
                for path, lines, commits in self.paths
            ],
        }


_Change = tuple[datetime, str, str, int]
"""One commit's change to one code file: when, the commit, the path today, its changed lines."""


def code_changes(
    systems: Iterable[System], history: History, root_rel: str
) -> dict[str, list[_Change]]:
    """Every recorded change to each system's code paths, newest first, by system name
    (`root_rel`: the project root relative to the working tree, `""` when they are the same)."""
    owners: dict[str, list[str]] = {}  # a code path in the working tree -> its systems
    for system in systems:
        for path in system.paths:
            owners.setdefault(f"{root_rel}/{path}".strip("/"), []).append(system.name)
    found: dict[str, list[_Change]] = {name: [] for names in owners.values() for name in names}
    if not owners or not history.available:
        return found
    folders = tuple(f"{path}/" for path in owners)
    cut = len(root_rel) + 1 if root_rel else 0
    for path, known in history.files.items():
        if path not in owners and not path.startswith(folders):
            continue
        shown = path[cut:]
        changes = [(t.when, t.commit, shown, t.lines) for t in known.touches]
        for start in _starts(path, owners):
            for name in owners[start]:
                found[name].extend(changes)
    for changes in found.values():
        changes.sort(key=itemgetter(0), reverse=True)
    return found


def _starts(path: str, owners: Mapping[str, object]) -> Iterator[str]:
    """The code paths in `owners` that are `path` or a folder holding it: a look-up per folder
    of the path, not a test per code path of the catalog."""
    at = len(path)
    while at > 0:
        if path[:at] in owners:
            yield path[:at]
        at = path.rfind("/", 0, at)


def measure_drift(
    documents: Iterable[Document],
    catalog: Mapping[str, System],
    history: History,
    limits: Mapping[str, DriftLimit],
    root_rel: str,
) -> list[Drift]:
    """The drift of every document that covers a system with code paths, most drifted first.

    Documents covering the same systems share one sweep over those systems' changes, newest
    first: each document's counts are a snapshot taken where its own date is reached, so the
    cost grows with the changes and the documents, not with their product."""
    changes = code_changes(catalog.values(), history, root_rel)
    if not any(changes.values()):
        return []
    groups: dict[tuple[str, ...], list[tuple[datetime, str, Document]]] = {}
    for doc in documents:
        covered = tuple(sorted({name for name in doc.meta.systems if changes.get(name)}))
        if not covered or is_record(doc):
            continue
        known = _since(doc, history)
        if known is not None:
            groups.setdefault(covered, []).append((known[0], known[1], doc))
    results = []
    for covered, members in groups.items():
        if len(covered) == 1:
            merged = changes[covered[0]]
        else:
            merged = sorted(
                (change for name in covered for change in changes[name]),
                key=itemgetter(0),
                reverse=True,
            )
        results += _sweep(covered, members, merged, limits)
    return sorted(
        results,
        key=lambda d: (not d.drifting, -d.share, -d.commits, -d.lines, d.document.path),
    )


def _sweep(
    covered: tuple[str, ...],
    members: list[tuple[datetime, str, Document]],
    merged: list[_Change],
    limits: Mapping[str, DriftLimit],
) -> list[Drift]:
    """The drift of the documents covering `covered`, from one pass over `merged` (their
    systems' changes, newest first), each document's counts taken where its date is reached."""
    seen: set[tuple[str, str]] = set()  # one path in two systems counts once
    commits: set[str] = set()
    most = _MostChanged()
    total, index = 0, 0
    top: tuple[tuple[str, int, int], ...] = ()
    results = []
    for since, basis, doc in sorted(members, key=itemgetter(0), reverse=True):
        start = index
        while index < len(merged) and merged[index][0] > since:
            _, commit, path, changed = merged[index]
            index += 1
            if (commit, path) in seen:
                continue
            seen.add((commit, path))
            commits.add(commit)
            most.add(path, changed)
            total += changed
        if index != start or not top:
            top = most.top()
        results.append(
            Drift(
                document=doc,
                systems=covered,
                since=since,
                basis=basis,
                commits=len(commits),
                lines=total,
                paths=top,
                limit=limits.get(doc.kind),
            )
        )
    return results


class _MostChanged:
    """The changed lines and commits of each path so far, and the `TOP_PATHS` paths with the
    most lines, ranked as `heapq.nlargest` would (ties by first appearance). Lines only grow,
    so the ranking is kept up to date change by change instead of made anew per document."""

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.commits: dict[str, int] = {}
        self.first: dict[str, int] = {}
        self.leaders: list[str] = []

    def rank(self, path: str) -> tuple[int, int]:
        return -self.lines[path], self.first[path]

    def add(self, path: str, changed: int) -> None:
        if path in self.lines:
            self.lines[path] += changed
            self.commits[path] += 1
        else:
            self.lines[path], self.commits[path], self.first[path] = changed, 1, len(self.first)
        leaders = self.leaders
        if path in leaders:
            leaders.sort(key=self.rank)
        elif len(leaders) < TOP_PATHS or self.rank(path) < self.rank(leaders[-1]):
            leaders.append(path)
            leaders.sort(key=self.rank)
            del leaders[TOP_PATHS:]

    def top(self) -> tuple[tuple[str, int, int], ...]:
        return tuple((path, self.lines[path], self.commits[path]) for path in self.leaders)


def _since(doc: Document, history: History) -> tuple[datetime, str] | None:
    """The document's last commit or its `reviewed:` date, whichever is later, and which it is;
    None when neither is known (no history) or the document has uncommitted changes."""
    known = history.of(doc.source.abs_path)
    if known is None or known.uncommitted:
        return None
    reviewed = moment(doc.frontmatter.get("reviewed"), text=True)
    if known.modified is None:
        return (reviewed, "reviewed") if reviewed is not None else None
    if reviewed is not None and reviewed > known.modified:
        return reviewed, "reviewed"
    return known.modified, "git"


def top_paths(item: Drift) -> str:
    """The most changed paths, for messages: `a.py (120 lines), b.py (40 lines)`."""
    return ", ".join(f"{path} ({lines} lines)" for path, lines, _ in item.paths[:TOP_PATHS])


def drift_diagnostics(drifts: Iterable[Drift]) -> list[Diagnostic]:
    """One ASY408 warning per drifting document, at its `reviewed` line or its first line."""
    problems = []
    for item in drifts:
        if not item.drifting:
            continue
        doc, limit = item.document, item.limit
        assert limit is not None
        since = "it was reviewed" if item.basis == "reviewed" else "it last changed"
        bounds = " or ".join(
            text
            for text in (
                f"{limit.commits} commits" if limit.commits else "",
                f"{limit.lines:,} lines" if limit.lines else "",
            )
            if text
        )
        problems.append(
            diagnostic(
                doc.path,
                doc.line_of("reviewed") if item.basis == "reviewed" else 1,
                "ASY408",
                f"the code of {', '.join(item.systems)} changed in {item.commits} commits and "
                f"{item.lines:,} lines since {since} ({item.since.date().isoformat()}), over the "
                f"limit of {bounds} for {doc.spec.a_label}; most changed: {top_paths(item)}; "
                "bring it up to date, or confirm it still holds with `reviewed:` and today's date",
            )
        )
    return problems
