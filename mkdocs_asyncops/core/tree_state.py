"""What files look like now, as cheaply as the disk says it: each file's and folder's size,
times and inode, without reading a byte of them (`tree_state`). Two states are equal only if
nothing was written, added, removed, renamed or touched in between: a write changes a file's
change time (`ctime`), which no tool can set back, and adding or removing a file changes its
folder's. The kept answers (`cli/answers.py`) compare them.

Inside a git repository's `.git`, only what says which commits are checked out and staged is
looked at (HEAD, the index, the refs, the configuration), never the objects, which only grow.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import AsyncOpsError

__all__ = [
    "GIT_STATE_FILES",
    "State",
    "TooManyFiles",
    "newest_change",
    "repository_top",
    "tree_state",
]

State = dict[str, list[int]]
"""Each path (absolute, as text) with `[size, mtime_ns, ctime_ns, inode]`; `[-1]` for a file
looked for and not there."""

GIT_STATE_FILES = ("HEAD", "index", "packed-refs", "config", "shallow", "commondir", "info/grafts")
"""The files of a git folder that decide what is checked out, besides `refs/`."""


def repository_top(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` holding a `.git` (a folder, or a worktree's or
    submodule's `.git` file); None outside any repository."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


class TooManyFiles(AsyncOpsError):
    """More files than a state is worth taking (a repository holding a whole home folder)."""


def tree_state(
    tops: Iterable[Path],
    skip: Iterable[Path] = (),
    files: Iterable[Path] = (),
    limit: int | None = None,
) -> State:
    """The state of every file and folder under each of `tops` (a folder or a file), leaving
    out the folders `skip`, and of each of `files` (there or not). Symlinks are looked at, not
    followed. Raises `TooManyFiles` past `limit` entries."""
    state: State = {}
    skipped = {str(path) for path in skip}
    for top in tops:
        _add(state, str(top))
        if os.path.isdir(top) and not os.path.islink(top):
            _walk(state, str(top), skipped, limit)
    for path in files:
        _add(state, str(path))
    return state


def newest_change(state: State, leaving_out: Iterable[str] = ()) -> int:
    """The latest modification or change time in `state` of the paths not `leaving_out`, in
    nanoseconds (0 when there is none)."""
    left_out = set(leaving_out)
    return max(
        (
            max(entry[1], entry[2])
            for path, entry in state.items()
            if len(entry) > 1 and path not in left_out
        ),
        default=0,
    )


def _add(state: State, path: str) -> None:
    try:
        state[path] = _entry(os.lstat(path))
    except OSError:
        state[path] = [-1]


def _entry(found: os.stat_result) -> list[int]:
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]


def _walk(state: State, top: str, skipped: set[str], limit: int | None = None) -> None:
    pending = [top]
    while pending:
        if limit is not None and len(state) > limit:
            raise TooManyFiles(f"over {limit} files under {top}")
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            state[folder] = [-1]
            continue
        for entry in entries:
            if entry.name == ".git":
                _add_git(state, entry.path)
                continue
            if entry.path in skipped:
                continue
            try:
                found = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            state[entry.path] = _entry(found)
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)


def _add_git(state: State, dot_git: str) -> None:
    """The state files of the git folder `.git` is, or points to (`gitdir: ...` in a worktree or
    submodule), and of the common folder a worktree shares (`commondir`)."""
    _add(state, dot_git)
    git_dir = dot_git
    if os.path.isfile(dot_git):
        try:
            with open(dot_git, encoding="utf-8") as pointer:
                text = pointer.read().strip()
        except (OSError, UnicodeDecodeError):
            return
        if not text.startswith("gitdir:"):
            return
        git_dir = os.path.join(os.path.dirname(dot_git), text[len("gitdir:") :].strip())
    folders = [git_dir]
    try:
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as common:
            folders.append(os.path.join(git_dir, common.read().strip()))
    except (OSError, UnicodeDecodeError):
        pass
    for folder in folders:
        for name in GIT_STATE_FILES:
            _add(state, os.path.join(folder, name))
        refs = os.path.join(folder, "refs")
        _add(state, refs)
        if os.path.isdir(refs):
            _walk(state, refs, set())
