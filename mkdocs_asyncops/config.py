"""The plugin's configuration in `mkdocs.yml`, and how it becomes the core's `Settings`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from pydantic import ValidationError

from .kinds import SectionSpec
from .model import SourceFolder
from .pull_requests import DEFAULT_IGNORED, DEFAULT_SECTIONS, DEFAULT_UI_PATHS, PullRequestPolicy
from .settings import Settings, SettingsError


class SourceConfig(Config):
    """A folder of documents outside `docs_dir`, published as part of the site."""

    path = c.Type(str)
    """The folder, relative to `mkdocs.yml` (e.g. `adr`)."""
    url = c.Optional(c.Type(str))
    """Where its files appear in the site; the folder's name when not set (`adr/` -> `/adr/`)."""
    kind = c.Optional(c.Type(str))
    """Read every document in the folder as this kind, whatever its folder names say."""
    lenient = c.Type(bool, default=False)
    """An imported decision log: report its errors as warnings, so they do not fail the build."""


class _SourceOption(c.SubConfig[SourceConfig]):
    """A source folder written as a path (`- adr`) or as a mapping with more settings."""

    def run_validation(self, value: object) -> SourceConfig:
        return super().run_validation({"path": value} if isinstance(value, str) else value)


class PullRequestConfig(Config):
    """What `asyncops check-pr` expects of a pull request."""

    sections = c.ListOfItems(c.Type((str, dict)), default=list(DEFAULT_SECTIONS))
    """The PR template's sections: names, or `{name: Why, aliases: [Motivation]}`."""
    ui_sections = c.ListOfItems(c.Type((str, dict)), default=["Screenshots"])
    """Sections required as well when a changed file matches `ui_paths`."""
    ui_paths = c.ListOfItems(c.Type(str), default=list(DEFAULT_UI_PATHS))
    """Globs of files whose change makes it a UI change."""
    max_changed_lines = c.Type(int, default=400)
    """Above this many added plus removed lines, `pr-too-large` is reported."""
    ignored_paths = c.ListOfItems(c.Type(str), default=list(DEFAULT_IGNORED))
    """Globs of files not counted in the size (lock files, generated code)."""


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

    # Pull requests
    pull_requests = c.SubConfig(PullRequestConfig)
    """What `asyncops check-pr` expects: template sections, UI files, the size target."""

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
        folders.append(SourceFolder(path=path, mount=mount, kind=source.kind, lenient=source.lenient))
    return Settings.build(
        root,
        folders,
        kinds=options.kinds,
        folders_map=options.folders,
        rules=_rule_values(options.rules),
    )


def _rule_values(rules: dict[str, Any]) -> dict[str, str]:
    return {key: "off" if value is False else str(value) for key, value in rules.items()}


def pull_request_policy(options: AsyncOpsConfig) -> PullRequestPolicy:
    """The `pull_requests` options as the core's policy."""
    pr = options.pull_requests
    if pr.max_changed_lines < 1:
        raise SettingsError("pull_requests.max_changed_lines: use a number of lines above 0")
    return PullRequestPolicy(
        sections=_section_specs("sections", pr.sections),
        ui_sections=_section_specs("ui_sections", pr.ui_sections),
        ui_paths=list(pr.ui_paths),
        max_changed_lines=pr.max_changed_lines,
        ignored_paths=list(pr.ignored_paths),
    )


def _section_specs(option: str, values: list[str | dict[str, Any]]) -> list[SectionSpec]:
    try:
        return [SectionSpec.model_validate({"name": v} if isinstance(v, str) else v) for v in values]
    except ValidationError as exc:
        raise SettingsError(
            f"pull_requests.{option}: write each section as a name or `{{name: ..., aliases: [...]}}` "
            f"({exc.errors()[0]['msg']})"
        ) from None
