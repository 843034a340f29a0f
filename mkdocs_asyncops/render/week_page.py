"""The This-week page: the handbook's events of the last seven days, grouped as the digest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ..boards.digest import grouped, since
from ..boards.events import Event
from ..core.escape import md_text
from ..dates import shown
from ..handbook.crossref import relative_url
from .tables import GeneratedPage, Link, table

WEEK = timedelta(days=7)


def this_week_page(
    events: Iterable[Event],
    now: datetime,
    as_of: datetime | None,
    page: str = "handbook/this-week.md",
    feed: str | None = "feed.xml",
) -> GeneratedPage:
    start = now - WEEK
    recent = since(events, start)
    when = (
        f"in the seven days from {md_text(shown(start))}, as of {md_text(shown(as_of))} UTC"
        if as_of
        else "in the seven days before the site was built"
    )
    out = GeneratedPage().add(
        "# This week\n",
        f"What happened in the handbook {when}: "
        "decisions, reviews asked for, what went overdue or stale, postmortems. "
        "`asyncops digest --since 7d` lists the same.\n",
    )
    if feed:  # a paragraph of its own: a link inside a sentence is told from it by colour alone
        out.add(f"\n[Follow the handbook in a feed reader]({relative_url(feed, page)})\n")
    groups = grouped(recent)
    if not groups:
        out.add("*Nothing happened this week.*\n")
    for heading, group in groups:
        out.add(
            f"\n## {heading}\n",
            table(
                ["When", "Document", "What", "Who"],
                (
                    [shown(e.when), Link(e.title, e.document.source.src_uri), e.detail, e.author]
                    for e in group
                ),
            ),
        )
    return out
