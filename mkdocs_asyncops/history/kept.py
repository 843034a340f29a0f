"""A history reader for `mkdocs serve`: the last pass kept while HEAD stays where it was.

A rebuild after an edit needs no new walk of the commits, nor git's status of the whole working
tree: only whether each file that changed since is now committed or not (`changed_files`).
A commit, a checkout or a reset moves HEAD, and the reader reads as `HistoryReader` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pygit2

from .. import dates
from .model import History
from .reader import HistoryReader

__all__ = ["KeptHistory", "git_head"]


def git_head(root: Path) -> str | None:
    """The commit checked out in the repository holding `root`, if there is one (a rebuild
    after a commit or a checkout reads the history again)."""
    try:
        found = pygit2.discover_repository(str(root))
        if found is None:
            return None
        repo = pygit2.Repository(found)
        return None if repo.head_is_unborn else str(repo.head.target)
    except (pygit2.GitError, KeyError, ValueError, OSError):
        return None


class KeptHistory(HistoryReader):
    """A history reader that, while HEAD stays where it was, keeps its last pass and asks git
    about the files that changed since (`changed_files`) only: whether they are committed."""

    def __init__(self) -> None:
        super().__init__()
        self.changed_files: list[str] | None = None
        """The files changed since the last read (absolute paths); None: unknown."""
        self._last: tuple[tuple[Path, tuple[str, ...]], History] | None = None

    def read(
        self, start: Path, now: datetime | None = None, lines_under: Iterable[str] = ()
    ) -> History:
        key = (Path(start), tuple(lines_under))
        last = self._last[1] if self._last is not None and self._last[0] == key else None
        changed = self.changed_files
        if (
            last is not None
            and changed is not None
            and last.available
            and last.repository is not None
            and last.head is not None
            and git_head(start) == last.head
        ):
            history = replace(
                last, now=now or dates.now(), changed=_status(last, changed, last.repository)
            )
        else:
            history = super().read(start, now, lines_under)
        self._last = (key, history)
        return history

    def same_status(self, paths: list[str]) -> bool:
        """Whether git says of each of `paths` (absolute) what the last read said: committed
        or not, with HEAD where it was (true when no history was read, or there is none)."""
        if self._last is None:
            return True
        (start, _), last = self._last
        if not last.available:
            return git_head(start) is None
        if last.repository is None or last.head is None or git_head(start) != last.head:
            return False
        return _status(last, paths, last.repository) == last.changed


def _status(history: History, paths: list[str], repo: pygit2.Repository) -> frozenset[str]:
    """`history.changed` with what git says now of each of `paths`."""
    changed = set(history.changed)
    for path in paths:
        relative = history.relative(Path(path))
        if relative is None:
            continue
        try:
            flags = repo.status_file(relative)
        except (KeyError, pygit2.GitError):  # gone, and unknown to git
            flags = 0
        if flags in (0, pygit2.GIT_STATUS_IGNORED):
            changed.discard(relative)
        else:
            changed.add(relative)
    return frozenset(changed)
