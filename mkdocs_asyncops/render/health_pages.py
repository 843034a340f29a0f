"""The health of a handbook for people: pages for the site and reports for terminals.

Everything that comes from frontmatter, the catalog or git (titles, names, paths) is table text
(escaped by the table writers) or escaped here, so a name cannot inject HTML or break a table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..core.escape import md_text
from ..health.assess import Health
from ..health.drift import TOP_PATHS, Drift, top_paths
from ..health.in_flight import TARGET_MAX as IN_FLIGHT_MAX
from ..health.staleness import Freshness, owner_of
from ..health.team import MIN_BUS_FACTOR, POSTMORTEM_HOURS, REVIEWS
from ..reading.model import Document
from .figures import coverage_trend, review_charts, stale_trend
from .icons import mark, mark_html
from .response_times import response_lines, response_table
from .tables import Cell, GeneratedPage, Link, Markup, Strong, joined, table

PAGES = {
    "stale": "Stale documents",
    "drift": "Drift",
    "coverage": "Documentation coverage",
    "metrics": "Team health",
}
"""The generated pages, by file name (without `.md`), with their titles."""


def _coverage_cell(state: str, documents: Iterable[Document]) -> Cell:
    """One short mark and the number of documents; their titles in the tooltip and, as links,
    in the details that open below the mark (a system stays one line tall)."""
    docs = list(documents)
    if not docs:
        return mark(state)
    titles = html.escape("; ".join(doc.title for doc in docs))
    count = f'<span class="asyncops-count">{len(docs)}<span class="asyncops-sr"> documents</span></span>'
    summary = Markup(
        f'<details class="asyncops-cell asyncops-{state}"><summary title="{titles}">'
        f"{mark_html(state)} {count}</summary>",
        f"{state}: ",
    )
    links = joined(Link(doc.title, doc.source.src_uri) for doc in docs)
    return (summary, *links, Markup("</details>", ""))


def _days(value: object) -> str:
    return "–" if value is None else f"{value} d"


def _history_line(health: Health) -> str:
    history = health.history
    if not history.available:
        return f"Git history is unavailable ({md_text(history.reason)}): nothing is judged stale.\n"
    line = f"As of {health.now.date().isoformat()}, from git history at `{(history.head or 'no commit')[:12]}`."
    if history.shallow:
        line += " This is a shallow clone: documents whose history is cut off are not judged."
    return line + "\n"


def stale_page(health: Health) -> GeneratedPage:
    """The stale documents, stalest first, with owner, age and limit."""
    page = GeneratedPage().add(f"# {PAGES['stale']}\n", _history_line(health), stale_trend(health))
    if not health.stale:
        return page.add("No document is stale.\n")
    rows: list[list[Cell]] = []
    for item in health.stale:
        doc = item.document
        last = item.last.date().isoformat() if item.last else "–"
        rows.append(
            [
                Link(doc.title, doc.source.src_uri),
                doc.spec.label,
                owner_of(doc) or "–",
                f"{last} ({item.basis})",
                f"{item.age(health.now)} d",
                f"{item.max_age} d",
            ]
        )
    return page.add(
        table(["Document", "Kind", "Owner", "Last change or review", "Age", "Limit"], rows)
    )


def _limit(item: Drift) -> str:
    limit = item.limit
    if limit is None or not limit.judged:
        return "not judged"
    parts = [
        f"{limit.commits} commit{'s' * (limit.commits != 1)}" if limit.commits else "",
        f"{limit.lines:,} lines" if limit.lines else "",
    ]
    return " or ".join(part for part in parts if part)


def drift_page(health: Health) -> GeneratedPage:
    """Documents against their systems' code, most drifted first, with owner and counts."""
    page = GeneratedPage().add(f"# {PAGES['drift']}\n", _history_line(health))
    if not health.drift:
        return page.add(
            "No document covers a system whose catalog entry lists code `paths:`, or no such "
            "code has history.\n"
        )
    drifting = sum(item.drifting for item in health.drift)
    page.add(
        f"{drifting} of {len(health.drift)} documents covering catalogued code are drifting: their "
        "systems' code changed more since the document last changed or was reviewed than their "
        "kind allows.\n"
    )
    rows = []
    for item in health.drift:
        doc = item.document
        rows.append(
            [
                Link(doc.title, doc.source.src_uri),
                Strong("drifting")
                if item.drifting
                else ("within limit" if item.limit and item.limit.judged else "–"),
                doc.spec.label,
                owner_of(doc) or "–",
                ", ".join(item.systems),
                f"{item.since.date().isoformat()} ({item.basis})",
                str(item.commits),
                f"{item.lines:,}",
                _limit(item),
                ", ".join(f"{path} ({lines})" for path, lines, _ in item.paths[:TOP_PATHS]) or "–",
            ]
        )
    return page.add(
        table(
            [
                "Document",
                "Drift",
                "Kind",
                "Owner",
                "Systems",
                "Since",
                "Commits",
                "Lines",
                "Limit",
                "Most changed",
            ],
            rows,
        )
    )


def coverage_page(health: Health) -> GeneratedPage:
    """The matrix system x required kind, with the coverage figure against the minimum."""
    coverage = health.coverage
    page = GeneratedPage(wide=True).add(f"# {PAGES['coverage']}\n", _history_line(health))
    if not coverage.rows:
        return page.add(
            "No systems are catalogued; add `systems:` or `catalog:` to the plugin's options.\n"
        )
    verdict = "meets" if coverage.passes else "is under"
    page.add(
        f"**{coverage.percent:.1f} %** of systems ({coverage.covered} of {len(coverage.rows)}) have every "
        f"document they require, present and current; this {verdict} the {coverage.minimum:g} % minimum.\n",
        coverage_trend(health),
    )
    kinds = sorted({c.kind for row in coverage.rows for c in row.cells})
    rows: list[list[Cell]] = []
    for row in coverage.rows:
        states = {c.kind: c for c in row.cells}
        marks: list[Cell] = []
        for kind in kinds:
            found = states.get(kind)
            if found is None:
                marks.append("–")
                continue
            marks.append(_coverage_cell(found.state, found.documents))
        name = row.system.name if row.covered else Strong(row.system.name)
        rows.append([name, row.system.owner or "–", row.system.type, *marks])
    columns = ("asyncops-col-system", "asyncops-col-meta", "asyncops-col-meta")
    return page.add(
        table(["System", "Owner", "Type", *kinds], rows, css="asyncops-matrix", columns=columns)
    )


def metrics_page(health: Health) -> GeneratedPage:
    """Bus factor per system, review times against target, postmortem timeliness."""
    data = health.team_health()
    page = GeneratedPage().add(f"# {PAGES['metrics']}\n", _history_line(health), "## Bus factor\n")
    if health.bus_factors and health.history.available:
        page.add(
            f"Distinct people who wrote each system's documents; fewer than {MIN_BUS_FACTOR} is flagged.\n",
            table(
                ["System", "Bus factor", "People"],
                (
                    [
                        f.system.name,
                        (str(f.value), " ", mark("low"))
                        if f.value < MIN_BUS_FACTOR
                        else str(f.value),
                        ", ".join(f.people) or "–",
                    ]
                    for f in health.bus_factors
                ),
            ),
        )
    else:
        page.add("No catalogued systems, or no git history to count authors from.\n")
    rows: list[list[Cell]] = []
    for stage in REVIEWS:
        summary = data["reviews"][stage.kind]
        rows.append(
            [
                health.kind_labels.get(stage.kind, stage.kind),
                str(summary["count"]),
                _days(summary["median_days"]),
                _days(summary["p90_days"]),
                f"{stage.target_days:g} d",
                str(summary["over_target"]),
            ]
        )
    page.add(
        "## Review time\n",
        table(["Kind", "Reviewed", "Median", "p90", "Target", "Over target"], rows),
        *review_charts(health),
        "## Postmortems\n",
    )
    post = data["postmortems"]
    if post["count"]:
        page.add(
            f"{post['within_target']} of {post['count']} postmortems ({post['percent_within']} %) were "
            f"published within {POSTMORTEM_HOURS} hours of the incident.\n"
        )
    else:
        page.add("No postmortem has both an incident date and a publication date.\n")
    page.add(*response_table(data["response_times"]))
    _pr_review_time(page, data["pull_request_reviews"])
    return _context_switching(page, health)


def _pr_review_time(page: GeneratedPage, prs: dict[str, Any]) -> None:
    """PR review time, when a file of pull requests is configured."""
    if prs["source"] is not None:
        page.add(
            "## Pull request review time\n",
            f"From opening to the first review by someone else, in `{md_text(prs['source'])}`; "
            f"the target is under {prs['target_hours']:g} hours. Not reviewed yet: {prs['unreviewed']}.\n",
            table(
                ["Reviewed", "Median", "p90", "Target", "Over target"],
                [
                    [
                        str(prs["count"]),
                        _hours(prs["median_hours"]),
                        _hours(prs["p90_hours"]),
                        f"{prs['target_hours']:g} h",
                        str(prs["over_target"]),
                    ]
                ],
            ),
        )


def _context_switching(page: GeneratedPage, health: Health) -> GeneratedPage:
    """Efforts in flight per engineer against the target."""
    return page.add(
        "## Context switching\n",
        f"Efforts in flight each engineer owns or authors (designs in review or approved and not "
        f"implemented, integrations being specified or implemented, open action items); the "
        f"target is at most {IN_FLIGHT_MAX}.\n",
        table(
            ["Person", "In flight", "Efforts"],
            (
                [
                    p.person,
                    f"{p.count} ⚠️" if p.over_target else str(p.count),
                    joined((Link(e.title, e.document.source.src_uri) for e in p.efforts), "; "),
                ]
                for p in health.in_flight
            ),
            "Nobody has an effort in flight.",
        ),
    )


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:g} h"


def stale_notice(item: Freshness, now: datetime) -> str:
    """The notice shown at the top of a stale page."""
    last = item.last.date().isoformat() if item.last else "?"
    return (
        '<div class="admonition warning asyncops-stale"><p class="admonition-title">Possibly out of date</p>'
        f"<p>Last changed or reviewed {last}, {item.age(now)} days ago; the limit for "
        f"{html.escape(item.document.spec.a_label)} is {item.max_age} days. "
        f"Owner: {html.escape(owner_of(item.document) or 'nobody named')}.</p></div>"
    )


def drift_notice(item: Drift) -> str:
    """The notice shown at the top of a drifting page."""
    doc = item.document
    return (
        '<div class="admonition warning asyncops-drift"><p class="admonition-title">The code has moved on</p>'
        f"<p>Since this {html.escape(doc.spec.label.lower())} last changed or was reviewed "
        f"({item.since.date().isoformat()}), the code of {html.escape(', '.join(item.systems))} changed "
        f"in {item.commits} commits and {item.lines:,} lines; most changed: "
        f"{html.escape(top_paths(item))}. "
        f"Owner: {html.escape(owner_of(doc) or 'nobody named')}.</p></div>"
    )


PAGE_BUILDERS = {
    "stale": stale_page,
    "drift": drift_page,
    "coverage": coverage_page,
    "metrics": metrics_page,
}


def markdown_report(health: Health) -> str:
    """All three pages as one Markdown document, each heading one level down."""
    pages = (build(health).markdown(f"{name}.md") for name, build in PAGE_BUILDERS.items())
    return "# Handbook health\n\n" + "\n".join(
        re.sub(r"^(#+) ", r"#\1 ", page, flags=re.M) for page in pages
    )


def text_report(health: Health) -> str:
    """A plain-text summary for terminals."""
    now = health.now
    history = health.history
    lines = []
    if not history.available:
        lines.append(f"History: unavailable ({history.reason})")
    else:
        lines.append(
            f"History: {len(health.freshness)} documents at {(history.head or 'no commit')[:12]}"
            + (" (shallow clone)" if history.shallow else "")
        )
    lines += ["", f"Stale documents: {len(health.stale)}"]
    for item in health.stale:
        doc = item.document
        owner = owner_of(doc) or "no owner"
        lines.append(
            f"  {doc.path}  {doc.kind}  {owner}  {item.age(now)} days (limit {item.max_age})"
        )
    drifting = [item for item in health.drift if item.drifting]
    lines += ["", f"Drifting documents: {len(drifting)} of {len(health.drift)} measured"]
    for drift in drifting:
        doc = drift.document
        lines.append(
            f"  {doc.path}  {doc.kind}  {owner_of(doc) or 'no owner'}  {drift.commits} commits, "
            f"{drift.lines} lines since {drift.since.date().isoformat()} ({_limit(drift)}): "
            f"{top_paths(drift)}"
        )
    coverage = health.coverage
    lines.append("")
    if coverage.percent is None:
        lines.append("Coverage: no systems catalogued")
    else:
        verdict = "ok" if coverage.passes else "BELOW MINIMUM"
        lines.append(
            f"Coverage: {coverage.percent:.1f} % ({coverage.covered} of {len(coverage.rows)} systems), "
            f"minimum {coverage.minimum:g} %: {verdict}"
        )
        for row in coverage.short:
            lines.append(f"  short: {row.shortfall()}")
    lines += ["", "Bus factor:" if health.bus_factors else "Bus factor: no systems catalogued"]
    for factor in health.bus_factors:
        flag = "  (under 3)" if factor.value < MIN_BUS_FACTOR else ""
        lines.append(f"  {factor.system.name}: {factor.value}{flag}")
    lines.append("")
    team = health.team_health()
    for stage in REVIEWS:
        s = team["reviews"][stage.kind]
        lines.append(
            f"Review time, {stage.kind}: {s['count']} reviewed, median {_days(s['median_days'])}, "
            f"p90 {_days(s['p90_days'])}, target {stage.target_days:g} d, {s['over_target']} over"
        )
    post = team["postmortems"]
    lines.append(
        f"Postmortems within {POSTMORTEM_HOURS} h: {post['within_target']} of {post['count']}"
    )
    lines += response_lines(team["response_times"])
    return "\n".join(lines)
