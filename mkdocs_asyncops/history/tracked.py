"""The files git tracks under a folder, from the repository's index (libgit2: no process)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygit2

_NOT_FILES = (pygit2.GIT_FILEMODE_LINK, pygit2.GIT_FILEMODE_COMMIT)


@dataclass(frozen=True)
class Tracked:
    """The tracked regular files under a project root."""

    workdir: Path
    """The repository's working tree."""
    prefix: str
    """The project root in the working tree: `""`, or a folder ending in `/`."""
    paths: tuple[str, ...]
    """Paths in the working tree (each starting with `prefix`)."""
    ignored: Callable[[str], bool]
    """Whether `.gitignore` ignores a tracked path now (it was committed before the rule)."""


def tracked_files(root: Path) -> Tracked | None:
    """The tracked files under `root` (symlinks and submodules left out), or None outside a
    repository with a working tree or when its index cannot be read."""
    try:
        found = pygit2.discover_repository(str(root))
        repo = pygit2.Repository(found) if found is not None else None
        if repo is None or repo.workdir is None:
            return None
        workdir = Path(repo.workdir).resolve()
        base = root.resolve().relative_to(workdir).as_posix()
        prefix = "" if base == "." else f"{base}/"
        entries = [(e.path, e.mode) for e in repo.index]
    except (pygit2.GitError, ValueError, OSError):
        return None
    paths = [p for p, mode in entries if mode not in _NOT_FILES and p.startswith(prefix)]

    def ignored(path: str) -> bool:
        try:
            return bool(repo.path_is_ignored(path))
        except pygit2.GitError:
            return False

    return Tracked(workdir, prefix, tuple(paths), ignored)
