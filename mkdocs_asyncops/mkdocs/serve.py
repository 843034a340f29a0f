"""`mkdocs serve` only: findings shown on the pages, and logged without aborting the server."""

from __future__ import annotations

import logging

from mkdocs.plugins import PrefixedLogger
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler

from ..core.diagnostics import Severity
from ..render.header import with_header
from ..render.preview import handbook_problems, page_problems
from .site_parts import SiteParts

_PREVIEW = logging.getLogger("mkdocs_asyncops.preview")
"""Outside the `mkdocs` logger tree, where MkDocs' strict mode counts warnings to abort."""


def preview_logger() -> PrefixedLogger:
    """A logger that prints as MkDocs' own does but is not counted by its strict mode: in
    `mkdocs serve` an aborted rebuild leaves the server stuck, so findings must not abort it."""
    mkdocs = logging.getLogger("mkdocs")
    _PREVIEW.handlers = [
        handler for handler in mkdocs.handlers if not isinstance(handler, CountHandler)
    ]
    _PREVIEW.setLevel(mkdocs.getEffectiveLevel())
    return PrefixedLogger("mkdocs_asyncops", _PREVIEW)


def show_problems(parts: SiteParts, files: Files, home_uri: str) -> None:
    """The preview only: each page's problems at its top, their count on the dashboard."""
    home = files.src_uris.get(home_uri)
    if home is not None and home.page is not None and home.page.content is not None:
        problems = [problem for problem in parts.diagnostics if problem.level is not Severity.INFO]
        home.page.content = with_header(home.page.content, handbook_problems(problems))
    for uri, found in parts.problems.items():
        file = files.src_uris.get(uri)
        problems = [problem for problem in found if problem.level is not Severity.INFO]
        if (
            problems
            and file is not None
            and file.page is not None
            and file.page.content is not None
        ):
            file.page.content = page_problems(problems) + "\n" + file.page.content
