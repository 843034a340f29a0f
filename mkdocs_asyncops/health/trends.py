"""Trends over the last twelve months from the history already read: no git process of its own.

Each past month is judged as the repository stood at its end: the documents that existed then
(committed before the month's end), each as its last commit before then left it (status,
`reviewed:`, `review_interval:`, read from that blob with the patterns of `history/statuses.py`),
against the kinds' limits of today and the catalog of today. The current month is what the
health pages say now. A decision is counted in the month its ADR was first committed with a
decided status (accepted, rejected, superseded or deprecated).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..core.kinds import fold_status
from ..dates import moment, parse_interval, utc
from ..history.model import FileHistory, History, Touch
from ..history.statuses import status_changes, values_at, was_read
from ..reading.model import Document
from .catalog import System
from .coverage import Coverage, measure
from .staleness import RECORD_STATUSES, Freshness, record_status

MONTHS = 12
DECIDED = RECORD_STATUSES["adr"] or frozenset()


@dataclass(frozen=True)
class MonthTrend:
    """The handbook at the end of one month (`2026-03`)."""

    month: str
    documents: int
    stale: int
    coverage: float | None
    """Covered systems in percent; None without catalogued systems or documents yet."""
    decisions: int
    """ADRs decided during the month."""


def month_of(when: datetime) -> str:
    return utc(when).strftime("%Y-%m")


def months(now: datetime, count: int = MONTHS) -> list[tuple[str, datetime]]:
    """The last `count` months to `now`'s, oldest first: each label, and the moment it is
    judged at (the first instant of the next month; `now` for the current one)."""
    now = utc(now)
    year, month = now.year, now.month
    found = [(f"{year:04d}-{month:02d}", now)]
    for _ in range(count - 1):
        end = now.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        found.append((f"{year:04d}-{month:02d}", end))
    return found[::-1]


def monthly_trends(
    freshness: Iterable[Freshness],
    stale_now: int,
    coverage_now: Coverage,
    history: History,
    systems: Iterable[System],
    max_age: Mapping[str, int],
) -> list[MonthTrend]:
    """Documents, stale documents, coverage and decisions for each of the last twelve months;
    none without history."""
    if not history.available:
        return []
    items = list(freshness)
    systems = list(systems)
    known = {item.document.path: history.of(item.document.source.abs_path) for item in items}
    ended = months(history.now)[:-1]
    present: list[list[Document]] = [[] for _ in ended]
    stale: list[set[str]] = [set() for _ in ended]
    ends = tuple(end for _, end in ended)
    for item in items:
        doc = item.document
        found = known[doc.path]
        if found is None:
            continue
        for index, was_stale in _past_months(doc, found, ends, history, max_age):
            present[index].append(doc)
            if was_stale:
                stale[index].add(doc.path)
    decided = _decisions(items, known, history)
    trends = []
    for (label, _), docs, paths in zip(ended, present, stale, strict=True):
        # before the first document there was no handbook to cover anything: no figure
        coverage = (
            measure(systems, docs, frozenset(paths), coverage_now.minimum).percent if docs else None
        )
        trends.append(MonthTrend(label, len(docs), len(paths), coverage, decided[label]))
    label = month_of(history.now)
    trends.append(MonthTrend(label, len(items), stale_now, coverage_now.percent, decided[label]))
    return trends


def _past_months(
    doc: Document,
    found: FileHistory,
    ends: tuple[datetime, ...],
    history: History,
    max_age: Mapping[str, int],
) -> list[tuple[int, bool]]:
    """Each month (by its index in `ends`, the moments the months are judged at) that `doc`
    existed at the end of, and whether it was stale then. Worked out once for its commits
    (`History.derived`): it depends on them, its kind and that kind's limit, not on its text
    now, which an edit in `mkdocs serve` changes."""
    touches = found.touches

    def work() -> tuple[list[tuple[int, bool]], bool]:
        versions = _Versions(doc, history, max_age)
        existed = []
        for index, end in enumerate(ends):
            last = next((t for t in touches if t.when < end), None)
            if last is not None:  # newest first: the last commit before then
                existed.append((index, versions.stale_at(last, end)))
        return existed, versions.all_read

    key = ("trends", ends, doc.kind, doc.spec.status_field, max_age.get(doc.kind))
    return history.derived_answer(touches, key, work)


class _Versions:
    """Whether one document was stale at a moment, as its last commit before then left it; each
    version is read once (`_as_written`), for the months it was the last one of."""

    def __init__(self, doc: Document, history: History, max_age: Mapping[str, int]) -> None:
        self.doc, self.history, self.max_age = doc, history, max_age
        self.judged = RECORD_STATUSES.get(doc.kind, frozenset()) is not None
        self.touch: Touch | None = None
        self.written: tuple[bool, int | None, datetime | None] = (True, None, None)
        self.all_read = True
        """Whether every version judged was read (`statuses.was_read`)."""

    def stale_at(self, last: Touch, end: datetime) -> bool:
        if not self.judged:  # a kind that is never stale
            return False
        if last is not self.touch:
            self.touch, self.written = last, _as_written(self.doc, self.history, last, self.max_age)
            self.all_read = self.all_read and was_read(self.history, last, _keys(self.doc))
        record, limit, reviewed = self.written
        if record or not limit:
            return False
        since = min(reviewed, end) if reviewed is not None else last.when
        return (end - since).days > limit


def _as_written(
    doc: Document, history: History, touch: Touch, max_age: Mapping[str, int]
) -> tuple[bool, int | None, datetime | None]:
    """From the version of `doc` that `touch` left: whether its status made it a record, its limit in days
    (its `review_interval`, else its kind's), and its `reviewed` date."""
    values = values_at(history, touch, _keys(doc))
    status = values[doc.spec.status_field]
    interval, reviewed = values["review_interval"], values["reviewed"]
    limit = (parse_interval(interval) if interval else None) or max_age.get(doc.kind)
    return (
        record_status(doc.kind, fold_status(status) if status else None),
        limit,
        moment(reviewed, text=True) if reviewed else None,
    )


def _keys(doc: Document) -> tuple[str, str, str]:
    """The frontmatter keys the trends read of each version of `doc`."""
    return (doc.spec.status_field, "review_interval", "reviewed")


def _decisions(
    items: list[Freshness], known: Mapping[str, FileHistory | None], history: History
) -> Counter[str]:
    """How many ADRs were first committed with a decided status, by month."""
    counts: Counter[str] = Counter()
    for item in items:
        doc = item.document
        found = known[doc.path]
        if doc.kind != "adr" or found is None:
            continue
        changes = status_changes(found, history, doc.spec.status_field)
        first = next((c for c in changes if c.new in DECIDED), None)
        if first is not None:
            counts[month_of(first.when)] += 1
    return counts
