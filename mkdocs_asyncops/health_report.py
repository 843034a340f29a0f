"""The health of a handbook for people: Markdown pages for the site and a text report for terminals.

Everything that comes from frontmatter, the catalog or git (titles, names, paths) is escaped, so a
name cannot inject HTML or break a table.
"""

from __future__ import annotations

import html
import posixpath
import re
from datetime import datetime

from .coverage import MISSING, PRESENT, STALE
from .health import Health
from .staleness import Freshness, owner_of
from .team_health import MIN_BUS_FACTOR, POSTMORTEM_HOURS, REVIEWS

PAGES = {"stale": "Stale documents", "coverage": "Documentation coverage", "metrics": "Team health"}
"""The generated pages, by file name (without `.md`), with their titles."""

_MARKDOWN_SPECIALS = str.maketrans({"|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;"})
_STATE_MARK = {PRESENT: "✅ present", STALE: "⚠️ stale", MISSING: "❌ missing"}


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: HTML and Markdown syntax escaped."""
    return html.escape(str(text)).translate(_MARKDOWN_SPECIALS).replace("\n", " ")


def _link(title: str, target_uri: str, page_uri: str) -> str:
    return f"[{cell(title)}]({posixpath.relpath(target_uri, posixpath.dirname(page_uri) or '.')})"


def _days(value: object) -> str:
    return "–" if value is None else f"{value} d"


def _history_line(health: Health) -> str:
    history = health.history
    if not history.available:
        return f"Git history is unavailable ({cell(history.reason)}): nothing is judged stale."
    line = f"As of {health.now.date().isoformat()}, from git history at `{(history.head or 'no commit')[:12]}`."
    if history.shallow:
        line += " This is a shallow clone: documents whose history is cut off are not judged."
    return line


def stale_page(health: Health, page_uri: str) -> str:
    """The stale documents, stalest first, with owner, age and limit."""
    lines = [f"# {PAGES['stale']}", "", _history_line(health), ""]
    if not health.stale:
        lines.append("No document is stale.")
        return "\n".join(lines) + "\n"
    lines += ["| Document | Kind | Owner | Last change or review | Age | Limit |", "| --- | --- | --- | --- | --- | --- |"]
    for item in health.stale:
        doc = item.document
        last = item.last.date().isoformat() if item.last else "–"
        lines.append(
            f"| {_link(doc.title, doc.source.src_uri, page_uri)} | {cell(doc.spec.label)} | "
            f"{cell(owner_of(doc) or '–')} | {last} ({item.basis}) | "
            f"{item.age(health.now)} d | {item.max_age} d |"
        )
    return "\n".join(lines) + "\n"


def coverage_page(health: Health, page_uri: str) -> str:
    """The matrix system x required kind, with the coverage figure against the minimum."""
    coverage = health.coverage
    lines = [f"# {PAGES['coverage']}", "", _history_line(health), ""]
    if not coverage.rows:
        lines.append("No systems are catalogued; add `systems:` or `catalog:` to the plugin's options.")
        return "\n".join(lines) + "\n"
    verdict = "meets" if coverage.passes else "is under"
    lines += [
        f"**{coverage.percent:.1f} %** of systems ({coverage.covered} of {len(coverage.rows)}) have every "
        f"document they require, present and current; this {verdict} the {coverage.minimum:g} % minimum.",
        "",
    ]
    kinds = sorted({c.kind for row in coverage.rows for c in row.cells})
    lines += ["| System | Owner | Type | " + " | ".join(kinds) + " |", "| --- " * (3 + len(kinds)) + "|"]
    for row in coverage.rows:
        states = {c.kind: c for c in row.cells}
        marks = []
        for kind in kinds:
            found = states.get(kind)
            if found is None:
                marks.append("–")
                continue
            links = ", ".join(_link(doc.title, doc.source.src_uri, page_uri) for doc in found.documents)
            marks.append(_STATE_MARK[found.state] + (f": {links}" if links else ""))
        name = cell(row.system.name) if row.covered else f"**{cell(row.system.name)}**"
        lines.append(f"| {name} | {cell(row.system.owner or '–')} | {cell(row.system.type)} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"


def metrics_page(health: Health, page_uri: str) -> str:
    """Bus factor per system, review times against target, postmortem timeliness."""
    data = health.team_health()
    lines = [f"# {PAGES['metrics']}", "", _history_line(health), "", "## Bus factor", ""]
    if health.bus_factors and health.history.available:
        lines += [
            f"Distinct people who wrote each system's documents; fewer than {MIN_BUS_FACTOR} is flagged.",
            "",
            "| System | Bus factor | People |",
            "| --- | --- | --- |",
        ]
        for factor in health.bus_factors:
            flag = " ⚠️" if factor.value < MIN_BUS_FACTOR else ""
            people = ", ".join(cell(p) for p in factor.people) or "–"
            lines.append(f"| {cell(factor.system.name)} | {factor.value}{flag} | {people} |")
    else:
        lines.append("No catalogued systems, or no git history to count authors from.")
    lines += ["", "## Review time", "", "| Kind | Reviewed | Median | p90 | Target | Over target |", "| --- " * 6 + "|"]
    for stage in REVIEWS:
        summary = data["reviews"][stage.kind]
        label = health.kind_labels.get(stage.kind, stage.kind)
        lines.append(
            f"| {cell(label)} | {summary['count']} | {_days(summary['median_days'])} | {_days(summary['p90_days'])} "
            f"| {stage.target_days:g} d | {summary['over_target']} |"
        )
    post = data["postmortems"]
    lines += ["", "## Postmortems", ""]
    if post["count"]:
        lines.append(
            f"{post['within_target']} of {post['count']} postmortems ({post['percent_within']} %) were "
            f"published within {POSTMORTEM_HOURS} hours of the incident."
        )
    else:
        lines.append("No postmortem has both an incident date and a publication date.")
    return "\n".join(lines) + "\n"


def stale_notice(item: Freshness, now: datetime) -> str:
    """The notice shown at the top of a stale page."""
    last = item.last.date().isoformat() if item.last else "?"
    return (
        '<div class="admonition warning asyncops-stale"><p class="admonition-title">Possibly out of date</p>'
        f"<p>Last changed or reviewed {last}, {item.age(now)} days ago; the limit for "
        f"{html.escape(item.document.spec.a_label)} is {item.max_age} days. "
        f"Owner: {html.escape(owner_of(item.document) or 'nobody named')}.</p></div>"
    )


PAGE_BUILDERS = {"stale": stale_page, "coverage": coverage_page, "metrics": metrics_page}


def markdown_report(health: Health) -> str:
    """All three pages as one Markdown document, each heading one level down."""
    pages = (build(health, f"{name}.md") for name, build in PAGE_BUILDERS.items())
    return "# Handbook health\n\n" + "\n".join(re.sub(r"^(#+) ", r"#\1 ", page, flags=re.M) for page in pages)


def text_report(health: Health) -> str:
    """A plain-text summary for terminals."""
    now = health.now
    history = health.history
    lines = []
    if not history.available:
        lines.append(f"History: unavailable ({history.reason})")
    else:
        lines.append(f"History: {len(health.freshness)} documents at {(history.head or 'no commit')[:12]}"
                     + (" (shallow clone)" if history.shallow else ""))
    lines += ["", f"Stale documents: {len(health.stale)}"]
    for item in health.stale:
        doc = item.document
        owner = owner_of(doc) or "no owner"
        lines.append(f"  {doc.path}  {doc.kind}  {owner}  {item.age(now)} days (limit {item.max_age})")
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
    lines += ["", "Bus factor:"]
    for factor in health.bus_factors:
        flag = "  (under 3)" if factor.value < MIN_BUS_FACTOR else ""
        lines.append(f"  {factor.system.name}: {factor.value}{flag}")
    team = health.team_health()
    for stage in REVIEWS:
        s = team["reviews"][stage.kind]
        lines.append(
            f"Review time, {stage.kind}: {s['count']} reviewed, median {_days(s['median_days'])}, "
            f"p90 {_days(s['p90_days'])}, target {stage.target_days:g} d, {s['over_target']} over"
        )
    post = team["postmortems"]
    lines.append(f"Postmortems within {POSTMORTEM_HOURS} h: {post['within_target']} of {post['count']}")
    return "\n".join(lines)
