"""The MkDocs plugin: event glue between an MkDocs build and the core."""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .config import AsyncOpsConfig, publish_options, settings_from_config
from .crossref import mention_links, repository_links
from .diagnostics import Severity
from .checks import Checked, run_checks
from .header import TEMPLATES, header_context, render_header, template_environment, with_header
from .inline import rewrite
from .model import Document
from .publish import PublishOptions, publish
from .settings import Settings, SettingsError
from .sources import site_uri, walk_files

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
CSS = "asyncops/asyncops.css"
JS = "asyncops/asyncops.js"


class AsyncOpsPlugin(BasePlugin[AsyncOpsConfig]):
    """Reads the handbook's documents, publishes extra source folders and gates the build."""

    def __init__(self) -> None:
        self.command = "build"
        self.settings: Settings | None = None
        self.publishing: PublishOptions | None = None
        self._reset()

    def _reset(self) -> None:
        """Forget everything about the previous build (`mkdocs serve` keeps this instance)."""
        self.checked: Checked | None = None
        self.documents: dict[str, Document] = {}
        self.site_uris: dict[str, str] = {}
        self.templates: jinja2.Environment | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        try:
            self.settings = settings_from_config(self.config, config)
            self.publishing = publish_options(self.config)
        except SettingsError as exc:
            raise PluginError(f"asyncops: {exc}") from None
        for folder in self.settings.folders[1:]:
            config.watch.append(str(folder.path))
        # Lowest priority, so a site's custom_dir overrides our templates and styles.
        for folder in (str(TEMPLATES), str(ASSETS)):
            if folder not in config.theme.dirs:
                config.theme.dirs.append(folder)
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        if JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.settings is None or self.publishing is None:
            return None
        self._mount_sources(files, config)
        self.checked = run_checks(self.settings)
        self._gate(self.checked)
        publication = publish(self.checked, self.publishing)
        generated = dict(publication.pages)
        if self.publishing.export_path:
            generated[self.publishing.export_path] = publication.export_json()
        for uri, content in generated.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, content=content))
        self.documents = {doc.source.src_uri: doc for doc in self.checked.documents}
        self.site_uris = {
            Path(file.abs_src_path).as_posix(): file.src_uri for file in files if file.abs_src_path is not None
        }
        self.templates = template_environment(config.theme.dirs)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.checked is None:
            return None
        source = page.file.src_uri
        document = self.documents.get(source)
        links = None
        if page.file.abs_src_path is not None:
            links = repository_links(Path(page.file.abs_src_path).as_posix(), source, self.site_uris)
        mentions = mention_links(self.checked.refs, source, document) if self.config.link_mentions else None
        markdown = rewrite(markdown, link=links, text=mentions)
        if document is not None and isinstance(page.meta.get("title"), str):
            # Themes show page titles as HTML; a document's frontmatter title is plain text.
            page.meta["title"] = html.escape(page.meta["title"])
        if document is not None and self.config.document_header and self.templates is not None:

            def url_for(target: Document) -> str:
                file = files.get_file_from_path(target.source.src_uri)
                return file.url_relative_to(page.file) if file is not None else "#"

            header = render_header(self.templates, header_context(document, self.checked, url_for))
            markdown = with_header(markdown, header)
        return markdown

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
