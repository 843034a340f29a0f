"""What the plugin writes into the pages MkDocs made of the documents: escaped statuses and
titles, and each document's stale notice and header under its title."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Generic, TypeVar

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.kinds import fold_status
from ..render.header import HEADER_TEMPLATE, CodeUrl, code_url, render_header, with_header
from .site_files import urls_for
from .site_parts import SiteParts

__all__ = ["Headers", "Made"]

T = TypeVar("T")


class Headers:
    """Each document's notices and header, rendered again only when what they show changed: a
    `mkdocs serve` rebuild renders those of the documents whose header context or notice
    changed (all of them once `forget` says the site's files changed)."""

    def __init__(self) -> None:
        self._for: tuple[str | None, str | None, str] | None = None
        self._made: dict[str, tuple[tuple[object, str], str]] = {}

    def forget(self) -> None:
        self._made = {}

    def add(
        self,
        files: Files,
        parts: SiteParts,
        templates: jinja2.Environment | None,
        repo_url: str | None,
    ) -> None:
        """Put them into the pages; `repo_url` is MkDocs' (headers link into its web view)."""
        # the header's template as the theme gives it now (a site may override it)
        loader = templates.loader if templates is not None else None
        template = loader.get_source(templates, HEADER_TEMPLATE)[0] if loader and templates else ""
        if self._for != (repo_url, parts.head, template):
            self._for, self._made = (repo_url, parts.head, template), {}
        code = code_url(repo_url, parts.head)
        for file in files.documentation_pages(inclusion=InclusionLevel.all):  # drafts too, in serve
            page = file.page
            if page is not None and page.meta.get("status") is not None:
                # mkdocs-material writes the status into the navigation's class and title
                # attributes as it is; a status is text, from any page. A document's is folded
                # as its kind's statuses are, so `In Review` finds the `in-review` label.
                status = str(page.meta["status"])
                status = fold_status(status) if file.src_uri in parts.documents else status
                page.meta["status"] = html.escape(status)
            if page is None or file.src_uri not in parts.documents or page.content is None:
                continue
            if isinstance(page.meta.get("title"), str):
                # Themes show page titles as HTML; a document's frontmatter title is plain text.
                page.meta["title"] = html.escape(page.meta["title"])
            shown = (parts.headers.get(file.src_uri), parts.stale_notices.get(file.src_uri, ""))
            known = self._made.get(file.src_uri)
            if known is not None and known[0] == shown:
                notice = known[1]
            else:
                notice = self._notice(file, files, parts, templates, code)
                self._made[file.src_uri] = (shown, notice)
            if notice:
                page.content = with_header(page.content, notice)

    @staticmethod
    def _notice(
        file: File,
        files: Files,
        parts: SiteParts,
        templates: jinja2.Environment | None,
        code: CodeUrl | None,
    ) -> str:
        assert file.page is not None
        notices = [parts.stale_notices.get(file.src_uri, "")]
        context = parts.headers.get(file.src_uri)
        if context is not None and templates is not None:
            notices.append(render_header(templates, context, urls_for(files, file.page), code))
        return "\n".join(n for n in notices if n)


class Made(Generic[T]):
    """What a page event made of each page from its text (and `inputs`), made again only from
    others (or once `forget` says that what else it used changed)."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[tuple[str, object], T]] = {}

    def made(
        self, uri: str, text: str, make: Callable[..., T], *args: object, inputs: object = None
    ) -> T:
        known = self._made.get(uri)
        if known is not None and known[0] == (text, inputs):
            return known[1]
        result = make(text, *args)
        self._made[uri] = ((text, inputs), result)
        return result

    def forget(self) -> None:
        self._made = {}
