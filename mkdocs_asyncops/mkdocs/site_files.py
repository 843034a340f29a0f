"""Which files the site holds, and the URLs between them, for the plugin's events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.escape import web_url
from ..reading.source_text import encoding_problem

__all__ = ["leave_out_unreadable", "urls_for"]


def leave_out_unreadable(files: Files) -> None:
    """Take every Markdown file that is not UTF-8 text out of the site before MkDocs reads it
    (MkDocs would stop with a traceback); the checks report each as ASY002."""
    for file in list(files.documentation_pages(inclusion=InclusionLevel.all)):
        if file.abs_src_path is None:
            continue
        try:
            raw = Path(file.abs_src_path).read_bytes()
        except OSError:
            continue
        if encoding_problem(raw) is not None:
            files.remove(file)


def urls_for(files: Files, page: Page) -> Callable[[str], str]:
    """The URL of each site path, relative to `page`."""

    def url_for(src_uri: str) -> str:
        if web_url(src_uri):  # another repository's page
            return src_uri
        file = files.get_file_from_path(src_uri)
        return file.url_relative_to(page.file) if file is not None else "#"

    return url_for
