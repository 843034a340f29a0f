"""The decision timeline: every ADR by month, newest first, with its supersessions.

Each entry shows the ADR's number, its status badge and its title, linked to the ADR. A
supersession (and an amendment) is drawn on both entries as a connector (a CSS line) leading
to the other decision, named in words and linked to its entry: "superseded by ADR-0007",
"supersedes ADR-0003", never by colour alone. A decision's month is its frontmatter `date`, else the
commit that added it, else it is listed under "Undated".
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime

from ..core.escape import badge, css_name, md_text
from ..dates import moment
from ..handbook.relations import Handbook
from ..pipeline import Checked
from ..reading.model import Document
from .cells import doc_link, page_link, status_cell
from .charts import month_label
from .tables import Cell, Figure, GeneratedPage, Href, joined, table

TITLE = "Decision timeline"
UNDATED = "Undated"
LINKS = (
    ("superseded_by", "superseded by"),
    ("supersedes", "supersedes"),
    ("amended_by", "amended by"),
    ("amends", "amends"),
)
"""The relations an entry names, each with its connector: supersessions first."""


def entry_id(doc: Document) -> str:
    """The anchor of a decision's entry on the timeline: `timeline-adr-0007`."""
    return f"timeline-{css_name(doc.id)}"


def decided_at(doc: Document, checked: Checked) -> datetime | None:
    """The decision's date: its frontmatter `date`, else when git first saw it."""
    stated = moment(getattr(doc.meta, "date", None))
    if stated is not None:
        return stated
    health = checked.health
    known = health.history.of(doc.source.abs_path) if health is not None else None
    return known.created if known is not None else None


def by_month(checked: Checked) -> list[tuple[str, list[tuple[datetime | None, Document]]]]:
    """The ADRs grouped by month (`2024-05`, or `Undated` last), newest first."""
    groups: dict[str, list[tuple[datetime | None, Document]]] = {}
    for doc in checked.handbook.by_kind("adr"):
        when = decided_at(doc, checked)
        groups.setdefault(when.strftime("%Y-%m") if when else UNDATED, []).append((when, doc))
    for entries in groups.values():
        entries.sort(key=lambda e: (e[0].timestamp() if e[0] else 0.0, e[1].number or 0))
        entries.reverse()
    months = sorted((m for m in groups if m != UNDATED), reverse=True)
    return [(m, groups[m]) for m in months + ([UNDATED] if UNDATED in groups else [])]


def timeline_page(checked: Checked, page_uri: str, decision_log: str) -> GeneratedPage:
    """The timeline page: a section per month, an entry per decision."""
    groups = by_month(checked)
    page = GeneratedPage().add(
        f"# {TITLE}\n",
        "Every architecture decision by month, newest first. A line under an entry leads to "
        "each decision that supersedes or amends it, or that it supersedes or amends, named "
        "beside it.\n",
        f"{page_link(decision_log, page_uri, 'Every decision with all its relations: the decision log')}\n",
    )
    if not groups:
        return page.add("*No decisions recorded yet.*\n")
    on_page = {doc.path for _, entries in groups for _, doc in entries}
    for month, entries in groups:
        page.add(
            f"## {md_text(_month_heading(month))}\n", _month(checked.handbook, entries, on_page)
        )
    return page


def _month_heading(month: str) -> str:
    if month == UNDATED:
        return UNDATED
    name, year = month_label(month)
    return f"{name} {year}"


def _month(
    handbook: Handbook, entries: list[tuple[datetime | None, Document]], on_page: set[str]
) -> Figure:
    """One month's entries as a list on the site, and as a table in Markdown."""
    related = {
        doc.path: [(words, handbook.related(doc, relation)) for relation, words in LINKS]
        for _, doc in entries
    }

    pieces: list[str | Href] = ['<ol class="asyncops-timeline">']
    for when, doc in entries:
        pieces += _entry(when, doc, related[doc.path], on_page)
    pieces.append("</ol>")
    rows: list[list[Cell]] = [
        [
            doc_link(doc, doc.id),
            status_cell(doc.status),
            doc_link(doc),
            when.date().isoformat() if when else "",
            joined((f"{words} {', '.join(t.label for t in targets)}"
                    for words, targets in related[doc.path] if targets), "; "),
        ]
        for when, doc in entries
    ]  # fmt: skip
    return Figure(tuple(pieces), table(["ADR", "Status", "Title", "Date", "Supersessions"], rows))


def _entry(
    when: datetime | None,
    doc: Document,
    related: Iterable[tuple[str, list[Document]]],
    on_page: set[str],
) -> list[str | Href]:
    """One decision: date, number, status badge and title, then a connector per supersession."""
    href = Href(doc.source.src_uri)
    superseded = " asyncops-timeline-superseded" if doc.status == "superseded" else ""
    pieces: list[str | Href] = [
        (
            f'<li class="asyncops-timeline-entry{superseded}" id="{entry_id(doc)}">'
            f'<span class="asyncops-timeline-date">{when.date().isoformat() if when else ""}</span> '
            '<a class="asyncops-timeline-id" href="'
        ),
        href,
        (
            f'">{html.escape(doc.id)}</a> {badge(doc.status or "no status")} '
            '<a class="asyncops-timeline-title" href="'
        ),
        href,
        f'">{html.escape(doc.title)}</a>',
    ]
    links = [(words, target) for words, targets in related for target in targets]
    if links:
        pieces.append('<ul class="asyncops-timeline-links">')
        for words, target in links:
            pieces.append(
                f'<li class="asyncops-timeline-link asyncops-timeline-{css_name(words)}">'
                f'<span class="asyncops-timeline-words">{words}</span> <a href="'
            )
            pieces.append(
                html.escape(f"#{entry_id(target)}")
                if target.path in on_page
                else Href(target.source.src_uri)
            )
            pieces.append(
                f'">{html.escape(target.label)}</a> '
                f'<span class="asyncops-timeline-other">{html.escape(target.title)}</span></li>'
            )
        pieces.append("</ul>")
    pieces.append("</li>")
    return pieces
