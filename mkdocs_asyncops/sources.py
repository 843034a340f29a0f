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

    Hidden files and folders are skipped and folder symlinks are not followed. A symlink (to a
    file of any type, or to a folder) that leads outside the project and its source folders,
    or that loops, is reported instead of read: `unpublished` says which files to leave out.
    """
    folders = list(folders)
    boundaries = source_boundaries(root, folders)
    found: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for folder in folders:
        for link, problem in bad_links(folder.path, boundaries):
            code = "ASY001" if problem.startswith("this symlink loops") else "ASY005"
            problems.append(diagnostic(display_path(link, root), 0, code, problem))
        base = folder.path if folder.path.is_dir() else folder.path.parent
        for abs_path in _markdown_files(folder.path):
            if unpublished(abs_path, boundaries):
                continue
            relative = PurePosixPath(abs_path.relative_to(base).as_posix())
            found.append(
                SourceFile(
                    abs_path=abs_path,
                    path=display_path(abs_path, root),
                    src_uri=site_uri(folder, relative),
                    folder=folder,
                    kind_hint=folder.kind or _folder_kind(base, relative, folder_kinds),
                )
            )
    return found, problems


def source_boundaries(root: Path, folders: Iterable[SourceFolder]) -> list[Path]:
    """The folders a file may be in, symlinks resolved: the project and each source folder."""
    return [root.resolve(), *(folder.path.resolve() for folder in folders)]


def bad_links(top: Path, boundaries: list[Path]) -> list[tuple[Path, str]]:
    """The symlinks under `top` that lead outside `boundaries` or loop, each with the problem."""
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in [*dirnames, *sorted(n for n in filenames if not n.startswith("."))]:
            path = Path(dirpath, name)
            problem = _link_problem(path, boundaries) if path.is_symlink() else None
            if problem is not None:
                found.append((path, problem))
    return found


def unpublished(path: Path, boundaries: list[Path]) -> bool:
    """Whether the file at `path` must be neither read nor published: it, or a folder on its
    way, is a symlink that leads outside `boundaries` or loops."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop (RuntimeError before Python 3.13) or a dangling link
        return path.is_symlink() and _loop(path) is not None
    return not _inside(target, boundaries) or any(_holds_itself(parent) for parent in path.parents)


def _link_problem(link: Path, boundaries: list[Path]) -> str | None:
    loop = _loop(link)
    if loop is not None:
        return f"this symlink loops ({loop}); point it at a real file or remove it"
    target = link.resolve()
    if not _inside(target, boundaries):
        what = "folder" if target.is_dir() else "file"
        return f"this symlink leads outside the project, so its {what} is neither read nor published; copy it in or remove the link"
    if _holds_itself(link):
        return f"this symlink loops ({link.name} -> {os.readlink(link)}, a folder that holds it); remove it"
    return None


def _holds_itself(link: Path) -> bool:
    """Whether `link` is a symlink to the folder it is in, or to one around that."""
    if not link.is_symlink():
        return False
    target, here = link.resolve(), link.parent.resolve()
    return target == here or target in here.parents


def _loop(link: Path) -> str | None:
    """`a.md -> b.md -> a.md` when following `link` comes back to a link already seen."""
    seen: list[Path] = []
    path = link
    while path.is_symlink():
        if path in seen:
            return " -> ".join(p.name for p in [*seen, path])
        seen.append(path)
        path = Path(os.path.normpath(path.parent / os.readlink(path)))
    return None


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
