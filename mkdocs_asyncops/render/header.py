"""The header shown above each document: kind, status, people, dates, relations, notices.

The header is HTML from the Jinja template `asyncops/header.html`, looked up in the theme's
folders first so a site can override it (put your own `asyncops/header.html` in `custom_dir`).
The environment escapes every value, so nothing from frontmatter can inject markup. The context
names linked documents by their site paths; `render_header` asks the caller for their URLs
(computed from the site's files, never taken from frontmatter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from ..core.escape import css_name
from ..dates import moment, shown
from ..pipeline import Checked
from ..reading.model import Document
from .tables import UrlFor

TEMPLATES = Path(__file__).parent / "templates"
HEADER_TEMPLATE = "asyncops/header.html"

_PEOPLE = (
    ("owner", "Owner"),
    ("author", "Author"),
    ("deciders", "Deciders"),
    ("reviewers", "Reviewers"),
    ("consulted", "Consulted"),
    ("on_call", "On call"),
)
_DATES = (
    ("date", "Date"),
    ("incident_date", "Incident"),
    ("published", "Published"),
    ("review_requested", "Review requested"),
    ("review_deadline", "Review deadline"),
    ("approved", "Approved"),
    ("live_since", "Live since"),
)
_RELATIONS = (
    ("supersedes", "Supersedes"),
    ("superseded_by", "Superseded by"),
    ("amends", "Amends"),
    ("amended_by", "Amended by"),
    ("relates_to", "Related"),
)
_H1_END = re.compile(r"<h1[\s>].*?</h1\s*>", re.IGNORECASE | re.DOTALL)


def template_environment(dirs: Sequence[str | Path] = ()) -> jinja2.Environment:
    """Templates from `dirs` (a theme's folders, highest priority first), then the package's."""
    search = [str(d) for d in dirs] + [str(TEMPLATES)]
    # Made anew for each build, so templates need no checking for changes while it runs.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )


def header_context(doc: Document, checked: Checked) -> dict[str, Any]:
    """What the header template shows for `doc`, as plain values (each linked document with
    its site path as `target`; `render_header` adds its `url`)."""
    meta = doc.meta
    values = {
        **(meta.model_extra or {}),
        **vars(meta),
    }  # fields and extra keys, without pydantic's lookups

    def ref(target: Document) -> dict[str, str]:
        return {
            "label": target.label,
            "title": target.title,
            "status": target.status or "",
            "target": target.source.src_uri,
        }

    people = []
    for key, label in _PEOPLE:
        value = values.get(key)
        names = (
            [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])
        )
        if names:
            people.append({"label": label, "names": names})
    moments = ((label, moment(values.get(key))) for key, label in _DATES)
    dates = [{"label": label, "value": shown(when)} for label, when in moments if when is not None]
    related = ((label, checked.handbook.related(doc, key)) for key, label in _RELATIONS)
    relations = [
        {"label": label, "documents": [ref(t) for t in targets]}
        for label, targets in related
        if targets
    ]
    backlinks = [ref(t) for t in checked.refs.referenced_by(doc)]
    if backlinks:
        relations.append({"label": "Referenced by", "documents": backlinks})
    successors = [ref(t) for t in checked.handbook.related(doc, "superseded_by")]
    notice = None
    if doc.status in ("superseded", "deprecated") or successors:
        notice = {"status": doc.status or "superseded", "successors": successors}
    return {
        "kind": doc.spec.label,
        "id": doc.id if doc.spec.numbered else "",
        "status": doc.status or "",
        "status_class": css_name(doc.status or "none"),
        "people": people,
        "dates": dates,
        "tags": [str(t) for t in meta.tags],
        "relations": relations,
        "notice": notice,
    }


def render_header(env: jinja2.Environment, context: dict[str, Any], url_for: UrlFor) -> str:
    """The header as HTML, without blank lines."""

    def linked(refs: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{**ref, "url": url_for(ref["target"])} for ref in refs]

    notice = context["notice"]
    values = {
        **context,
        "relations": [
            {**relation, "documents": linked(relation["documents"])}
            for relation in context["relations"]
        ],
        "notice": notice and {**notice, "successors": linked(notice["successors"])},
    }
    html = env.get_template(HEADER_TEMPLATE).render(**values)
    return "\n".join(line for line in html.splitlines() if line.strip())


def with_header(html: str, header: str) -> str:
    """A page's HTML with `header` after its first `<h1>` heading, else at the top.

    Headers go into the HTML MkDocs made of the page, not into its Markdown: Markdown would
    have to parse them again on every page, and code can hold no real `<h1>` (it is escaped).
    """
    title = _H1_END.search(html)
    if title is None:
        return f"{header}\n{html}"
    return f"{html[: title.end()]}\n{header}\n{html[title.end() :]}"
