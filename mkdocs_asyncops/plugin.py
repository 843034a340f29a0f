"""The MkDocs plugin: event glue between an MkDocs build and the core."""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import AsyncOpsConfig, publish_options, settings_from_config
from .crossref import mention_links, repository_links
from .diagnostics import Severity
from .checks import Checked, run_checks
from .header import TEMPLATES, header_context, render_header, template_environment, with_header
from .health import Health, history_in_background
from .health_report import PAGE_BUILDERS, stale_notice
from .history import HistoryReader
from .inline import rewrite
from .model import Document
from .pages import status_label
from .publish import PublishOptions, publish
from .scan import DocumentCache
from .settings import Settings, SettingsError
from .sources import site_uri, walk_files
from .tables import GeneratedPage, Table, fill_slots

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
        self.history_reader = HistoryReader()
        """Kept across `mkdocs serve` rebuilds, so a rebuild walks only new commits."""
        self.document_cache = DocumentCache()
        """Kept across `mkdocs serve` rebuilds, so a rebuild reads only the files that changed."""
        self._reset()

    def _reset(self) -> None:
        """Forget everything about the previous build (`mkdocs serve` keeps this instance)."""
        self.checked: Checked | None = None
        self.documents: dict[str, Document] = {}
        self.site_uris: dict[str, str] = {}
        self.tables: dict[str, list[Table]] = {}
        """The tables of each generated page, put into its HTML in `on_page_content`."""
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
        config.watch.extend(str(self.settings.root / name) for name in self.settings.health.catalog_files)
        # Lowest priority, so a site's custom_dir overrides our templates and styles.
        for folder in (str(TEMPLATES), str(ASSETS)):
            if folder not in config.theme.dirs:
                config.theme.dirs.append(folder)
        # mkdocs-material marks pages with a `status:` in the navigation; name each status
        # in its tooltip (a site's own `extra.status` entries win).
        labels = config.extra.setdefault("status", {})
        if isinstance(labels, dict):
            for spec in self.settings.kinds.values():
                for status in spec.statuses:
                    labels.setdefault(status, status_label(status))
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        if JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.settings is None or self.publishing is None:
            return None
        self._mount_sources(files, config)
        history = history_in_background(self.settings, self.history_reader, self.publishing.today)
        self.checked = run_checks(self.settings, history=history, cache=self.document_cache)
        if self.checked.health is not None and not self.checked.health.history.available:
            log.info(f"git history is unavailable ({self.checked.health.history.reason}); nothing is judged stale")
        self._gate(self.checked)
        publication = publish(self.checked, self.publishing)
        pages = dict(publication.pages)
        if self.checked.health is not None:
            pages.update(self._health_pages(self.checked.health))
        generated = {}
        for uri, page in pages.items():
            generated[uri], self.tables[uri] = page.slotted()
        if self.publishing.export_path:
            generated[self.publishing.export_path] = publication.export_json()
        for uri, content in generated.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                log.warning(f"{uri} is generated by asyncops and replaces the file of that name; move one of them")
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
        if document is not None and isinstance(page.meta.get("title"), str):
            # Themes show page titles as HTML; a document's frontmatter title is plain text.
            page.meta["title"] = html.escape(page.meta["title"])
        links = None
        if page.file.abs_src_path is not None and "[" in markdown:  # every link has a `[`
            links = repository_links(Path(page.file.abs_src_path).as_posix(), source, self.site_uris)
        mentions = None
        if self.config.link_mentions and self.checked.refs.may_mention(markdown):
            mentions = mention_links(self.checked.refs, source, document)
        if links is None and mentions is None:
            return None
        return rewrite(markdown, link=links, text=mentions)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Fill the tables of a generated page; put the stale notice and the document header
        under a document's title."""
        if self.checked is None:
            return None

        def url_for(src_uri: str) -> str:
            file = files.get_file_from_path(src_uri)
            return file.url_relative_to(page.file) if file is not None else "#"

        source = page.file.src_uri
        if source in self.tables:
            return fill_slots(html, self.tables[source], url_for)
        parts = []
        stale = self._stale_notice(source)
        if stale:
            parts.append(stale)
        document = self.documents.get(source)
        if document is not None and self.config.document_header and self.templates is not None:
            context = header_context(document, self.checked, lambda target: url_for(target.source.src_uri))
            parts.append(render_header(self.templates, context))
        return with_header(html, "\n".join(parts)) if parts else None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Title the sections MkDocs makes of kind folders after the kind (`Adr` -> `Architecture decisions`)."""
        if self.settings is None or config.nav is not None:
            return None
        sections = [item for item in nav.items if isinstance(item, Section)]
        while sections:
            section = sections.pop()
            kind = self.settings.folder_kinds.get(section.title.casefold().replace(" ", "-"))
            if kind in self.settings.kinds:
                section.title = self.settings.kinds[kind].plural
            sections.extend(child for child in section.children if isinstance(child, Section))
        return nav

    def _health_pages(self, health: Health) -> dict[str, GeneratedPage]:
        """The stale, coverage and metrics pages, by URI."""
        folder = self.config.health_pages.strip("/")
        if not folder:
            return {}
        return {f"{folder}/{name}.md": build(health) for name, build in PAGE_BUILDERS.items()}

    def _stale_notice(self, src_uri: str) -> str | None:
        health = self.checked.health if self.checked is not None else None
        if health is None or not self.config.stale_notice:
            return None
        stale = health.stale_by_uri.get(src_uri)
        return stale_notice(stale, health.now) if stale else None

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
