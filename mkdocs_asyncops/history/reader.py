"""Git history in one pass: when each file was created and last changed, and by whom.

`HistoryReader.read` walks the commits of the repository holding the project once, newest first
(one `git log` process, or libgit2 without git; see `history_walk`), following renames back to
the path each file has today. It never runs git per file. The reader keeps what it learnt: read again after new
commits (a `mkdocs serve` rebuild), it walks only the commits added since.

Merge commits are not diffed (as `git log` does not list their files), so a change counts once,
on the commit that made it. In a shallow clone the oldest commit present stands in for all the
history cut off; its date is never taken for a file's, and such files are marked `truncated`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pygit2

from .. import dates
from ..core.cache_files import CacheFiles
from .blob_values import BlobValues
from .model import FileHistory, History, Person, Touch, unavailable
from .stored_history import history_key, load, store
from .walk import (
    CommitChanges,
    WalkError,
    git_available,
    git_log_changes,
    in_workdir,
    pygit2_changes,
)


class Record:
    """A file's history while the walk builds it."""

    __slots__ = ("authors", "created", "modified", "touches", "truncated")

    def __init__(self) -> None:
        self.created: datetime | None = None
        self.modified: datetime | None = None
        self.authors: dict[str, Person] = {}
        self.touches: list[Touch] = []
        self.truncated = False

    def add(self, touch: Touch, people: Iterable[Person]) -> None:
        if self.modified is None or touch.when > self.modified:
            self.modified = touch.when
        if self.created is None or touch.when < self.created:
            self.created = touch.when
        for person in people:
            self.authors.setdefault(person.key, person)
        self.touches.append(touch)

    def absorb(self, older: Record) -> None:
        """Take in the history this file had under an older walk (or an older name)."""
        for touch in older.touches:
            self.touches.append(touch)
        for key, person in older.authors.items():
            self.authors.setdefault(key, person)
        if older.modified is not None and (self.modified is None or older.modified > self.modified):
            self.modified = older.modified
        self.created = older.created if not older.truncated else None
        self.truncated = self.truncated or older.truncated

    def freeze(self) -> FileHistory:
        return FileHistory(
            created=None if self.truncated else self.created,
            modified=self.modified,
            authors=dict(self.authors),
            touches=list(self.touches),
            truncated=self.truncated,
        )


class HistoryReader:
    """Reads a repository's history once and keeps it, walking only new commits on later reads."""

    def __init__(self, engine: str | None = None, cache: CacheFiles | None = None) -> None:
        self.engine = engine or ("git" if git_available() else "pygit2")
        """`git` (one `git log` process, falling back to libgit2 if it fails) or `pygit2`."""
        self.cache = cache
        """Where what the walk learnt is kept between runs (`stored_history.py`), if anywhere."""
        self._git_dir: str | None = None
        self._head: str | None = None
        self._records: dict[str, Record] = {}
        self._frozen: dict[str, FileHistory] = {}
        self._lines_under: tuple[str, ...] = ()
        self.walked = 0
        """How many commits the last read walked (for tests and benchmarks)."""
        self.blob_values = BlobValues(cache)  # what old versions of files said, by blob
        self._derived_of: dict[str, FileHistory] | None = None
        self._derived_answers: dict[Any, Any] = {}

    def read(
        self, start: Path, now: datetime | None = None, lines_under: Iterable[str] = ()
    ) -> History:
        """The history of the repository holding `start`, as of `now` (default: the clock),
        with the changed lines of each commit counted for files under the folders (or files)
        `lines_under`, relative to `start` (a system's code paths, for drift)."""
        now = now or dates.now()
        self.walked = 0
        found = pygit2.discover_repository(str(start))
        if found is None:
            return unavailable(now, "the project is not in a git repository")
        try:
            repo = pygit2.Repository(found)
        except pygit2.GitError as exc:
            return unavailable(now, f"the git repository cannot be read ({exc})")
        if repo.is_bare or repo.workdir is None:
            return unavailable(now, "the git repository has no working tree")
        workdir = Path(repo.workdir).resolve()
        try:
            if repo.head_is_unborn:
                return History(
                    now=now,
                    available=True,
                    workdir=workdir,
                    changed=_changed(repo),
                    repository=repo,
                )
            head = str(repo.head.target)
            counted = in_workdir(start, workdir, lines_under)
            self._catch_up(repo, found, head, counted, self._stored(repo, found, counted))
        except (
            pygit2.GitError,
            KeyError,
            ValueError,
            OSError,
        ) as exc:  # a corrupt object, pack or ref
            self._git_dir, self._records, self._head, self._frozen = None, {}, None, {}
            return History(
                now=now,
                available=False,
                damaged=True,
                reason=f"the git repository is damaged ({exc})",
            )
        return History(
            now=now,
            available=True,
            workdir=workdir,
            head=head,
            shallow=repo.is_shallow,
            files=self._frozen,
            changed=_changed(repo),
            repository=repo,
            submodules=_submodules(repo),
            blob_values=self.blob_values,
            derived=self._derived(),
        )

    def _derived(self) -> dict[Any, Any]:
        """The `History.derived` of the files' histories as they are now."""
        if self._derived_of is not self._frozen:
            self._derived_of, self._derived_answers = self._frozen, {}
        return self._derived_answers

    def _stored(self, repo: pygit2.Repository, found: str, counted: tuple[str, ...]) -> str | None:
        """Take what the cache kept, on a first read; its key, to keep what this read learns."""
        if self.cache is None or self.cache.folder is None:
            return None
        key = history_key(repo, found, counted)
        kept = load(self.cache, key) if self._head is None else None
        if kept is not None:
            self._git_dir, self._lines_under, (self._head, self._records) = found, counted, kept
        return key

    def _catch_up(
        self,
        repo: pygit2.Repository,
        found: str,
        head: str,
        counted: tuple[str, ...],
        key: str | None = None,
    ) -> None:
        """Walk what is new since the last read, or everything when the repository, the
        history (rewritten) or the paths whose lines are counted are not those of that read;
        keep what was learnt in the cache under `key`, if any."""
        if (
            found != self._git_dir
            or self._head is None
            or counted != self._lines_under
            or not _descends(repo, head, self._head)
        ):
            self._records, self._head, self._frozen = {}, None, {}
        self._lines_under = counted
        self._git_dir = found
        if head != self._head:
            self._walk(repo, head)
            self._head, self._frozen = head, {}
            if key is not None and self.cache is not None:
                store(self.cache, key, head, self._records)
        if not self._frozen:  # walked, or taken from the cache
            self._frozen = {path: record.freeze() for path, record in self._records.items()}

    def _walk(self, repo: pygit2.Repository, head: str) -> None:
        """Walk the commits from `head` not seen before, merging them into what is known."""
        grafts = _grafts(repo)
        mailmap = pygit2.Mailmap.from_repository(repo)
        fresh: dict[str, Record] = {}
        name_today: dict[str, str] = {}  # a path in the commit being read -> the path at `head`
        for commit in self._commits(repo, head):
            self.walked += 1
            graft = commit.commit in grafts
            people = (
                ()
                if graft
                else [Person(*mailmap.resolve(n.strip(), e.strip())) for n, e in commit.people]
            )
            author = people[0].name if people else ""
            for old_path, path, blob, lines in commit.changes:
                if old_path != path:  # renamed: older commits know the file by its old name
                    today = name_today.pop(path, path)
                    name_today[old_path] = today
                else:
                    today = name_today.get(path, path)
                record = fresh.setdefault(today, Record())
                if graft:
                    record.truncated = True
                else:
                    record.add(Touch(commit.commit, path, commit.when, blob, lines, author), people)
        for old_path, older in self._records.items():
            today = name_today.get(old_path, old_path)
            fresh.setdefault(today, Record()).absorb(older)
        self._records = fresh

    def _commits(self, repo: pygit2.Repository, head: str) -> Iterator[CommitChanges]:
        """The new commits, from one `git log` when git can be used, else from libgit2."""
        if self.engine == "git":
            try:
                changes = git_log_changes(Path(repo.workdir), head, self._head, self._lines_under)
                return iter(list(changes))
            except WalkError:
                pass
        return pygit2_changes(repo, head, self._head, self._lines_under)


def _grafts(repo: pygit2.Repository) -> frozenset[str]:
    """The commits a shallow clone cut the history at."""
    if not repo.is_shallow:
        return frozenset()
    try:
        text = Path(repo.path, "shallow").read_text(encoding="ascii")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _descends(repo: pygit2.Repository, head: str, known: str) -> bool:
    """Whether `head` is `known` or a descendant of it (else the history was rewritten)."""
    if head == known:
        return True
    try:
        return bool(repo.descendant_of(head, known))
    except (pygit2.GitError, KeyError, ValueError):
        return False


def _submodules(repo: pygit2.Repository) -> tuple[str, ...]:
    """The folders the index records as submodules (gitlinks)."""
    try:
        return tuple(entry.path for entry in repo.index if entry.mode == pygit2.GIT_FILEMODE_COMMIT)
    except pygit2.GitError:
        return ()


def _changed(repo: pygit2.Repository) -> frozenset[str]:
    """Paths with uncommitted changes: modified, staged, renamed or untracked (not ignored)."""
    try:
        status = repo.status()
    except pygit2.GitError:
        return frozenset()
    return frozenset(
        path for path, flags in status.items() if flags not in (0, pygit2.GIT_STATUS_IGNORED)
    )
