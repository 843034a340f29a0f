"""The People page: one section per person, with what waits on them (their inbox).

Names elsewhere (document headers, boards) link to a person's section by `cells.person_anchor`.
Section headings are HTML written here, with the name escaped, so each has a stable id
whatever the site's table-of-contents settings.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..boards.board import Boards
from ..boards.inbox import InboxItem, inboxes, people
from ..dates import shown
from ..health.staleness import Freshness
from ..pipeline import Checked
from .cells import person_anchor
from .tables import Cell, GeneratedPage, Link, Markup, table

LABELS = {
    "review": "Review",
    "action-item": "Action item",
    "awaiting-quorum": "Awaiting quorum",
    "stale": "Stale",
}


def people_page(checked: Checked, boards: Boards, stale: Iterable[Freshness] = ()) -> GeneratedPage:
    stale = list(stale)
    everyone = people(boards, checked.documents, checked.names)
    page = GeneratedPage().add(
        "# People\n",
        "Everyone the handbook names as an approver, owner, author or action-item owner, with "
        "what waits on them, the most urgent first: reviews they have not approved, action items "
        "they own, their stale documents and their reviews past the deadline without the quorum. "
        "`asyncops inbox --for NAME` lists the same.\n",
    )
    if not everyone:
        page.add("*Nobody is named yet.*\n")
    waiting = inboxes(boards, stale, checked.names)
    for name in everyone:
        items = waiting.get(checked.names.key(name), [])
        page.add(
            f'<h2 id="{person_anchor(name)}">{html.escape(name)}</h2>\n',
            table(
                ["What", "Document", "Due", "Context"],
                (_row(item) for item in items),
                "Nothing waits on them.",
            ),
        )
    return page


def _row(item: InboxItem) -> list[Cell]:
    due = shown(item.due)
    late = Markup('<span class="asyncops-badge asyncops-overdue">overdue</span>', "overdue")
    return [
        LABELS[item.type],
        Link(item.title, item.document.source.src_uri),
        (due, " ", late) if item.overdue else due,
        item.detail,
    ]
