"""The generated pages of the handbook, as Markdown: dashboard, decision log, boards, indexes.

Each page is a function of the checked handbook and its boards, so it is rebuilt from scratch
on every build. Links point at the documents' source paths, relative to the page, and MkDocs
turns them into page URLs (and checks them). Everything taken from frontmatter or headings
goes through `md_text`, so no title can inject HTML or a link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .boards import Boards
from .checks import Checked
from .clock import shown, moment
from .crossref import relative_url
from .escape import badge, md_link, md_text, mermaid_label
from .model import RELATIONS, Document

OVERDUE = '<span class="asyncops-badge asyncops-overdue">overdue</span>'


@dataclass(frozen=True)
class PageUrls:
    """Where each generated page appears in the site (source paths, e.g. `handbook/index.md`)."""

    home: str = "handbook/index.md"
    decision_log: str = "handbook/decisions.md"
    reviews: str = "handbook/reviews.md"
    integrations: str = "handbook/integrations.md"
    postmortems: str = "handbook/postmortems.md"
    kind_index: str = "handbook/{kind}.md"
    """Per-kind indexes; `{kind}` is the kind's name. ADRs, integration specs and postmortems
    are listed on their boards instead."""

    def for_kind(self, kind: str) -> str:
        return self.kind_index.replace("{kind}", kind)

    def index_of(self, kind: str) -> str:
        """The page listing every document of `kind`: a board where there is one."""
        boards = {"adr": self.decision_log, "integration": self.integrations, "postmortem": self.postmortems}
        return boards.get(kind) or self.for_kind(kind)


def render_pages(checked: Checked, boards: Boards, urls: PageUrls, as_of: datetime | None = None) -> dict[str, str]:
    """Every generated page: site path -> Markdown. `as_of` is the date the boards were judged at
    when it was configured; the clock's time is never written, so rebuilds stay identical."""
    documents = checked.documents
    kinds = sorted({doc.spec.name: doc.spec for doc in documents}.values(), key=lambda s: s.name)
    pages = {
        urls.home: home(checked, boards, urls),
        urls.decision_log: decision_log(checked, urls.decision_log),
        urls.reviews: review_board(checked, boards, urls.reviews, as_of),
        urls.integrations: integration_board(boards, urls.integrations),
        urls.postmortems: postmortem_board(boards, urls.postmortems),
    }
    for spec in kinds:
        uri = urls.index_of(spec.name)
        pages.setdefault(uri, kind_index(spec.plural, [d for d in documents if d.kind == spec.name], uri))
    return pages


def _link(doc: Document, page: str, text: str | None = None) -> str:
    return md_link(text if text is not None else doc.title, relative_url(doc.source.src_uri, page))


def _page_link(target: str, page: str, text: str) -> str:
    return md_link(text, relative_url(target, page))


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], empty: str) -> str:
    header = list(header)
    rows = [list(row) for row in rows]
    if not rows:
        return f"*{empty}*\n"
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def _people(values: Iterable[object]) -> str:
    return ", ".join(md_text(v) for v in values)


def status_label(status: str) -> str:
    """A status as a heading or tooltip shows it: `in-review` -> `In review`."""
    return status.replace("-", " ").capitalize()


def _status(status: str | None) -> str:
    return badge(status) if status and status != "no status" else "no status"


def _date(doc: Document) -> str:
    return shown(moment(doc.meta.date))


def home(checked: Checked, boards: Boards, urls: PageUrls) -> str:
    """Counts per kind and status, and what needs attention now."""
    documents = checked.documents
    boards_line = ", ".join(
        _page_link(target, urls.home, name)
        for target, name in (
            (urls.decision_log, "decision log"),
            (urls.reviews, "design reviews"),
            (urls.integrations, "integration pipeline"),
            (urls.postmortems, "postmortems"),
        )
    )
    rows = []
    for spec in sorted({d.spec.name: d.spec for d in documents}.values(), key=lambda s: s.name):
        statuses = Counter(d.status or "no status" for d in documents if d.kind == spec.name)
        rows.append([
            _page_link(urls.index_of(spec.name), urls.home, spec.plural),
            str(sum(statuses.values())),
            " ".join(f"{_status(status)} {count}" for status, count in sorted(statuses.items())),
        ])
    late = [r for r in boards.reviews if r.overdue]
    late_items = [i for i in boards.open_items if i.overdue(boards.now)]
    out = [
        "# Handbook\n",
        f"Documents: {len(documents)}. Boards: {boards_line}.\n",
        "## Documents\n",
        _table(["Kind", "Documents", "By status"], rows, "No documents yet."),
        "## Needs attention\n",
        f"- Reviews overdue: {len(late)} of {len(boards.reviews)} waiting "
        f"({_page_link(urls.reviews, urls.home, 'review board')})\n"
        f"- Open postmortem action items: {len(boards.open_items)}, overdue: {len(late_items)} "
        f"({_page_link(urls.postmortems, urls.home, 'action items')})\n"
        f"- Problems found by validation: {len(checked.errors)} errors, {len(checked.warnings)} warnings\n",
    ]
    if late:
        out.append("### Overdue reviews\n")
        out.append(_table(["Document", "Reviewers", "Deadline"],
                          ([_link(r.document, urls.home), _people(r.reviewers), shown(r.deadline)] for r in late), ""))
    if late_items:
        out.append("### Overdue action items\n")
        out.append(_table(["Task", "Owner", "Due", "Postmortem"], ([
            md_text(i.task), md_text(i.owner or ""), shown(i.due), _link(i.document, urls.home)] for i in late_items), ""))
    problems = checked.errors + checked.warnings
    if problems:
        out.append("### Problems\n")
        out.append(_table(["Where", "Rule", "Problem"],
                          ([md_text(d.location), f"`{d.rule.code}`", md_text(d.message)] for d in problems), ""))
    return "\n".join(out)


def decision_log(checked: Checked, page: str) -> str:
    """Every ADR, newest first, with its relations, a filter, and a graph of them."""
    handbook = checked.handbook
    adrs = sorted(handbook.by_kind("adr"), key=lambda d: (d.number or 0, d.path), reverse=True)
    rows = []
    for doc in adrs:
        relations = []
        for relation in RELATIONS:
            targets = handbook.related(doc, relation)
            if targets:
                words = relation.replace("_", " ")
                relations.append(f"{words} " + ", ".join(_link(t, page, t.label) for t in targets))
        tags = " ".join(badge(tag, "tag") for tag in doc.meta.tags)
        rows.append([
            _link(doc, page, doc.id), md_text(doc.title), _status(doc.status), _date(doc),
            _people(getattr(doc.meta, "deciders", [])), tags, "; ".join(relations),
        ])
    out = ["# Decision log\n", f"Architecture decisions: {len(adrs)}, newest first.\n",
           '<div class="asyncops-filter" data-asyncops-filter></div>\n',
           _table(["ADR", "Title", "Status", "Date", "Deciders", "Tags", "Relations"], rows, "No decisions recorded yet.")]
    graph = decision_graph(checked)
    if graph:
        out.append("\n## How decisions relate\n\n" + graph)
    return "\n".join(out)


def decision_graph(checked: Checked) -> str:
    """A Mermaid flowchart: each ADR a node, each stated relation an edge (inverse ones once)."""
    handbook = checked.handbook
    adrs = sorted(handbook.by_kind("adr"), key=lambda d: (d.number or 0, d.path))
    names = {doc.path: f"n{index}" for index, doc in enumerate(adrs)}
    edges = []
    for doc in adrs:
        for relation in ("supersedes", "amends", "relates_to"):
            for target in handbook.related(doc, relation):
                if target.path not in names or (relation == "relates_to" and target.path < doc.path):
                    continue
                edges.append(f"  {names[doc.path]} -->|{relation.replace('_', ' ')}| {names[target.path]}")
    if not edges:
        return ""
    nodes = [f'  {names[d.path]}["{mermaid_label(f"{d.id}: {d.title} ({d.status})")}"]' for d in adrs]
    return "```mermaid\ngraph RL\n" + "\n".join(nodes + edges) + "\n```\n"


def review_board(checked: Checked, boards: Boards, page: str, as_of: datetime | None = None) -> str:
    """What waits for review and by when; design documents by status."""
    rows = [[
        _link(r.document, page), md_text(r.document.spec.label), badge(r.document.status or ""),
        _people(r.reviewers), shown(r.requested), shown(r.deadline) + (f" {OVERDUE}" if r.overdue else ""),
    ] for r in boards.reviews]
    out = ["# Design reviews\n",
           f"{f'Judged at {shown(as_of)} UTC' if as_of else 'Judged when the site was built'}. "
           "A review is due by the stated `review_deadline`, or a set "
           "time after `review_requested`; a proposed ADR is open for comments for its review period.\n",
           "## Waiting for review\n",
           _table(["Document", "Kind", "Status", "Reviewers", "Requested", "Deadline"], rows, "Nothing waits for review.")]
    designs = [d for d in checked.documents if d.spec.schema_name == "design"]
    for status in _statuses(designs):
        group = [d for d in designs if (d.status or "no status") == status]
        out.append(f"\n## {md_text(status_label(status))}\n")
        out.append(_table(["Design", "Author", "Reviewers", "Date"], ([
            _link(d, page), md_text(getattr(d.meta, "author", None) or d.meta.owner or ""),
            _people(getattr(d.meta, "reviewers", [])), _date(d)] for d in group), ""))
    return "\n".join(out)


def _statuses(documents: list[Document]) -> list[str]:
    """Statuses in the kind's life-cycle order, then any others."""
    order = {s: i for d in documents for i, s in enumerate(d.spec.statuses)}
    found = {d.status or "no status" for d in documents}
    return sorted(found, key=lambda s: (order.get(s, len(order)), s))


def integration_board(boards: Boards, page: str) -> str:
    """Specs by lifecycle stage, and all of them ranked by priority score."""
    entries = boards.pipeline
    out = ["# Integration pipeline\n",
           "Specs by stage; a spec live for less than a week shows as *monitoring*.\n",
           "## Priority ranking\n",
           _table(["Rank", "Integration", "Stage", "Owner", "Score"], ([
               str(rank), _link(e.document, page), badge(e.stage), md_text(e.owner or ""),
               "" if e.score is None else f"{e.score:g}"] for rank, e in enumerate(entries, 1)), "No integration specs yet.")]
    order: dict[str, int] = {}
    for e in entries:
        for index, stage in enumerate(e.document.spec.statuses):
            order.setdefault(stage, index)
    for stage in sorted({e.stage for e in entries}, key=lambda s: (order.get(s, len(order)), s)):
        out.append(f"\n## {md_text(status_label(stage))}\n")
        out.append(_table(["Integration", "Owner", "Live since"], ([
            _link(e.document, page), md_text(e.owner or ""), shown(e.live_since)] for e in entries if e.stage == stage), ""))
    return "\n".join(out)


def postmortem_board(boards: Boards, page: str) -> str:
    """Incidents by severity and date, the 48-hour check, and every open action item."""
    rows = []
    for doc, report in boards.postmortems:
        severity = getattr(doc.meta, "severity", None)
        if report.on_time is None:
            written = "unknown"
        else:
            written = f"{'yes' if report.on_time else 'no'} ({report.hours:.0f} h)"
        rows.append([_link(doc, page), f"SEV{severity}" if severity else "", shown(report.incident),
                     _status(doc.status), written])
    items = [[
        md_text(i.task), md_text(i.owner or ""), shown(i.due) + (f" {OVERDUE}" if i.overdue(boards.now) else ""),
        _link(i.document, page)] for i in boards.open_items]
    return "\n".join([
        "# Postmortems\n",
        "Most severe first, then newest. A postmortem is due within 48 hours of the incident.\n",
        _table(["Incident", "Severity", "Date", "Status", "Written within 48 h"], rows, "No postmortems yet."),
        "\n## Open action items\n",
        _table(["Task", "Owner", "Due", "Postmortem"], items, "No open action items."),
    ])


def kind_index(plural: str, documents: list[Document], page: str) -> str:
    """All documents of one kind, by title."""
    rows = [[_link(d, page), _status(d.status), md_text(d.meta.owner or getattr(d.meta, "author", None) or ""),
             _date(d), " ".join(badge(t, "tag") for t in d.meta.tags)]
            for d in sorted(documents, key=lambda d: d.title.casefold())]
    return "\n".join([f"# {md_text(plural)}\n", _table(["Title", "Status", "Owner", "Date", "Tags"], rows, "None yet.")])
