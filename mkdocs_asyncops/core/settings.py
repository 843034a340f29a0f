"""The core's settings: everything a scan needs, independent of where it was configured."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..health.staleness import DEFAULT_MAX_AGE
from ..reading.model import SourceFolder
from ..reading.sources import MARKDOWN_SUFFIXES
from .baseline import BASELINE_NAME, BaselineError
from .baseline import load as load_baseline
from .diagnostics import RulePolicy
from .health_settings import HealthSettings
from .kinds import BUILTIN_KINDS, KindError, KindSpec, build_kinds, folder_kinds


class SettingsError(ValueError):
    """Configuration that cannot be used; the message says which option and why."""


@dataclass
class Settings:
    """What to read and how to judge it."""

    root: Path
    """The project root: diagnostics show paths relative to it."""
    folders: list[SourceFolder]
    kinds: dict[str, KindSpec] = field(default_factory=lambda: dict(BUILTIN_KINDS))
    folder_kinds: dict[str, str] = field(default_factory=lambda: folder_kinds(BUILTIN_KINDS))
    rules: RulePolicy = field(default_factory=RulePolicy)
    forced_kind: str | None = None
    """A kind every file is read as (`asyncops check --kind adr FOLDER`)."""
    health: HealthSettings = field(default_factory=HealthSettings)
    """History, staleness, catalog and coverage settings."""
    extensions: tuple[str, ...] = MARKDOWN_SUFFIXES
    """The file name endings read as documents (`.md`, `.markdown`; add `.mdx`, `.html.md.erb`)."""
    baseline: Path | None = None
    """The baseline file whose findings do not fail (`baseline.py`); None: no baseline."""
    whole_handbook: bool = False
    """The folders are a site's or a project's own (not `PATH`s picked on the command line):
    folders of documents left unread, and an empty handbook, are reported (`unread.py`)."""

    @classmethod
    def build(
        cls,
        root: Path,
        folders: list[SourceFolder],
        *,
        kinds: Mapping[str, Any] | None = None,
        folders_map: Mapping[str, str] | None = None,
        rules: Mapping[str, object] | None = None,
        forced_kind: str | None = None,
        health: HealthSettings | None = None,
    ) -> Settings:
        """Settings from configuration values, with every problem raised as a `SettingsError`."""
        try:
            kind_specs = build_kinds(kinds)
            mapping = folder_kinds(kind_specs, folders_map)
            policy = RulePolicy(rules)
        except (KindError, ValueError) as exc:
            raise SettingsError(str(exc)) from None
        for folder in folders:
            if folder.kind is not None and folder.kind not in kind_specs:
                raise SettingsError(
                    f"source folder {folder.path.name}: unknown kind {folder.kind!r}"
                )
        health = health or HealthSettings()
        for kind in health.max_age:
            if kind not in kind_specs and kind not in DEFAULT_MAX_AGE:
                raise SettingsError(f"staleness: there is no kind {kind!r}")
        try:
            load_baseline(root / BASELINE_NAME)
        except BaselineError as exc:
            raise SettingsError(str(exc)) from None
        settings = cls(
            root=root,
            folders=folders,
            kinds=kind_specs,
            folder_kinds=mapping,
            rules=policy,
            health=health,
            baseline=root / BASELINE_NAME,
        )
        return settings.forcing(forced_kind)

    def forcing(self, kind: str | None) -> Settings:
        """These settings with every file read as `kind` (unchanged when `kind` is None)."""
        if kind is None:
            return self
        if kind not in self.kinds:
            raise SettingsError(
                f"unknown kind {kind!r}; known kinds: {', '.join(sorted(self.kinds))}"
            )
        return replace(self, forced_kind=kind)
