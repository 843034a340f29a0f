"""What the git history says of the files of a repository: who changed each and when, and
what each version held (`reader.py` walks the commits to make it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pygit2

from .blob_values import BlobValues

__all__ = ["FileHistory", "History", "Person", "Touch", "unavailable"]

T = TypeVar("T")


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
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Answers worked out from the commits alone (`statuses.status_changes`, the trends' past
    months), which hold for as long as the files' histories: the reader shares one dict among
    its reads until it walks a new commit, so a `mkdocs serve` rebuild after an edit works
    none of them out again. `derived_answer` keeps and finds them."""
    _relative: dict[Path, str | None] = field(default_factory=dict, repr=False, compare=False)
    _folders: dict[Path, str | None] = field(default_factory=dict, repr=False, compare=False)
    _of: dict[Path, FileHistory | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """`of` each path asked about: every stage asks of every document."""

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

    def derived_answer(
        self, touches: list[Touch], key: tuple[Any, ...], work: Callable[[], tuple[T, bool]]
    ) -> T:
        """What `work` answers of the file whose commits are `touches`, kept in `derived` under
        `key` (which starts with the asking module's name) when `work` says it may be: when
        every version it needed could be read. It is kept by the identity of `touches`, which
        it holds on to, so a walk that made new lists finds none of it."""
        memo = (id(touches), *key)
        kept = self.derived.get(memo)
        if kept is not None:
            answer: T = kept[1]
            return answer
        answer, keep = work()
        if keep and touches:
            self.derived[memo] = (touches, answer)
        return answer

    def of(self, path: Path) -> FileHistory | None:
        """The history of the file at `path`; None when there is no history to ask."""
        if path not in self._of:
            self._of[path] = self._history_of(path)
        return self._of[path]

    def _history_of(self, path: Path) -> FileHistory | None:
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
