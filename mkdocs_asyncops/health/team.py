"""Team health: where knowledge sits with too few people, and how fast async reviews run.

- Bus factor: per system, the distinct people who wrote its documents (and, when the catalog
  lists code paths, changed its code), from git with `.mailmap` and co-authors applied.
- Review time: design documents from draft to approved (target 3 days), ADRs from proposed to
  accepted (target 5 days); from frontmatter dates, else from the git history of the status.
- Postmortems: the share published within 48 hours of the incident, and the times to detect and
  to resolve from their key events (median and p90 by severity; an incident whose key events do
  not say is counted as unknown, never as zero).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from ..core.diagnostics import Diagnostic, diagnostic
from ..dates import days_between, moment
from ..history.model import History
from ..history.people import NO_ALIASES, Names
from ..history.statuses import status_at
from ..reading.model import Document
from .approvals import quorum_of
from .catalog import System

MIN_BUS_FACTOR = 3
POSTMORTEM_HOURS = 48
Span = TypeVar("Span", float, timedelta)


@dataclass(frozen=True)
class ReviewStage:
    """A kind's review: the status it starts in, the one it ends in, the frontmatter dates for
    both, and the target in days."""

    kind: str
    start_statuses: frozenset[str]
    end_status: str
    start_field: str
    end_field: str
    target_days: float


REVIEWS = (
    ReviewStage(
        "design", frozenset({"draft", "in-review"}), "approved", "review_requested", "approved", 3
    ),
    ReviewStage("adr", frozenset({"proposed"}), "accepted", "review_requested", "date", 5),
)


@dataclass(frozen=True)
class BusFactor:
    system: System
    people: tuple[str, ...]
    """Names of the distinct people, sorted; empty when history is unavailable."""

    @property
    def value(self) -> int:
        return len(self.people)


def bus_factors(
    systems: Iterable[System], documents: Iterable[Document], history: History, root_rel: str
) -> list[BusFactor]:
    """Distinct authors per system, from its documents and its code paths (`root_rel` is the
    project root relative to the repository's working tree, `""` when they are the same)."""
    documents = list(documents)
    results = []
    for system in sorted(systems, key=lambda s: s.name):
        people: dict[str, str] = {}
        for doc in documents:
            if system.name in doc.meta.systems:
                known = history.of(doc.source.abs_path)
                if known is not None:
                    people.update((key, person.name) for key, person in known.authors.items())
        prefixes = tuple(f"{root_rel}/{path}/".lstrip("/") for path in system.paths)
        if prefixes:
            for path, known in history.files.items():
                if path.startswith(prefixes) or f"{path}/" in prefixes:
                    people.update((key, person.name) for key, person in known.authors.items())
        results.append(BusFactor(system, tuple(sorted(set(people.values()), key=str.casefold))))
    return results


def bus_factor_diagnostics(factors: Iterable[BusFactor]) -> list[Diagnostic]:
    return [
        diagnostic(
            factor.system.origin,
            factor.system.line,
            "ASY403",
            f"system {factor.system.name!r} is documented by {factor.value} "
            f"{'person' if factor.value == 1 else 'people'} ({', '.join(factor.people)}), fewer than "
            f"{MIN_BUS_FACTOR}; have someone else review and extend its documents",
        )
        for factor in factors
        if 0 < factor.value < MIN_BUS_FACTOR
    ]


@dataclass(frozen=True)
class Timing:
    """How long one document took, and where the dates came from (`frontmatter` or `git`)."""

    document: Document
    days: float
    basis: str


def review_times(
    documents: Iterable[Document], history: History, stage: ReviewStage, names: Names = NO_ALIASES
) -> list[Timing]:
    """How long each document of the stage's kind took from review start to approval: to the
    moment its approvals reached the quorum when they are recorded with dates, else to the
    approval date in frontmatter, else to the commit that approved it."""
    timings = []
    for doc in documents:
        if doc.kind != stage.kind:
            continue
        start = moment(field_value(doc, stage.start_field), text=True)
        quorum = quorum_of(doc, names)
        reached = quorum.reached if quorum is not None and quorum.met else None
        if reached is not None:
            begun = start or _review_start(doc, history, stage)
            if begun is not None:
                timings.append(Timing(doc, days_between(begun, reached), "approvals"))
                continue
        end = moment(field_value(doc, stage.end_field), text=True)
        if start is not None and end is not None and doc.status == stage.end_status:
            timings.append(Timing(doc, days_between(start, end), "frontmatter"))
            continue
        from_git = _status_dates(doc, history, stage)
        if from_git is not None:
            timings.append(Timing(doc, days_between(*from_git), "git"))
    return timings


def _status_dates(
    doc: Document, history: History, stage: ReviewStage
) -> tuple[datetime, datetime] | None:
    """When git first saw the (now approved) document in a start status, and then approved.

    Reads the file as of each commit that changed it, oldest first, and stops as soon as the
    answer is known (a document first committed already approved has no review in git).
    """
    if doc.status != stage.end_status:
        return None
    known = history.of(doc.source.abs_path)
    if known is None or known.truncated:
        return None
    started = None
    for touch in reversed(known.touches):  # oldest first
        status = status_at(history, touch, doc.spec.status_field)
        if started is None and status == stage.end_status:
            return None
        if started is None and status in stage.start_statuses:
            started = touch.when
        elif started is not None and status == stage.end_status:
            return started, touch.when
    return None


def _review_start(doc: Document, history: History, stage: ReviewStage) -> datetime | None:
    """When git first saw the document in one of the stage's start statuses."""
    known = history.of(doc.source.abs_path)
    if known is None or known.truncated:
        return None
    for touch in reversed(known.touches):  # oldest first
        if status_at(history, touch, doc.spec.status_field) in stage.start_statuses:
            return touch.when
    return None


def percentile(values: Sequence[Span], share: float) -> Span:
    """The nearest-rank percentile (`share` 0.9 for p90) of non-empty `values`."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def median_and_p90(spans: Iterable[Span]) -> tuple[Span, Span] | None:
    """The median (the mean of the middle two of an even count) and the nearest-rank 90th
    percentile of `spans`; None when there are none."""
    ordered = sorted(spans)
    if not ordered:
        return None
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return median, percentile(ordered, 0.9)


def timing_summary(timings: Sequence[Timing], target_days: float) -> dict[str, object]:
    days = [t.days for t in timings]
    return {
        "count": len(days),
        "target_days": target_days,
        "median_days": round(statistics.median(days), 1) if days else None,
        "p90_days": round(percentile(days, 0.9), 1) if days else None,
        "over_target": sum(d > target_days for d in days),
        "documents": [
            {"path": t.document.path, "days": round(t.days, 1), "basis": t.basis} for t in timings
        ],
    }


def field_value(doc: Document, name: str) -> object:
    """A field as validated (so `incident:` counts as `incident_date`), or the raw frontmatter
    key when the document's schema has no such field."""
    if name in type(doc.meta).model_fields:
        return getattr(doc.meta, name)
    return doc.frontmatter.get(name)


def postmortem_delays(documents: Iterable[Document], history: History) -> list[Timing]:
    """Days from each incident to its postmortem's publication (frontmatter `published`, else
    the postmortem's first commit)."""
    timings = []
    for doc in documents:
        if doc.kind != "postmortem":
            continue
        incident = moment(field_value(doc, "incident_date"), text=True)
        if incident is None:
            continue
        published = moment(field_value(doc, "published"), text=True)
        basis = "frontmatter"
        if published is None:
            known = history.of(doc.source.abs_path)
            published, basis = (known.created, "git") if known is not None else (None, "")
        if published is not None:
            timings.append(Timing(doc, days_between(incident, published), basis))
    return timings


def postmortem_summary(timings: Sequence[Timing]) -> dict[str, object]:
    within = sum(t.days * 24 <= POSTMORTEM_HOURS for t in timings)
    return {
        "count": len(timings),
        "target_hours": POSTMORTEM_HOURS,
        "within_target": within,
        "percent_within": round(100.0 * within / len(timings), 1) if timings else None,
        "documents": [
            {"path": t.document.path, "hours": round(t.days * 24, 1), "basis": t.basis}
            for t in timings
        ],
    }


@dataclass(frozen=True)
class Response:
    """How long one incident took to detect and to resolve, as its postmortem's key events say
    (None: they do not say)."""

    document: Document
    detect: timedelta | None
    resolve: timedelta | None

    @property
    def severity(self) -> int | None:
        return getattr(self.document.meta, "severity", None)


def response_summary(responses: Sequence[Response]) -> dict[str, Any]:
    """Times to detect and to resolve, median and p90 in minutes, over all postmortems and by
    severity (most severe first, unknown severity last), with how many are known and unknown."""
    severities = sorted({r.severity for r in responses}, key=lambda sev: (sev is None, sev or 0))
    return {
        "postmortems": len(responses),
        "overall": _response_figures(responses),
        "by_severity": [
            {
                "severity": severity,
                "postmortems": sum(r.severity == severity for r in responses),
                **_response_figures([r for r in responses if r.severity == severity]),
            }
            for severity in severities
        ],
        "documents": [
            {
                "path": r.document.path,
                "severity": r.severity,
                "detect_minutes": _minutes(r.detect),
                "resolve_minutes": _minutes(r.resolve),
            }
            for r in responses
        ],
    }


def _response_figures(responses: Sequence[Response]) -> dict[str, dict[str, Any]]:
    figures = {}
    for name in ("detect", "resolve"):
        spans = [span for r in responses if (span := getattr(r, name)) is not None]
        found = median_and_p90(spans)
        figures[name] = {
            "known": len(spans),
            "unknown": len(responses) - len(spans),
            "median_minutes": _minutes(found[0]) if found else None,
            "p90_minutes": _minutes(found[1]) if found else None,
        }
    return figures


def _minutes(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds() / 60, 1)
