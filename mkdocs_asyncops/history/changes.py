"""Which files changed since a revision (a pull request's base), for presubmit checks."""

from __future__ import annotations

from pathlib import Path

import pygit2
from pygit2.enums import DiffOption

from ..errors import AsyncOpsError

__all__ = ["RevisionError", "changed_since"]


class RevisionError(AsyncOpsError):
    """The revision, or the repository, cannot be used; the message says which."""


def changed_since(start: Path, revision: str) -> frozenset[Path]:
    """The files changed between `revision` and the working tree (committed, staged, or not,
    and new files), as resolved absolute paths."""
    found = pygit2.discover_repository(str(start))
    if found is None:
        raise RevisionError(
            f"{start}: not inside a git repository, so nothing changed since {revision!r}"
        )
    repo = pygit2.Repository(found)
    try:
        base = repo.revparse_single(revision).peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError) as exc:
        raise RevisionError(f"no revision {revision!r} in the repository ({exc})") from None
    workdir = Path(repo.workdir).resolve()
    paths = set()
    diff = base.tree.diff_to_workdir(
        DiffOption.INCLUDE_UNTRACKED | DiffOption.RECURSE_UNTRACKED_DIRS
    )
    for delta in diff.deltas:
        paths.add(delta.new_file.path)
    index_diff = base.tree.diff_to_index(repo.index)
    paths.update(delta.new_file.path for delta in index_diff.deltas)
    return frozenset((workdir / path).resolve() for path in paths)
