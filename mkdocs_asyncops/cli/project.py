"""Finding a project's settings for the command line: `mkdocs.yml` when there is one."""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, MkDocsException

from ..core.diagnostics import RulePolicy
from ..core.settings import PublishOptions, PullRequestPolicy, RemoteSource, Settings, SettingsError
from ..mkdocs.config import (
    AsyncOpsConfig,
    publish_options,
    pull_request_policy,
    remote_source,
    settings_from_config,
)
from ..reading.model import SourceFolder

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def find_config_file(start: Path) -> Path | None:
    """`mkdocs.yml` in `start`, if there is one."""
    return next((start / name for name in CONFIG_NAMES if (start / name).is_file()), None)


def load_settings(
    paths: list[str],
    config_file: str | None = None,
    kind: str | None = None,
    remotes: Sequence[str] = (),
) -> Settings:
    """Settings for the command line.

    With `mkdocs.yml` (given, or in the current folder) its plugin options apply; the folders
    read are the `PATH`s given, or else the site's own sources. Without it, the defaults apply
    to the `PATH`s (or the current folder). `remotes` are `--remote NAME=EXPORT` values, read
    besides the configured `remotes:`.
    """
    settings = _load_settings(paths, config_file, kind)
    if not remotes:
        return settings
    added = [_remote_option(value, Path.cwd()) for value in remotes]
    return settings.with_remotes(settings.repository, [*settings.remotes, *added])


def _remote_option(value: str, cwd: Path) -> RemoteSource:
    """`--remote payments=../payments/site/asyncops.json` (a path or URL of an export), or
    `--remote ledger=../ledger` (a checkout)."""
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


def _load_settings(paths: list[str], config_file: str | None, kind: str | None) -> Settings:
    cwd = Path.cwd()
    config_path = Path(config_file) if config_file else find_config_file(cwd)
    folders = [SourceFolder(path=(cwd / p).resolve()) for p in paths]
    for folder, given in zip(folders, paths, strict=True):
        if not folder.path.exists():
            raise SettingsError(f"{given}: no such file or folder")
    if config_path is None:
        settings = Settings.build(cwd, folders or [SourceFolder(path=cwd)], forced_kind=kind)
        return replace(settings, whole_handbook=not folders)
    if not config_path.is_file():
        raise SettingsError(f"{config_file}: no such configuration file")
    site = settings_from_config(*_plugin_options(config_path))
    if folders:
        site = replace(
            site,
            root=cwd,
            folders=[_as_configured(f, site.folders) for f in folders],
            whole_handbook=False,
        )
    return site.forcing(kind)


def load_pull_request_policy(
    config_file: str | None = None,
) -> tuple[PullRequestPolicy, RulePolicy]:
    """The `pull_requests` and `rules` options of `mkdocs.yml` (given, or in the current folder).

    Without `mkdocs.yml`, the defaults.
    """
    config_path = Path(config_file) if config_file else find_config_file(Path.cwd())
    if config_path is None:
        return PullRequestPolicy(), RulePolicy()
    if not config_path.is_file():
        raise SettingsError(f"{config_file}: no such configuration file")
    options, mkdocs_config = _plugin_options(config_path)
    return pull_request_policy(options), settings_from_config(options, mkdocs_config).rules


def load_publish_options(config_file: str | None = None) -> PublishOptions:
    """The generated pages' options from `mkdocs.yml` (given, or in the current folder), or defaults."""
    config_path = Path(config_file) if config_file else find_config_file(Path.cwd())
    if config_path is None or not config_path.is_file():
        return PublishOptions()
    return publish_options(_plugin_options(config_path)[0])


def load_review_options(config_file: str | None = None) -> tuple[PublishOptions, str | None]:
    """The boards' options and the site's `site_url` (to link documents in messages), or defaults."""
    config_path = Path(config_file) if config_file else find_config_file(Path.cwd())
    if config_path is None or not config_path.is_file():
        return PublishOptions(), None
    options, mkdocs_config = _plugin_options(config_path)
    return publish_options(options), mkdocs_config.site_url or None


def config_warnings(config_file: str | None = None) -> list[str]:
    """What `mkdocs build` would warn about `mkdocs.yml` (given, or in the current folder):
    options it does not know, the plugin's named with the valid ones; none without the file."""
    config_path = Path(config_file) if config_file else find_config_file(Path.cwd())
    if config_path is None or not config_path.is_file():
        return []
    return [f"{config_path.name}: {warning}" for warning in _loaded(config_path)[2]]


_UNKNOWN_PLUGIN_OPTION = re.compile(
    r"Plugin 'asyncops' option '([^']*)': Unrecognised configuration name"
)


def _worded(message: str) -> str:
    """MkDocs' warning, or for the plugin's own options, which option and which are valid."""
    match = _UNKNOWN_PLUGIN_OPTION.search(message)
    if match is None:
        return message
    valid = sorted(name for name, _ in AsyncOpsConfig._schema)
    close = difflib.get_close_matches(match.group(1), valid, n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return (
        f"the asyncops plugin has no option {match.group(1)!r} (it is ignored); {guess}"
        f"valid options: {', '.join(valid)}"
    )


def _as_configured(folder: SourceFolder, configured: list[SourceFolder]) -> SourceFolder:
    """A folder given on the command line keeps the leniency of the configured folder holding it."""
    lenient = any(
        source.lenient and (folder.path == source.path or source.path in folder.path.parents)
        for source in configured
    )
    return replace(folder, lenient=lenient)


def _plugin_options(config_path: Path) -> tuple[AsyncOpsConfig, MkDocsConfig]:
    """The `asyncops` options from `mkdocs.yml` (defaults if the plugin is not listed)."""
    options, mkdocs_config, _ = _loaded(config_path)
    return options, mkdocs_config


def _loaded(config_path: Path) -> tuple[AsyncOpsConfig, MkDocsConfig, tuple[str, ...]]:
    stat = config_path.stat()
    return _load_options(config_path.resolve(), stat.st_mtime_ns, stat.st_size)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(_worded(record.getMessage()))


@lru_cache(maxsize=4)
def _load_options(
    config_path: Path, mtime_ns: int, size: int
) -> tuple[AsyncOpsConfig, MkDocsConfig, tuple[str, ...]]:
    """Load `mkdocs.yml` once per command, however many options a command reads from it; its
    warnings are kept for `config_warnings`, not logged."""
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    collect = _Collect()
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(collect)
    try:
        mkdocs_config = load_config(str(config_path))
    except (ConfigurationError, MkDocsException, SystemExit) as exc:
        raise SettingsError(f"{config_path.name}: {exc}") from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
        logger.propagate = propagate
    from ..mkdocs.plugin import AsyncOpsPlugin

    warned = tuple(collect.messages)
    for plugin in mkdocs_config.plugins.values():
        if isinstance(plugin, AsyncOpsPlugin):
            return plugin.config, mkdocs_config, warned
    defaults = AsyncOpsConfig()
    defaults.load_dict({})
    defaults.validate()
    return defaults, mkdocs_config, warned
