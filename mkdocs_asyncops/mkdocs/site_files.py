"""Which files the site holds, and the URLs between them, for the plugin's events."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger, LoggerAdapter
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.escape import web_url
from ..core.settings import Settings
from ..reading.source_text import encoding_problem
from ..reading.sources import Boundaries, discover, site_uri, walk_files

__all__ = [
    "keep_records_out_of_nav",
    "leave_out_unreadable",
    "mount_sources",
    "title_kind_sections",
    "urls_for",
]


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


def mount_sources(
    files: Files,
    config: MkDocsConfig,
    settings: Settings,
    boundaries: Boundaries,
    log: Logger | LoggerAdapter,
) -> list[Path]:
    """Publish every file of the extra source folders under its mount point (but those behind
    a symlink leading outside or looping); return every file found in them."""
    found = []
    for folder in settings.folders[1:]:
        for path in walk_files(folder.path):
            found.append(path)
            if boundaries.unpublished(path):
                continue
            src_uri = site_uri(folder, PurePosixPath(path.relative_to(folder.path).as_posix()))
            if files.get_file_from_path(src_uri) is not None:
                log.warning(
                    f"{src_uri} exists in docs_dir and in {folder.path.name}/; using docs_dir's"
                )
                continue
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return found


def urls_for(files: Files, page: Page) -> Callable[[str], str]:
    """The URL of each site path, relative to `page`."""

    def url_for(src_uri: str) -> str:
        if web_url(src_uri):  # another repository's page
            return src_uri
        file = files.get_file_from_path(src_uri)
        return file.url_relative_to(page.file) if file is not None else "#"

    return url_for


def keep_records_out_of_nav(files: Files, config: MkDocsConfig, settings: Settings) -> None:
    """Mark every document its folder gives a kind as not in the navigation (MkDocs renders the
    whole navigation into every page, so a build grows with the square of the pages listed).
    A folder's `index.md` or `README.md` stays: it is the folder's entry point, as are the
    generated indexes; drafts and excluded files stay as they are."""
    set_exclusions(files, config)  # the mounted files' `exclude_docs` and `draft_docs` first
    sources, _ = discover(settings.folders, settings.root, settings.folder_kinds)
    for source in sources:
        if source.kind_hint is None or PurePosixPath(source.src_uri).name in ENTRY_NAMES:
            continue
        file = files.get_file_from_path(source.src_uri)
        if file is not None and file.inclusion is InclusionLevel.INCLUDED:
            file.inclusion = InclusionLevel.NOT_IN_NAV


ENTRY_NAMES = ("index.md", "README.md")


def title_kind_sections(nav: Navigation, settings: Settings) -> None:
    """Title the sections MkDocs makes of kind folders after the kind (`Adr` -> `Architecture decisions`)."""
    sections = [item for item in nav.items if isinstance(item, Section)]
    while sections:
        section = sections.pop()
        kind = settings.folder_kinds.get(section.title.casefold().replace(" ", "-"))
        if kind in settings.kinds:
            section.title = settings.kinds[kind].plural
        sections.extend(child for child in section.children if isinstance(child, Section))
