"""The document model: what the rest of the tool knows about one Markdown file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from ..core.kinds import KindSpec
from ..core.schemas import DocumentMeta
from ..core.settings import SourceFolder
from .markdown import Outline


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file found in a source folder."""

    abs_path: Path
    path: str
    """The path shown to people: relative to the project root, with `/` separators."""
    src_uri: str
    """The file's path in the site, relative to the site root."""
    folder: SourceFolder
    kind_hint: str | None = None
    """The kind its folder names, if any (`adr/` holds ADRs)."""

    @property
    def stem(self) -> str:
        """The name without its extension: `2024-03-01-outage` for `.md`, `.mdx` or
        `.html.md.erb` alike."""
        return (
            _COMPOUND.sub("", self.abs_path.name)
            if _COMPOUND.search(self.abs_path.name)
            else self.abs_path.stem
        )


_COMPOUND = re.compile(r"(?:\.html)?\.md\.erb$|\.html\.md$", re.IGNORECASE)

RELATIONS = (
    "supersedes",
    "superseded_by",
    "amends",
    "amended_by",
    "requires",
    "required_by",
    "relates_to",
)
"""The relations a document can state to another."""


@dataclass(frozen=True)
class Reference:
    """A relation a document states to another, as written, before it is resolved.

    `target` is what the author wrote: a number (`3`), an id (`ADR-0003`), a file name or a
    relative link (`0003-use-redis.md`); the handbook resolves it to a document.
    """

    relation: str
    target: str
    line: int
    path: str | None = None
    """The file that states it, when not the document's own (a proposal's `kep.yaml`)."""


@dataclass
class Document:
    """A parsed and validated document of a known kind."""

    source: SourceFile
    spec: KindSpec
    title: str
    meta: DocumentMeta
    frontmatter: dict[str, Any]
    key_lines: dict[str, int]
    outline: Outline
    body: str
    body_line: int
    number: int | None = None
    status: str | None = None
    raw_status: str | None = None
    """The status as written, when it is kept for people (`on hold`, `✅ Accepted`)."""
    source_format: str | None = None
    """The decision-log format the record was read from (`adr-tools`, `madr-2`, `log4brains`)."""
    references: list[Reference] = field(default_factory=list)
    ignored_rules: frozenset[str] = field(default_factory=frozenset)
    repository: str | None = None
    """The repository of a record read from another handbook (`handbook/remotes.py`), which
    prefixes its id (`payments:ADR-0009`); None for the handbook's own documents."""

    @property
    def kind(self) -> str:
        return self.spec.name

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def id(self) -> str:
        return f"{self.repository}:{self.local_id}" if self.repository else self.local_id

    @property
    def local_id(self) -> str:
        """The id in its own repository: `ADR-0009`."""
        if self.spec.numbered and self.number is not None:
            prefix = self.spec.id_prefix or self.spec.name.upper()
            return f"{prefix}-{self.number:04d}"
        return self.meta.id or self.source.stem

    @property
    def label(self) -> str:
        """How a reference to it reads: its id when numbered (`ADR-0003`), else its title."""
        return self.id if self.spec.numbered and self.number is not None else self.title

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def to_dict(self) -> dict[str, Any]:
        """The document as plain JSON-ready data: a new dict each call, whose values (the
        frontmatter's) are shared and never to be changed."""
        return dict(self._plain)

    @cached_property
    def _plain(self) -> dict[str, Any]:
        """`to_dict`'s data, made once: a document never changes after it is read, and a
        `mkdocs serve` rebuild keeps every unchanged one."""
        return {
            "path": self.path,
            "url": self.source.src_uri,
            "kind": self.kind,
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "raw_status": self.raw_status,
            "date": jsonable(getattr(self.meta, "date", None)),
            "format": self.source_format,
            "frontmatter": jsonable(self.frontmatter),
        }


def jsonable(value: Any) -> Any:
    """Turn YAML-loaded data into JSON-ready data (dates as ISO 8601 text, keys as strings).

    Frontmatter has already been bounded in size and depth when it was read.
    """
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [jsonable(item) for item in items]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
