"""The generated pages of the handbook: decision log, boards, indexes (the home page is home.py).

Each page is a function of the checked handbook and its boards, so it is rebuilt from scratch
on every build. A page is Markdown prose and tables (`tables.GeneratedPage`); links name the documents'
source paths and become URLs where the page is written. Text taken from frontmatter or
headings goes into prose through `md_text` and into tables as plain text, escaped by the table
writers, so no title can inject HTML or a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from ..boards.board import Boards
from ..boards.events import Event
from ..boards.key_events import median_and_p90, minutes
from ..boards.postmortems import response_times
from ..boards.reviews import Review
from ..core.escape import md_text, mermaid_label
from ..core.kinds import KindSpec
from ..core.settings import PageUrls
from ..dates import shown
from ..pipeline import Checked
from ..reading.model import RELATIONS, Document
from .cells import (
    END,
    NOWRAP,
    badge_cell,
    chip,
    date_text,
    doc_link,
    due_cell,
    page_link,
    people,
    short_link,
    status_cell,
    status_label,
    tag_cells,
    time_left_chip,
)
from .figures import decision_trend
from .home import home
from .organisation import organisation_page
from .people_page import people_page
from .pipeline_page import integration_board
from .tables import Cell, GeneratedPage, Markup, Table, joined, table
from .timeline import TITLE as TIMELINE
from .timeline import timeline_page
from .week_page import this_week_page


def page_titles(urls: PageUrls, kinds: Iterable[KindSpec]) -> dict[str, str]:
    """The title of every generated page by site path: the boards, and an index for each kind
    without a board. The same for any set of documents, so a site can list the pages (and put
    them in its navigation) before the documents are read."""
    titles = {
        urls.home: "Handbook",
        urls.decision_log: "Decision log",
        urls.reviews: "Design reviews",
        urls.integrations: "Integration pipeline",
        urls.postmortems: "Postmortems",
        urls.people: "People",
        urls.this_week: "This week",
        urls.timeline: TIMELINE,
    }
    for spec in sorted(kinds, key=lambda s: s.name):
        titles.setdefault(urls.index_of(spec.name), spec.plural)
    return titles


def render_pages(
    checked: Checked,
    boards: Boards,
    urls: PageUrls,
    kinds: Iterable[KindSpec],
    as_of: datetime | None = None,
    events: Iterable[Event] = (),
    feed: str | None = "feed.xml",
) -> dict[str, GeneratedPage]:
    """Every generated page (see `page_titles`) by site path. `as_of` is the date the boards were
    judged at when it was configured; the clock's time is never written, so rebuilds stay identical."""
    documents = checked.documents
    pages = {
        urls.home: home(checked, boards, urls),
        urls.decision_log: decision_log(checked, urls),
        urls.reviews: review_board(checked, boards, as_of, urls),
        urls.integrations: integration_board(boards),
        urls.postmortems: postmortem_board(boards),
        urls.people: people_page(checked, boards, checked.health.stale if checked.health else []),
        urls.this_week: this_week_page(events, boards.now, as_of, urls.this_week, feed),
        urls.timeline: timeline_page(checked, urls.timeline, urls.decision_log),
    }
    if checked.remotes:
        pages[urls.organisation] = organisation_page(checked)
    for spec in sorted(kinds, key=lambda s: s.name):
        pages.setdefault(
            urls.index_of(spec.name),
            kind_index(spec.plural, [d for d in documents if d.kind == spec.name]),
        )
    return pages


DECISION_COLUMNS = (
    "asyncops-col-id asyncops-find",
    "asyncops-col-title asyncops-find",
    "asyncops-col-status",
    "asyncops-col-date",
    "asyncops-col-people asyncops-find",
    "asyncops-col-tags asyncops-find",
    "asyncops-col-relations",
)
"""The decision log's columns: number, status and date kept on one line, the title given the
width, people, tags and relations small; the text filter searches the `asyncops-find` ones."""
FILTER = (
    '<div class="asyncops-filter" data-asyncops-filter hidden>'
    '<label class="asyncops-find-label">Find '
    '<input type="search" class="asyncops-find-box" placeholder="title, number, tag, decider" '
    'autocomplete="off"></label>'
    '<output class="asyncops-shown" aria-live="polite"></output></div>\n'
)
"""The decision log's filters: the text box here, the status and tag lists added by
asyncops.js, which shows the bar (without JavaScript, nothing would filter)."""


def decision_log(checked: Checked, urls: PageUrls | None = None) -> GeneratedPage:
    """Every ADR, newest first, with its relations, a filter, and a graph of them."""
    handbook = checked.handbook
    adrs = sorted(handbook.by_kind("adr"), key=lambda d: (d.number or 0, d.path), reverse=True)
    rows: list[list[Cell]] = []
    for doc in adrs:
        relations = []
        stated = handbook.relations_of(doc)
        for relation in RELATIONS:
            targets = stated.get(relation)
            if targets:
                relations.append(
                    (
                        NOWRAP,
                        f"{relation.replace('_', ' ')} ",
                        *joined(short_link(t) for t in targets),
                        END,
                    )
                )
        rows.append(
            [
                doc_link(doc, doc.id),
                doc_link(doc),
                status_cell(doc.status),
                date_text(doc),
                people(getattr(doc.meta, "deciders", []), urls),
                tag_cells(doc),
                joined(relations, "; "),
            ]
        )
    page = GeneratedPage(wide=True).add(
        "# Decision log\n",
        f"Architecture decisions: {len(adrs)}, newest first.\n",
        # a link of its own, not one told from a sentence's words by its colour alone
        f"{page_link(urls.timeline, urls.decision_log, 'Decisions by month: the timeline')}\n"
        if urls
        else "",
        FILTER,
        table(
            ["ADR", "Title", "Status", "Date", "Deciders", "Tags", "Relations"],
            rows,
            "No decisions recorded yet.",
            css="asyncops-log",
            columns=DECISION_COLUMNS,
        ),
    )
    if checked.health is not None:
        page.add(decision_trend(checked.health))
    graph = decision_graph(checked)
    if graph:
        page.add("\n## How decisions relate\n\n" + graph)
    return page


GRAPH_NODES = 500
"""The most decisions the decision log's graph draws (an organisation's are thousands)."""
_EDGE_ENDS = re.compile(r"\bn\d+\b")


def decision_graph(checked: Checked) -> str:
    """A Mermaid flowchart: each ADR a node, each stated relation an edge (inverse ones once)."""
    handbook = checked.handbook
    adrs = sorted(handbook.by_kind("adr"), key=lambda d: (d.number or 0, d.path))
    names = {doc.path: f"n{index}" for index, doc in enumerate(adrs)}
    edges = []
    for doc in adrs:
        for relation in ("supersedes", "amends", "relates_to"):
            for target in handbook.related(doc, relation):
                if target.path not in names or (
                    relation == "relates_to" and target.path < doc.path
                ):
                    continue
                edges.append(
                    f"  {names[doc.path]} -->|{relation.replace('_', ' ')}| {names[target.path]}"
                )
    if not edges:
        return ""
    if len(adrs) > GRAPH_NODES:  # only the decisions that relate, if a browser can draw them
        linked = {name for edge in edges for name in _EDGE_ENDS.findall(edge)}
        adrs = [d for d in adrs if names[d.path] in linked]
        if len(adrs) > GRAPH_NODES:
            return (
                f"{len(adrs)} related decisions are more than a graph can show legibly "
                f"({GRAPH_NODES} at most); the table lists each one's relations.\n"
            )
    nodes = [
        f'  {names[d.path]}["{mermaid_label(f"{d.id}: {d.title} ({d.status})")}"]' for d in adrs
    ]
    return "```mermaid\ngraph RL\n" + "\n".join(nodes + edges) + "\n```\n"


def _sign_off(review: Review, urls: PageUrls | None = None) -> Cell:
    """`1 of 2 approvals: Ana Souza; waiting on Bo Li`."""
    quorum = review.quorum
    if quorum is None:
        return ""
    parts: list[Cell] = [quorum.summary]
    if quorum.approvals:
        parts += [": ", people((a.name for a in quorum.approvals), urls)]
    if review.settled:
        parts.append(f"; quorum reached {shown(quorum.reached)}".rstrip())
    elif quorum.pending:
        parts += ["; waiting on ", people(quorum.pending, urls)]
    return joined(parts, "")


REVIEW_COLUMNS = (
    "asyncops-col-title",
    "asyncops-col-kind",
    "asyncops-col-people",
    "asyncops-col-people",
    "asyncops-col-when",
    "asyncops-col-due",
)


def review_board(
    checked: Checked,
    boards: Boards,
    as_of: datetime | None = None,
    urls: PageUrls | None = None,
) -> GeneratedPage:
    """What waits for review and by when, with each one's sign-off; design documents by status."""
    rows = [
        [
            doc_link(r.document),
            (r.document.spec.label, " ", badge_cell(r.document.status or "")),
            people(r.reviewers, urls),
            _sign_off(r, urls),
            shown(r.requested),
            _due(r, boards.now),
        ]
        for r in boards.reviews
    ]
    page = GeneratedPage(wide=True).add(
        "# Design reviews\n",
        f"{f'Judged at {shown(as_of)} UTC' if as_of else 'Judged when the site was built'}. "
        "A review is due by the stated `review_deadline`, or a set "
        "time after `review_requested`; a proposed ADR is open for comments for its review period. "
        "The clock stops when the approvals reach the quorum.\n",
        "## Waiting for review\n",
        table(
            ["Document", "Kind and status", "Reviewers", "Approvals", "Requested", "Time left"],
            rows,
            "Nothing waits for review.",
            css="asyncops-board",
            columns=REVIEW_COLUMNS,
        ),
    )
    designs = [d for d in checked.documents if d.spec.schema_name == "design"]
    for status in _statuses(designs):
        group = [d for d in designs if (d.status or "no status") == status]
        page.add(
            f"\n## {md_text(status_label(status))}\n",
            table(
                ["Design", "Author", "Reviewers", "Date"],
                (
                    [
                        doc_link(d),
                        getattr(d.meta, "author", None) or d.meta.owner or "",
                        people(getattr(d.meta, "reviewers", []), urls),
                        date_text(d),
                    ]
                    for d in group
                ),
            ),
        )
    return page


def _due(review: Review, now: datetime) -> Cell:
    """The time left as a chip, the deadline under it; once the quorum is reached, that."""
    when = shown(review.deadline)
    deadline = Markup(f'<span class="asyncops-when">{when}</span>', f"(due {when})") if when else ""
    if review.settled:
        late = " late" if review.overdue else ""
        state = "overdue" if review.overdue else "done"
        reached = chip(f"quorum reached{late}", "check-circle", state)
        return (reached, " ", deadline)
    return (time_left_chip(review.deadline, now, review.overdue), " ", deadline)


def _statuses(documents: list[Document]) -> list[str]:
    """Statuses in the kind's life-cycle order, then any others."""
    order = {s: i for d in documents for i, s in enumerate(d.spec.statuses)}
    found = {d.status or "no status" for d in documents}
    return sorted(found, key=lambda s: (order.get(s, len(order)), s))


def postmortem_board(boards: Boards) -> GeneratedPage:
    """Incidents by severity and date, the 48-hour check, and every open action item."""
    rows: list[list[Cell]] = []
    for doc, report in boards.postmortems:
        severity = getattr(doc.meta, "severity", None)
        if report.on_time is None:
            written = "unknown"
        else:
            written = f"{'yes' if report.on_time else 'no'} ({report.hours:.0f} h)"
        rows.append(
            [
                doc_link(doc),
                f"SEV{severity}" if severity else "",
                shown(report.incident),
                status_cell(doc.status),
                written,
                minutes(report.events.time_to_detect),
                minutes(report.events.time_to_resolve),
            ]
        )
    items = [
        [i.task, i.owner or "", due_cell(i.due, i.overdue(boards.now)), doc_link(i.document)]
        for i in boards.open_items
    ]
    return GeneratedPage().add(
        "# Postmortems\n",
        "Most severe first, then newest. A postmortem is due within 48 hours of the incident.\n",
        table(
            [
                "Incident",
                "Severity",
                "Date",
                "Status",
                "Written within 48 h",
                "Time to detect",
                "Time to resolve",
            ],
            rows,
            "No postmortems yet.",
        ),
        *_response_times(boards),
        "\n## Open action items\n",
        table(["Task", "Owner", "Due", "Postmortem"], items, "No open action items."),
    )


def _response_times(boards: Boards) -> list[str | Table]:
    """Median and p90 times to detect and resolve, by severity, from the key events."""
    rows = []
    for severity, spans in response_times(boards.postmortems).items():
        cells = [f"SEV{severity}" if severity else "unknown"]
        for values in spans:
            figures = median_and_p90(values)
            cells += [minutes(figures[0]), minutes(figures[1])] if figures else ["", ""]
        rows.append(cells)
    if not rows:
        return []
    headers = ["Severity", "Detect, median", "Detect, p90", "Resolve, median", "Resolve, p90"]
    return ["\n## Response times\n", table(headers, rows, "")]


def kind_index(plural: str, documents: list[Document]) -> GeneratedPage:
    """All documents of one kind, by title."""
    rows = [
        [
            doc_link(d),
            status_cell(d.status),
            d.meta.owner or getattr(d.meta, "author", None) or "",
            date_text(d),
            tag_cells(d),
        ]
        for d in sorted(documents, key=lambda d: d.title.casefold())
    ]
    return GeneratedPage().add(
        f"# {md_text(plural)}\n",
        table(["Title", "Status", "Owner", "Date", "Tags"], rows, "None yet."),
    )
