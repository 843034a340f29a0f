"""The on-disk cache: plain JSON files in `.cache/asyncops/` under the project root (ADR-0023).

Each file holds one thing a command read (the parsed documents, the git history's summary) with
the key it was read under: the tool's version and code, and a hash of every input. A file whose
version or key differs, or that cannot be read or parsed, is no cache: the caller reads afresh and
writes it again. Files are written whole to a temporary file and moved into place, so two runs
sharing the folder each see one complete file or none. The folder holds a `.gitignore` that
ignores everything in it, as pytest's cache does.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["CACHE_FOLDER", "CacheFiles", "content_hash", "tool_stamp"]

CACHE_FOLDER = Path(".cache", "asyncops")
"""Where the cache lives, under the project root."""

_FORMAT = 1
"""The layout of the cache files; a change makes every older file foreign."""

_IGNORE_ALL = "# Written by mkdocs-asyncops: everything here is a cache.\n*\n"


@lru_cache(maxsize=1)
def tool_stamp() -> str:
    """The version of the tool, with its code's file sizes and times: a cache written by other
    code (another release, or an edited checkout) is never taken for this one's."""
    from .. import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=12)
    for folder, subfolders, names in sorted(os.walk(package)):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return f"{__version__}/{_FORMAT}/{digest.hexdigest()}"


def content_hash(*parts: bytes) -> str:
    """A short hash of some inputs' bytes, each part delimited."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


class CacheFiles:
    """The cache folder of one project; `folder=None` is the cache turned off."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def load(self, name: str, key: str) -> Any | None:
        """What `store(name, key, ...)` kept, or None: no such file, another key or version, or
        a file that is not what this tool writes."""
        if self.folder is None:
            return None
        try:
            found = json.loads((self.folder / f"{name}.json").read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if (
            not isinstance(found, dict)
            or found.get("tool") != tool_stamp()
            or found.get("key") != key
        ):
            return None
        return found.get("data")

    def store(self, name: str, key: str, data: Any) -> None:
        """Keep `data` (plain JSON data) under `name`; a cache that cannot be written only costs
        the next run its time, so failing to write is silent."""
        if self.folder is None:
            return
        temp = None
        try:
            # `dumps`, not `dump`: json's C encoder encodes only a whole document at once
            text = json.dumps(
                {"tool": tool_stamp(), "key": key, "data": data}, separators=(",", ":")
            )
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(_IGNORE_ALL, encoding="utf-8")
            import tempfile  # here: a kept answer is given without writing, before it loads

            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, self.folder / f"{name}.json")
            temp = None
        except (OSError, TypeError, ValueError, RecursionError):
            pass
        finally:
            if temp is not None:
                Path(temp).unlink(missing_ok=True)
