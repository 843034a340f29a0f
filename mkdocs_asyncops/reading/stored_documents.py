"""Reading files through the on-disk cache (`core/cache_files.py`): a file whose bytes are those
read before is not parsed again, its result comes back from plain data (`plain_parse.py`).

One cache file, `documents.json`, holds every file's result under the hash of what it was read
from: the file's bytes, a proposal's `kep.yaml` beside it, and where the file is (its path, site
path, folder and the kind its folder names). The file's key is the kinds' definitions, the
kind forced on every file and pydantic's version (which made the models kept): other settings
give other results, so they are another cache. Nothing
here depends on the clock: what does (staleness, deadlines) is judged again every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import VERSION

from ..core.cache_files import CacheFiles, content_hash
from ..core.diagnostics import Diagnostic
from ..core.kinds import KindSpec
from .model import SourceFile
from .parse import ParseResult, read_bytes, read_document, sidecar_of
from .plain_parse import Unstorable, decode, encode
from .source_text import decode as decode_text

_NAME = "documents"


class StoredDocuments:
    """Reads files as `read_document` does, keeping the results in the cache folder; the same
    calls as `scan.DocumentCache`: `read` each file, then `keep_only` the files read, which
    writes the cache when anything changed."""

    def __init__(self, files: CacheFiles) -> None:
        self._files = files
        self._kinds: tuple[Mapping[str, KindSpec], str | None] | None = None
        self._key: str | None = None
        self._known: dict[str, Any] = {}
        self._kept: dict[str, Any] = {}
        self._changed = False
        self._held: dict[str, tuple[bytes | None, bool]] = {}
        """What `holds` found of each file until `read` takes it: the bytes it read (None when
        it read none) and whether the cache holds them."""

    def read(
        self, source: SourceFile, kinds: Mapping[str, KindSpec], forced_kind: str | None
    ) -> ParseResult:
        if self._files.folder is None:  # `--no-cache`: nothing to look up, nothing to keep
            return read_document(source, kinds, forced_kind)
        if source.path not in self._held:
            self.holds(source, kinds, forced_kind)
        raw, held = self._held.pop(source.path)
        known = self._decoded(source, kinds, raw) if held and raw is not None else None
        if known is not None:
            return known
        result, entry, _ = parsed(source, kinds, forced_kind, raw)  # the bytes `holds` read
        self._changed = True
        if entry is not None:
            self._kept[source.path] = entry
        return result

    def holds(
        self, source: SourceFile, kinds: Mapping[str, KindSpec], forced_kind: str | None
    ) -> bool:
        """Whether the cache holds the reading of `source` as its bytes are now; `read` then
        takes what this found (the file's bytes, and whether they are those kept) without
        reading the file again."""
        if self._kinds is None or self._kinds[0] is not kinds or self._kinds[1] != forced_kind:
            self._open(kinds, forced_kind)
        known = self._known.get(source.path)
        raw, held = None, False
        if isinstance(known, list) and len(known) == 2:
            raw = read_bytes(source, [])
            held = raw is not None and content_hash(*_hashed(source, raw)) == known[0]
        self._held[source.path] = (raw, held)
        return held

    def _decoded(
        self, source: SourceFile, kinds: Mapping[str, KindSpec], raw: bytes
    ) -> ParseResult | None:
        """The reading the cache holds of `source`, whose bytes `raw` are those kept."""
        known = self._known[source.path]
        try:
            result = decode(known[1], source, kinds, decode_text(raw).text)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return None  # not what this tool writes: read the file again
        self._kept[source.path] = known
        return result

    def taken(
        self,
        source: SourceFile,
        kinds: Mapping[str, KindSpec],
        forced_kind: str | None,
        sent: list[Any] | None,
    ) -> ParseResult:
        """The reading another process made of `source`, kept as if read here: `sent` is its
        entry and the text it read (`parsed`), None when it had none to send (then it is read
        here). A file that changed since keeps the entry of what was read: the next run sees
        that its digest differs."""
        if sent is None:
            return self.read(source, kinds, forced_kind)
        entry, text = sent
        try:
            result = decode(entry[1], source, kinds, text)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return self.read(source, kinds, forced_kind)  # as a cache entry that will not decode
        self._changed = True
        if self._files.folder is not None:
            self._kept[source.path] = entry
        return result

    def _open(self, kinds: Mapping[str, KindSpec], forced_kind: str | None) -> None:
        """Load the cache kept for these kinds (a change of them is another cache)."""
        self._kinds = (kinds, forced_kind)
        key = content_hash(
            repr(sorted(kinds.items())).encode(), repr(forced_kind).encode(), VERSION.encode()
        )
        if key != self._key:
            self._key, self._kept, self._held = key, {}, {}
            loaded = self._files.load(_NAME, key)
            self._known = loaded if isinstance(loaded, dict) else {}

    def keep_only(self, sources: list[SourceFile]) -> None:
        """Write the cache of the files read, when one was read afresh or one is gone."""
        if self._key is None:
            return
        present = {source.path for source in sources}
        kept = {path: entry for path, entry in self._kept.items() if path in present}
        if self._changed or kept.keys() != self._known.keys():
            self._files.store(_NAME, self._key, kept)
        self._known, self._kept, self._changed, self._held = kept, {}, False, {}


def parsed(
    source: SourceFile,
    kinds: Mapping[str, KindSpec],
    forced_kind: str | None,
    raw: bytes | None = None,
) -> tuple[ParseResult, list[Any] | None, str]:
    """Read `source` afresh: the result; the cache's entry for it (its digest and plain data),
    None when a value of it has no plain form (that file is read every run); and the text it
    was read from (`raw`: its bytes, already read)."""
    problems: list[Diagnostic] = []
    raw = read_bytes(source, problems) if raw is None else raw
    if raw is None:  # too large or unreadable: reported every run, never kept
        return ParseResult(diagnostics=problems), None, ""
    digest = content_hash(*_hashed(source, raw))  # before parsing: a `kep.yaml` may change
    result, text = read_document(source, kinds, forced_kind, raw), decode_text(raw).text
    try:
        return result, [digest, encode(result, text)], text
    except Unstorable:
        return result, None, text


def _hashed(source: SourceFile, raw: bytes) -> tuple[bytes, bytes, bytes]:
    """What a file's entry is kept under: where it is, its bytes, and its proposal's metadata."""
    return repr(source).encode(), raw, _sidecar_bytes(source)


def _sidecar_bytes(source: SourceFile) -> bytes:
    """The bytes of the `kep.yaml` a proposal takes its metadata from; none when there is none
    (told apart from an empty one by a leading byte)."""
    sidecar = sidecar_of(source)
    if sidecar is None or sidecar == source.abs_path:
        return b""
    try:
        return b"+" + sidecar.read_bytes()
    except OSError:
        return b"!"
