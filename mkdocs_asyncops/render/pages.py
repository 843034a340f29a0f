"""The generated pages of the handbook: dashboard, decision log, boards, indexes.

Each page is a function of the checked handbook and its boards, so it is rebuilt from scratch
on every build. A page is Markdown prose and tables (`tables.GeneratedPage`); links name the documents'
source paths and become URLs where the page is written. Text taken from frontmatter or
headings goes into prose through `md_text` and into tables as plain text, escaped by the table
writers, so no title can inject HTML or a link.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from ..boards.board import Boards
from ..core.kinds import KindSpec
from ..core.settings import PageUrls
from ..dates import moment, shown
from ..handbook.crossref import relative_url
from ..pipeline import Checked
from ..reading.model import RELATIONS, Document
from .escape import badge, md_link, md_text, mermaid_label
from .organisation import organisation_page
from .tables import Cell, GeneratedPage, Link, Markup, Part, joined, table

OVERDUE = Markup('<span class="asyncops-badge asyncops-overdue">overdue</span>', "overdue")


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
) -> dict[str, GeneratedPage]:
    """Every generated page (see `page_titles`) by site path. `as_of` is the date the boards were
    judged at when it was configured; the clock's time is never written, so rebuilds stay identical."""
    documents = checked.documents
    pages = {
        urls.home: home(checked, boards, urls),
        urls.decision_log: decision_log(checked),
        urls.reviews: review_board(checked, boards, as_of),
        urls.integrations: integration_board(boards),
        urls.postmortems: postmortem_board(boards),
    }
    if checked.remotes:
        pages[urls.organisation] = organisation_page(checked)
    for spec in sorted(kinds, key=lambda s: s.name):
        pages.setdefault(
            urls.index_of(spec.name),
            kind_index(spec.plural, [d for d in documents if d.kind == spec.name]),
        )
    return pages


def _link(doc: Document, text: str | None = None) -> Link:
    return Link(text if text is not None else doc.title, doc.source.src_uri)


def _page_link(target: str, page: str, text: str) -> str:
    return md_link(text, relative_url(target, page))


def _people(values: Iterable[object]) -> str:
    return ", ".join(str(v) for v in values)


def status_label(status: str) -> str:
    """A status as a heading or tooltip shows it: `in-review` -> `In review`."""
    return status.replace("-", " ").capitalize()


def _badge(value: object, kind: str = "status") -> Markup:
    return _text_badge(str(value), kind)


@lru_cache(maxsize=4096)
def _text_badge(value: str, kind: str) -> Markup:
    """Badges repeat (a few statuses and tags over thousands of rows): each is made once."""
    return Markup(badge(value, kind), value)


def _status(status: str | None) -> Part:
    return _badge(status) if status and status != "no status" else "no status"


def _tags(doc: Document) -> Cell:
    return joined((_badge(tag, "tag") for tag in doc.meta.tags), " ")


def _date(doc: Document) -> str:
    return shown(moment(doc.meta.date))


def _due(when: datetime | None, overdue: bool) -> Cell:
    return (shown(when), " ", OVERDUE) if overdue else shown(when)


def home(checked: Checked, boards: Boards, urls: PageUrls) -> GeneratedPage:
    """Counts per kind and status, and what needs attention now."""
    documents = checked.documents
    boards_line = ", ".join(
        _page_link(target, urls.home, name)
        for target, name in (
            (urls.decision_log, "decision log"),
            (urls.reviews, "design reviews"),
            (urls.integrations, "integration pipeline"),
            (urls.postmortems, "postmortems"),
            *([(urls.organisation, "organisation")] if checked.remotes else []),
        )
    )
    rows: list[list[Cell]] = []
    for spec in sorted({d.spec.name: d.spec for d in documents}.values(), key=lambda s: s.name):
        statuses = Counter(d.status or "no status" for d in documents if d.kind == spec.name)
        rows.append(
            [
                Link(spec.plural, urls.index_of(spec.name)),
                str(sum(statuses.values())),
                joined(
                    ((_status(status), f" {count}") for status, count in sorted(statuses.items())),
                    " ",
                ),
            ]
        )
    late = [r for r in boards.reviews if r.overdue]
    late_items = [i for i in boards.open_items if i.overdue(boards.now)]
    page = GeneratedPage().add(
        "# Handbook\n",
        f"Documents: {len(documents)}. Boards: {boards_line}.\n",
        "## Documents\n",
        table(["Kind", "Documents", "By status"], rows, "No documents yet."),
        "## Needs attention\n",
        f"- Reviews overdue: {len(late)} of {len(boards.reviews)} waiting "
        f"({_page_link(urls.reviews, urls.home, 'review board')})\n"
        f"- Open postmortem action items: {len(boards.open_items)}, overdue: {len(late_items)} "
        f"({_page_link(urls.postmortems, urls.home, 'action items')})\n"
        f"- Problems found by validation: {len(checked.errors)} errors, {len(checked.warnings)} warnings\n",
    )
    if late:
        page.add(
            "### Overdue reviews\n",
            table(
                ["Document", "Reviewers", "Deadline"],
                ([_link(r.document), _people(r.reviewers), shown(r.deadline)] for r in late),
            ),
        )
    if late_items:
        page.add(
            "### Overdue action items\n",
            table(
                ["Task", "Owner", "Due", "Postmortem"],
                ([i.task, i.owner or "", shown(i.due), _link(i.document)] for i in late_items),
            ),
        )
    problems = checked.errors + checked.warnings
    if problems:
        page.add(
            "### Problems\n",
            table(
                ["Where", "Rule", "Problem"],
                (
                    [d.location, Markup(f"<code>{d.rule.code}</code>", d.rule.code), d.message]
                    for d in problems
                ),
            ),
        )
    return page


def decision_log(checked: Checked) -> GeneratedPage:
    """Every ADR, newest first, with its relations, a filter, and a graph of them."""
    handbook = checked.handbook
    adrs = sorted(handbook.by_kind("adr"), key=lambda d: (d.number or 0, d.path), reverse=True)
    rows: list[list[Cell]] = []
    for doc in adrs:
        relations = []
        for relation in RELATIONS:
            targets = handbook.related(doc, relation)
            if targets:
                relations.append(
                    (f"{relation.replace('_', ' ')} ", *joined(_link(t, t.label) for t in targets))
                )
        rows.append(
            [
                _link(doc, doc.id),
                doc.title,
                _status(doc.status),
                _date(doc),
                _people(getattr(doc.meta, "deciders", [])),
                _tags(doc),
                joined(relations, "; "),
            ]
        )
    page = GeneratedPage().add(
        "# Decision log\n",
        f"Architecture decisions: {len(adrs)}, newest first.\n",
        '<div class="asyncops-filter" data-asyncops-filter></div>\n',
        table(
            ["ADR", "Title", "Status", "Date", "Deciders", "Tags", "Relations"],
            rows,
            "No decisions recorded yet.",
        ),
    )
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


def review_board(checked: Checked, boards: Boards, as_of: datetime | None = None) -> GeneratedPage:
    """What waits for review and by when; design documents by status."""
    rows = [
        [
            _link(r.document),
            r.document.spec.label,
            _badge(r.document.status or ""),
            _people(r.reviewers),
            shown(r.requested),
            _due(r.deadline, r.overdue),
        ]
        for r in boards.reviews
    ]
    page = GeneratedPage().add(
        "# Design reviews\n",
        f"{f'Judged at {shown(as_of)} UTC' if as_of else 'Judged when the site was built'}. "
        "A review is due by the stated `review_deadline`, or a set "
        "time after `review_requested`; a proposed ADR is open for comments for its review period.\n",
        "## Waiting for review\n",
        table(
            ["Document", "Kind", "Status", "Reviewers", "Requested", "Deadline"],
            rows,
            "Nothing waits for review.",
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
                        _link(d),
                        getattr(d.meta, "author", None) or d.meta.owner or "",
                        _people(getattr(d.meta, "reviewers", [])),
                        _date(d),
                    ]
                    for d in group
                ),
            ),
        )
    return page


def _statuses(documents: list[Document]) -> list[str]:
    """Statuses in the kind's life-cycle order, then any others."""
    order = {s: i for d in documents for i, s in enumerate(d.spec.statuses)}
    found = {d.status or "no status" for d in documents}
    return sorted(found, key=lambda s: (order.get(s, len(order)), s))


def integration_board(boards: Boards) -> GeneratedPage:
    """Specs by lifecycle stage, and all of them ranked by priority score."""
    entries = boards.pipeline
    page = GeneratedPage().add(
        "# Integration pipeline\n",
        "Specs by stage; a spec live for less than a week shows as *monitoring*.\n",
        "## Priority ranking\n",
        table(
            ["Rank", "Integration", "Stage", "Owner", "Score"],
            (
                [
                    str(rank),
                    _link(e.document),
                    _badge(e.stage),
                    e.owner or "",
                    "" if e.score is None else f"{e.score:g}",
                ]
                for rank, e in enumerate(entries, 1)
            ),
            "No integration specs yet.",
        ),
    )
    order: dict[str, int] = {}
    for e in entries:
        for index, stage in enumerate(e.document.spec.statuses):
            order.setdefault(stage, index)
    for stage in sorted({e.stage for e in entries}, key=lambda s: (order.get(s, len(order)), s)):
        page.add(
            f"\n## {md_text(status_label(stage))}\n",
            table(
                ["Integration", "Owner", "Live since"],
                (
                    [_link(e.document), e.owner or "", shown(e.live_since)]
                    for e in entries
                    if e.stage == stage
                ),
            ),
        )
    return page


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
                _link(doc),
                f"SEV{severity}" if severity else "",
                shown(report.incident),
                _status(doc.status),
                written,
            ]
        )
    items = [
        [i.task, i.owner or "", _due(i.due, i.overdue(boards.now)), _link(i.document)]
        for i in boards.open_items
    ]
    return GeneratedPage().add(
        "# Postmortems\n",
        "Most severe first, then newest. A postmortem is due within 48 hours of the incident.\n",
        table(
            ["Incident", "Severity", "Date", "Status", "Written within 48 h"],
            rows,
            "No postmortems yet.",
        ),
        "\n## Open action items\n",
        table(["Task", "Owner", "Due", "Postmortem"], items, "No open action items."),
    )


def kind_index(plural: str, documents: list[Document]) -> GeneratedPage:
    """All documents of one kind, by title."""
    rows = [
        [
            _link(d),
            _status(d.status),
            d.meta.owner or getattr(d.meta, "author", None) or "",
            _date(d),
            _tags(d),
        ]
        for d in sorted(documents, key=lambda d: d.title.casefold())
    ]
    return GeneratedPage().add(
        f"# {md_text(plural)}\n",
        table(["Title", "Status", "Owner", "Date", "Tags"], rows, "None yet."),
    )
