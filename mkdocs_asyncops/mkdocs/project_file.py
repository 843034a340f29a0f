"""Reading a project's configuration file (`mkdocs.yml`, or `properdocs.yml`) for the command
line: once, as the site generator reads it, into the core's settings and options.

MkDocs, or ProperDocs, is imported only here, when a file is read: commands that read none, and
`asyncops --version`, never load it.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .engine import use

if TYPE_CHECKING:
    from ..core.settings import PublishOptions, PullRequestPolicy, Settings


@dataclass(frozen=True)
class ProjectConfig:
    """Everything the commands take from the configuration file: the defaults without one."""

    settings: Settings
    """What to read and how to judge it: the site's `docs_dir` and sources, kinds, rules."""
    publish: PublishOptions
    """The generated pages and the boards: page paths, review windows, `today`."""
    pull_requests: PullRequestPolicy
    """What `asyncops check-pr` expects of a pull request."""
    site_url: str | None = None
    path: Path | None = None
    """The file read; None when the defaults apply."""
    warnings: tuple[str, ...] = ()
    """What the build warns about the file (unknown options...), for the command to show."""


def read(path: Path) -> ProjectConfig:
    """The settings and options of the configuration file at `path`, with its warnings; a
    `SettingsError` naming the file for what cannot be used (the plugin's defaults apply when
    the file does not list it)."""
    from ..core.settings import SettingsError

    preferred = "properdocs" if path.name.startswith("properdocs.") else "mkdocs"
    try:
        engine = use(preferred)
    except LookupError as exc:
        raise SettingsError(f"{path.name}: cannot read it: {exc}") from None
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    from .config import AsyncOpsConfig, publish_options, pull_request_policy, settings_from_config

    logger = logging.getLogger(engine)
    level, propagate = logger.level, logger.propagate
    collect = _Collect(sorted(name for name, _ in AsyncOpsConfig._schema))
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(collect)
    try:
        mkdocs_config = load_config(str(path))
    except (ConfigurationError, MkDocsException, SystemExit) as exc:
        raise SettingsError(f"{path.name}: {exc}") from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
        logger.propagate = propagate
    configured = [
        plugin.config
        for plugin in mkdocs_config.plugins.values()
        if isinstance(plugin.config, AsyncOpsConfig)
    ]
    if configured:
        options = configured[0]
    else:  # the file does not list the plugin: its defaults
        options = AsyncOpsConfig()
        options.load_dict({})
        options.validate()
    return ProjectConfig(
        settings=settings_from_config(options, mkdocs_config),
        publish=publish_options(options, mkdocs_config),
        pull_requests=pull_request_policy(options),
        site_url=mkdocs_config.site_url or None,
        path=path,
        warnings=tuple(f"{path.name}: {message}" for message in collect.messages),
    )


_UNKNOWN_PLUGIN_OPTION = re.compile(
    r"Plugin 'asyncops' option '([^']*)': Unrecognised configuration name"
)


class _Collect(logging.Handler):
    """The generator's warnings while it loads the file, kept for the command to show; for the
    plugin's own options, which option and which are valid."""

    def __init__(self, valid: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.valid = valid
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = _UNKNOWN_PLUGIN_OPTION.search(message)
        if match is not None:
            close = difflib.get_close_matches(match.group(1), self.valid, n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            message = (
                f"the asyncops plugin has no option {match.group(1)!r} (it is ignored); {guess}"
                f"valid options: {', '.join(self.valid)}"
            )
        self.messages.append(message)
