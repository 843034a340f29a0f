"""Reading other handbooks' exports (`asyncops.json`) for an organisation handbook.

A remote is named in the configuration and is an exported file: a path, or an `http(s)://` or
`file://` URL fetched once per build with a timeout. A fetched export is kept in a cache folder;
when the next fetch fails, the cached copy is used and the failure said. Whatever goes wrong
(missing, unreachable, not JSON, not an export, a major version this reader does not know) is
a `RemoteUnavailable` with the reason in words, and the build goes on without that remote.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.settings import RemoteSource
from ..errors import AsyncOpsError

__all__ = [
    "EXPORT_VERSION",
    "READABLE_MAJOR",
    "REMOTE_CACHE",
    "ExportVersionError",
    "ExportedActionItem",
    "ExportedRecord",
    "RemoteExport",
    "RemoteUnavailable",
    "check_version",
    "export_major",
    "parse_export",
    "read_export",
]

EXPORT_VERSION = "2.1"
"""The export's version, MAJOR.MINOR: a minor version only adds; a major one changes."""
READABLE_MAJOR = 2
"""The export major version this reader understands."""
MAX_EXPORT_BYTES = 256 * 1024 * 1024
REMOTE_CACHE = Path(".cache", "asyncops", "remotes")
"""Where fetched exports are kept, under the project root."""


class RemoteUnavailable(AsyncOpsError):
    """A remote that cannot be read; the message is the reason."""


class ExportVersionError(RemoteUnavailable):
    """An export of a major version this reader does not understand."""


class _Relations(BaseModel):
    """A record's relations; defaults by factory, which pydantic need not deep-copy for every
    record that leaves one out."""

    model_config = ConfigDict(extra="allow")
    supersedes: list[str] = Field(default_factory=list)
    superseded_by: list[str] = Field(default_factory=list)
    amends: list[str] = Field(default_factory=list)
    amended_by: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    required_by: list[str] = Field(default_factory=list)
    relates_to: list[str] = Field(default_factory=list)
    referenced_by: list[str] = Field(default_factory=list)


class ExportedRecord(BaseModel):
    """One record of an export, as far as an organisation handbook reads it."""

    model_config = ConfigDict(extra="allow")
    path: str
    url: str
    published_url: str
    kind: str
    id: str
    number: int | None = None
    title: str
    status: str | None = None
    raw_status: str | None = None
    format: str | None = None
    frontmatter: dict[str, Any] = Field(default_factory=dict)
    relations: _Relations = Field(default_factory=_Relations)


class ExportedActionItem(BaseModel):
    """An open postmortem action item of an export's boards (its text is not exported)."""

    model_config = ConfigDict(extra="allow")
    path: str
    line: int = 0
    task: str
    owner: str | None = None
    due: str | None = None
    done: bool = False


class _Boards(BaseModel):
    model_config = ConfigDict(extra="allow")
    action_items: list[ExportedActionItem] = Field(default_factory=list)


class _Export(BaseModel):
    model_config = ConfigDict(extra="allow")
    repository: str
    site_url: str | None = None
    records: list[ExportedRecord]
    boards: _Boards = Field(default_factory=_Boards)


@dataclass
class RemoteExport:
    """A remote's records, read and checked."""

    name: str
    records: list[ExportedRecord]
    base_url: str | None = None
    """What relative published URLs are relative to; None when unknown."""
    stale_paths: frozenset[str] = frozenset()
    """The records its own handbook judged stale (from its export's health)."""
    note: str | None = None
    """Said once with a warning when the records were read all the same (a cached copy)."""
    repository: str = ""
    """The name the export gives its own repository."""
    action_items: list[ExportedActionItem] = field(default_factory=list)
    """Its postmortems' open action items (a record holds no text to find them in)."""


def export_major(version: object) -> int | None:
    """The major version of an export's `version` (`"2.0"` -> 2, `1` -> 1), or None."""
    if isinstance(version, bool):
        return None
    if isinstance(version, int):
        return version
    if isinstance(version, str):
        match = re.match(r"^\s*(\d+)(\.\d+)*\s*$", version)
        if match:
            return int(match.group(1))
    return None


def check_version(data: object, where: str) -> None:
    """Raise `ExportVersionError` unless `data` is an export of a major version this reads."""
    if not isinstance(data, dict) or "version" not in data or "records" not in data:
        raise RemoteUnavailable(f"{where} is not an asyncops export (no `version` and `records`)")
    major = export_major(data["version"])
    if major is None:
        raise RemoteUnavailable(
            f"{where}: the export's version {data['version']!r} is not MAJOR.MINOR"
        )
    if major > READABLE_MAJOR:
        raise ExportVersionError(
            f"{where} is an export of version {data['version']}, newer than this mkdocs-asyncops "
            f"reads (version {READABLE_MAJOR}.x); upgrade mkdocs-asyncops here"
        )
    if major < READABLE_MAJOR:
        raise ExportVersionError(
            f"{where} is an export of version {data['version']}, older than this mkdocs-asyncops "
            f"reads (version {READABLE_MAJOR}.x); upgrade mkdocs-asyncops where it is built"
        )


def parse_export(data: object, source: RemoteSource, where: str) -> RemoteExport:
    """The records of an export's data, checked for their version and shape."""
    check_version(data, where)
    try:
        export = _Export.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        at = ".".join(str(part) for part in error["loc"])
        raise RemoteUnavailable(f"{where} is not a valid export: {at}: {error['msg']}") from None
    assert isinstance(data, dict)
    stale = (data.get("health") or {}).get("stale") or []
    return _remote_export(
        source, export, data.get("export_path"), [i for i in stale if isinstance(i, dict)]
    )


def _remote_export(
    source: RemoteSource, export: _Export, export_path: object, stale: list[dict[str, Any]]
) -> RemoteExport:
    base = source.site_url or export.site_url
    if not base and source.export and urlsplit(source.export).scheme in ("http", "https"):
        depth = str(export_path or "asyncops.json").count("/")
        base = urljoin(source.export, "../" * depth or ".")
    return RemoteExport(
        name=source.name,
        records=export.records,
        base_url=base or None,
        stale_paths=frozenset(str(item.get("path")) for item in stale),
        repository=export.repository,
        action_items=export.boards.action_items,
    )


def read_export(source: RemoteSource, cache: Path | None) -> RemoteExport:
    """Read and check the export `source` names; a URL is fetched (and cached in `cache`)."""
    assert source.export is not None
    scheme = urlsplit(source.export).scheme.lower()
    note = None
    if scheme in ("http", "https"):
        raw, note = _fetch(source, cache)
    else:
        path = (
            Path(unquote(urlsplit(source.export).path)) if scheme == "file" else Path(source.export)
        )
        raw = _read_file(path, source.where)
    try:
        export = _fast_export(raw, source)
    except ValidationError:
        export = None
    if export is None:  # say what is wrong with it, its version first
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise RemoteUnavailable(f"{source.where} is not JSON ({exc})") from None
        export = parse_export(data, source, source.where)
    export.note = note
    return export


class _Health(BaseModel):
    stale: list[dict[str, Any]] = Field(default_factory=list)


class _WholeExport(_Export):
    """An export read in one pass by pydantic's JSON parser (several times faster than
    `json.loads` and validating the objects, for the 40,000 records of 200 handbooks)."""

    version: str | int
    export_path: str | None = None
    health: _Health | None = None


def _fast_export(raw: bytes, source: RemoteSource) -> RemoteExport | None:
    """The export in `raw` read in one pass; a `ValidationError` when it is anything else than
    a well-formed export, None for one of a version this reader does not know."""
    export = _WholeExport.model_validate_json(raw)
    if export_major(export.version) != READABLE_MAJOR:
        return None
    health = export.health
    return _remote_export(
        source,
        export,
        export.export_path,
        health.stale if health else [],
    )


def _read_file(path: Path, shown: str) -> bytes:
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise RemoteUnavailable(f"{shown} is larger than {MAX_EXPORT_BYTES >> 20} MiB")
        return path.read_bytes()
    except FileNotFoundError:
        raise RemoteUnavailable(f"{shown} does not exist") from None
    except OSError as exc:
        raise RemoteUnavailable(f"{shown} cannot be read ({exc.strerror or exc})") from None


def _fetch(source: RemoteSource, cache: Path | None) -> tuple[bytes, str | None]:
    """The export at a URL, fetched once with the timeout; on failure, the cached copy (and a
    note saying so) when there is one."""
    assert source.export is not None
    cached = cache / f"{source.name}.json" if cache is not None else None
    try:
        request = urllib.request.Request(source.export, headers={"User-Agent": "mkdocs-asyncops"})
        with urllib.request.urlopen(request, timeout=source.timeout) as response:
            raw = response.read(MAX_EXPORT_BYTES + 1)
        if len(raw) > MAX_EXPORT_BYTES:
            raise RemoteUnavailable(f"{source.export} is larger than {MAX_EXPORT_BYTES >> 20} MiB")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = _fetch_failure(exc, source.timeout)
        if cached is None or not cached.is_file():
            raise RemoteUnavailable(f"{source.export} cannot be fetched ({reason})") from None
        when = datetime.fromtimestamp(cached.stat().st_mtime, timezone.utc)
        note = (
            f"{source.export} cannot be fetched ({reason}); using the copy cached "
            f"{when:%Y-%m-%d %H:%M} UTC"
        )
        return _read_file(cached, str(REMOTE_CACHE / cached.name)), note
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".part")
            partial.write_bytes(raw)
            partial.replace(cached)
        except OSError:
            pass  # a cache that cannot be written only costs the next fetch
    return raw, None


def _fetch_failure(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s"
    return str(reason)
