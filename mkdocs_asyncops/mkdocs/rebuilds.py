"""`mkdocs serve` only: telling whether a rebuild's inputs are those of the last checks.

MkDocs rebuilds the whole site whenever a watched file is written, with a configuration loaded
again; the plugin instance stays. `Inputs` is what the checks read, in a form two rebuilds can
compare: the settings, the day, git's HEAD, and a digest of every file the checks read. A file
is hashed again only when its size, modification time or inode changed (or it changed within
the clock's tick, see `reading.scan.DocumentCache`), so a rebuild with nothing changed stats the
files and reads none; a file saved without a change has the digest it had.

Left out, so they count from the next rebuild that has another change: source code that cites
documents, and the working tree's other uncommitted files. Checks that read what cannot be
stat'ed (another handbook's export over HTTP, or a checkout read with its own sources) are
never taken as unchanged.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import File

from .. import dates
from ..core.settings import Settings
from ..history.kept import KeptHistory, git_head
from ..pipeline import same_to_the_checks
from ..reading.scan import DocumentCache
from ..reading.source_text import encoding_problem
from ..render.tables import Block
from .site_parts import SiteOptions, SiteParts

__all__ = ["Inputs", "Kept", "Watch", "alike", "git_head", "results_hold"]

_RACY_NS = 2_000_000_000
"""As `DocumentCache`: a file changed this recently may change again within the clock's tick."""


@dataclass(frozen=True, eq=False)
class Inputs:
    """Everything the checks of one build read: the same inputs give the same results."""

    settings: Settings
    site: SiteOptions
    day: date
    head: str | None
    digests: dict[str, bytes]
    """The content's digest of every file read, by absolute path (b"" for one that is gone)."""

    def same(self, before: Inputs) -> bool:
        return (
            (self.day, self.head, self.digests) == (before.day, before.head, before.digests)
            and alike(self.site, before.site)
            and alike(self.settings, before.settings)
        )

    def changed_files(self, before: Inputs) -> list[str]:
        """The files whose content differs from `before` (added and removed ones too)."""
        paths = self.digests.keys() | before.digests.keys()
        return sorted(p for p in paths if self.digests.get(p) != before.digests.get(p))


class Watch:
    """The digests of the files seen, kept across rebuilds with each file's `stat` signature."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[tuple[int, int, int], bytes, bool]] = {}
        self.hashed: list[str] = []
        """The files the last `inputs` had to read (for tests and benchmarks)."""

    def inputs(
        self, settings: Settings, site: SiteOptions, files: Iterable[str], head: str | None
    ) -> Inputs | None:
        """The inputs of a build that reads `files` (and the settings' other files); None
        when the checks read something else too, so two builds can never be taken as equal."""
        if any(r.checkout is not None or urlsplit(r.export or "").scheme for r in settings.remotes):
            return None
        self.hashed = []
        now = time.time_ns()
        paths = {*files, *(str(path) for path in _other_inputs(settings))}
        digests = {path: self._digest(path, now) for path in paths}
        self._known = {path: self._known[path] for path in paths if path in self._known}
        day = (site.publishing.today or dates.now()).date()
        return Inputs(settings, site, day, head, digests)

    def _digest(self, path: str, now: int) -> bytes:
        try:
            stat = os.stat(path)
        except OSError:
            return b""
        signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        known = self._known.get(path)
        if known is not None and known[0] == signature and now - stat.st_mtime_ns > _RACY_NS:
            return known[1]
        self.hashed.append(path)
        try:
            with open(path, "rb") as file:
                raw = file.read()
        except OSError:
            return b""
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        self._known[path] = (signature, digest, encoding_problem(raw) is None)
        return digest

    def readable(self, path: str) -> bool | None:
        """Whether the file was UTF-8 text when last seen; None when it was not seen."""
        known = self._known.get(path)
        return known[2] if known is not None else None


def results_hold(
    inputs: Inputs, before: Inputs, cache: DocumentCache, history: KeptHistory
) -> bool:
    """Whether the results of the checks of `before` hold: nothing changed, or only the bodies
    of documents, in ways the checks do not see (`pipeline.same_to_the_checks`, with git saying
    of each file what it said); then only the pages of those documents are made again. Not with
    a baseline file, whose findings are known by their lines' text. The new readings are kept
    for the next scan."""
    if inputs.same(before):
        return True
    if (
        (inputs.day, inputs.head) != (before.day, before.head)
        or not alike(inputs.site, before.site)
        or inputs.digests.get(str(inputs.settings.baseline))  # a baseline file exists
    ):
        return False
    changed = inputs.changed_files(before)
    pairs = cache.reread(changed)
    return (
        pairs is not None
        and all(same_to_the_checks(old, new) for old, new in pairs)
        and history.same_status(changed)
    )


def alike(one: object, other: object) -> bool:
    """Whether two readings of the configuration say the same: dataclasses and containers item
    by item, and objects that define no equality (a rule policy, a formula) by what they hold."""
    if type(one) is not type(other):
        return False
    if is_dataclass(one):
        return all(alike(getattr(one, f.name), getattr(other, f.name)) for f in fields(one))
    if isinstance(one, (list, tuple)) and isinstance(other, (list, tuple)):
        return len(one) == len(other) and all(map(alike, one, other))
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(alike(v, other[k]) for k, v in one.items())
    if type(one).__eq__ is object.__eq__ and hasattr(one, "__dict__"):
        return alike(vars(one), vars(other))
    return one == other


def _other_inputs(settings: Settings) -> list[Path]:
    """The files besides the sources that the checks read."""
    root = settings.root
    found = [root / name for name in settings.health.catalog_files]
    found += [root / ".mailmap"]
    if settings.health.pull_request_file:
        found.append(root / settings.health.pull_request_file)
    if settings.baseline is not None:
        found.append(settings.baseline)
    found += [Path(r.export) for r in settings.remotes if r.export]
    return found


@dataclass
class Kept:
    """What the last good build made: its inputs, results and generated files with their tables."""

    inputs: Inputs
    parts: SiteParts
    files: dict[str, File]
    tables: dict[str, list[Block]]
    where: tuple[str, bool]
    """The site folder and `use_directory_urls` the files were made for."""
    site_uris: dict[str, str]
    """The site path of every file (its source's path as the key), as links were made."""
    records: list[str] | None
    """The documents kept out of the navigation (`records_in_nav: false`), if any were."""

    def records_for(self, inputs: Inputs | None) -> list[str] | None:
        """`records`, when a build with `inputs` reads the same files with the same settings
        (which files are records depends on nothing else)."""
        if inputs is None or inputs.digests.keys() != self.inputs.digests.keys():
            return None
        return self.records if alike(inputs.settings, self.inputs.settings) else None

    def file(self, uri: str, where: tuple[str, bool]) -> File | None:
        """The generated file of `uri`, to use again (MkDocs pairs it with a new page)."""
        file = self.files.get(uri) if where == self.where else None
        if file is not None:
            file.page = None
        return file
