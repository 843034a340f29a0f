"""Reading a scan's files: each through the cache when it holds the file, and on two cores
when many must be parsed.

Where forking is safe (`core/worker.py`) and at least `PARALLEL_FROM` files must be parsed, a
forked child parses part of them while this process parses the rest. The child sends each
file's reading as the cache keeps it, with the text it read (`stored_documents.parsed`: plain
data, sent with `marshal`), which this process takes in as it takes in a cached file; a file
the child could not send is read here. The result is the same either way, in the files' order:
only the time differs.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..core.cache_files import CacheFiles
from ..core.kinds import KindSpec
from .model import SourceFile
from .parse import ParseResult
from .stored_documents import StoredDocuments, parsed

if TYPE_CHECKING:
    from ..core.worker import Pending

PARALLEL_FROM = 200
"""How many files must be parsed for a second process to parse part of them: below it, the
fork and the sending cost more than they save."""
CHILD_SHARE = 0.45
"""The share of those files the child parses: this process also takes in what it sends (0.45
did best of 0.35, 0.45 and 0.55 on a shared two-core machine)."""


def read_files(
    files: list[SourceFile],
    kinds: Mapping[str, KindSpec],
    forced_kind: str | None,
    reader: Any = None,
    progress: Callable[[int, int], None] | None = None,
    started: Callable[[], None] | None = None,
) -> list[ParseResult]:
    """What reading each of `files` gave, in order, through `reader` (a `scan.FileReader`;
    None: no cache), with `progress(done, total)` told after each. `started()` is called once
    the child, if any, is forked: a thread it starts (the history's) would rule out forking.

    Only a `StoredDocuments` reader, or none, reads on two cores: an in-memory cache lives in
    `mkdocs serve`, whose threads rule out forking anyway."""
    stored = StoredDocuments(CacheFiles(None)) if reader is None else reader
    theirs = _childs_share(files, kinds, forced_kind, reader, stored)
    pending = _parsed_beside([files[index] for index in theirs], kinds, forced_kind)
    if started is not None:
        started()
    results: dict[int, ParseResult] = {}
    child = set(theirs)
    try:
        for index, file in enumerate(files):
            if index not in child:
                results[index] = stored.read(file, kinds, forced_kind)
                if progress is not None:
                    progress(len(results), len(files))
    except BaseException:
        if pending is not None:
            pending.cancel()  # no child outlives a scan that failed
        raise
    if pending is not None:
        readings = marshal.loads(pending.result())
        for index, sent in zip(theirs, readings, strict=True):
            results[index] = stored.taken(files[index], kinds, forced_kind, sent)
            if progress is not None:
                progress(len(results), len(files))
    return [results[index] for index in range(len(files))]


def _childs_share(
    files: list[SourceFile],
    kinds: Mapping[str, KindSpec],
    forced_kind: str | None,
    reader: Any,
    stored: Any,
) -> list[int]:
    """The indexes of the files a child is to parse: a share of those the cache does not hold,
    when there are enough of them and forking is safe; else none."""
    if not isinstance(stored, StoredDocuments) or len(files) < PARALLEL_FROM:
        return []
    from ..core.worker import can_fork  # multiprocessing, loaded only when it may be used

    if not can_fork():  # as in `mkdocs build`, whose history thread runs already
        return []
    missing = [
        index
        for index, file in enumerate(files)
        if reader is None or not stored.holds(file, kinds, forced_kind)
    ]
    if len(missing) < PARALLEL_FROM:
        return []
    return missing[len(missing) - int(len(missing) * CHILD_SHARE) :]


def _parsed_beside(
    files: list[SourceFile], kinds: Mapping[str, KindSpec], forced_kind: str | None
) -> Pending[bytes] | None:
    """A forked child parsing `files`, which sends each one's cache entry and text (None for
    one without an entry); None for no files."""
    if not files:
        return None
    from ..core.worker import beside

    def work() -> bytes:
        return _sendable([_reading(file, kinds, forced_kind) for file in files])

    return beside(work)


def _reading(
    source: SourceFile, kinds: Mapping[str, KindSpec], forced_kind: str | None
) -> list[Any] | None:
    """What the child sends of `source`: its cache entry and the text it read; None when it
    has no entry, or reading it failed (this process then reads it, and meets the same)."""
    try:
        _, entry, text = parsed(source, kinds, forced_kind)
    except Exception:  # noqa: BLE001 - read again where the error is reported as it would be
        return None
    return [entry, text] if entry is not None else None


def _sendable(readings: list[Any]) -> bytes:
    """`readings` as bytes; none of them when one holds a value `marshal` cannot write."""
    try:
        return marshal.dumps(readings)
    except ValueError:
        return marshal.dumps([None] * len(readings))
