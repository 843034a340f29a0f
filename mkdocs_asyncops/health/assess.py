"""The history stage of the pipeline: scanned documents + git history -> the health of the handbook.

`assess` turns a scan and the history into stale documents, documentation coverage and team
metrics, with their diagnostics; `Health.to_dict` is the plain data for reports and exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from .. import dates
from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import Settings
from ..history.model import History, unavailable
from ..history.people import NO_ALIASES, Names
from ..history.reader import HistoryReader
from ..reading.model import Document
from ..reading.scan import Scan
from .catalog import Catalog, read_catalog
from .coverage import Coverage, coverage_gate, measure, unknown_systems
from .drift import Drift, drift_diagnostics, measure_drift
from .in_flight import InFlight, OpenItem, in_flight, in_flight_summary
from .pr_reviews import PullRequests, pr_review_summary
from .staleness import Freshness, freshness, stale_diagnostics, stale_documents, stale_row
from .team import (
    REVIEWS,
    BusFactor,
    Response,
    Timing,
    bus_factor_diagnostics,
    bus_factors,
    postmortem_delays,
    postmortem_summary,
    response_summary,
    review_times,
    timing_summary,
)
from .trends import MonthTrend, monthly_trends


@dataclass
class Health:
    """Everything the history tells about a handbook."""

    history: History
    freshness: list[Freshness]
    stale: list[Freshness]
    catalog: Catalog
    coverage: Coverage
    bus_factors: list[BusFactor]
    reviews: dict[str, list[Timing]]
    postmortems: list[Timing]
    in_flight: list[InFlight]
    """Each engineer's efforts in flight (context switching), the busiest first."""
    drift: list[Drift]
    """Documents measured against their systems' code, most drifted first."""
    diagnostics: list[Diagnostic]
    kind_labels: dict[str, str]
    """The plural label of each kind (`Design documents`), for headings."""

    pull_requests: PullRequests = field(default_factory=lambda: PullRequests(None))
    """Review times of the exported pull requests, when a file is configured."""
    responses: list[Response] = field(default_factory=list)
    """Each postmortem's times to detect and to resolve, from its key events."""
    max_age: dict[str, int] = field(default_factory=dict)
    """Each kind's maximum age in days (the `max_age` option), for the trends."""

    @property
    def now(self) -> datetime:
        return self.history.now

    @cached_property
    def trends(self) -> list[MonthTrend]:
        """Documents, stale documents, coverage and decisions over the last twelve months,
        from the history already read (computed when a page first asks)."""
        return monthly_trends(
            self.freshness,
            len(self.stale),
            self.coverage,
            self.history,
            self.catalog.systems.values(),
            self.max_age,
        )

    @cached_property
    def drifting_by_uri(self) -> dict[str, Drift]:
        """The drifting documents by their place in the site."""
        return {item.document.source.src_uri: item for item in self.drift if item.drifting}

    @cached_property
    def stale_by_uri(self) -> dict[str, Freshness]:
        """The stale documents by their place in the site."""
        return {item.document.source.src_uri: item for item in self.stale}

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data: history, staleness, coverage and team health.

        No timestamp of its own: exports of one handbook stay equal from build to build (the
        export's `as_of` states the moment when the `today` option fixes it)."""
        history = self.history
        return {
            "history": {
                "available": history.available,
                "reason": history.reason,
                "head": history.head,
                "shallow": history.shallow,
                "documents": {
                    item.document.path: _dates(history, item.document.source.abs_path)
                    for item in self.freshness
                },
            },
            "stale": [stale_row(item, self.now) for item in self.stale],
            "drift": [item.to_dict() for item in self.drift],
            "coverage": self.coverage.to_dict(),
            "team_health": self.team_health(),
        }

    def team_health(self) -> dict[str, Any]:
        """Bus factor per system, review times and postmortem timeliness as plain data."""
        return {
            "bus_factor": [
                {"system": f.system.name, "bus_factor": f.value, "people": list(f.people)}
                for f in self.bus_factors
            ],
            "reviews": {
                stage.kind: timing_summary(self.reviews[stage.kind], stage.target_days)
                for stage in REVIEWS
            },
            "postmortems": postmortem_summary(self.postmortems),
            "response_times": response_summary(self.responses),
            "context_switching": in_flight_summary(self.in_flight),
            "pull_request_reviews": pr_review_summary(self.pull_requests),
        }


def _dates(history: History, path: Path) -> dict[str, object]:
    known = history.of(path)
    if known is None:
        return {
            "created": None,
            "modified": None,
            "authors": [],
            "uncommitted": False,
            "truncated": False,
        }
    return {
        "created": known.created.isoformat() if known.created else None,
        "modified": known.modified.isoformat() if known.modified else None,
        "authors": sorted((p.name for p in known.authors.values()), key=str.casefold),
        "uncommitted": known.uncommitted,
        "truncated": known.truncated,
    }


def read_history(settings: Settings, reader: HistoryReader, now: datetime | None = None) -> History:
    """The project's git history as of `now` (a naive `now` is UTC; default: the clock), or an
    explanation of why there is none."""
    now = dates.utc(now) if now is not None else None
    if not settings.health.history:
        return unavailable(now or dates.now(), "history is switched off (`history: false`)")
    code = [path for system in read_catalog(settings).systems.values() for path in system.paths]
    return reader.read(settings.root, now, code)


class HistoryInBackground:
    """`read_history` on another thread: `start()` starts it (once), calling waits for it.

    Most of the reading is a `git log` process, which runs on its own while this process reads
    and checks the documents.
    """

    def __init__(self, settings: Settings, reader: HistoryReader, now: datetime | None) -> None:
        self._read = partial(read_history, settings, reader, now)
        self._pending: Future[History] | None = None

    def start(self) -> None:
        if self._pending is None:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asyncops-history")
            self._pending = pool.submit(self._read)
            pool.shutdown(wait=False)

    def __call__(self) -> History:
        self.start()
        assert self._pending is not None
        return self._pending.result()


def history_in_background(
    settings: Settings, reader: HistoryReader, now: datetime | None = None, start: bool = True
) -> HistoryInBackground:
    """`read_history` on another thread, started now unless `start` is false (the caller then
    has `run_checks` start it once it has forked, if it forks: a thread rules that out)."""
    background = HistoryInBackground(settings, reader, now)
    if start:
        background.start()
    return background


def _root_in_repository(history: History, settings: Settings) -> str:
    """The project's folder in the repository: "" at its top."""
    found = history.relative(settings.root) or ""
    return "" if found == "." else found


def assess(
    settings: Settings,
    result: Scan,
    history: History,
    catalog: Catalog,
    pull_requests: PullRequests | None = None,
    names: Names = NO_ALIASES,
    open_items: Iterable[OpenItem] = (),
    others: list[Document] | None = None,
    others_stale: frozenset[str] = frozenset(),
    responses: Iterable[Response] = (),
) -> Health:
    """Staleness, coverage and team health of the scanned documents, with their diagnostics
    (as found: `run_checks` applies the team's rule policy to them with the others).

    A pure judgement of what was read (the documents, the history, the catalog from
    `read_catalog`): it reads no file. `others` are other repositories' records (an
    organisation handbook): they count for coverage, as stale when their own handbook judged
    them so (`others_stale`, by path). `responses` are the postmortems' times to detect and to
    resolve, from their key events."""
    options = settings.health
    documents = result.documents
    items, problems = freshness(documents, history, options.max_age)
    stale = stale_documents(items, history.now)
    problems += stale_diagnostics(stale, history.now)
    problems += catalog.diagnostics
    if options.has_catalog:
        problems += unknown_systems(documents, catalog.systems)
    coverage = measure(
        catalog.systems.values(),
        [*documents, *(others or [])],
        frozenset(i.document.path for i in stale) | others_stale,
        options.coverage_minimum,
    )
    problems += coverage_gate(coverage, options.config_name)
    root_rel = _root_in_repository(history, settings)
    factors = bus_factors(catalog.systems.values(), documents, history, root_rel)
    problems += bus_factor_diagnostics(factors)
    problems += list(pull_requests.diagnostics if pull_requests else ())
    drift = measure_drift(documents, catalog.systems, history, options.drift, root_rel)
    problems += drift_diagnostics(drift)
    problems += _shallow_clone(history, documents, options.config_name)
    problems += history_unavailable(history, documents, options.config_name)
    return Health(
        history=history,
        freshness=items,
        stale=stale,
        catalog=catalog,
        coverage=coverage,
        bus_factors=factors,
        reviews={stage.kind: review_times(documents, history, stage, names) for stage in REVIEWS},
        postmortems=postmortem_delays(documents, history),
        in_flight=in_flight(documents, open_items, names),
        pull_requests=pull_requests or PullRequests(None),
        responses=list(responses),
        drift=drift,
        diagnostics=sorted(problems, key=Diagnostic.sort_key),
        kind_labels={name: spec.plural for name, spec in settings.kinds.items()},
        max_age=dict(options.max_age),
    )


def _shallow_clone(history: History, documents: list[Document], where: str) -> list[Diagnostic]:
    """ASY404 once for a shallow clone, with the count of documents affected."""
    if not history.shallow:
        return []
    cut = [
        doc for doc in documents if (known := history.of(doc.source.abs_path)) and known.truncated
    ]
    if not cut:
        return []
    return [
        diagnostic(
            where,
            0,
            "ASY404",
            f"this is a shallow clone: the history of {len(cut)} of {len(documents)} documents is cut off, "
            "so their dates are unknown and they are not checked for staleness; fetch the full history "
            "(`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout in CI)",
        )
    ]


def history_unavailable(
    history: History, documents: list[Document], where: str
) -> list[Diagnostic]:
    """ASY407 once for a damaged repository, with the count of documents affected, and for each
    document inside a git submodule (whose history is another repository's)."""
    if history.damaged:
        return [
            diagnostic(
                where,
                0,
                "ASY407",
                f"git history cannot be read, so none of the {len(documents)} documents has dates or authors "
                f"from git and none is checked for staleness: {history.reason}; run `git fsck` to find the damage",
            )
        ]
    problems = []
    for doc in documents:
        folder = history.submodule_of(doc.source.abs_path) if history.submodules else None
        if folder is not None:
            problems.append(
                diagnostic(
                    doc.path,
                    0,
                    "ASY407",
                    f"this file is in the git submodule {folder}/, whose history is not read: it has no dates "
                    "or authors from git and is not checked for staleness",
                )
            )
    return problems
