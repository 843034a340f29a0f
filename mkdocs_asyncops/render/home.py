"""The handbook's home page: counts per kind and status, and what needs attention now."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..boards.board import Boards
from ..boards.postmortems import ActionItem
from ..boards.reviews import Review
from ..core.kinds import KindSpec
from ..core.settings import PageUrls
from ..dates import shown
from ..pipeline import Checked
from .cells import doc_link, page_link, people, status_cell
from .dashboard import dashboard_cards
from .figures import dashboard_charts
from .tables import Cell, GeneratedPage, Link, Markup, Table, joined, table

SCROLL = "asyncops-scroll"
"""A table wider than a phone scrolls inside its own box, never the page."""


def home(checked: Checked, boards: Boards, urls: PageUrls) -> GeneratedPage:
    """Cards with what needs attention now, then counts per kind and status, then the tables of
    what is late and the problems found."""
    documents = checked.documents
    boards_line = ", ".join(
        page_link(target, urls.home, name)
        for target, name in (
            (urls.decision_log, "decision log"),
            (urls.reviews, "design reviews"),
            (urls.integrations, "integration pipeline"),
            (urls.postmortems, "postmortems"),
            *([(urls.organisation, "organisation")] if checked.remotes else []),
        )
    )
    late = [r for r in boards.reviews if r.overdue]
    late_items = [i for i in boards.open_items if i.overdue(boards.now)]
    page = GeneratedPage().add(
        "# Handbook\n",
        f"Documents: {len(documents)}. Boards: {boards_line}.\n",
        dashboard_cards(checked, boards, urls),
    )
    page.add(
        "## Documents\n",
        _counts(checked, urls),
        "## Needs attention\n",
        f"Problems found by validation: {len(checked.errors)} errors, "
        f"{len(checked.warnings)} warnings.\n",
    )
    page.add(*dashboard_charts(checked.documents, checked.health))
    _add_attention(page, checked, late, late_items)
    return page


def _counts(checked: Checked, urls: PageUrls) -> Table:
    """The table of documents per kind, with their counts by status."""
    specs: dict[str, KindSpec] = {}
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in checked.documents:
        specs[doc.kind] = doc.spec
        by_kind[doc.kind][doc.status or "no status"] += 1
    rows: list[list[Cell]] = []
    for spec in sorted(specs.values(), key=lambda s: s.name):
        statuses = by_kind[spec.name]
        rows.append(
            [
                Link(spec.plural, urls.index_of(spec.name)),
                str(sum(statuses.values())),
                joined(
                    (
                        (status_cell(status), f" {count}")
                        for status, count in sorted(statuses.items())
                    ),
                    " ",
                ),
            ]
        )
    return table(["Kind", "Documents", "By status"], rows, "No documents yet.", SCROLL)


def _add_attention(
    page: GeneratedPage, checked: Checked, late: list[Review], late_items: list[ActionItem]
) -> None:
    """The tables of overdue reviews, overdue action items and problems, those that have rows."""
    if late:
        page.add(
            "### Overdue reviews\n",
            table(
                ["Document", "Reviewers", "Deadline"],
                ([doc_link(r.document), people(r.reviewers), shown(r.deadline)] for r in late),
                css=SCROLL,
            ),
        )
    if late_items:
        page.add(
            "### Overdue action items\n",
            table(
                ["Task", "Owner", "Due", "Postmortem"],
                ([i.task, i.owner or "", shown(i.due), doc_link(i.document)] for i in late_items),
                css=SCROLL,
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
                css=SCROLL,
            ),
        )
