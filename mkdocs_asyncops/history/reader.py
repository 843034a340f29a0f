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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pygit2

from .. import dates
from ..core.cache_files import CacheFiles
from .blob_values import BlobValues
from .stored_history import history_key, load, store
from .walk import (
    CommitChanges,
    WalkError,
    git_available,
    git_log_changes,
    in_workdir,
    pygit2_changes,
)


@dataclass(frozen=True)
class Person:
    """Someone who wrote a change, after `.mailmap` has been applied."""

    name: str
    email: str

    @property
    def key(self) -> str:
        """What makes two signatures the same person: the email, or the name without one."""
        return self.email.casefold() or self.name.casefold()


@dataclass(frozen=True)
class Touch:
    """A commit that changed a file, the file's path in that commit and its content there."""

    commit: str
    path: str
    when: datetime
    blob: str
    lines: int = 0
    """Lines the commit added plus removed in the file (0 for a binary file)."""
    author: str = ""
    """Who made the commit (after `.mailmap`)."""


@dataclass
class FileHistory:
    """What git knows about one file."""

    created: datetime | None
    """When the file was added; None when a shallow clone cut that commit off."""
    modified: datetime | None
    """When it was last changed; "now" for uncommitted changes."""
    authors: dict[str, Person] = field(default_factory=dict)
    """The people who changed it, by `Person.key`."""
    touches: list[Touch] = field(default_factory=list)
    """The commits that changed it, newest first."""
    uncommitted: bool = False
    """It has changes, or is untracked, in the working tree."""
    truncated: bool = False
    """A shallow clone hides part of its history; the dates it lacks are None."""


@dataclass
class History:
    """The history of every file in the repository that holds the project, as of `now`."""

    now: datetime
    available: bool
    reason: str = ""
    """Why there is no history, when there is none."""
    workdir: Path | None = None
    head: str | None = None
    shallow: bool = False
    files: dict[str, FileHistory] = field(default_factory=dict)
    """By path relative to the repository's working tree."""
    changed: frozenset[str] = frozenset()
    """Paths with uncommitted changes (modified, staged or untracked)."""
    repository: pygit2.Repository | None = None
    damaged: bool = False
    """The repository is there but cannot be read (a corrupt object or pack): `reason` says how."""
    submodules: tuple[str, ...] = ()
    """The folders (relative to the working tree) of git submodules, whose history is not read."""
    blob_values: BlobValues = field(default_factory=BlobValues, repr=False, compare=False)
    _relative: dict[Path, str | None] = field(default_factory=dict, repr=False, compare=False)
    _folders: dict[Path, str | None] = field(default_factory=dict, repr=False, compare=False)

    def relative(self, path: Path) -> str | None:
        """`path` relative to the working tree (symlinks resolved), or None outside it; each
        folder is resolved once (documents share a few), a symlink by itself."""
        if self.workdir is None:
            return None
        if path not in self._relative:
            parent = path if path.is_symlink() else path.parent
            if parent not in self._folders:
                try:
                    inside = parent.resolve().relative_to(self.workdir).as_posix()
                    self._folders[parent] = "" if inside == "." else f"{inside}/"
                except ValueError:
                    self._folders[parent] = None
            found = self._folders[parent]
            name = "" if parent == path else path.name
            self._relative[path] = None if found is None else (found + name).rstrip("/") or None
        return self._relative[path]

    def of(self, path: Path) -> FileHistory | None:
        """The history of the file at `path`; None when there is no history to ask."""
        if not self.available:
            return None
        rel = self.relative(path)
        if rel is None or self.submodule_of(path) is not None:
            return None
        known = self.files.get(rel)
        if known is None:  # untracked, or ignored by git
            return FileHistory(created=self.now, modified=self.now, uncommitted=True)
        if rel in self.changed:
            return FileHistory(
                created=known.created,
                modified=self.now,
                authors=known.authors,
                touches=known.touches,
                uncommitted=True,
                truncated=known.truncated,
            )
        return known

    def submodule_of(self, path: Path) -> str | None:
        """The folder of the git submodule holding the file at `path`, if one does."""
        rel = self.relative(path)
        if rel is None:
            return None
        return next((folder for folder in self.submodules if rel.startswith(f"{folder}/")), None)

    def text_at(self, touch: Touch) -> str | None:
        """The file's text as it was after `touch`'s commit."""
        if self.repository is None:
            return None
        try:
            blob = self.repository[touch.blob]
        except (KeyError, ValueError, AttributeError, pygit2.GitError):
            return None
        return (
            blob.data.decode("utf-8", errors="replace") if isinstance(blob, pygit2.Blob) else None
        )


def unavailable(now: datetime, reason: str) -> History:
    return History(now=now, available=False, reason=reason)


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
        )

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
