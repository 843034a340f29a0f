"""The MkDocs plugin: event glue between an MkDocs build and the core."""

from __future__ import annotations

import html
import re
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, PrefixedLogger, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.diagnostics import Severity
from ..core.escape import md_text
from ..core.kinds import fold_status
from ..core.settings import Settings
from ..errors import AsyncOpsError
from ..handbook.crossref import mention_links, mention_pattern, repository_links
from ..handbook.inline import rewrite
from ..history.reader import HistoryReader
from ..reading.scan import DocumentCache
from ..reading.sources import Boundaries, site_uri, walk_files
from ..render.header import (
    TEMPLATES,
    code_url,
    render_header,
    template_environment,
    with_feed_link,
    with_header,
)
from ..render.pages import status_label
from ..render.tables import Figure, Table, fill_slots
from .config import AsyncOpsConfig, publish_options, settings_from_config
from .mermaid import load_mermaid, publish_mermaid
from .option_values import site_path
from .serve import preview_logger, show_problems
from .site_files import keep_records_out_of_nav, leave_out_unreadable, urls_for
from .site_parts import SiteOptions, SiteParts, feed_paths, generated_titles, site_parts
from .worker import Pending, beside

__all__ = ["ASSETS", "CSS", "JS", "MERMAID_FENCE", "AsyncOpsPlugin"]

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parents[1] / "render" / "assets"
CSS = "asyncops/asyncops.css"
JS = "asyncops/asyncops.js"


class AsyncOpsPlugin(BasePlugin[AsyncOpsConfig]):
    """Reads the handbook's documents, publishes extra source folders and gates the build.

    The checks run beside MkDocs (`worker.beside`) in `mkdocs build`: the generated pages are
    listed in `on_files` with their titles, and their content arrives when MkDocs first reads
    one of them, or a page mentions a document, or at `on_env` at the latest, where headers go
    into the documents and errors stop the build before any page is written.
    """

    def __init__(self) -> None:
        self.command = "build"
        self.history_reader = HistoryReader()
        """Kept across `mkdocs serve` rebuilds, so a rebuild walks only new commits."""
        self.document_cache = DocumentCache()
        """Kept across `mkdocs serve` rebuilds, so a rebuild reads only the files that changed."""
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
        self.tables: dict[str, list[Table | Figure]] = {}
        """The tables of each generated page, put into its HTML in `on_page_content`."""
        self.site_uris: dict[str, str] = {}
        self.templates: jinja2.Environment | None = None
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
        # Lowest priority, so a site's custom_dir overrides our templates and styles.
        for theme_dir in (str(TEMPLATES), str(ASSETS)):
            if theme_dir not in config.theme.dirs:
                config.theme.dirs.append(theme_dir)
        # mkdocs-material marks pages with a `status:` in the navigation; name each status
        # in its tooltip (a site's own `extra.status` entries win).
        labels = config.extra.setdefault("status", {})
        if isinstance(labels, dict):
            for spec in self.settings.kinds.values():
                for status in spec.statuses:  # Material puts both into attributes unescaped
                    labels.setdefault(html.escape(status), html.escape(status_label(status)))
        self.mermaid_fence = _has_mermaid_fence(config)
        self.mermaid_file = load_mermaid(self.config.mermaid_js, config)
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        if JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.settings is None or self.site is None:
            return None
        # A symlink leading outside the project (or looping) is reported by the checks, at the
        # severity the rules give it; whatever that is, what it leads to is never published.
        boundaries = Boundaries(self.settings.root, self.settings.folders)
        for file in [
            f
            for f in files
            if f.src_dir == config.docs_dir
            and f.abs_src_path is not None
            and boundaries.unpublished(Path(f.abs_src_path))
        ]:
            files.remove(file)
        self._mount_sources(files, config, boundaries)
        if not self.config.records_in_nav:
            keep_records_out_of_nav(files, config, self.settings)
        if self.mermaid_file is not None:
            publish_mermaid(self.mermaid_file, files, config)
        leave_out_unreadable(files)
        contents = {
            uri: f"# {md_text(title)}\n"
            for uri, title in generated_titles(self.settings, self.site).items()
        }
        if self.site.publishing.export_path:
            contents[self.site.publishing.export_path] = ""
        contents.update(dict.fromkeys(feed_paths(self.settings, self.site), ""))
        for uri, content in contents.items():  # the content arrives with the checks' results
            existing = files.get_file_from_path(uri)
            if existing is not None:
                self.log.warning(
                    f"{uri} is generated by asyncops and replaces the file of that name; move one of them"
                )
                files.remove(existing)
            self.generated[uri] = File.generated(config, uri, content=content)
            files.append(self.generated[uri])
        self.site_uris = {
            Path(file.abs_src_path).as_posix(): file.src_uri
            for file in files
            if file.abs_src_path is not None
        }
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
        work = partial(
            site_parts, self.settings, self.site, self.history_reader, self.document_cache
        )
        self.pending = beside(work, fork=self.config.parallel and self.command != "serve")
        if not self.pending.in_child:
            self._gate(self._parts())
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
        source = page.file.src_uri
        links = None
        if page.file.abs_src_path is not None and "[" in markdown:  # every link has a `[`
            links = repository_links(
                Path(page.file.abs_src_path).as_posix(), source, self.site_uris
            )
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
        tables = self.tables.get(page.file.src_uri)
        if not tables:
            return None
        html, lost = fill_slots(html, tables, urls_for(files, page))
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
        code = code_url(config.repo_url, parts.head)
        for file in files.documentation_pages(inclusion=InclusionLevel.all):  # drafts too, in serve
            page = file.page
            if page is not None and page.meta.get("status") is not None:
                # mkdocs-material writes the status into the navigation's class and title
                # attributes as it is; a status is text, from any page. A document's is folded
                # as its kind's statuses are, so `In Review` finds the `in-review` label.
                status = str(page.meta["status"])
                status = fold_status(status) if file.src_uri in parts.documents else status
                page.meta["status"] = html.escape(status)
            if page is None or file.src_uri not in parts.documents or page.content is None:
                continue
            if isinstance(page.meta.get("title"), str):
                # Themes show page titles as HTML; a document's frontmatter title is plain text.
                page.meta["title"] = html.escape(page.meta["title"])
            notices = [parts.stale_notices.get(file.src_uri, "")]
            context = parts.headers.get(file.src_uri)
            if context is not None and self.templates is not None:
                notices.append(render_header(self.templates, context, urls_for(files, page), code))
            if any(notices):
                page.content = with_header(page.content, "\n".join(n for n in notices if n))
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Let feed readers find the feed: a `<link rel="alternate">` in every page's head."""
        feed = self.generated.get(self.site.publishing.feed_path or "") if self.site else None
        if feed is None or self.templates is None:
            return None
        url = feed.url_relative_to(page.file)
        return with_feed_link(output, self.templates, config.site_name or "Handbook", url)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._reset()

    def on_build_error(self, *, error: Exception) -> None:
        self._reset()

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
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

    def _mount_sources(self, files: Files, config: MkDocsConfig, boundaries: Boundaries) -> None:
        """Publish every file of the extra source folders under its mount point (but those
        behind a symlink leading outside or looping)."""
        assert self.settings is not None
        for folder in self.settings.folders[1:]:
            for path in walk_files(folder.path):
                if boundaries.unpublished(path):
                    continue
                src_uri = site_uri(folder, PurePosixPath(path.relative_to(folder.path).as_posix()))
                if files.get_file_from_path(src_uri) is not None:
                    self.log.warning(
                        f"{src_uri} exists in docs_dir and in {folder.path.name}/; using docs_dir's"
                    )
                    continue
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))

    def _parts(self) -> SiteParts:
        """The checks' results (waiting for them the first time), with the generated pages
        and the export filled in and every diagnostic logged."""
        if self.parts is not None:
            return self.parts
        assert self.pending is not None
        self.parts = parts = self.pending.result()
        for uri, page in parts.pages.items():
            self.generated[uri].content_string, self.tables[uri] = page.slotted()
        export_path = self.site.publishing.export_path if self.site is not None else None
        if export_path and parts.export_json is not None:
            self.generated[export_path].content_string = parts.export_json
        for uri, xml in parts.feeds.items():
            self.generated[uri].content_string = xml
        if parts.history_unavailable:
            self.log.info(
                f"git history is unavailable ({parts.history_unavailable}); nothing is judged stale"
            )
        decision_log = (
            parts.pages.get(self.site.publishing.urls.decision_log)
            if self.site is not None
            else None
        )
        if (
            decision_log is not None
            and not self.mermaid_fence
            and "```mermaid" in decision_log.slotted()[0]
        ):
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
        return parts

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


MERMAID_FENCE = (
    "Add to mkdocs.yml: markdown_extensions: - pymdownx.superfences: custom_fences: "
    "- {name: mermaid, class: mermaid, format: !!python/name:pymdownx.superfences.fence_code_format}"
)


def _has_mermaid_fence(config: MkDocsConfig) -> bool:
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    return "pymdownx.superfences" in config.markdown_extensions and any(
        isinstance(fence, dict) and fence.get("name") == "mermaid" for fence in fences
    )
