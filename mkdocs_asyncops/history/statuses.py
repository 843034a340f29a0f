"""A document's status through its history: read from the file as each commit left it.

The history pass (`reader.py`) keeps every commit that changed a file, with its author and the
blob of the file's new content; the status at each is one frontmatter line, read with a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..core.kinds import fold_status
from ..reading.frontmatter import find_block
from .model import FileHistory, History, Touch


@dataclass(frozen=True)
class StatusChange:
    """A commit that added the file (`old` None) or changed its status."""

    old: str | None
    new: str | None
    when: datetime
    author: str
    commit: str

    @property
    def added(self) -> bool:
        return self.old is None


def status_in(text: str, key: str) -> str | None:
    """The folded value of `key:` in a file's frontmatter (see `values_in`)."""
    return _folded(values_in(text, (key,))[key])


def values_in(text: str, keys: Iterable[str]) -> dict[str, str | None]:
    """The values of `keys` in a file's frontmatter as written, read with patterns (no YAML
    needed for plain scalars, and this runs once per commit of a document); None for a key
    that is absent or empty."""
    block = find_block(text)
    front = text[block.yaml_start : block.yaml_end] if block is not None and block.closed else None
    found: dict[str, str | None] = {}
    for key in keys:
        match = (
            re.search(
                rf"^{re.escape(key)}:[ \t]*[\"']?([^\"'#\n]*?)[\"']?[ \t]*(?:#.*)?$",
                front,
                re.MULTILINE,
            )
            if front is not None
            else None
        )
        found[key] = match.group(1) if match and match.group(1) else None
    return found


def values_at(history: History, touch: Touch, keys: tuple[str, ...]) -> dict[str, str | None]:
    """`values_in` of the file as `touch`'s commit left it, read once per version: a blob's id
    names its content, so what it said holds for every later pass over the history, kept by the
    reader (`blob_values.py`: for as long as `mkdocs serve` keeps it, and on disk between runs
    of the command line)."""
    found = history.blob_values.get(touch.blob, keys)
    if found is None:
        text = history.text_at(touch)
        found = values_in(text or "", keys)
        if text is not None:  # a blob that could not be read now may be read later
            history.blob_values.put(touch.blob, keys, found)
    return found


def status_at(history: History, touch: Touch, key: str) -> str | None:
    """The folded value of `key:` in the file as `touch`'s commit left it (see `values_at`)."""
    return _folded(values_at(history, touch, (key,))[key])


def _folded(value: str | None) -> str | None:
    return fold_status(value) if value else None


def status_changes(
    known: FileHistory, history: History, key: str, since: datetime | None = None
) -> list[StatusChange]:
    """When the file was added (with its status then) and each commit that changed its status
    since, oldest first; none for a file whose history a shallow clone cut off. With `since`,
    only the changes from then on: older commits are not read, but the one just before it (the
    status the first change started from)."""
    if known.truncated or not known.touches:
        return []
    touches = known.touches
    if since is not None:
        return _changes(touches, history, key, since)

    def work() -> tuple[list[StatusChange], bool]:
        changes = _changes(touches, history, key, None)
        return changes, all(was_read(history, touch, (key,)) for touch in touches)

    return list(history.derived_answer(touches, ("statuses", key), work))


def _changes(
    touches: list[Touch], history: History, key: str, since: datetime | None
) -> list[StatusChange]:
    """`status_changes` of the file whose commits are `touches`, newest first."""
    full = len(touches)
    if since is not None:
        older = next((i for i, t in enumerate(touches) if t.when < since), None)
        if older is not None:
            touches = touches[: older + 1]
    cut = len(touches) < full
    changes: list[StatusChange] = []
    current: str | None = None
    for index, touch in enumerate(reversed(touches)):  # oldest first
        status = status_at(history, touch, key)
        if index == 0 and cut:
            current = status  # the status before the window, no change of its own
            continue
        if index == 0 or status != current:
            old = None if index == 0 else current
            changes.append(StatusChange(old, status, touch.when, touch.author, touch.commit))
        current = status
    return changes


def was_read(history: History, touch: Touch, keys: tuple[str, ...]) -> bool:
    """Whether `values_at` read the version `touch` left: one that could not be read (a
    missing object) may be read later, so nothing worked out from it is to be kept."""
    return history.blob_values.get(touch.blob, keys) is not None
