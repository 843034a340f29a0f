"""The `remotes:` option: other handbooks an organisation handbook reads, as the core's
`RemoteSource`s; a checkout's own configuration file is read here."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..core.settings import RemoteSource, Settings, SettingsError

__all__ = ["RemoteConfig", "checkout_settings", "remote_source"]


class RemoteConfig(Config):
    """Another handbook an organisation handbook reads: its export, or a local checkout."""

    name = c.Type(str)
    """The repository's name, the prefix of its records here (`payments:ADR-0009`)."""
    export = c.Optional(c.Type(str))
    """Its `asyncops.json`: a path relative to `mkdocs.yml`, or an `http(s)://` URL."""
    path = c.Optional(c.Type(str))
    """A checkout with its own `mkdocs.yml`, read with its sources and history."""
    site_url = c.Optional(c.Type(str))
    """Where that handbook is published, when its export's URLs are relative."""


def remote_source(
    name: str,
    root: Path,
    *,
    export: str | None = None,
    path: str | None = None,
    site_url: str | None = None,
    timeout: float = 10,
) -> RemoteSource:
    """One remote (a `remotes:` entry, or `--remote`) as the core reads it: an export's path
    is taken relative to `root`; a checkout's own `mkdocs.yml` is read here, and a problem with
    it is kept for the build to warn of (the rest builds)."""
    if (export is None) == (path is None):
        raise SettingsError(
            f"remotes: {name!r} needs `export:` (its asyncops.json) or `path:` (a checkout), "
            "one of the two"
        )
    if timeout <= 0:
        raise SettingsError(f"remote_timeout: must be a positive number of seconds, not {timeout}")
    if export is not None:
        shown = export
        if not urlsplit(export).scheme or re.match(r"^[A-Za-z]:[\\/]", export):
            export = str((root / export).resolve())
        return RemoteSource(name, export, site_url=site_url, timeout=timeout, shown=shown)
    assert path is not None
    folder = (root / path).resolve()
    try:
        checkout = checkout_settings(folder, path)
    except SettingsError as exc:
        return RemoteSource(name, export=str(folder), problem=str(exc), shown=path)
    return RemoteSource(name, checkout=checkout, site_url=site_url, timeout=timeout, shown=path)


def checkout_settings(folder: Path, shown: str) -> Settings:
    """The settings of the handbook checked out in `folder`, from its own `mkdocs.yml` (its
    own remotes are not read: an organisation handbook reads each repository itself)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .config import settings_from_config

    config_file = next(
        (folder / name for name in ("mkdocs.yml", "mkdocs.yaml") if (folder / name).is_file()), None
    )
    if config_file is None:
        raise SettingsError(f"{shown} holds no mkdocs.yml")
    try:
        mkdocs_config = load_config(str(config_file))
    except (ConfigurationError, SystemExit) as exc:
        raise SettingsError(f"{shown}/{config_file.name}: {exc}") from None
    from .plugin import AsyncOpsPlugin

    plugin = next(
        (p for p in mkdocs_config.plugins.values() if isinstance(p, AsyncOpsPlugin)), None
    )
    if plugin is None:
        raise SettingsError(f"{shown}/{config_file.name} does not use the asyncops plugin")
    options = plugin.config
    options.remotes = []
    return settings_from_config(options, mkdocs_config)
