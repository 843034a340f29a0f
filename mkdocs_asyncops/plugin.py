"""The MkDocs plugin: event glue between an MkDocs build and the core."""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import AsyncOpsConfig, settings_from_config
from .diagnostics import Severity
from .checks import Checked, run_checks
from .settings import Settings, SettingsError
from .sources import site_uri, walk_files

log = get_plugin_logger(__name__)


class AsyncOpsPlugin(BasePlugin[AsyncOpsConfig]):
    """Reads the handbook's documents, publishes extra source folders and gates the build."""

    def __init__(self) -> None:
        self.command = "build"
        self.settings: Settings | None = None
        self.checked: Checked | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.checked = None
        if not self.config.enabled:
            return None
        try:
            self.settings = settings_from_config(self.config, config)
        except SettingsError as exc:
            raise PluginError(f"asyncops: {exc}") from None
        for folder in self.settings.folders[1:]:
            config.watch.append(str(folder.path))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.settings is None:
            return None
        self._mount_sources(files, config)
        self.checked = run_checks(self.settings)
        self._gate(self.checked)
        return files

    def _mount_sources(self, files: Files, config: MkDocsConfig) -> None:
        """Publish every file of the extra source folders under its mount point."""
        assert self.settings is not None
        for folder in self.settings.folders[1:]:
            for path in walk_files(folder.path):
                src_uri = site_uri(folder, PurePosixPath(path.relative_to(folder.path).as_posix()))
                if files.get_file_from_path(src_uri) is not None:
                    log.warning(f"{src_uri} exists in docs_dir and in {folder.path.name}/; using docs_dir's")
                    continue
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))

    def _gate(self, result: Checked) -> None:
        """Log warnings (so `--strict` counts them) and fail the build on errors."""
        for problem in result.diagnostics:
            if problem.level is Severity.WARNING:
                log.warning(str(problem))
            elif problem.level is Severity.INFO:
                log.info(str(problem))
        errors = result.errors
        if not errors:
            return
        if self.command == "serve" and not self.config.strict_serve:
            for problem in errors:
                log.error(str(problem))
            return
        listing = "\n".join(f"  {problem}" for problem in errors)
        noun = "error" if len(errors) == 1 else "errors"
        raise PluginError(f"asyncops: {len(errors)} {noun} in the handbook:\n{listing}")
