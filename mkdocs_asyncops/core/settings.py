"""The core's settings: everything a scan needs, independent of where it was configured."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..health.staleness import DEFAULT_MAX_AGE
from ..reading.model import Repository, SourceFolder, repository_name
from ..reading.remote_exports import REPOSITORY_NAME, RemoteSource
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
    whole_handbook: bool = False
    """The folders are a site's or a project's own (not `PATH`s picked on the command line):
    folders of documents left unread, and an empty handbook, are reported (`unread.py`)."""
    repository: Repository = field(default_factory=Repository)
    """The repository the handbook is: its name and where its site is published."""
    remotes: tuple[RemoteSource, ...] = ()
    """Other handbooks an organisation handbook reads (`remotes:`)."""

    @classmethod
    def build(
        cls,
        root: Path,
        folders: list[SourceFolder],
        *,
        kinds: Mapping[str, Any] | None = None,
        folders_map: Mapping[str, str] | None = None,
        rules: Mapping[str, str] | None = None,
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
        settings = cls(
            root=root,
            folders=folders,
            kinds=kind_specs,
            folder_kinds=mapping,
            rules=policy,
            health=health,
            repository=Repository(name=repository_name(root.name)),
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

    def with_remotes(self, repository: Repository, remotes: list[RemoteSource]) -> Settings:
        """These settings as the handbook of `repository`, reading `remotes`; a name that is not
        a repository's, or used twice (the handbook's own included), is a `SettingsError`."""
        if not REPOSITORY_NAME.match(repository.name):
            raise SettingsError(
                f"repository: {repository.name!r} is not a repository name (letters, digits, . _ -)"
            )
        seen = {repository.name: "this handbook's own name (`repository`)"}
        for remote in remotes:
            if not REPOSITORY_NAME.match(remote.name):
                raise SettingsError(
                    f"remotes: {remote.name!r} is not a repository name (letters, digits, . _ -)"
                )
            if remote.name in seen:
                raise SettingsError(
                    f"remotes: the repository name {remote.name!r} is used twice ({seen[remote.name]} "
                    f"and {remote.where}); give each repository its own name"
                )
            seen[remote.name] = remote.where
        return replace(self, repository=repository, remotes=tuple(remotes))
