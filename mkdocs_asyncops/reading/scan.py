"""The first stage of the pipeline: sources -> documents and their diagnostics."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.kinds import KindSpec
from ..core.settings import Settings
from .model import Document, SourceFile
from .parse import ParseResult, read_document
from .read_files import read_files
from .sources import discover


@dataclass
class Scan:
    """Every source file, the documents among them, and every problem found."""

    files: list[SourceFile]
    documents: list[Document]
    diagnostics: list[Diagnostic]

    @property
    def ignored_rules(self) -> dict[str, frozenset[str]]:
        """Rule codes each document silences in its frontmatter, by path."""
        return {doc.path: doc.ignored_rules for doc in self.documents if doc.ignored_rules}


class FileReader(Protocol):
    """What `scan` reads files through, keeping results between runs: a `DocumentCache` in
    memory, or `stored_documents.StoredDocuments` on disk."""

    def read(
        self, source: SourceFile, kinds: Mapping[str, KindSpec], forced_kind: str | None
    ) -> ParseResult: ...

    def keep_only(self, sources: list[SourceFile]) -> None: ...


_RACY_NS = 2_000_000_000


class DocumentCache:
    """What reading each file gave, kept while the file stays as it was: a `mkdocs serve`
    rebuild reads only the files that changed.

    A file counts as unchanged while its size, modification time and inode stay the same (as
    Python's own bytecode cache judges sources), and the kinds it was checked against are too.
    A file changed in the last two seconds is not kept: a second write within the clock's tick
    (a formatter run on save) could leave all of these as they were, as git knows of "racy" files.
    Parse results are never changed after reading, so sharing them between builds is safe.
    """

    def __init__(self) -> None:
        self._kinds: tuple[Mapping[str, KindSpec], str | None] | None = None
        self._results: dict[SourceFile, tuple[tuple[int, int, int, int], ParseResult]] = {}
        self._used: dict[str, tuple[SourceFile, ParseResult]] = {}
        """The reading of each file the last scan used, by absolute path."""
        self._fresh: dict[SourceFile, tuple[tuple[int, int, int, int], ParseResult]] = {}
        """What `reread` read, for this rebuild's scan to use even if the file is racy."""

    def read(
        self, source: SourceFile, kinds: Mapping[str, KindSpec], forced_kind: str | None
    ) -> ParseResult:
        if self._kinds != (kinds, forced_kind):
            self._kinds, self._results = (dict(kinds), forced_kind), {}
        try:
            stat = os.stat(source.abs_path)
        except OSError:
            return read_document(source, kinds, forced_kind)  # which reports why it cannot be read
        signature = _signature(stat)
        known = self._fresh.pop(source, None) or self._results.get(source)
        if known is not None and known[0] == signature:
            result = known[1]
        else:
            result = read_document(source, kinds, forced_kind)
            if time.time_ns() - stat.st_mtime_ns > _RACY_NS:
                self._results[source] = (signature, result)
        self._used[str(source.abs_path)] = (source, result)
        return result

    def reread(self, paths: list[str]) -> list[tuple[ParseResult, ParseResult]] | None:
        """For each of `paths`, the reading the last scan used and a new one, which the next
        scan uses while the file stays as it is; None when one of them was not read then (or
        is gone now)."""
        self._fresh = {}
        pairs = []
        for path in paths:
            used = self._used.get(path)
            if used is None or self._kinds is None:
                return None
            source, old = used
            try:
                signature = _signature(os.stat(path))
            except OSError:
                return None
            new = read_document(source, *self._kinds)
            self._fresh[source] = (signature, new)
            self._used[path] = (source, new)
            pairs.append((old, new))
        return pairs

    def keep_only(self, sources: list[SourceFile]) -> None:
        """Forget files that are gone."""
        present = set(sources)
        self._results = {
            source: entry for source, entry in self._results.items() if source in present
        }
        self._used = {path: used for path, used in self._used.items() if used[0] in present}


def _signature(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def scan(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    cache: FileReader | None = None,
    started: Callable[[], None] | None = None,
) -> Scan:
    """Read every source file and check each document and the set of them. The diagnostics are
    as found: `run_checks` applies the team's rule policy once, to every stage's together.

    `progress(done, total)` is called after each file, for a progress display on long runs.
    With a `cache`, files unchanged since it read them are not read again. `started()` is
    called once the files' reading is under way (`read_files`: after it forks, if it does).
    """
    files, problems = discover(
        settings.folders, settings.root, settings.folder_kinds, settings.extensions
    )
    documents = []
    read = read_files(files, settings.kinds, settings.forced_kind, cache, progress, started)
    for result in read:
        problems.extend(result.diagnostics)
        if result.document is not None:
            documents.append(result.document)
    if cache is not None:
        cache.keep_only(files)
    problems.extend(duplicate_ids(documents))
    return Scan(files=files, documents=documents, diagnostics=problems)


def duplicate_ids(documents: list[Document]) -> list[Diagnostic]:
    """Documents of one kind that claim the same id (for ADRs, the same number)."""
    claimed: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in documents:
        claimed[(doc.kind, doc.id)].append(doc)
    problems = []
    for (_, doc_id), docs in sorted(claimed.items()):
        if len(docs) < 2:
            continue
        for doc in docs:
            others = ", ".join(other.path for other in docs if other is not doc)
            key = "number" if doc.number is not None else "id"
            problems.append(
                diagnostic(
                    doc.path,
                    doc.line_of(key) if key in doc.key_lines else 1,
                    "ASY201",
                    f"{doc_id} is also claimed by {others}; give one of them the next free {key}",
                )
            )
    return problems
