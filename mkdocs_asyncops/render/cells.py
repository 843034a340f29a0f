"""The cells and links the generated pages share: a document's link, its status and tag badges,
its dates and people. Values from documents go in as plain text, escaped by the table writers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from ..core.escape import badge, md_link
from ..core.settings import PageUrls
from ..dates import moment, shown
from ..handbook.crossref import relative_url
from ..reading.model import Document
from .tables import Cell, Link, Markup, Part, joined

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
    return shown(moment(doc.meta.date))


def due_cell(when: datetime | None, overdue: bool) -> Cell:
    return (shown(when), " ", OVERDUE) if overdue else shown(when)
