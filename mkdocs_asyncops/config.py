"""The plugin's configuration in `mkdocs.yml`, and how it becomes the core's `Settings`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from .health_settings import HealthSettings
from .model import SourceFolder
from .settings import Settings, SettingsError
from .staleness import DEFAULT_MAX_AGE


class SourceConfig(Config):
    """A folder of documents outside `docs_dir`, published as part of the site."""

    path = c.Type(str)
    """The folder, relative to `mkdocs.yml` (e.g. `adr`)."""
    url = c.Optional(c.Type(str))
    """Where its files appear in the site; the folder's name when not set (`adr/` -> `/adr/`)."""
    kind = c.Optional(c.Type(str))
    """Read every document in the folder as this kind, whatever its folder names say."""


class _SourceOption(c.SubConfig[SourceConfig]):
    """A source folder written as a path (`- adr`) or as a mapping with more settings."""

    def run_validation(self, value: object) -> SourceConfig:
        return super().run_validation({"path": value} if isinstance(value, str) else value)


class _PathsOption(c.ListOfItems[str]):
    """One path or a list of them."""

    def run_validation(self, value: object) -> list[str]:
        return super().run_validation([value] if isinstance(value, str) else value)


class AsyncOpsConfig(Config):
    """Options of the `asyncops` plugin."""

    enabled = c.Type(bool, default=True)
    """Run the plugin; set `enabled: !ENV [ASYNCOPS, true]` to switch it off for quick previews."""

    # Sources
    sources = c.ListOfItems(_SourceOption(SourceConfig), default=[])
    """Folders of documents outside `docs_dir` to read and publish, e.g. a top-level `adr/`."""
    folders = c.DictOfItems(c.Type(str), default={})
    """Folder name -> kind, over the defaults (`adr`, `decisions` -> adr; `rfcs` -> design ...)."""

    # Kinds and rules
    kinds = c.DictOfItems(c.Type(dict), default={})
    """Changes to the built-in kinds, or new kinds: required sections, statuses, fields, folders."""
    rules = c.DictOfItems(c.Type((str, bool)), default={})
    """Rule code or name -> `error`, `warning`, `info` or `off`."""

    # History and coverage
    history = c.Type(bool, default=True)
    """Read the git history for dates, authors and staleness; `false` skips it (nothing is stale)."""
    staleness = c.DictOfItems(c.Type(int), default={})
    """Kind -> days a document may go unchanged and unreviewed, over the defaults; 0: never stale."""
    stale_notice = c.Type(bool, default=True)
    """Show a notice at the top of stale pages."""
    catalog = _PathsOption(c.Type(str), default=[])
    """Catalog files relative to `mkdocs.yml`: this tool's `systems:` format or Backstage's."""
    systems = c.ListOfItems(c.Type(dict), default=[])
    """Systems defined here: `name`, `owner`, `type`, optionally `requires` and `paths`."""
    system_types = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    """System type -> the document kinds it requires, over the defaults (`service: [design, runbook]`)."""
    coverage_minimum = c.Type((int, float), default=90)
    """The least documentation coverage, in percent, that passes the build and `asyncops check`."""
    health_pages = c.Type(str, default="health")
    """Where the stale, coverage and metrics pages are generated; empty to generate none."""

    # The gate
    strict_serve = c.Type(bool, default=False)
    """Abort `mkdocs serve` rebuilds on errors too; by default they are logged so pages stay visible."""


def settings_from_config(options: AsyncOpsConfig, mkdocs_config: MkDocsConfig) -> Settings:
    """The core settings for a site: its `docs_dir` plus the configured source folders."""
    root = Path(mkdocs_config.config_file_path or ".").resolve().parent
    docs_dir = Path(mkdocs_config.docs_dir).resolve()
    folders = [SourceFolder(path=docs_dir)]
    for source in options.sources:
        path = (root / source.path).resolve()
        if not path.is_dir():
            raise SettingsError(f"sources: {source.path!r} is not a folder next to mkdocs.yml")
        if path == docs_dir or docs_dir in path.parents:
            raise SettingsError(
                f"sources: {source.path!r} is inside docs_dir, which is read already; remove it"
            )
        mount = (source.url if source.url is not None else path.name).strip("/")
        folders.append(SourceFolder(path=path, mount=mount, kind=source.kind))
    return Settings.build(
        root,
        folders,
        kinds=options.kinds,
        folders_map=options.folders,
        rules=_rule_values(options.rules),
        health=health_settings(options, Path(mkdocs_config.config_file_path or "mkdocs.yml").name),
    )


def health_settings(options: AsyncOpsConfig, config_name: str) -> HealthSettings:
    """The history, staleness and coverage options as core settings."""
    if not 0 <= options.coverage_minimum <= 100:
        raise SettingsError(f"coverage_minimum: {options.coverage_minimum} is not a percentage from 0 to 100")
    return HealthSettings(
        history=options.history,
        max_age={**DEFAULT_MAX_AGE, **options.staleness},
        catalog_files=tuple(options.catalog),
        systems=tuple(options.systems),
        system_types=dict(options.system_types),
        coverage_minimum=float(options.coverage_minimum),
        config_name=config_name,
    )


def _rule_values(rules: dict[str, Any]) -> dict[str, str]:
    return {key: "off" if value is False else str(value) for key, value in rules.items()}
