"""The git history's summary in the on-disk cache (`core/cache_files.py`): what `HistoryReader`
learnt from the walk, by file, as plain JSON data, with the commit it was learnt up to.

The key is everything else the walk reads: the repository, the folders whose changed lines are
counted, the `.mailmap` and the mailmap settings (people's names come out of the walk resolved),
and a shallow clone's cut. A run whose HEAD is that commit walks nothing; one whose HEAD descends
from it walks only the commits since; any other (a branch switched to, a history rewritten)
walks everything and keeps that. Nothing here depends on the clock, and what the working tree
holds uncommitted is asked of git every run.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygit2

from ..core.cache_files import CacheFiles, content_hash

if TYPE_CHECKING:
    from .reader import Record

_NAME = "history"


def history_key(repo: pygit2.Repository, git_dir: str, counted: tuple[str, ...]) -> str:
    """What the walk's result depends on besides the commits."""
    parts = [git_dir.encode(), "\n".join(counted).encode(), str(repo.is_shallow).encode()]
    files = [Path(repo.path, "shallow")]
    if repo.workdir:
        files.append(Path(repo.workdir, ".mailmap"))
    for name in ("mailmap.file", "mailmap.blob"):
        value = repo.config[name] if name in repo.config else ""  # noqa: SIM401 (no .get)
        parts.append(f"{name}={value}".encode())
        if name == "mailmap.file" and value:
            files.append(Path(repo.workdir or ".", value).expanduser())
    for file in files:
        try:
            parts.append(b"+" + file.read_bytes())
        except OSError:
            parts.append(b"!")
    return content_hash(*parts)


def load(cache: CacheFiles, key: str) -> tuple[str, dict[str, Record]] | None:
    """The commit the kept summary was learnt up to and its records, or None."""
    found = cache.load(_NAME, key)
    if not isinstance(found, dict):
        return None
    try:
        return str(found["head"]), {path: _record(data) for path, data in found["files"].items()}
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


def store(cache: CacheFiles, key: str, head: str, records: dict[str, Record]) -> None:
    cache.store(
        _NAME, key, {"head": head, "files": {path: _plain(r) for path, r in records.items()}}
    )


def _plain(record: Record) -> list[Any]:
    return [
        _when(record.created),
        _when(record.modified),
        [[person.name, person.email] for person in record.authors.values()],
        [[t.commit, t.path, t.when.isoformat(), t.blob, t.lines, t.author] for t in record.touches],
        record.truncated,
    ]


def _record(data: list[Any]) -> Record:
    from .model import Person, Touch  # which reads the cache with this module
    from .reader import Record

    created, modified, authors, touches, truncated = data
    record = Record()
    record.created = datetime.fromisoformat(created) if created is not None else None
    record.modified = datetime.fromisoformat(modified) if modified is not None else None
    for name, email in authors:
        person = Person(name, email)
        record.authors.setdefault(person.key, person)
    record.touches = [
        Touch(commit, path, datetime.fromisoformat(when), blob, lines, author)
        for commit, path, when, blob, lines, author in touches
    ]
    record.truncated = bool(truncated)
    return record


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
