"""A person's inbox written for a terminal or a chat message (the items come from `boards/inbox.py`)."""

from __future__ import annotations

from ..boards.inbox import InboxItem
from ..core.escape import chat_text, printable
from ..dates import shown
from ..render.feed import published_url
from .terminal import paint

LABELS = {
    "review": "review",
    "action-item": "action item",
    "awaiting-quorum": "awaiting quorum",
    "stale": "stale",
}


def _due(item: InboxItem) -> str:
    if item.due is None:
        return "no due date"
    return f"{'overdue, due' if item.overdue else 'due'} {shown(item.due)}"


def format_inbox_terminal(
    person: str, items: list[InboxItem], as_of: str, colour: bool = False
) -> str:
    """A heading (as of the moment `as_of`, as `dates.shown` writes it), then one line per
    item: kind, due, path, title and context."""
    who = printable(person)
    if not items:
        return f"Nothing waits on {who} (as of {as_of} UTC)."
    overdue = sum(item.overdue for item in items)
    heading = f"{len(items)} waiting on {who}" + (f", {overdue} overdue" if overdue else "")
    lines = [paint(f"{heading} (as of {as_of} UTC)", "bold", enabled=colour)]
    for item in items:
        tone = "red" if item.overdue else "green"
        lines.append(
            f"{LABELS[item.type]:<16} {paint(f'{_due(item):<30}', tone, enabled=colour)} "
            f"{printable(item.document.path)}  {printable(item.title)} ({printable(item.detail)})"
        )
    return "\n".join(lines)


def format_inbox_chat(
    person: str, items: list[InboxItem], as_of: str, site_url: str | None = None
) -> str:
    """A Markdown list for a chat message; what documents say is plain text there."""
    who = chat_text(person)
    if not items:
        return f"Nothing waits on {who} (as of {as_of} UTC)."
    overdue = sum(item.overdue for item in items)
    heading = f"**{len(items)} waiting on {who}**" + (f", {overdue} overdue" if overdue else "")
    lines = [f"{heading} (as of {as_of} UTC):"]
    for item in items:
        title = chat_text(item.title)
        url = published_url(item.document, site_url)
        if url is not None:
            title = f"[{title}]({url})"
        flag = " :warning:" if item.overdue else ""
        lines.append(
            f"- {LABELS[item.type]}: {title} ({chat_text(item.detail)}), {_due(item)}{flag}"
        )
    return "\n".join(lines)
