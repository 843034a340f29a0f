"""Other handbooks' records as documents of an organisation handbook.

Each record of a remote's export becomes a read-only `Document` of that repository: its id is
prefixed with the repository's name (`payments:ADR-0009`), its place is the page its own site
publishes (an absolute URL), and the relations its export states become references to resolve
(`build_handbook` resolves them within its repository and across repositories, both ways). Its
frontmatter is read with the kind's schema for the boards, leniently: the record's home handbook
judges its fields and sections, so no diagnostic is made of them here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.escape import web_url
from ..core.kinds import KindSpec
from ..core.schemas import SCHEMAS, DocumentMeta
from ..core.settings import RemoteSource, Settings, SourceFolder
from ..reading.markdown import Outline
from ..reading.model import RELATIONS, Document, Reference, SourceFile
from ..reading.remote_exports import (
    REMOTE_CACHE,
    ExportedActionItem,
    ExportedRecord,
    ExportVersionError,
    RemoteExport,
    RemoteUnavailable,
    read_export,
)
from .relations import split_repository

__all__ = [
    "RemoteFile",
    "RemoteStatus",
    "Remotes",
    "published_url",
    "read_remotes",
    "remote_documents",
]


@dataclass(frozen=True)
class RemoteStatus:
    """One remote, as the build read it."""

    name: str
    source: str
    records: int
    problem: str | None = None
    site_url: str | None = None
    """Where its handbook is published, when known."""

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "source": self.source,
            "read": self.problem is None,
            "records": self.records,
            "problem": self.problem,
            "site_url": self.site_url,
        }


@dataclass
class Remotes:
    """What the remotes gave: their records as documents, how each went, and the warnings."""

    documents: list[Document] = field(default_factory=list)
    statuses: list[RemoteStatus] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stale_paths: frozenset[str] = frozenset()
    action_items: list[tuple[Document, ExportedActionItem]] = field(default_factory=list)
    """Open postmortem action items of the remotes, with their postmortem."""


def read_remotes(settings: Settings, checkout: Callable[[RemoteSource], RemoteExport]) -> Remotes:
    """Every remote's records (exports fetched at once, checkouts read one by one with
    `checkout`); a remote that cannot be read is left out with one diagnostic naming it and
    the reason."""
    found = Remotes()
    if not settings.remotes:
        return found
    where = settings.health.config_name
    cache = settings.root / REMOTE_CACHE
    urls = [source for source in settings.remotes if _fetched(source)]
    with ThreadPoolExecutor(max_workers=min(8, len(urls) or 1)) as pool:
        fetched = {source.name: pool.submit(read_export, source, cache) for source in urls}
        for source in settings.remotes:
            try:
                if source.problem is not None:
                    raise RemoteUnavailable(source.problem)
                if source.name in fetched:
                    export = fetched[source.name].result()
                elif source.export is not None:
                    export = read_export(source, cache)
                else:
                    export = checkout(source)
            except RemoteUnavailable as exc:
                code = "ASY702" if isinstance(exc, ExportVersionError) else "ASY701"
                found.diagnostics.append(diagnostic(where, 0, code, _left_out(source, exc)))
                found.statuses.append(RemoteStatus(source.name, source.where, 0, str(exc)))
                continue
            _add(found, source, export, remote_documents(export, settings.kinds), where)
    return found


def _add(
    found: Remotes,
    source: RemoteSource,
    export: RemoteExport,
    documents: list[Document],
    where: str,
) -> None:
    """One remote's records, action items and stale paths into `found`, with a warning when
    its records were read from a cached copy or cannot be linked."""
    if export.note:
        found.diagnostics.append(
            diagnostic(where, 0, "ASY701", f"remote {source.name!r}: {export.note}")
        )
    unlinked = sum(1 for doc in documents if not doc.source.src_uri)
    if unlinked:
        found.diagnostics.append(
            diagnostic(
                where,
                0,
                "ASY703",
                f"remote {source.name!r}: {unlinked} of its {len(documents)} records have "
                "no absolute address and are listed without links; set `site_url` in its "
                "mkdocs.yml, or `site_url:` for this remote",
            )
        )
    found.documents.extend(documents)
    by_path = {doc.path: doc for doc in documents}
    found.action_items.extend(
        (by_path[f"{source.name}:{item.path}"], item)
        for item in export.action_items
        if f"{source.name}:{item.path}" in by_path
    )
    found.stale_paths |= {f"{source.name}:{path}" for path in export.stale_paths}
    found.statuses.append(
        RemoteStatus(source.name, source.where, len(documents), site_url=export.base_url)
    )


def _fetched(source: RemoteSource) -> bool:
    """Whether the export is fetched from a URL (in parallel with the others)."""
    scheme = urlsplit(source.export or "").scheme.lower()
    return source.problem is None and scheme in ("http", "https")


def _left_out(source: RemoteSource, exc: Exception) -> str:
    return f"remote {source.name!r} is left out: {exc}"


@dataclass(frozen=True)
class RemoteFile(SourceFile):
    """A record's file in another repository. There is no file here: `abs_path` is the
    repository's placeholder folder, shared by its records (making a path of each of 40,000
    records costs a second), and the stem comes from the record's path."""

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.path))[0]


_WEB_PAGE = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d+)?(/[^\s<>\"'`]*)?$")


def remote_documents(export: RemoteExport, kinds: Mapping[str, KindSpec]) -> list[Document]:
    """The records of `export` as documents of its repository, in the export's order."""
    folder = SourceFolder(path=Path(f"{export.name}:"))
    specs: dict[tuple[str, str], KindSpec] = {}
    return [_document(export, record, folder, kinds, specs) for record in export.records]


def published_url(export: RemoteExport, record: ExportedRecord) -> str:
    """Where the record's page is: an absolute web URL, or empty when its site's address is
    unknown (or the export names something else than a web page)."""
    url = record.published_url
    if _WEB_PAGE.match(url):  # the usual case, without parsing 40,000 URLs
        return url
    if not urlsplit(url).scheme and export.base_url:
        url = urljoin(export.base_url.rstrip("/") + "/", url)
    return url if web_url(url) else ""


def _document(
    export: RemoteExport,
    record: ExportedRecord,
    folder: SourceFolder,
    kinds: Mapping[str, KindSpec],
    specs: dict[tuple[str, str], KindSpec],
) -> Document:
    spec = _spec(record, kinds, specs)
    source = RemoteFile(
        abs_path=folder.path,
        path=f"{export.name}:{record.path}",
        src_uri=published_url(export, record),
        folder=folder,
    )
    references = []
    for relation in RELATIONS:
        for target in getattr(record.relations, relation):
            named, _ = split_repository(target)
            qualified = target if named is not None else f"{export.name}:{target}"
            references.append(Reference(relation, qualified, 0))
    return Document(
        source=source,
        spec=spec,
        title=record.title,
        meta=_meta(spec, record.frontmatter),
        frontmatter=record.frontmatter,
        key_lines={},
        outline=Outline([], []),
        body="",
        body_line=1,
        number=record.number,
        status=record.status,
        raw_status=record.raw_status,
        source_format=record.format,
        references=references,
        repository=export.name,
    )


def _spec(
    record: ExportedRecord, kinds: Mapping[str, KindSpec], specs: dict[tuple[str, str], KindSpec]
) -> KindSpec:
    """The kind as this handbook defines it, numbered with the prefix the record's id shows; a
    kind this handbook lacks is taken as it comes, without statuses or sections."""
    prefix = record.id.rsplit("-", 1)[0] if record.number is not None and "-" in record.id else ""
    key = (record.kind, prefix)
    if key not in specs:
        known = kinds.get(record.kind)
        if known is None:
            known = KindSpec(name=record.kind, label=record.kind, plural=record.kind)
        if record.number is not None:
            known = known.model_copy(update={"numbered": True, "id_prefix": prefix})
        specs[key] = known
    return specs[key]


def _meta(spec: KindSpec, frontmatter: dict[str, Any]) -> DocumentMeta:
    """The frontmatter read with the kind's schema, leaving out the fields it refuses."""
    schema = SCHEMAS[spec.schema_name]
    try:
        return schema.model_validate(frontmatter)
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        try:
            return schema.model_validate({k: v for k, v in frontmatter.items() if k not in bad})
        except ValidationError:
            return schema()
