"""What awaits review, written for a terminal or a chat message.

The reviews themselves (who is asked, the deadline, whether it has passed) come from `reviews`,
through the same boards the site shows; this module only words them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ..boards.reviews import Review
from ..core.escape import chat_text, printable
from ..dates import shown
from ..render.feed import published_url
from .terminal import paint


def when(review: Review, now: datetime) -> str:
    """`overdue by 2 days`, `due in 5 hours`, or `no deadline`."""
    if review.deadline is None:
        return "no deadline"
    delta = review.deadline - now
    span = _span(abs(delta))
    return f"overdue by {span}" if delta < timedelta(0) else f"due in {span}"


def _span(delta: timedelta) -> str:
    if delta >= timedelta(days=2):
        return f"{delta.days} days"
    hours = int(delta.total_seconds() // 3600)
    if hours >= 1:
        return f"{hours} hour{'' if hours == 1 else 's'}"
    minutes = max(int(delta.total_seconds() // 60), 1)
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def _who(review: Review, text: Callable[[object], str] = printable) -> str:
    return (
        ", ".join(text(name) for name in review.reviewers) if review.reviewers else "nobody named"
    )


def _sign_off(review: Review, text: Callable[[object], str] = printable) -> str:
    """`; 1 of 2 approvals: Ana Souza; waiting on Bo Li`, as the review board words it; empty
    when the kind asks for no approvals."""
    quorum = review.quorum
    if quorum is None:
        return ""
    words = f"; {quorum.summary}"
    if quorum.approvals:
        words += ": " + ", ".join(text(approval.name) for approval in quorum.approvals)
    if review.settled:
        words += f"; quorum reached {shown(quorum.reached)}".rstrip()
    elif quorum.pending:
        words += "; waiting on " + ", ".join(text(name) for name in quorum.pending)
    return words


def format_terminal(reviews: list[Review], now: datetime, colour: bool = False) -> str:
    """One line per review, the most urgent first: deadline, urgency, document, who is asked."""
    if not reviews:
        return f"Nothing awaits review (as of {shown(now)} UTC)."
    lines = [
        paint(f"{len(reviews)} awaiting review (as of {shown(now)} UTC)", "bold", enabled=colour)
    ]
    for review in reviews:
        doc = review.document
        urgency = when(review, now)
        tone = "red" if review.overdue else "yellow" if review.deadline is None else "green"
        lines.append(
            f"{shown(review.deadline) or '-':<16}  {paint(f'{urgency:<20}', tone, enabled=colour)}  "
            f"{printable(doc.path)}  {printable(doc.title)} ({printable(doc.status)}); asks {_who(review)}"
            f"{_sign_off(review)}"
        )
    return "\n".join(lines)


def format_chat(reviews: list[Review], now: datetime, site_url: str | None = None) -> str:
    """A Markdown list to paste into a chat channel; titles link to the site when its URL is known.
    What documents say is plain text there (`chat_text`): the only link is the one to the site."""
    if not reviews:
        return f"Nothing awaits review (as of {shown(now)} UTC)."
    overdue = sum(review.overdue for review in reviews)
    heading = f"**{len(reviews)} awaiting review**" + (f", {overdue} overdue" if overdue else "")
    lines = [f"{heading} (as of {shown(now)} UTC):"]
    for review in reviews:
        doc = review.document
        title = chat_text(doc.title)
        url = published_url(doc, site_url)
        if url is not None:
            title = f"[{title}]({url})"
        due = (
            f"deadline {shown(review.deadline)} ({when(review, now)})"
            if review.deadline
            else "no deadline"
        )
        flag = " :warning:" if review.overdue else ""
        lines.append(
            f"- {title} ({chat_text(doc.id)}, {chat_text(doc.status)}): {due}; asks {_who(review, chat_text)}"
            f"{_sign_off(review, chat_text)}{flag}"
        )
    return "\n".join(lines)
