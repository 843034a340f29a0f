"""A gate never passes on nothing: folders of documents the configuration leaves unread, and a
reading that found no document at all (ADR-0018)."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import Settings
from .sources import MARKDOWN_SUFFIXES, display_path, unread_generator_files, walk_files

CONVENTIONAL = {
    "architecture-decision-records": "adr",
    "decision-records": "adr",
    "design-docs": "design",
    "post-mortems": "postmortem",
}
"""Folder names teams use for a kind that no kind claims by default."""

_PARENTS = ("doc", "docs", "documentation")
"""Folders whose subfolders are looked at too (`doc/adr`, `docs/adr` outside `docs_dir`)."""


def unread_problems(settings: Settings, documents: int) -> list[Diagnostic]:
    """An ASY007 warning for each folder of documents left unread, and ASY006 when no document
    was found. Only for the handbook's own folders: `PATH`s picked on the command line are
    judged by the command (`asyncops check PATH`)."""
    if not settings.whole_handbook or settings.forced_kind:
        return []
    unread = [*_outside_sources(settings), *_unclaimed_inside(settings)]
    problems = [
        diagnostic(display_path(path, settings.root), 0, "ASY007", message)
        for path, message in unread
    ]
    if documents == 0:
        read = ", ".join(
            display_path(folder.path, settings.root) or "." for folder in settings.folders
        )
        generated = _generator_files(settings)
        if generated:
            hint = generated
        elif unread:
            hint = (
                "did you mean "
                + ", ".join(f"{display_path(path, settings.root)}/" for path, _ in unread)
                + "? (see ASY007)"
            )
        else:
            hint = "did you mean to list the folder of your ADRs under `plugins: - asyncops: sources:`? `asyncops new adr` starts one"
        problems.append(
            diagnostic(read.split(", ")[0], 0, "ASY006", f"0 documents found in {read}; {hint}")
        )
    return problems


def _generator_files(settings: Settings) -> str:
    """What to do when the folders hold only a site generator's files (`.mdx`, `.html.md.erb`)
    that the extensions leave unread; empty when they hold none."""
    found: dict[str, int] = {}
    for folder in settings.folders:
        for suffix, count in unread_generator_files(folder.path, settings.extensions).items():
            found[suffix] = found.get(suffix, 0) + count
    if not found:
        return ""
    shown = ", ".join(f"{count} {suffix}" for suffix, count in sorted(found.items()))
    wanted = [*settings.extensions, *sorted(found)]
    return (
        f"they hold {shown} files, which the extensions read leave unread; add "
        f"`extensions: [{', '.join(wanted)}]` to the asyncops plugin's options in mkdocs.yml, "
        f"or pass `--extensions {','.join(wanted)}`"
    )


def _markdown_count(folder: Path) -> int:
    return sum(1 for path in walk_files(folder) if path.suffix.lower() in MARKDOWN_SUFFIXES)


def _files(count: int) -> str:
    return f"{count} Markdown file" + ("" if count == 1 else "s")


def _outside_sources(settings: Settings) -> list[tuple[Path, str]]:
    """Folders with a kind's name beside the sources, not read: named with the line that adds them."""
    sources = [folder.path for folder in settings.folders]
    found = []
    for path in _candidates(settings.root):
        name = path.name.casefold()
        kind = settings.folder_kinds.get(name) or CONVENTIONAL.get(name)
        if kind is None or any(
            path == top or top in path.parents or path in top.parents for top in sources
        ):
            continue
        count = _markdown_count(path)
        if not count:
            continue
        shown = display_path(path, settings.root)
        entry = (
            f"- path: {shown}"
            if name in settings.folder_kinds
            else f"- {{path: {shown}, kind: {kind}}}"
        )
        message = (
            f"{shown}/ holds {_files(count)} that asyncops does not read or publish; to check them, "
            f"list the folder in mkdocs.yml under `plugins: - asyncops: sources:` as `{entry}`"
        )
        found.append((path, message))
    return found


def _candidates(root: Path) -> list[Path]:
    tops = _subfolders(root)
    return tops + [path for top in tops if top.name in _PARENTS for path in _subfolders(top)]


def _subfolders(folder: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    return [
        Path(e.path)
        for e in entries
        if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
    ]


def _unclaimed_inside(settings: Settings) -> list[tuple[Path, str]]:
    """Folders inside the sources with a conventional name that no kind claims: their files are
    published as plain pages and never checked."""
    found = []
    for folder in settings.folders:
        if folder.kind is not None or not folder.path.is_dir():
            continue
        for dirpath, dirnames, _ in os.walk(folder.path):
            dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
            for name in dirnames:
                kind = CONVENTIONAL.get(name.casefold())
                path = Path(dirpath, name)
                if (
                    kind is None
                    or name.casefold() in settings.folder_kinds
                    or not _markdown_count(path)
                ):
                    continue
                plural = settings.kinds[kind].plural if kind in settings.kinds else kind
                message = (
                    f"{display_path(path, settings.root)}/ holds {_files(_markdown_count(path))} published but "
                    f"not checked as {plural}; to check them, add in mkdocs.yml under "
                    f"`plugins: - asyncops: folders:` the line `{name}: {kind}`"
                )
                found.append((path, message))
    return found
