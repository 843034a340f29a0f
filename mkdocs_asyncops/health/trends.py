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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..core.kinds import fold_status
from ..dates import moment, parse_interval, utc
from ..history.reader import FileHistory, History, Touch
from ..history.statuses import status_changes, values_at
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
    judged: dict[tuple[str, str], tuple[bool, int | None, datetime | None]] = {}

    def judge(doc: Document, touch: Touch) -> tuple[bool, int | None, datetime | None]:
        """Whether the blob of `touch` makes `doc` a record, its limit and `reviewed` date
        (read once per blob: months share them)."""
        key = (touch.blob, doc.path)
        if key not in judged:
            judged[key] = _as_written(doc, history, touch, max_age)
        return judged[key]

    decided = _decisions(items, known, history)
    trends = []
    for label, end in months(history.now)[:-1]:
        present, stale = [], set()
        for item in items:
            found = known[item.document.path]
            last = next((t for t in found.touches if t.when < end), None) if found else None
            if last is None:  # newest first: the last commit before then
                continue
            present.append(item.document)
            if _stale_then(item.document, last, end, judge):
                stale.add(item.document.path)
        # before the first document there was no handbook to cover anything: no figure
        coverage = (
            measure(systems, present, frozenset(stale), coverage_now.minimum).percent
            if present
            else None
        )
        trends.append(MonthTrend(label, len(present), len(stale), coverage, decided[label]))
    label = month_of(history.now)
    trends.append(MonthTrend(label, len(items), stale_now, coverage_now.percent, decided[label]))
    return trends


Judge = Callable[[Document, Touch], tuple[bool, int | None, datetime | None]]
"""Reads, once per version of a document, what staleness needs from it (`_as_written`)."""


def _stale_then(doc: Document, last: Touch, end: datetime, judge: Judge) -> bool:
    """Whether `doc` was stale at `end`, as its last commit before then (`last`) left it."""
    if RECORD_STATUSES.get(doc.kind, frozenset()) is None:
        return False
    record, limit, reviewed = judge(doc, last)
    if record or not limit:
        return False
    since = min(reviewed, end) if reviewed is not None else last.when
    return (end - since).days > limit


def _as_written(
    doc: Document, history: History, touch: Touch, max_age: Mapping[str, int]
) -> tuple[bool, int | None, datetime | None]:
    """From the version of `doc` that `touch` left: whether its status made it a record, its limit in days
    (its `review_interval`, else its kind's), and its `reviewed` date."""
    values = values_at(history, touch, (doc.spec.status_field, "review_interval", "reviewed"))
    status = values[doc.spec.status_field]
    interval, reviewed = values["review_interval"], values["reviewed"]
    limit = (parse_interval(interval) if interval else None) or max_age.get(doc.kind)
    return (
        record_status(doc.kind, fold_status(status) if status else None),
        limit,
        moment(reviewed, text=True) if reviewed else None,
    )


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
