"""Finding the Markdown files to read, and which kind each folder holds."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, diagnostic
from .model import SourceFile, SourceFolder

MARKDOWN_SUFFIXES = (".md", ".markdown")


def display_path(path: Path, root: Path) -> str:
    """A path as people should see it: relative to the project root where possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return Path(os.path.relpath(path, root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


def discover(
    folders: Iterable[SourceFolder], root: Path, folder_kinds: Mapping[str, str]
) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every Markdown file in the source folders, in a stable order, with its kind hint.

    Hidden files and folders are skipped, folder symlinks are not followed, and a file symlink
    that leads outside the project and its source folders is reported instead of read.
    """
    folders = list(folders)
    boundaries = [root.resolve(), *(folder.path.resolve() for folder in folders)]
    found: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for folder in folders:
        base = folder.path if folder.path.is_dir() else folder.path.parent
        for abs_path in _markdown_files(folder.path):
            shown = display_path(abs_path, root)
            if abs_path.is_symlink() and not _inside(abs_path.resolve(), boundaries):
                problems.append(
                    diagnostic(
                        shown,
                        0,
                        "ASY005",
                        "this symlink leads outside the project; copy the file in or remove the link",
                    )
                )
                continue
            relative = PurePosixPath(abs_path.relative_to(base).as_posix())
            found.append(
                SourceFile(
                    abs_path=abs_path,
                    path=shown,
                    src_uri=site_uri(folder, relative),
                    folder=folder,
                    kind_hint=folder.kind or _folder_kind(base, relative, folder_kinds),
                )
            )
    return found, problems


def site_uri(folder: SourceFolder, relative: PurePosixPath) -> str:
    """Where a file at `relative` inside `folder` appears in the site."""
    return str(PurePosixPath(folder.mount, relative)) if folder.mount else str(relative)


def _markdown_files(top: Path) -> list[Path]:
    return [path for path in walk_files(top) if path.suffix.lower() in MARKDOWN_SUFFIXES]


def walk_files(top: Path) -> list[Path]:
    """Every file under `top` (or `top` itself), sorted, skipping hidden files and folders."""
    if top.is_file():
        return [top]
    files = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        files.extend(Path(dirpath, name) for name in sorted(filenames) if not name.startswith("."))
    return files


def _folder_kind(top: Path, relative: PurePosixPath, folder_kinds: Mapping[str, str]) -> str | None:
    """The kind named by the innermost folder on the file's path (the source folder included)."""
    kind = None
    for name in [top.name, *relative.parts[:-1]]:
        kind = folder_kinds.get(name.casefold(), kind)
    return kind


def _inside(path: Path, boundaries: list[Path]) -> bool:
    return any(path == top or top in path.parents for top in boundaries)
