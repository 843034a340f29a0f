"""What the status of a file was in its old versions, kept by blob between runs.

Reviews' timings and the digest's status changes read a document as of each commit that changed
it (thousands of blobs on a large handbook). A blob's id names its content, so the status found
in one never changes: it is kept in `.cache/asyncops/statuses.json` by blob id and frontmatter
key, and a later run reads only the blobs it has not seen (ADR-0023's cache, with no key of its
own beyond the tool's stamp).
"""

from __future__ import annotations

from ..core.cache_files import CacheFiles

_NAME = "statuses"
_KEY = "blob:key"


class StatusMemo:
    """Statuses by `blob:key`, loaded from the cache folder (when there is one) on first use."""

    def __init__(self, cache: CacheFiles | None = None) -> None:
        self._cache = cache
        self._found: dict[str, str | None] | None = None
        self._added = False

    def get(self, blob: str, key: str) -> tuple[bool, str | None]:
        """Whether the status of `key` in `blob` is known, and it."""
        found = self._loaded()
        name = f"{blob}:{key}"
        return (True, found[name]) if name in found else (False, None)

    def put(self, blob: str, key: str, status: str | None) -> None:
        self._loaded()[f"{blob}:{key}"] = status
        self._added = True

    def store(self) -> None:
        """Write what was added since loading (nothing when nothing was)."""
        if self._added and self._cache is not None and self._found is not None:
            self._cache.store(_NAME, _KEY, self._found)
            self._added = False

    def _loaded(self) -> dict[str, str | None]:
        if self._found is None:
            kept = self._cache.load(_NAME, _KEY) if self._cache is not None else None
            valid = isinstance(kept, dict) and all(
                isinstance(v, str) or v is None for v in kept.values()
            )
            self._found = dict(kept) if valid else {}  # type: ignore[arg-type]
        return self._found
