"""The dashboard's cards: a big figure and a word each, what needs attention at a glance."""

from __future__ import annotations

import math

from ..boards.board import Boards
from ..core.settings import PageUrls
from ..dates import moment
from ..pipeline import Checked
from .cards import BAD, GOOD, Card, Cards

ACTION_ITEMS = "open-action-items"
"""The fragment of the postmortem board's list of open action items."""


def dashboard_cards(checked: Checked, boards: Boards, urls: PageUrls) -> Cards:
    """Coverage against its target, stale documents, reviews overdue, open and overdue action
    items, and the decisions of this month; each links to the page it counts."""
    cards = [*_health_cards(checked, urls)]
    late = sum(r.overdue for r in boards.reviews)
    waiting = len(boards.reviews)
    cards.append(
        Card(
            str(late),
            _plural(late, "review overdue", "reviews overdue"),
            f"past the deadline, of {waiting} waiting" if late else f"none late, {waiting} waiting",
            urls.reviews,
            BAD if late else GOOD,
            "account-clock",
        )
    )
    open_items = len(boards.open_items)
    overdue_items = sum(i.overdue(boards.now) for i in boards.open_items)
    postmortems = len({i.document.path for i in boards.open_items})
    items = f"{urls.postmortems}#{ACTION_ITEMS}"
    cards += [
        Card(
            str(open_items),
            _plural(open_items, "open action item", "open action items"),
            f"from {postmortems} {_plural(postmortems, 'postmortem', 'postmortems')}",
            items,
            "",
            "clipboard-list-outline",
        ),
        Card(
            str(overdue_items),
            _plural(overdue_items, "action item overdue", "action items overdue"),
            "past the due date" if overdue_items else "none past the due date",
            items,
            BAD if overdue_items else GOOD,
            "clipboard-alert-outline",
        ),
    ]
    now = boards.now
    decided = sum(
        1
        for doc in checked.handbook.by_kind("adr")
        if (when := moment(doc.meta.date)) is not None
        and (when.year, when.month) == (now.year, now.month)
    )
    cards.append(
        Card(
            str(decided),
            _plural(decided, "decision this month", "decisions this month"),
            f"dated in {now:%B %Y}",
            urls.decision_log,
            "",
            "scale-balance",
        )
    )
    return Cards(tuple(cards))


def _health_cards(checked: Checked, urls: PageUrls) -> list[Card]:
    """Coverage and stale documents, when the history was read for them."""
    health = checked.health
    if health is None:
        return []
    coverage = health.coverage
    target = f"{coverage.minimum:g} %"
    if coverage.percent is None:
        measured = Card("–", "coverage", "no systems catalogued", urls.health_page("coverage"))
    else:
        passes = coverage.passes
        measured = Card(
            # Rounded down: 89.6 % is below a 90 % target and must not read as 90 %.
            f"{math.floor(coverage.percent)} %",
            "coverage",
            f"meets the {target} target" if passes else f"below the {target} target",
            urls.health_page("coverage"),
            GOOD if passes else BAD,
            "chart-donut",
        )
    stale = len(health.stale)
    if not health.history.available:
        stale_note, state = "unknown: no git history", ""
    else:
        stale_note, state = (
            ("unchanged for longer than allowed", BAD) if stale else ("all fresh", GOOD)
        )
    return [
        measured,
        Card(
            str(stale),
            _plural(stale, "stale document", "stale documents"),
            stale_note,
            urls.health_page("stale"),
            state,
            "file-clock-outline",
        ),
    ]


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
