"""The commits of a history and the files each changed, newest first, from one of two walkers.

Both yield the same `CommitChanges` for every non-merge commit (merges list no files, as in
`git log`), with renames detected at git's default 50 % similarity and the lines each change
added plus removed (for drift, `health/drift.py`):
- `git_log_changes` runs ONE `git log --raw --numstat` for the whole range: git's own tree diff
  is several times faster than libgit2's on large folders; git attributes mark every file but
  those in the folders asked for as not to be diffed, so lines are counted for code only;
- `pygit2_changes` diffs each commit against its first parent with libgit2, for machines
  without a usable `git` command.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
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

    `changes` holds `(old_path, new_path, blob, lines)`: the same path twice for an added or
    modified file, two paths for a rename; `blob` is the id of the file's new content, so its
    text can be read without walking the commit's tree; `lines` the lines added plus removed
    (0 for a binary file, and for a file outside the folders whose lines the walk was asked to
    count). Deleted files are left out.
    """

    commit: str
    when: datetime
    people: list[tuple[str, str]]
    changes: list[tuple[str, str, str, int]]


class WalkError(AsyncOpsError):
    """`git log` could not be run or failed; the caller falls back to libgit2."""


def git_available() -> bool:
    return shutil.which("git") is not None


def _counted_only(folders: tuple[str, ...]) -> str:
    """Git attributes that leave every file undiffed (`-diff`: `--numstat` shows `-` without
    reading its content) but those in `folders`, so only their changed lines are counted."""
    lines = ["* -diff"]
    for folder in folders:
        for pattern in (f"/{folder}", f"/{folder}/**"):
            if any(c in pattern for c in ' \t"\\'):
                pattern = '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f"{pattern} diff")
    return "\n".join(lines) + "\n"


def git_log_changes(
    workdir: Path, head: str, hidden: str | None, lines_under: tuple[str, ...] = ()
) -> Iterator[CommitChanges]:
    """The commits reachable from `head` and not from `hidden`, from one `git log` process;
    changed lines are counted for the files under `lines_under` (folders in the working tree)."""
    command = [
        "git", "-c", "log.showSignature=false", "-c", "diff.renames=true", "-C", str(workdir),
        "log", "-z", "--topo-order", "--no-merges", "-M", "--raw", "--no-abbrev", "--no-color",
        _FORMAT, head,
    ]  # fmt: skip
    if hidden is not None:
        command.append(f"^{hidden}")
    if not lines_under:
        done = _run(command)
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".gitattributes", encoding="utf-8") as counted:
            counted.write(_counted_only(lines_under))
            counted.flush()
            done = _run(
                ["git", "-c", f"core.attributesFile={counted.name}", *command[1:], "--numstat"]
            )
    for record in done.stdout.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        header, _, listing = record.partition("\0")
        commit, when, name, email, trailers = header.split("\x1f")
        people = [(name, email)]
        people += [m.groups() for t in trailers.split("\x1d") if (m := _SIGNATURE.match(t))]  # type: ignore[misc]
        fields = listing.lstrip("\n").split("\0")
        raw, index = [], 0
        while index < len(fields) and fields[index].startswith(":"):
            # `:old-mode new-mode old-blob new-blob status`, then one path, or two for R and C
            *_, blob, status = fields[index].split(" ")
            if status[0] in "RC":
                raw.append((fields[index + 1], fields[index + 2], blob))
                index += 3
                continue
            if status[0] != "D":
                raw.append((fields[index + 1], fields[index + 1], blob))
            index += 2
        lines: dict[str, int] = {}
        while index < len(fields) and fields[index]:
            # `added\tremoved\tpath`, or `added\tremoved\t` then the old and new paths; `-` if binary
            added, removed, path = fields[index].split("\t", 2)
            if not path:
                path, index = fields[index + 2], index + 2
            lines[path] = int(added) + int(removed) if added != "-" else 0
            index += 1
        changes = [(old, new, blob, lines.get(new, 0)) for old, new, blob in raw]
        yield CommitChanges(commit, datetime.fromisoformat(when), people, changes)


def _run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
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
    return done


def _under(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == folder or path.startswith(f"{folder}/") for folder in folders)


def pygit2_changes(
    repo: pygit2.Repository, head: str, hidden: str | None, lines_under: tuple[str, ...] = ()
) -> Iterator[CommitChanges]:
    """The same commits as `git_log_changes`, diffed with libgit2."""
    walker = repo.walk(head, SortMode.TOPOLOGICAL | SortMode.TIME)
    if hidden is not None:
        walker.hide(hidden)
    for commit in walker:
        if len(commit.parent_ids) > 1:
            continue
        people = [(commit.author.name, commit.author.email), *_CO_AUTHOR.findall(commit.message)]
        diff = _diff(repo, commit)
        changes = []
        for index, delta in enumerate(diff.deltas):
            if delta.status is DeltaStatus.DELETED:
                continue
            lines = 0
            if lines_under and _under(delta.new_file.path, lines_under):
                patch = diff[index]
                lines = sum(patch.line_stats[1:]) if patch is not None else 0
            changes.append(
                (delta.old_file.path, delta.new_file.path, str(delta.new_file.id), lines)
            )
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


def in_workdir(start: Path, workdir: Path, paths: Iterable[str]) -> tuple[str, ...]:
    """`paths` relative to `start` as paths in the working tree, sorted; those outside it dropped."""
    try:
        base = start.resolve().relative_to(workdir).as_posix()
    except ValueError:
        return ()
    base = "" if base == "." else base
    inside = set()
    for path in paths:
        joined = (
            posixpath.normpath(posixpath.join(base, path.strip("/"))) if path.strip("/") else base
        )
        if joined and joined != "." and not joined.startswith("../"):
            inside.add(joined)
    return tuple(sorted(inside))
