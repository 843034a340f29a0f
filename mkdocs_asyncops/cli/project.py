"""The project a command works on: its configuration file, read once, or the defaults.

`-f FILE` names the file; without it, `mkdocs.yml` or `properdocs.yml` in the current folder is
read when there is one. A `-f FILE` that does not exist is a configuration error, whichever the
command; with no file at all, the defaults apply to the current folder, and a command whose
verdict they decide (`check`, `report`, `review` of the whole folder, `check-pr`) says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from ..core.cache_files import CACHE_FOLDER
from ..core.settings import (
    DEFAULT_CITATION_GLOBS,
    PublishOptions,
    PullRequestPolicy,
    RemoteSource,
    Settings,
    SettingsError,
    SourceFolder,
)
from ..mkdocs.engine import find
from ..mkdocs.project_file import ProjectConfig, read

NO_CONFIG_FILE = (
    "no mkdocs.yml or properdocs.yml in this folder: the default settings apply "
    "(-f FILE reads one elsewhere)"
)
"""Said on stderr when a command runs on the defaults, so a pass there is not mistaken for
the site's."""


def load_project(config_file: str | None) -> ProjectConfig:
    """The configuration file `config_file` (else the current folder's), read once for the
    whole command; the defaults for the current folder when there is none."""
    cwd = Path.cwd()
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise SettingsError(f"{config_file}: no such configuration file")
        return read(path)
    found = find(cwd)
    if found is not None:
        return read(found)
    settings = Settings.build(cwd, [SourceFolder(path=cwd)], citations=DEFAULT_CITATION_GLOBS)
    return ProjectConfig(
        settings=replace(settings, whole_handbook=True, cache=cwd / CACHE_FOLDER),
        publish=PublishOptions(),
        pull_requests=PullRequestPolicy(),
    )


def reading(
    project: ProjectConfig,
    paths: list[str],
    kind: str | None = None,
    remotes: Sequence[str] = (),
    extensions: str | None = None,
) -> Settings:
    """The settings to read the `PATH`s given (relative to the current folder) with, or else the
    whole handbook; every file read as `kind` when given. `remotes` are `--remote NAME=EXPORT`
    values: other handbooks read besides the configured `remotes:`. `extensions` is an
    `--extensions .md,.mdx` value: the file name endings read, instead of the configured ones."""
    settings = _reading(project, paths, kind)
    if extensions is not None:
        settings = replace(settings, extensions=_extensions(extensions))
    if not remotes:
        return settings
    added = [_remote_option(value, Path.cwd()) for value in remotes]
    return settings.with_remotes(settings.repository, [*settings.remotes, *added])


def _extensions(value: str) -> tuple[str, ...]:
    """`.md,mdx, .html.md.erb` -> `(".md", ".mdx", ".html.md.erb")`."""
    found = [part.strip() for part in value.split(",")]
    if not all(found):
        raise SettingsError(
            f"--extensions {value!r}: give file name endings separated by commas, like .md,.mdx"
        )
    return tuple(part if part.startswith(".") else f".{part}" for part in found)


def _remote_option(value: str, cwd: Path) -> RemoteSource:
    """`--remote payments=../payments/site/asyncops.json` (a path or URL of an export), or
    `--remote ledger=../ledger` (a checkout)."""
    from ..mkdocs.remote_config import remote_source

    name, _, where = value.partition("=")
    if not name.strip() or not where.strip():
        raise SettingsError(
            f"--remote {value!r}: write NAME=EXPORT (a path or URL of its asyncops.json) "
            "or NAME=FOLDER (a checkout with its own mkdocs.yml)"
        )
    name, where = name.strip(), where.strip()
    if urlsplit(where).scheme.lower() in ("http", "https", "file"):
        return remote_source(name, cwd, export=where)
    if (cwd / where).is_dir():
        return remote_source(name, cwd, path=where)
    return remote_source(name, cwd, export=where)


def _reading(project: ProjectConfig, paths: list[str], kind: str | None) -> Settings:
    if not paths:
        return project.settings.forcing(kind)
    cwd = Path.cwd()
    folders = [SourceFolder(path=(cwd / p).resolve()) for p in paths]
    for folder, given in zip(folders, paths, strict=True):
        if not folder.path.exists():
            raise SettingsError(f"{given}: no such file or folder")
    configured = project.settings.folders
    return replace(
        project.settings,
        root=cwd,
        folders=[_as_configured(folder, configured) for folder in folders],
        whole_handbook=False,
    ).forcing(kind)


def _as_configured(folder: SourceFolder, configured: list[SourceFolder]) -> SourceFolder:
    """A folder given on the command line keeps the leniency of the configured folder holding it."""
    lenient = any(
        source.lenient and (folder.path == source.path or source.path in folder.path.parents)
        for source in configured
    )
    return replace(folder, lenient=lenient)
