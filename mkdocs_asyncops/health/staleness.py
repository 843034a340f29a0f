"""Staleness: which documents have gone longer without a change or a review than their kind allows.

A document's last sign of life is its frontmatter `reviewed:` date when it has one, else the last
commit that changed it (now, when it has uncommitted changes). Its limit is its `review_interval:`
when it has one, else its kind's maximum age. Records (accepted ADRs, postmortems, retired
integrations) describe the past and never go stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..core.diagnostics import Diagnostic, diagnostic
from ..dates import calendar_days, moment, parse_interval, utc
from ..history.model import History
from ..reading.model import Document

RECORD_STATUSES: dict[str, frozenset[str] | None] = {
    "adr": frozenset({"accepted", "rejected", "superseded", "deprecated"}),
    "postmortem": None,
    "design": frozenset({"rejected", "withdrawn"}),
    "integration": frozenset({"retired"}),
}
"""Statuses that make a document a record of the past (None: every status)."""


@dataclass(frozen=True)
class Freshness:
    """How current one document is."""

    document: Document
    last: datetime | None
    """Its last change or review; None when unknown (no history, or cut off by a shallow clone)."""
    basis: str
    """Where `last` comes from: `reviewed`, `git`, `uncommitted` or `unknown`."""
    max_age: int | None
    """Days allowed; None when the document never goes stale."""

    def age(self, now: datetime) -> int | None:
        return None if self.last is None else max(calendar_days(self.last, now), 0)

    def is_stale(self, now: datetime) -> bool:
        age = self.age(now)
        return age is not None and self.max_age is not None and age > self.max_age


def owner_of(document: Document) -> str:
    """Who keeps the document current: its `owner`, else its `author`, else nobody named."""
    for key in ("owner", "author"):
        value = document.frontmatter.get(key)
        if value:
            return str(value)
    return ""


def is_record(document: Document) -> bool:
    return record_status(document.kind, document.status)


def record_status(kind: str, status: str | None) -> bool:
    """Whether a document of `kind` in `status` is a record of the past (never stale)."""
    statuses = RECORD_STATUSES.get(kind, frozenset())
    return statuses is None or (status or "") in statuses


def freshness(
    documents: Iterable[Document], history: History, max_age: Mapping[str, int]
) -> tuple[list[Freshness], list[Diagnostic]]:
    """How current each document is, and problems with its `reviewed` and `review_interval`."""
    results, problems = [], []
    for doc in documents:
        interval = doc.frontmatter.get("review_interval")
        limit = parse_interval(interval) if interval is not None else max_age.get(doc.kind) or None
        if interval is not None and limit is None:
            problems.append(
                diagnostic(
                    doc.path,
                    doc.line_of("review_interval"),
                    "ASY023",
                    f"review_interval {interval!r} is not a duration; write days (90) or 90d, 12w, 6m, 1y",
                )
            )
            limit = max_age.get(doc.kind) or None
        if is_record(doc):
            limit = None
        reviewed = doc.frontmatter.get("reviewed")
        if reviewed is not None and moment(reviewed, text=True) is None:
            problems.append(
                diagnostic(
                    doc.path,
                    doc.line_of("reviewed"),
                    "ASY023",
                    f"reviewed {reviewed!r} is not a date; write YYYY-MM-DD",
                )
            )
            reviewed = None
        if reviewed is not None:
            last, basis = moment(reviewed, text=True), "reviewed"
        else:
            known = history.of(doc.source.abs_path)
            if known is None or known.modified is None:
                last, basis = None, "unknown"
            else:
                last, basis = known.modified, "uncommitted" if known.uncommitted else "git"
        results.append(Freshness(doc, last, basis, limit))
    return results, problems


def stale_documents(results: Iterable[Freshness], now: datetime) -> list[Freshness]:
    """The stale ones, stalest (oldest) first, then by path."""
    stale = [item for item in results if item.is_stale(now)]
    return sorted(stale, key=lambda item: (-(item.age(now) or 0), item.document.path))


def stale_diagnostics(stale: Iterable[Freshness], now: datetime) -> list[Diagnostic]:
    """One ASY401 warning per stale document, at its `reviewed` line or its first line."""
    problems = []
    for item in stale:
        doc = item.document
        since = "reviewed" if item.basis == "reviewed" else "last changed"
        assert item.last is not None
        problems.append(
            diagnostic(
                doc.path,
                doc.line_of("reviewed") if item.basis == "reviewed" else 1,
                "ASY401",
                f"{since} {utc(item.last).date().isoformat()}, {item.age(now)} days ago, over the "
                f"{item.max_age}-day limit for {doc.spec.a_label}; bring it up to date, or confirm it "
                f"is current with `reviewed: {utc(now).date().isoformat()}`",
            )
        )
    return problems


def stale_row(item: Freshness, now: datetime) -> dict[str, object]:
    """One stale document as plain data."""
    doc = item.document
    return {
        "path": doc.path,
        "url": doc.source.src_uri,
        "title": doc.title,
        "kind": doc.kind,
        "owner": owner_of(doc),
        "last": item.last.date().isoformat() if item.last else None,
        "basis": item.basis,
        "age_days": item.age(now),
        "max_age_days": item.max_age,
    }
