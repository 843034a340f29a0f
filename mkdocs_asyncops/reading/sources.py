"""Finding the Markdown files to read, and which kind each folder holds."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import SourceFolder
from .model import SourceFile

MARKDOWN_SUFFIXES = (".md", ".markdown")
PROPOSAL_SUFFIXES = (".rst",)
"""Read too, as documents only when they are proposals (a PEP's `.rst`)."""
SIDECARS = ("kep.yaml",)
"""A proposal's metadata file, read as the proposal when no README is beside it."""
_BODIES = ("readme.md", "index.md")


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
    folders: Iterable[SourceFolder],
    root: Path,
    folder_kinds: Mapping[str, str],
    extensions: tuple[str, ...] = MARKDOWN_SUFFIXES,
) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every Markdown file in the source folders, in a stable order, with its kind hint.

    Hidden files and folders are skipped and folder symlinks are not followed. A symlink (to a
    file of any type, or to a folder) that leads outside the project and its source folders,
    or that loops, is reported instead of read (`Boundaries` says which files to leave out).
    """
    folders = list(folders)
    boundaries = Boundaries(root, folders)
    found: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for folder in folders:
        for link, code, problem in boundaries.bad_links(folder.path):
            problems.append(diagnostic(display_path(link, root), 0, code, problem))
        base = folder.path if folder.path.is_dir() else folder.path.parent
        inside_base, inside_root = _Under(base), _Under(root)
        for abs_path in _markdown_files(folder.path, extensions):
            if boundaries.unpublished(abs_path):
                continue
            relative = inside_base.relative(abs_path)
            found.append(
                SourceFile(
                    abs_path=abs_path,
                    path=inside_root.relative(abs_path, display=True),
                    src_uri=site_uri(folder, relative),
                    folder=folder,
                    kind_hint=folder.kind or _folder_kind(base, relative, folder_kinds),
                )
            )
    return found, problems


class _Under:
    """Paths of files under one folder, relative to it, as text (`a/b.md`): for the thousands
    of files of a scan, without a `Path` made and compared for each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.prefix = os.path.join(str(folder), "")

    def relative(self, path: Path, display: bool = False) -> str:
        """`path` relative to the folder; with `display`, as `display_path` shows one outside
        it, else raising `ValueError` for it as `relative_to` does."""
        text = str(path)
        if text.startswith(self.prefix):
            found = text[len(self.prefix) :]
            return found if os.sep == "/" else found.replace(os.sep, "/")
        if display:
            return display_path(path, self.folder)
        return path.relative_to(self.folder).as_posix()


class Boundaries:
    """The folders a file may be in (the project and each source folder, symlinks resolved),
    and the symlinks that lead out of them or loop."""

    def __init__(self, root: Path, folders: Iterable[SourceFolder]) -> None:
        self.tops = [root.resolve(), *(folder.path.resolve() for folder in folders)]
        self._folders: dict[Path, bool] = {}

    def unpublished(self, path: Path) -> bool:
        """Whether the file at `path` must be neither read nor published: it, or a folder on
        its way, is a symlink that leads outside or loops."""
        if path.is_symlink():
            try:
                if not _inside(path.resolve(strict=True), self.tops):
                    return True
            except (OSError, RuntimeError):  # a loop (RuntimeError before Python 3.13), or dangling
                return _loop(path) is not None
        folder = path.parent
        if folder not in self._folders:  # documents share a few folders: each is resolved once
            self._folders[folder] = not _inside(folder.resolve(), self.tops) or any(
                _holds_itself(above) for above in (folder, *folder.parents)
            )
        return self._folders[folder]

    def bad_links(self, top: Path) -> list[tuple[Path, str, str]]:
        """The symlinks under `top` that lead outside or loop: each with its rule and problem."""
        found = []
        pending = [top] if top.is_dir() else []
        while pending:  # scandir knows which entries are links without asking the disk again
            try:
                with os.scandir(pending.pop()) as listing:
                    entries = [entry for entry in listing if not entry.name.startswith(".")]
            except OSError:
                continue
            for entry in entries:
                if entry.is_symlink():
                    problem = self._problem(Path(entry.path))
                    if problem is not None:
                        found.append((Path(entry.path), *problem))
                elif entry.is_dir():
                    pending.append(Path(entry.path))
        return sorted(found)

    def _problem(self, link: Path) -> tuple[str, str] | None:
        loop = _loop(link)
        if loop is not None:
            return "ASY001", f"this symlink loops ({loop}); point it at a real file or remove it"
        target = link.resolve()
        if not _inside(target, self.tops):
            what = "folder" if target.is_dir() else "file"
            return "ASY005", (
                f"this symlink leads outside the project, so its {what} is neither read nor published; "
                "copy it in or remove the link"
            )
        if _holds_itself(link):
            return (
                "ASY001",
                f"this symlink loops ({link.name} -> {os.readlink(link)}, a folder that holds it); remove it",
            )
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


def site_uri(folder: SourceFolder, relative: str) -> str:
    """Where a file at `relative` (`a/b.md`) inside `folder` appears in the site."""
    return str(PurePosixPath(folder.mount, relative)) if folder.mount else relative


def _markdown_files(top: Path, extensions: tuple[str, ...] = MARKDOWN_SUFFIXES) -> list[Path]:
    files = walk_files(top)
    bodies = {path.parent for path in files if path.name.casefold() in _BODIES}
    wanted = tuple(ext.lower() for ext in (*extensions, *PROPOSAL_SUFFIXES))
    return [
        path
        for path in files
        if path.name.lower().endswith(wanted)
        or (path.name in SIDECARS and path.parent not in bodies)
    ]


GENERATOR_SUFFIXES = (".mdx", ".html.md.erb", ".md.erb", ".html.md")
"""Site generators' Markdown (MDX, Middleman): read when the configured extensions name them."""


def unread_generator_files(top: Path, extensions: tuple[str, ...]) -> dict[str, int]:
    """Files under `top` with a site generator's extension that `extensions` leaves unread."""
    found: dict[str, int] = {}
    for path in walk_files(top):
        name = path.name.lower()
        suffix = next((s for s in GENERATOR_SUFFIXES if name.endswith(s)), None)
        if suffix is not None and not name.endswith(tuple(e.lower() for e in extensions)):
            found[suffix] = found.get(suffix, 0) + 1
    return found


def walk_files(top: Path) -> list[Path]:
    """Every file under `top` (or `top` itself), sorted, skipping hidden files and folders."""
    if top.is_file():
        return [top]
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        files.extend(Path(dirpath, name) for name in sorted(filenames) if not name.startswith("."))
    return files


def _folder_kind(top: Path, relative: str, folder_kinds: Mapping[str, str]) -> str | None:
    """The kind named by the innermost folder on the file's path `relative` to `top` (`top`
    included)."""
    kind = None
    for name in [top.name, *relative.split("/")[:-1]]:
        kind = folder_kinds.get(name.casefold(), kind)
    return kind


def _inside(path: Path, boundaries: list[Path]) -> bool:
    return any(path == top or top in path.parents for top in boundaries)
