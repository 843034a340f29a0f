"""The MkDocs plugin: event glue between an MkDocs build and the core."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, PrefixedLogger, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.diagnostics import Severity
from ..core.settings import Settings
from ..core.worker import Pending, beside
from ..errors import AsyncOpsError
from ..handbook.crossref import mention_links, mention_pattern, repository_links
from ..handbook.inline import rewrite
from ..history.kept import KeptHistory
from ..reading.scan import DocumentCache
from ..reading.sources import Boundaries
from ..render.header import feed_link, template_environment, with_feed_link
from ..render.tables import Block, fill_slots
from .config import AsyncOpsConfig, publish_options, settings_from_config
from .mermaid import MERMAID_FENCE, has_mermaid_fence, load_mermaid, publish_mermaid
from .option_values import site_path
from .page_html import Headers, Made
from .rebuilds import Inputs, Kept, Watch, alike, git_head, results_hold
from .serve import preview_logger, show_problems
from .site_files import (
    add_generated,
    keep_records_out_of_nav,
    leave_out_unreadable,
    mount_sources,
    posix,
    read_last,
    unpublished,
    urls_for,
)
from .site_nav import nav_outside, title_kind_sections
from .site_parts import SiteOptions, SiteParts, site_parts, stored_readers
from .theme_additions import add_to_theme

__all__ = ["AsyncOpsPlugin"]

log = get_plugin_logger(__name__)


class AsyncOpsPlugin(BasePlugin[AsyncOpsConfig]):
    """Reads the handbook's documents, publishes extra source folders and gates the build.

    The checks run beside MkDocs (`worker.beside`) in `mkdocs build`: the generated pages are
    listed in `on_files` with their titles, and their content arrives when MkDocs first reads
    one of them, or a page mentions a document, or at `on_env` at the latest, where headers go
    into the documents and errors stop the build before any page is written.
    """

    def __init__(self) -> None:
        self.command = "build"
        self.history_reader = KeptHistory()
        """Kept across `mkdocs serve` rebuilds, so a rebuild walks only new commits."""
        self.document_cache = DocumentCache()
        """Kept across `mkdocs serve` rebuilds, so a rebuild reads only the files that changed."""
        self.watch = Watch()
        self.headers = Headers()
        self.markdown: Made[str | None] = Made()
        self.content: Made[str] = Made()
        """What `on_page_markdown` made of each page while the checks' results and the site's
        files stay the same, and `on_page_content` while its tables and the files do."""
        self.kept: Kept | None = None
        """The last `mkdocs serve` build's inputs and results, used again while they hold."""
        self.inputs: Inputs | None = None
        self.pending: Pending[SiteParts] | None = None
        self._reset()

    def _reset(self) -> None:
        """Forget everything about the previous build (`mkdocs serve` keeps this instance)."""
        if self.pending is not None:
            self.pending.cancel()
        self.pending = None
        # A rebuild that is disabled, or whose options are wrong, must not act on the last ones.
        self.settings: Settings | None = None
        self.site: SiteOptions | None = None
        self.parts: SiteParts | None = None
        self.generated: dict[str, File] = {}
        self.tables: dict[str, list[Block]] = {}
        """The tables of each generated page, put into its HTML in `on_page_content`."""
        self.site_uris: dict[str, str] = {}
        self.feed_links: dict[str, str] = {}
        """The feed's `<link>` for each relative URL of it."""
        self.records: list[str] | None = None
        """The documents kept out of the navigation (`records_in_nav: false`)."""
        self.templates: jinja2.Environment | None = None
        self.nav_outside: tuple[Navigation, Navigation | None] | None = None
        """The site's navigation, and that of the pages outside its generated sections."""
        self.mention_hint: re.Pattern[str] | None = None
        self.mermaid_fence = True
        self.mermaid_file: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    @property
    def log(self) -> PrefixedLogger:
        """The plugin logger; in `mkdocs serve`, one that MkDocs' strict mode does not count."""
        return preview_logger() if self.command == "serve" else log

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        try:
            self.settings = settings_from_config(self.config, config)
            self.site = SiteOptions(
                publishing=publish_options(self.config, config),
                health_pages=site_path("health_pages", self.config.health_pages, "health"),
                headers=self.config.document_header,
                stale_notices=self.config.stale_notice,
                drift_notices=self.config.drift_notice,
            )
        except AsyncOpsError as exc:
            raise PluginError(f"asyncops: {exc}") from None
        for folder in self.settings.folders[1:]:
            config.watch.append(str(folder.path))
        config.watch.extend(
            str(self.settings.root / name) for name in self.settings.health.catalog_files
        )
        # `mkdocs serve` rebuilds when another handbook's export file is written again.
        config.watch.extend(
            remote.export
            for remote in self.settings.remotes
            if remote.export
            and not urlsplit(remote.export).scheme
            and Path(remote.export).is_file()
        )
        add_to_theme(config, self.settings.kinds.values())
        self.mermaid_fence = has_mermaid_fence(config)
        self.mermaid_file = load_mermaid(self.config.mermaid_js, config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.settings is None or self.site is None:
            return None
        # A symlink leading outside the project (or looping) is reported by the checks, at the
        # severity the rules give it; whatever that is, what it leads to is never published.
        boundaries = Boundaries(self.settings.root, self.settings.folders)
        read = [f.abs_src_path for f in files if f.src_dir == config.docs_dir and f.abs_src_path]
        for file in unpublished(files, config.docs_dir, boundaries):
            files.remove(file)
        mounted = mount_sources(files, config, self.settings, boundaries, self.log)
        kept = self._keep(config.config_file_path, [*read, *map(str, mounted)])
        if not self.config.records_in_nav:
            known = self.kept.records_for(self.inputs) if self.kept is not None else None
            self.records = keep_records_out_of_nav(files, config, self.settings, known)
        if self.mermaid_file is not None:
            publish_mermaid(self.mermaid_file, files, config)
        leave_out_unreadable(files, self.watch.readable if self.inputs is not None else None)
        self.generated = add_generated(files, config, self.settings, self.site, self.kept, self.log)
        self.site_uris = {
            posix(file.abs_src_path): file.src_uri
            for file in files
            if file.abs_src_path is not None
        }
        if self.kept is None or self.site_uris != self.kept.site_uris:
            self.markdown.forget()  # the links in pages go elsewhere
            self.content.forget()  # these two are made again as their inputs change
            self.headers.forget()
        self.templates = template_environment(config.theme.dirs)
        # Mentions of any numbered kind: a page without one need not wait for the checks.
        self.mention_hint = mention_pattern(
            {
                (spec.id_prefix or spec.name).upper()
                for spec in self.settings.kinds.values()
                if spec.numbered
            },
            [self.settings.repository.name, *(r.name for r in self.settings.remotes)],
        )
        if kept is not None:  # nothing the checks read changed: their results hold
            self.parts, self.tables = kept.parts, dict(kept.tables)
            self.pending = beside(lambda: kept.parts, fork=False)
            self._log(kept.parts)
            return files
        readers = (
            (self.history_reader, self.document_cache)  # kept in memory between rebuilds
            if self.command == "serve"
            else stored_readers(self.settings)
        )
        work = partial(site_parts, self.settings, self.site, *readers)
        self.pending = beside(work, fork=self.config.parallel and self.command != "serve")
        if not self.pending.in_child:
            parts = self._parts()
            if self.kept is not None and parts.mentions != self.kept.parts.mentions:
                self.markdown.forget()  # what mentions link to changed
            self._gate(parts)
        return files

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        if page.file.src_uri in self.generated:
            self._parts()  # which fills in the generated pages
        return None

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.pending is None:
            return None
        return self.markdown.made(page.file.src_uri, markdown, self._markdown, page)

    def _markdown(self, markdown: str, page: Page) -> str | None:
        source = page.file.src_uri
        links = None
        if page.file.abs_src_path is not None and "[" in markdown:  # every link has a `[`
            links = repository_links(posix(page.file.abs_src_path), source, self.site_uris)
        mentions = None
        if (
            self.config.link_mentions
            and self.mention_hint is not None
            and self.mention_hint.search(markdown)
        ):
            index = self._parts().mentions
            mentions = mention_links(index, source) if index.may_occur(markdown) else None
        if links is None and mentions is None:
            return None
        return rewrite(markdown, link=links, text=mentions)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fill the tables of a generated page."""
        if not (tables := self.tables.get(page.file.src_uri)):
            return None
        return self.content.made(page.file.src_uri, html, self._fill, page, files, inputs=tables)

    def _fill(self, html: str, page: Page, files: Files) -> str:
        html, lost = fill_slots(html, self.tables[page.file.src_uri], urls_for(files, page))
        if lost:
            self.log.warning(
                f"{page.file.src_uri}: {lost} generated table(s) lost their place in the page; "
                "a Markdown extension removed <div data-asyncops-table> elements"
            )
        return html

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Stop the build on errors; put the stale notice and the header under each document's title."""
        if self.pending is None:
            return None
        parts = self._parts()
        self._gate(parts)
        if self.command == "serve" and self.site is not None:
            show_problems(parts, files, self.site.publishing.urls.home)
        self.headers.add(files, parts, self.templates, config.repo_url)
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Let feed readers find the feed: a `<link rel="alternate">` in every page's head."""
        feed = self.generated.get(self.site.publishing.feed_path or "") if self.site else None
        if feed is None or self.templates is None:
            return None
        url = feed.url_relative_to(page.file)
        if url not in self.feed_links:
            title = config.site_name or "Handbook"
            self.feed_links[url] = feed_link(self.templates, title, url)
        return with_feed_link(output, self.feed_links[url])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.inputs is not None and self.parts is not None:
            where = (config.site_dir, config.use_directory_urls)
            self.kept = Kept(
                self.inputs,
                self.parts,
                dict(self.generated),
                self.tables,
                where,
                self.site_uris,
                self.records,
            )
        self._reset()

    def on_build_error(self, *, error: Exception) -> None:
        self.kept = None
        self._reset()

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Title the sections MkDocs makes of kind folders after the kind (`Adr` -> `Architecture decisions`);
        the navigation made, have the generated pages read last (`read_last`)."""
        read_last(files, self.generated.values())
        if self.settings is None or config.nav is not None:
            return None
        title_kind_sections(nav, self.settings)
        return nav

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Outside them, show the generated sections as links (`prune_nav`), in the navigation
        as the last plugin left it."""
        if not self.config.prune_nav or page.file.src_uri in self.generated:
            return context
        if self.nav_outside is None or self.nav_outside[0] is not nav:
            self.nav_outside = (nav, nav_outside(nav, self.generated))
        if self.nav_outside[1] is not None:
            context["nav"] = self.nav_outside[1]
        return context

    def _keep(self, config_file: str | None, paths: list[str]) -> Kept | None:
        """In `mkdocs serve`, the last build's results when nothing the checks read changed;
        else None, with the history reader told which files changed (all, after a change of
        the configuration, which has every file read again)."""
        self.inputs = None
        self.history_reader.changed_files = None
        if self.command != "serve" or self.settings is None or self.site is None:
            return None
        head = git_head(self.settings.root)
        if config_file:
            paths.append(config_file)
        self.inputs = self.watch.inputs(self.settings, self.site, paths, head)
        kept = self.kept
        if kept is None or self.inputs is None:
            return None
        changed = self.inputs.changed_files(kept.inputs)
        if config_file in changed or not alike(kept.inputs.settings, self.settings):
            self.document_cache, self.kept = DocumentCache(), None  # nothing of it holds
            return None
        if results_hold(self.inputs, kept.inputs, self.document_cache, self.history_reader):
            return kept
        self.history_reader.changed_files = changed
        return None

    def _parts(self) -> SiteParts:
        """The checks' results (waiting for them the first time), with the generated pages
        and the export filled in and every diagnostic logged."""
        if self.parts is not None:
            return self.parts
        assert self.pending is not None
        self.parts = parts = self.pending.result()
        contents = {}
        for uri, page in parts.pages.items():
            contents[uri], self.tables[uri] = page.slotted()
        export_path = self.site.publishing.export_path if self.site is not None else None
        if export_path and parts.export_json is not None:
            contents[export_path] = parts.export_json
        contents.update(parts.feeds)
        for uri, content in contents.items():
            if self.generated[uri].content_string != content:  # a kept file keeps its page
                self.generated[uri].content_string = content
        self._log(parts)
        return parts

    def _log(self, parts: SiteParts) -> None:
        """Log every diagnostic, and what the site lacks to show the checks' results."""
        if parts.history_unavailable:
            self.log.info(
                f"git history is unavailable ({parts.history_unavailable}); nothing is judged stale"
            )
        # the decision log's Markdown, as the generated page holds it (filled in already)
        urls = self.site.publishing.urls if self.site is not None else None
        log_page = self.generated.get(urls.decision_log) if urls is not None else None
        if log_page and not self.mermaid_fence and "```mermaid" in log_page.content_string:
            self.log.warning(
                f"the decision log's graph shows as code: Mermaid is not configured. {MERMAID_FENCE}"
            )
        for problem in parts.diagnostics:
            if problem.level is Severity.WARNING:
                self.log.warning(str(problem))
            elif problem.level is Severity.INFO:
                self.log.info(str(problem))
            elif self._errors_only_logged:
                self.log.error(str(problem))

    @property
    def _errors_only_logged(self) -> bool:
        """`mkdocs serve` logs errors and keeps serving (ADR-0018)."""
        return self.command == "serve"

    def _gate(self, parts: SiteParts) -> None:
        """Fail the build on errors (`mkdocs serve` only logs them and shows them on the pages)."""
        errors = [problem for problem in parts.diagnostics if problem.level is Severity.ERROR]
        if not errors or self._errors_only_logged:
            return
        listing = "\n".join(f"  {problem}" for problem in errors)
        noun = "error" if len(errors) == 1 else "errors"
        raise PluginError(f"asyncops: {len(errors)} {noun} in the handbook:\n{listing}")
