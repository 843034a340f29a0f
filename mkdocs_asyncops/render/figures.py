"""Which charts the generated pages show, from the handbook and its health (drawn by charts.py).

The dashboard calls `dashboard_charts` in one line; the health pages and the decision log take
the chart of their own subject.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..health.assess import Health
from ..health.team import REVIEWS, Timing
from ..reading.model import Document
from .cells import doc_link
from .charts import Bar, Chart, Monthly, StackedRow, monthly, stacked_bars, target_bars
from .tables import Block, Figure

REVIEW_BARS = 20
"""The most recent reviews the review-time chart draws (the table above lists all)."""
NO_HISTORY = "Git history is unavailable, so there is no trend to draw."


def dashboard_charts(documents: Iterable[Document], health: Health | None) -> list[str | Block]:
    """The dashboard's charts: documents by kind and status, and the twelve-month trends."""
    blocks: list[str | Block] = ["## At a glance\n", status_chart(documents)]
    if health is not None:
        blocks += [coverage_trend(health), stale_trend(health), decision_trend(health)]
    return blocks


def status_chart(documents: Iterable[Document]) -> Figure:
    """One stacked bar per kind, its statuses in the kind's life-cycle order."""
    by_kind: dict[str, list[Document]] = {}
    for doc in documents:
        by_kind.setdefault(doc.kind, []).append(doc)
    rows = []
    for kind in sorted(by_kind):
        docs = by_kind[kind]
        spec = docs[0].spec
        counts = Counter(doc.status or "no status" for doc in docs)
        order = {status: index for index, status in enumerate(spec.statuses)}
        statuses = sorted(counts, key=lambda s: (s == "no status", order.get(s, len(order)), s))
        rows.append(StackedRow(spec.plural, tuple((s, counts[s]) for s in statuses)))
    return stacked_bars(
        Chart("status-by-kind", "Documents by kind and status", "No documents yet."), rows
    )


def review_charts(health: Health) -> list[str | Block]:
    """For each kind reviewed, the latest reviews' days to approval against the target."""
    blocks: list[str | Block] = []
    for stage in REVIEWS:
        timings = sorted(health.reviews[stage.kind], key=_when_decided)[-REVIEW_BARS:]
        label = health.kind_labels.get(stage.kind, stage.kind)
        total = len(health.reviews[stage.kind])
        shown = f", the latest {len(timings)} of {total}" if total > len(timings) else ""
        chart = Chart(
            f"review-{stage.kind}",
            f"{label}: days to approval{shown} (target {stage.target_days:g} days, "
            f"{stage.target_days * 24:g} hours)",
            f"No review of {label.lower()} has been measured yet.",
        )
        bars = [
            Bar(t.document.label, t.days, doc_link(t.document, t.document.label)) for t in timings
        ]
        blocks.append(target_bars(chart, bars, stage.target_days, "d"))
    return blocks


def _when_decided(timing: Timing) -> tuple[str, int, str]:
    doc = timing.document
    return (str(getattr(doc.meta, "date", None) or ""), doc.number or 0, doc.path)


def coverage_trend(health: Health) -> Figure:
    minimum = health.coverage.minimum
    points = tuple((t.month, t.coverage) for t in health.trends)
    chart = Chart(
        "trend-coverage",
        f"Documentation coverage, last twelve months (%; dashed: the {minimum:g} % minimum)"
        if minimum
        else "Documentation coverage, last twelve months (%)",
        NO_HISTORY if not health.history.available else "No systems are catalogued.",
    )
    return monthly(chart, Monthly(points, "%", 100, minimum or None), columns=False)


def stale_trend(health: Health) -> Figure:
    points = tuple((t.month, float(t.stale)) for t in health.trends)
    chart = Chart("trend-stale", "Stale documents at each month's end", NO_HISTORY)
    return monthly(chart, Monthly(points), columns=False)


def decision_trend(health: Health) -> Figure:
    points = tuple((t.month, float(t.decisions)) for t in health.trends)
    chart = Chart("trend-decisions", "Decisions per month", NO_HISTORY)
    return monthly(chart, Monthly(points), columns=True)
