"""The header shown above each document: kind, status, people, dates, relations, notices.

The header is HTML from the Jinja template `asyncops/header.html`, looked up in the theme's
folders first so a site can override it (put your own `asyncops/header.html` in `custom_dir`).
The environment escapes every value, so nothing from frontmatter can inject markup. The context
names linked documents by their site paths; `render_header` asks the caller for their URLs
(computed from the site's files, never taken from frontmatter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from ..core.escape import css_name
from ..dates import moment, shown
from ..pipeline import Checked
from ..reading.model import Document
from .cells import person_anchor
from .tables import UrlFor

TEMPLATES = Path(__file__).parent / "templates"
HEADER_TEMPLATE = "asyncops/header.html"
FEED_LINK_TEMPLATE = "asyncops/feed-link.html"
"""What goes into every page's `<head>` so feed readers find the feed."""

_PEOPLE = (
    ("owner", "Owner"),
    ("author", "Author"),
    ("deciders", "Deciders"),
    ("reviewers", "Reviewers"),
    ("consulted", "Consulted"),
    ("informed", "Informed"),
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
    ("requires", "Requires"),
    ("required_by", "Required by"),
    ("relates_to", "Related"),
)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
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


def _people(values: dict[str, Any], people_page: str | None) -> list[dict[str, Any]]:
    """The header's lines of people, each name linked to the People page when there is one."""
    people = []
    for key, label in _PEOPLE:
        value = values.get(key)
        names = (
            [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])
        )
        if names:
            links = [
                {"name": name, "target": f"{people_page}#{person_anchor(name)}"}
                for name in names
                if people_page
            ]
            people.append({"label": label, "names": names, "links": links})
    return people


def header_context(
    doc: Document, checked: Checked, people_page: str | None = None
) -> dict[str, Any]:
    """What the header template shows for `doc`, as plain values (each linked document with
    its site path as `target`; `render_header` adds its `url`). With `people_page`, each name
    links to its section of the People page (`links`; `names` keeps the plain names)."""
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

    people = _people(values, people_page)
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
    cited_by = [
        {"label": c.label, "path": c.repo_path, "line": c.line} for c in checked.citations.of(doc)
    ]
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
        "cited_by": cited_by,
        "notice": notice,
    }


CodeUrl = Callable[[str, int], str]
"""The web view of a line of a file in the repository (its path in the working tree)."""


def code_url(repo_url: str | None, ref: str | None) -> CodeUrl | None:
    """Links into the repository's web view at `ref` (GitLab's and Bitbucket's forms for
    their hosts, GitHub's for any other), or None without a `repo_url` to link to."""
    if not repo_url or urlsplit(repo_url).scheme not in ("http", "https"):
        return None
    base = repo_url.rstrip("/")
    if base.endswith(".git"):
        base = base[: -len(".git")]
    host = urlsplit(base).netloc.casefold()
    at = quote(ref or "HEAD", safe="")

    def url(path: str, line: int) -> str:
        where = quote(path, safe="/")
        if "gitlab" in host:
            return f"{base}/-/blob/{at}/{where}#L{line}"
        if "bitbucket" in host:
            return f"{base}/src/{at}/{where}#lines-{line}"
        return f"{base}/blob/{at}/{where}#L{line}"

    return url


def render_header(
    env: jinja2.Environment,
    context: dict[str, Any],
    url_for: UrlFor,
    code: CodeUrl | None = None,
) -> str:
    """The header as HTML, without blank lines (citing lines linked with `code`, if given)."""

    def linked(refs: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{**ref, "url": url_for(ref["target"])} for ref in refs]

    notice = context["notice"]
    values = {
        **context,
        "people": [
            {**group, "links": [{**p, "url": _url(url_for, p["target"])} for p in group["links"]]}
            for group in context["people"]
        ],
        "relations": [
            {**relation, "documents": linked(relation["documents"])}
            for relation in context["relations"]
        ],
        "notice": notice and {**notice, "successors": linked(notice["successors"])},
        "cited_by": [
            {**c, "url": code(c["path"], c["line"]) if code else None}
            for c in context.get("cited_by", ())
        ],
    }
    html = env.get_template(HEADER_TEMPLATE).render(**values)
    return "\n".join(line for line in html.splitlines() if line.strip())


def _url(url_for: UrlFor, target: str) -> str:
    """The URL of a site path that may end in a `#fragment`."""
    path, hashmark, fragment = target.partition("#")
    return url_for(path) + (f"#{fragment}" if hashmark else "")


def feed_link(env: jinja2.Environment, title: str, url: str) -> str:
    """The feed's `<link rel="alternate">` (the overridable `FEED_LINK_TEMPLATE`)."""
    return env.get_template(FEED_LINK_TEMPLATE).render(title=title, url=url).strip()


def with_feed_link(html: str, link: str) -> str:
    """A page's HTML with the feed's `link` (`feed_link`) at the end of its `<head>`;
    unchanged without one."""
    end = _HEAD_END.search(html)
    if end is None:
        return html
    return f"{html[: end.start()]}{link}\n{html[end.start() :]}"


def with_header(html: str, header: str) -> str:
    """A page's HTML with `header` after its first `<h1>` heading, else at the top.

    Headers go into the HTML MkDocs made of the page, not into its Markdown: Markdown would
    have to parse them again on every page, and code can hold no real `<h1>` (it is escaped).
    """
    title = _H1_END.search(html)
    if title is None:
        return f"{header}\n{html}"
    return f"{html[: title.end()]}\n{header}\n{html[title.end() :]}"
