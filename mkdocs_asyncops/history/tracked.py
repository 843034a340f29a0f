"""The files git tracks under a folder, from the repository's index.

One `git ls-files` lists them: git reads its own index about ten times faster than libgit2's
entries can be made into Python objects (a few milliseconds for thousands of files, against
tens). Without a usable `git` command, libgit2 reads the index (no process). Each path is listed
once, even while a merge conflict holds several entries (stages) for it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pygit2

from .walk import git_available

_NOT_FILES = (pygit2.GIT_FILEMODE_LINK, pygit2.GIT_FILEMODE_COMMIT)
_NOT_FILE_MODES = tuple(f"{mode:06o}".encode() for mode in _NOT_FILES)


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
        listed = _git_listed(workdir, prefix) if git_available() else None
        if listed is None:
            listed = _libgit2_listed(repo, prefix)
    except (pygit2.GitError, ValueError, OSError):
        return None

    def ignored(path: str) -> bool:
        try:
            return bool(repo.path_is_ignored(path))
        except pygit2.GitError:
            return False

    return Tracked(workdir, prefix, tuple(dict.fromkeys(listed)), ignored)


def _git_listed(workdir: Path, prefix: str) -> Iterable[str] | None:
    """The regular files under `prefix`, from `git ls-files` (None when it fails)."""
    command = ["git", "--literal-pathspecs", "-C", str(workdir), "ls-files", "-z", "--stage"]
    if prefix:
        command += ["--", prefix]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    if done.returncode != 0:
        return None
    paths = []
    for entry in done.stdout.split(b"\0")[:-1]:  # `mode object stage\tpath`, each ending in NUL
        meta, _, path = entry.partition(b"\t")
        if not meta.startswith(_NOT_FILE_MODES):
            paths.append(path.decode("utf-8", "surrogateescape"))
    return paths


def _libgit2_listed(repo: pygit2.Repository, prefix: str) -> Iterable[str]:
    return [
        entry.path
        for entry in repo.index
        if entry.mode not in _NOT_FILES and entry.path.startswith(prefix)
    ]
