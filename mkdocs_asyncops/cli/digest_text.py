"""The catch-up digest written for a terminal, a chat message or a Markdown report."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..boards.digest import grouped
from ..boards.events import Event
from ..core.escape import chat_text, md_text, printable
from ..dates import shown
from ..render.feed import published_url
from .terminal import paint


def _heading(events: list[Event], since: str, as_of: str) -> str:
    """The count of events from `since` to `as_of` (the moments as `dates.shown` writes them)."""
    count = f"{len(events)} event{'' if len(events) == 1 else 's'}"
    return f"Since {since} (as of {as_of} UTC): {count}"


def _about(event: Event, text: Callable[[object], str]) -> str:
    parts = [text(event.detail)] if event.detail else []
    if event.author:
        parts.append(f"by {text(event.author)}")
    return f" ({'; '.join(parts)})" if parts else ""


def _url(event: Event, site_url: str | None) -> str | None:
    return published_url(event.document, site_url)


def format_digest_terminal(
    events: list[Event], since: str, as_of: str, colour: bool = False
) -> str:
    lines = [paint(_heading(events, since, as_of), "bold", enabled=colour)]
    for heading, group in grouped(events):
        lines += ["", paint(heading, "bold", enabled=colour)]
        lines += [
            f"  {shown(e.when):<16}  {printable(e.document.path)}  {printable(e.title)}"
            f"{_about(e, printable)}"
            for e in group
        ]
    return "\n".join(lines)


def format_digest_chat(
    events: list[Event], since: str, as_of: str, site_url: str | None = None
) -> str:
    lines = [f"**{_heading(events, since, as_of)}**"]
    for heading, group in grouped(events):
        lines += [f"*{heading}*", *_linked_items(group, chat_text, site_url)]
    return "\n".join(lines)


def format_digest_markdown(
    events: list[Event], since: str, as_of: str, site_url: str | None = None
) -> str:
    lines = [f"# Handbook digest\n\n{md_text(_heading(events, since, as_of))}."]
    for heading, group in grouped(events):
        lines += [f"\n## {heading}\n", *_linked_items(group, md_text, site_url)]
    return "\n".join(lines) + "\n"


def _linked_items(
    events: Iterable[Event], escape: Callable[[object], str], site_url: str | None
) -> list[str]:
    """A bullet per event: its title, escaped for the message and linked to its page."""
    items = []
    for e in events:
        title = escape(e.title)
        url = _url(e, site_url)
        if url:
            title = f"[{title}]({url})"
        items.append(f"- {title}{_about(e, escape)}, {shown(e.when)}")
    return items
