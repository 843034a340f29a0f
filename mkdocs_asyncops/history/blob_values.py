"""What old versions of files said in their frontmatter, kept by blob between runs.

Reviews' timings and the digest's status changes read a document as of each commit that changed
it (thousands of blobs on a large handbook). A blob's id names its content, so the values found
in one never change: they are kept in `.cache/asyncops/blob-values.json` by blob id and keys,
and a later run reads only the blobs it has not seen (ADR-0023's cache, with no key of its own
beyond the tool's stamp).
"""

from __future__ import annotations

from ..core.cache_files import CacheFiles

_NAME = "blob-values"
_KEY = "blob|keys"

Values = dict[str, str | None]


class BlobValues:
    """Frontmatter values by blob and keys, kept in memory for as long as the reader holding
    them lives, loaded from the cache folder (when there is one) on first use and written back
    by `store`."""

    def __init__(self, cache: CacheFiles | None = None) -> None:
        self._cache = cache
        self._found: dict[str, Values] | None = None
        self._added = False

    def get(self, blob: str, keys: tuple[str, ...]) -> Values | None:
        return self._loaded().get(_name(blob, keys))

    def put(self, blob: str, keys: tuple[str, ...], values: Values) -> None:
        self._loaded()[_name(blob, keys)] = values
        self._added = True

    def store(self) -> None:
        """Write what was added since loading (nothing when nothing was)."""
        if self._added and self._cache is not None and self._found is not None:
            self._cache.store(_NAME, _KEY, self._found)
            self._added = False

    def _loaded(self) -> dict[str, Values]:
        if self._found is None:
            kept = self._cache.load(_NAME, _KEY) if self._cache is not None else None
            self._found = {}
            if isinstance(kept, dict):
                self._found = {
                    name: values
                    for name, values in kept.items()
                    if isinstance(values, dict)
                    and all(isinstance(v, str) or v is None for v in values.values())
                }
        return self._found


def _name(blob: str, keys: tuple[str, ...]) -> str:
    return f"{blob}|{'|'.join(keys)}"
