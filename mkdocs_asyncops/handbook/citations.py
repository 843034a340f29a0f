"""Code that cites a decision: mentions of numbered documents in the repository's source files.

The tracked files under the project root (`history/tracked.py`: the git index, listed once;
untracked files are never seen) that match the `citations` globs are read in one pass. A file is
searched only when it holds one of the literal keys (an id prefix such as `ADR`, or a numbered
folder's name followed by `/`), then with ONE compiled pattern for every numbered kind: a
mention (`ADR-9`, `ADR 0009`, `ADR9`) or a link to a document's file or page
(`adr/0012-use-postgres.md`, `.../adr/0012-use-postgres/`); a file without a key is never
decoded. Binary files (a NUL byte in their first 8 KiB), symlinks, submodules, what is no regular
file in the working tree, files over 1 MiB and tracked files that `.gitignore` now ignores are
skipped. Each citation becomes a "Cited by code" backlink on the document's page,
and code citing a superseded, deprecated or rejected decision is ASY409.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.kinds import fold_status
from ..reading.model import Document
from .relations import Handbook

RETIRED = frozenset({"superseded", "deprecated", "rejected"})
_MAX_BYTES = 1 << 20
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Citation:
    """A line of a source file that cites a document."""

    path: str
    """The file, relative to the project root (as diagnostics name files)."""
    repo_path: str
    """The file, relative to the repository's working tree (as its web view names it)."""
    line: int
    document: Document
    text: str
    """What the line says: `ADR-0009`, or the link's path."""

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Citations:
    """Every citation, by the cited document's path."""

    by_document: dict[str, list[Citation]] = field(default_factory=dict)

    def of(self, document: Document) -> list[Citation]:
        return list(self.by_document.get(document.path, []))

    def all(self) -> list[Citation]:
        return [c for found in self.by_document.values() for c in found]


class _Targets:
    """The numbered documents and the one pattern that finds a citation of any of them."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.numbered: dict[tuple[str, int], Document] = {}
        self.files: dict[tuple[str, str], Document] = {}
        for doc in documents:
            if doc.number is None:
                continue
            prefix = (doc.spec.id_prefix or doc.kind).upper()
            self.numbered.setdefault((prefix, doc.number), doc)
            folder = posixpath.basename(posixpath.dirname(doc.source.src_uri))
            stem = posixpath.splitext(posixpath.basename(doc.source.src_uri))[0]
            if folder:
                self.files.setdefault((folder, stem), doc)
        prefixes = {prefix for prefix, _ in self.numbered}
        folders = {folder for folder, _ in self.files}
        self.keys = [p.encode() for p in prefixes] + [f"{f}/".encode() for f in folders]
        mention = "|".join(sorted((re.escape(p) for p in prefixes), key=len, reverse=True))
        link = "|".join(sorted((re.escape(f) for f in folders), key=len, reverse=True))
        alternatives = []
        if mention:
            alternatives.append(rf"(?<![\w/.#!\[-])({mention})[- ]?(\d{{1,6}})(?![\w-])")
        if link:
            alternatives.append(rf"(?<![\w-])({link})/([\w.-]+?)(?:\.md|\.html|/)?(?![\w.-])")
        self.pattern = re.compile("|".join(alternatives).encode()) if alternatives else None
        # every citation starts with a key: finding them first spares the pattern's assertions
        # at each other byte of a file
        self.start = re.compile(b"|".join(re.escape(key) for key in self.keys))

    def matches(self, data: bytes) -> Iterator[re.Match[bytes]]:
        """The pattern's matches in `data`, as `finditer` gives them, tried at the keys only."""
        assert self.pattern is not None
        at = 0
        while (key := self.start.search(data, at)) is not None:
            match = self.pattern.match(data, key.start())
            if match is None:
                at = key.start() + 1
            else:
                yield match
                at = match.end()

    def cited(self, match: re.Match[bytes]) -> Document | None:
        prefix, number, folder, stem = match.groups()
        if prefix is not None:
            return self.numbered.get((prefix.decode(), int(number)))
        return self.files.get((folder.decode(), stem.decode("utf-8", "replace")))


class _Globs:
    """Whether a path, or its file name, matches any of the globs: `*.ext` globs by a suffix
    test, the others with one pattern."""

    def __init__(self, globs: Sequence[str]) -> None:
        plain = [g for g in globs if g.startswith("*.") and not any(c in g[1:] for c in "*?[")]
        self.suffixes = tuple(g[1:] for g in plain)
        others = [fnmatch.translate(g) for g in globs if g not in plain]
        self.pattern = re.compile(rf"(?:.*/)?(?:{'|'.join(others)})") if others else None

    def __bool__(self) -> bool:
        return bool(self.suffixes) or self.pattern is not None

    def match(self, path: str) -> bool:
        if path.endswith(self.suffixes):
            return True
        return self.pattern is not None and self.pattern.fullmatch(path) is not None


def find_citations(
    documents: Iterable[Document],
    globs: Sequence[str],
    workdir: Path,
    prefix: str,
    paths: Iterable[str],
    ignored: Callable[[str], bool],
) -> Citations:
    """The citations of `documents` in the tracked files `paths` (in the working tree
    `workdir`, under the project root `prefix`) that match `globs` and are not `ignored`."""
    targets = _Targets(documents)
    wanted = _Globs(globs)
    found = Citations()
    if targets.pattern is None or not wanted:
        return found
    keys, top = targets.keys, str(workdir)
    for repo_path in paths:
        path = repo_path[len(prefix) :]
        if not wanted.match(path):
            continue
        data = _source_bytes(os.path.join(top, repo_path))
        if data is None or b"\0" in data[:8192] or not any(k in data for k in keys):
            continue
        cited = _cited_in(data, targets, path, repo_path)
        if cited and not ignored(repo_path):
            for citation in cited:
                found.by_document.setdefault(citation.document.path, []).append(citation)
    for citations in found.by_document.values():
        citations.sort(key=lambda c: (c.path, c.line))
    return found


def _source_bytes(file: str) -> bytes | None:
    """A regular file's bytes, None when it is larger than 1 MiB, not a regular file (a FIFO
    opened without waiting for a writer), deleted in the working tree or unreadable. Its size is
    asked first so that exactly that much is read: a read of "up to 1 MiB" would allocate, and
    the kernel map and unmap, a megabyte for each small file."""
    try:
        handle = os.open(file, _READ)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_BYTES:
            return None
        return os.read(handle, status.st_size)
    except OSError:
        return None
    finally:
        os.close(handle)


def _cited_in(data: bytes, targets: _Targets, path: str, repo_path: str) -> list[Citation]:
    cited, seen = [], set()
    line, counted = 1, 0
    for match in targets.matches(data):
        document = targets.cited(match)
        if document is None:
            continue
        line += data.count(b"\n", counted, match.start())
        counted = match.start()
        if (line, document.path) in seen:
            continue
        seen.add((line, document.path))
        text = match.group(0).decode("utf-8", "replace")
        cited.append(Citation(path, repo_path, line, document, text))
    return cited


def citation_problems(citations: Citations, handbook: Handbook) -> list[Diagnostic]:
    """ASY409 for each citation of a superseded, deprecated or rejected document."""
    problems = []
    for citation in citations.all():
        doc = citation.document
        status = fold_status(doc.status or "")
        if status not in RETIRED:
            continue
        successors = handbook.related(doc, "superseded_by")
        if successors:
            names = ", ".join(s.label for s in successors)
            advice = f"it is superseded by {names}; cite {names} instead"
        elif status == "rejected":
            advice = "the decision was not taken; remove the citation or cite the one that was"
        else:
            advice = (
                "it names no successor; cite the decision that holds now, or remove the citation"
            )
        problems.append(
            diagnostic(
                citation.path,
                citation.line,
                "ASY409",
                f"cites {doc.label} ({doc.status}, {doc.title!r}): {advice}",
            )
        )
    return problems
