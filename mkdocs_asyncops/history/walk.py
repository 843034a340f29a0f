"""The commits of a history and the files each changed, newest first, from one of two walkers.

Both yield the same `CommitChanges` for every non-merge commit (merges list no files, as in
`git log`), with renames detected at git's default 50 % similarity:
- `git_log_changes` runs ONE `git log --raw` for the whole range: git's own tree diff
  is several times faster than libgit2's on large folders;
- `pygit2_changes` diffs each commit against its first parent with libgit2, for machines
  without a usable `git` command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pygit2
from pygit2.enums import DeltaStatus, ObjectType, SortMode

from ..errors import AsyncOpsError

_CO_AUTHOR = re.compile(r"^co-authored-by:\s*(.+?)\s*<([^>]*)>\s*$", re.IGNORECASE | re.MULTILINE)
_SIGNATURE = re.compile(r"^\s*(.*?)\s*<([^>]*)>\s*$")
_FORMAT = "--format=%x1e%H%x1f%aI%x1f%aN%x1f%aE%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1d)"

# libgit2 caches only trees under 4 KiB by default; a folder of a few hundred documents is larger,
# and each commit's parent tree is the tree of the commit read just before.
pygit2.settings.cache_object_limit(ObjectType.TREE, 1 << 20)


@dataclass(frozen=True)
class CommitChanges:
    """One commit: its id, author date, people (author first) and changed files.

    `changes` holds `(old_path, new_path, blob)` triples: the same path twice for an added or
    modified file, two paths for a rename; `blob` is the id of the file's new content, so its
    text can be read without walking the commit's tree. Deleted files are left out.
    """

    commit: str
    when: datetime
    people: list[tuple[str, str]]
    changes: list[tuple[str, str, str]]


class WalkError(AsyncOpsError):
    """`git log` could not be run or failed; the caller falls back to libgit2."""


def git_available() -> bool:
    return shutil.which("git") is not None


def git_log_changes(workdir: Path, head: str, hidden: str | None) -> Iterator[CommitChanges]:
    """The commits reachable from `head` and not from `hidden`, from one `git log` process."""
    command = [
        "git", "-c", "log.showSignature=false", "-c", "diff.renames=true", "-C", str(workdir),
        "log", "-z", "--topo-order", "--no-merges", "-M", "--raw", "--no-abbrev", "--no-color", _FORMAT, head,
    ]  # fmt: skip
    if hidden is not None:
        command.append(f"^{hidden}")
    # Errors go to a file, not a second pipe: with one pipe the output is read in a single call
    # that leaves Python's other thread (reading the documents meanwhile) undisturbed.
    with tempfile.TemporaryFile() as errors:
        try:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=errors, check=False)
        except OSError as exc:
            raise WalkError(str(exc)) from None
        if done.returncode != 0:
            errors.seek(0)
            raise WalkError(errors.read().decode("utf-8", "replace").strip())
    for record in done.stdout.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        header, _, listing = record.partition("\0")
        commit, when, name, email, trailers = header.split("\x1f")
        people = [(name, email)]
        people += [m.groups() for t in trailers.split("\x1d") if (m := _SIGNATURE.match(t))]  # type: ignore[misc]
        fields = listing.lstrip("\n").split("\0")
        changes, index = [], 0
        while index < len(fields) and fields[index]:
            # `:old-mode new-mode old-blob new-blob status`, then one path, or two for R and C
            *_, blob, status = fields[index].split(" ")
            if status[0] in "RC":
                changes.append((fields[index + 1], fields[index + 2], blob))
                index += 3
                continue
            if status[0] != "D":
                changes.append((fields[index + 1], fields[index + 1], blob))
            index += 2
        yield CommitChanges(commit, datetime.fromisoformat(when), people, changes)


def pygit2_changes(
    repo: pygit2.Repository, head: str, hidden: str | None
) -> Iterator[CommitChanges]:
    """The same commits as `git_log_changes`, diffed with libgit2."""
    walker = repo.walk(head, SortMode.TOPOLOGICAL | SortMode.TIME)
    if hidden is not None:
        walker.hide(hidden)
    for commit in walker:
        if len(commit.parent_ids) > 1:
            continue
        people = [(commit.author.name, commit.author.email), *_CO_AUTHOR.findall(commit.message)]
        changes = [
            (delta.old_file.path, delta.new_file.path, str(delta.new_file.id))
            for delta in _diff(repo, commit).deltas
            if delta.status is not DeltaStatus.DELETED
        ]
        yield CommitChanges(str(commit.id), _when(commit.author), people, changes)


def _diff(repo: pygit2.Repository, commit: pygit2.Commit) -> pygit2.Diff:
    """What `commit` changed against its first parent, with renames found."""
    if commit.parent_ids:
        diff = commit.parents[0].tree.diff_to_tree(commit.tree)
    else:
        diff = commit.tree.diff_to_tree(swap=True)
    statuses = {delta.status for delta in diff.deltas}
    if DeltaStatus.ADDED in statuses and DeltaStatus.DELETED in statuses:
        diff.find_similar()
    return diff


def _when(signature: pygit2.Signature) -> datetime:
    zone = timezone(timedelta(minutes=signature.offset))
    return datetime.fromtimestamp(signature.time, zone)
