"""The MkDocs plugin: event glue between an MkDocs build and the core."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .config import AsyncOpsConfig, settings_from_config
from .diagnostics import Severity
from .health import Health, assess, read_history
from .health_report import PAGE_BUILDERS, stale_notice
from .history import HistoryReader
from .scan import Scan, scan
from .settings import Settings, SettingsError
from .sources import site_uri, walk_files

log = get_plugin_logger(__name__)


class AsyncOpsPlugin(BasePlugin[AsyncOpsConfig]):
    """Reads the handbook's documents, publishes extra source folders and gates the build."""

    def __init__(self) -> None:
        self.command = "build"
        self.settings: Settings | None = None
        self.scan: Scan | None = None
        self.health: Health | None = None
        self.history_reader = HistoryReader()
        """Kept across `mkdocs serve` rebuilds, so a rebuild walks only new commits."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.scan = None
        self.health = None
        if not self.config.enabled:
            return None
        try:
            self.settings = settings_from_config(self.config, config)
        except SettingsError as exc:
            raise PluginError(f"asyncops: {exc}") from None
        for folder in self.settings.folders[1:]:
            config.watch.append(str(folder.path))
        config.watch.extend(str(self.settings.root / name) for name in self.settings.health.catalog_files)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.settings is None:
            return None
        self._mount_sources(files, config)
        self.scan = scan(self.settings)
        self.health = assess(self.settings, self.scan, read_history(self.settings, self.history_reader))
        if not self.health.history.available:
            log.info(f"git history is unavailable ({self.health.history.reason}); nothing is judged stale")
        self._add_health_pages(files, config, self.health)
        self._gate(replace(self.scan, diagnostics=[*self.scan.diagnostics, *self.health.diagnostics]))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.health is None or not self.config.stale_notice:
            return None
        stale = self.health.stale_by_uri.get(page.file.src_uri)
        return f"{stale_notice(stale, self.health.now)}\n\n{markdown}" if stale else None

    def _add_health_pages(self, files: Files, config: MkDocsConfig, health: Health) -> None:
        """Generate the stale, coverage and metrics pages, unless the site has its own."""
        folder = self.config.health_pages.strip("/")
        if not folder:
            return
        for name, build in PAGE_BUILDERS.items():
            uri = f"{folder}/{name}.md"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=build(health, uri)))

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

    def _gate(self, result: Scan) -> None:
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
