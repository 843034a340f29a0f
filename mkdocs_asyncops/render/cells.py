"""The cells and links the generated pages share: a document's link, its status and tag badges,
its dates and people. Values from documents go in as plain text, escaped by the table writers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..core.escape import badge, md_link
from ..core.settings import PageUrls
from ..dates import moment, shown
from ..handbook.crossref import relative_url
from ..reading.model import Document
from .icons import material_icon
from .tables import Cell, Link, Markup, Part, joined

NOWRAP = Markup('<span class="asyncops-nowrap">', "")
END = Markup("</span>", "")
"""Around parts that wrap only as a whole (a relation and its targets)."""
OVERDUE = Markup('<span class="asyncops-badge asyncops-overdue">overdue</span>', "overdue")


def doc_link(doc: Document, text: str | None = None) -> Link:
    return Link(text if text is not None else doc.title, doc.source.src_uri)


def page_link(target: str, page: str, text: str) -> str:
    return md_link(text, relative_url(target, page))


def person_anchor(name: object) -> str:
    """The id of a person's section of the People page: `person-ana-souza`."""
    slug = re.sub(r"[\W_]+", "-", str(name).casefold()).strip("-")
    return f"person-{slug or 'unnamed'}"


def person_link(name: object, people_page: str) -> Link:
    return Link(str(name), f"{people_page}#{person_anchor(name)}")


def people(values: Iterable[object], urls: PageUrls | None = None) -> Cell:
    """Names, each linked to its section of the People page when `urls` are given."""
    if urls is None:
        return ", ".join(str(v) for v in values)
    return joined(person_link(v, urls.people) for v in values)


def status_label(status: str) -> str:
    """A status as a heading or tooltip shows it: `in-review` -> `In review`."""
    return status.replace("-", " ").capitalize()


def badge_cell(value: object, kind: str = "status") -> Markup:
    return _text_badge(str(value), kind)


@lru_cache(maxsize=4096)
def _text_badge(value: str, kind: str) -> Markup:
    """Badges repeat (a few statuses and tags over thousands of rows): each is made once."""
    return Markup(badge(value, kind), value)


def status_cell(status: str | None) -> Part:
    return badge_cell(status) if status and status != "no status" else "no status"


def tag_cells(doc: Document) -> Cell:
    return joined((badge_cell(tag, "tag") for tag in doc.meta.tags), " ")


def date_text(doc: Document) -> str:
    day = doc.meta.date
    if type(day) is date:  # the usual frontmatter date, shown as it is (`shown` of its midnight)
        return day.isoformat()
    return shown(moment(day))


def due_cell(when: datetime | None, overdue: bool) -> Cell:
    return (shown(when), " ", OVERDUE) if overdue else shown(when)


def short_link(doc: Document) -> Link:
    """A link reading `ADR-12` (its title, for a document without a number), the target's
    title and status in its tooltip."""
    text = doc.label
    if doc.spec.numbered and doc.number is not None:
        prefix = doc.spec.id_prefix or doc.spec.name.upper()
        text = f"{doc.repository + ':' if doc.repository else ''}{prefix}-{doc.number}"
    status = f" ({doc.status})" if doc.status else ""
    return Link(text, doc.source.src_uri, f"{doc.title}{status}")


def span_text(span: timedelta) -> str:
    """A span rounded down, in the two largest units that matter: `2 d 4 h`, `5 h`, `12 min`."""
    minutes = max(int(span.total_seconds() // 60), 0)
    days, hours = divmod(minutes // 60, 24)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    return f"{hours} h" if hours else f"{minutes} min"


def chip(text: str, icon: str = "", state: str = "") -> Markup:
    """A rounded label of our own making (`2 d 4 h left`), with a Material icon before it."""
    css = f"asyncops-chip asyncops-chip-{state}" if state else "asyncops-chip"
    drawn = material_icon(icon, "warning" if state == "overdue" else None) if icon else ""
    return Markup(f'<span class="{css}">{drawn}{text}</span>', text)


def time_left_chip(deadline: datetime | None, stopped: datetime | None, overdue: bool) -> Part:
    """The time left until `deadline` at `stopped` (the clock, or when the quorum was reached):
    `2 d 4 h left`, or `overdue 5 h` in red with its icon; nothing without a deadline."""
    if deadline is None or stopped is None:
        return ""
    if overdue:
        return chip(f"overdue {span_text(stopped - deadline)}", "alert-circle", "overdue")
    return chip(f"{span_text(deadline - stopped)} left", "clock-outline")
