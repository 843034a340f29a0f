"""The plugin's configuration in `mkdocs.yml`, and how it becomes the core's `Settings`."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from ..core.cache_files import CACHE_FOLDER
from ..core.formula import DEFAULT_PRIORITY, Formula, FormulaError
from ..core.settings import (
    DEFAULT_CITATION_GLOBS,
    DEFAULT_DRIFT,
    DEFAULT_IGNORED,
    DEFAULT_MAX_AGE,
    DEFAULT_SECTIONS,
    DEFAULT_UI_PATHS,
    FEED_ENTRIES,
    BoardOptions,
    DriftLimit,
    HealthSettings,
    PageUrls,
    PublishOptions,
    PullRequestPolicy,
    Repository,
    ReviewPolicy,
    Settings,
    SettingsError,
    SourceFolder,
    repository_name,
)
from .option_values import rule_values, section_specs, site_path, today_option
from .remote_config import RemoteConfig, remote_source

__all__ = [
    "AsyncOpsConfig",
    "PullRequestConfig",
    "SourceConfig",
    "health_settings",
    "publish_options",
    "pull_request_policy",
    "settings_from_config",
]


class SourceConfig(Config):
    """A folder of documents outside `docs_dir`, published as part of the site."""

    path = c.Type(str)
    """The folder, relative to `mkdocs.yml` (e.g. `adr`)."""
    url = c.Optional(c.Type(str))
    """Where its files appear in the site; the folder's name when not set (`adr/` -> `/adr/`)."""
    kind = c.Optional(c.Type(str))
    """Read every document in the folder as this kind, whatever its folder names say."""
    lenient = c.Type(bool, default=False)
    """An imported decision log: report its errors as warnings, so they do not fail the build."""


class _SourceOption(c.SubConfig[SourceConfig]):
    """A source folder written as a path (`- adr`) or as a mapping with more settings."""

    def run_validation(self, value: object) -> SourceConfig:
        return super().run_validation({"path": value} if isinstance(value, str) else value)


class PullRequestConfig(Config):
    """What `asyncops check-pr` expects of a pull request."""

    sections = c.ListOfItems(c.Type((str, dict)), default=list(DEFAULT_SECTIONS))
    """The PR template's sections: names, or `{name: Why, aliases: [Motivation]}`."""
    ui_sections = c.ListOfItems(c.Type((str, dict)), default=["Screenshots"])
    """Sections required as well when a changed file matches `ui_paths`."""
    ui_paths = c.ListOfItems(c.Type(str), default=list(DEFAULT_UI_PATHS))
    """Globs of files whose change makes it a UI change."""
    max_changed_lines = c.Type(int, default=400)
    """Above this many added plus removed lines, `pr-too-large` is reported."""
    ignored_paths = c.ListOfItems(c.Type(str), default=list(DEFAULT_IGNORED))
    """Globs of files not counted in the size (lock files, generated code)."""


class _PathsOption(c.ListOfItems[str]):
    """One path or a list of them."""

    def run_validation(self, value: object) -> list[str]:
        return super().run_validation([value] if isinstance(value, str) else value)


class AsyncOpsConfig(Config):
    """Options of the `asyncops` plugin."""

    enabled = c.Type(bool, default=True)
    """Run the plugin; set `enabled: !ENV [ASYNCOPS, true]` to switch it off for quick previews."""

    # Sources
    sources = c.ListOfItems(_SourceOption(SourceConfig), default=[])
    """Folders of documents outside `docs_dir` to read and publish, e.g. a top-level `adr/`."""
    folders = c.DictOfItems(c.Type(str), default={})
    """Folder name -> kind, over the defaults (`adr`, `decisions` -> adr; `rfcs` -> design ...)."""
    extensions = c.ListOfItems(c.Type(str), default=[".md", ".markdown"])
    """File name endings read as documents; add a site generator's: `.mdx`, `.html.md.erb`."""

    # Organisation handbook
    repository = c.Optional(c.Type(str))
    """This handbook's repository name, in its export and in other handbooks' references
    (`payments:ADR-0009`); the last part of `repo_url` (else of `repo_name`), else the name of
    the folder of `mkdocs.yml`."""
    remotes = c.ListOfItems(c.SubConfig(RemoteConfig), default=[])
    """Other handbooks to read: `{name: payments, export: ../payments/site/asyncops.json}` or
    `{name: ledger, path: ../ledger}`."""
    remote_timeout = c.Type((int, float), default=10)
    """Seconds to wait for a remote export fetched from a URL."""

    # Kinds and rules
    kinds = c.DictOfItems(c.Type(dict), default={})
    """Changes to the built-in kinds, or new kinds: required sections, statuses, fields, folders."""
    rules = c.DictOfItems(c.Type((str, bool, dict)), default={})
    """Rule code or name -> `error`, `warning`, `info` or `off`."""

    # Pull requests
    pull_requests = c.SubConfig(PullRequestConfig)
    """What `asyncops check-pr` expects: template sections, UI files, the size target."""

    # History and coverage
    history = c.Type(bool, default=True)
    """Read the git history for dates, authors and staleness; `false` skips it (nothing is stale)."""
    staleness = c.DictOfItems(c.Type(int), default={})
    """Kind -> days a document may go unchanged and unreviewed, over the defaults; 0: never stale."""
    stale_notice = c.Type(bool, default=True)
    """Show a notice at the top of stale pages."""
    drift = c.DictOfItems(c.Type(dict), default={})
    """Kind -> `{commits: 50, lines: 2000}`: how much its systems' code may change before a
    document of the kind drifts, over the defaults (designs and runbooks); 0: not judged."""
    drift_notice = c.Type(bool, default=True)
    """Show a notice at the top of drifting pages."""
    catalog = _PathsOption(c.Type(str), default=[])
    """Catalog files relative to `mkdocs.yml`: this tool's `systems:` format or Backstage's."""
    systems = c.ListOfItems(c.Type(dict), default=[])
    """Systems defined here: `name`, `owner`, `type`, optionally `requires` and `paths`."""
    system_types = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    """System type -> the document kinds it requires, over the defaults (`service: [design, runbook]`)."""
    coverage_minimum = c.Type((int, float), default=90)
    """The least documentation coverage, in percent, that passes the build and `asyncops check`."""
    pull_request_file = c.Optional(c.Type(str))
    """A file of pull requests exported by `gh pr list --json number,title,author,createdAt,reviews`
    (relative to `mkdocs.yml`), for the PR review time metric; read offline, never fetched."""
    health_pages = c.Type(str, default="health")
    """Where the stale, coverage and metrics pages are generated; empty to generate none."""

    # The gate
    strict_serve = c.Deprecated(
        message="asyncops: 'strict_serve' has no effect and will be removed: an aborted rebuild leaves "
        "`mkdocs serve` stuck until the file is fixed, so the preview shows problems on the pages instead "
        "(ADR-0018); remove the option"
    )
    """Deprecated: `mkdocs serve` never aborts on the handbook's problems (ADR-0018)."""
    parallel = c.Type(bool, default=True)
    """Check the handbook in a second process while `mkdocs build` renders pages (on Linux);
    `false` checks it first, in the build's own process."""
    cache = c.Type(bool, default=True)
    """Keep what the commands read (parsed documents, the git history's summary) in
    `.cache/asyncops/` under the project root, so a run on unchanged files is quick; `false`
    reads everything every time and writes no cache."""

    citations = c.ListOfItems(c.Type(str), default=list(DEFAULT_CITATION_GLOBS))
    """Globs of the tracked source files read for citations of numbered documents (`ADR-9`);
    `[]` reads none."""

    # Handbook pages
    pages = c.Type(bool, default=True)
    """Generate the handbook pages: dashboard, decision log, boards and per-kind indexes."""
    home_page = c.Type(str, default=PageUrls.home)
    """Where the handbook dashboard appears (a path in the site, ending in `.md`)."""
    decision_log_page = c.Type(str, default=PageUrls.decision_log)
    """Where the decision log appears."""
    reviews_page = c.Type(str, default=PageUrls.reviews)
    """Where the design review board appears."""
    integrations_page = c.Type(str, default=PageUrls.integrations)
    """Where the integration pipeline board appears."""
    postmortems_page = c.Type(str, default=PageUrls.postmortems)
    """Where the postmortem page with all open action items appears."""
    people_page = c.Type(str, default=PageUrls.people)
    """Where the People page appears: one section per person with what waits on them."""
    this_week_page = c.Type(str, default=PageUrls.this_week)
    """Where the page of the last seven days' events appears."""
    timeline_page = c.Type(str, default=PageUrls.timeline)
    """Where the decision timeline appears: the ADRs by month, with their supersessions."""
    organisation_page = c.Type(str, default=PageUrls.organisation)
    """Where the page of the repositories read (`remotes:`) appears."""
    kind_pages = c.Type(str, default=PageUrls.kind_index)
    """Where each other kind's index appears; `{kind}` is replaced by the kind's name."""
    records_in_nav = c.Type(bool, default=True)
    """List every document of a kind folder in the navigation; `false` keeps them out of it
    (`InclusionLevel.NOT_IN_NAV`), so large handbooks build fast: the kind indexes and the
    decision log list them, and links to them keep working."""
    prune_nav = c.Type(bool, default=True)
    """On the pages outside them, show each navigation section of generated pages only (the
    handbook's pages, the health reports) as one link to its first page; `false` renders them
    whole into every page, which costs a build 1 to 2 ms a page."""
    document_header = c.Type(bool, default=True)
    """Show kind, status, people, dates and relations above each document."""
    link_mentions = c.Type(bool, default=True)
    """Turn mentions such as `ADR-0009` or `ADR 9` in any page into links to that document."""
    design_review_hours = c.Type(int, default=72)
    """Hours from `review_requested` to a design's deadline when it states no `review_deadline`."""
    adr_review_days = c.Type(int, default=5)
    """Days a proposed ADR is open for review, from `review_requested` or else its `date`."""
    priority_formula = c.Type(str, default=DEFAULT_PRIORITY)
    """How integration specs are ranked: arithmetic over their `priority:` scores."""
    feed = c.Type(str, default="feed.xml")
    """Where the Atom feed of handbook events is written in the site (one per kind beside it,
    `feed-adr.xml`); `""` for none."""
    feed_entries = c.Type(int, default=FEED_ENTRIES)
    """How many of the newest events each feed holds: a feed reader keeps the entries it has
    seen, so older ones need not be sent again."""
    export_path = c.Optional(c.Type(str))
    """Where the JSON export is written in the site; `asyncops.json` when not set, `""` for none."""
    today = c.Optional(c.Type((str, date)))
    """Judge deadlines as of this date (`2026-11-24`) instead of the clock, for reproducible builds."""
    mermaid_js = c.Optional(c.Type(str))
    """Mermaid for the decision graph: a file relative to `mkdocs.yml`, copied into the site, or a
    URL; the theme's CDN copy when not set."""


def settings_from_config(options: AsyncOpsConfig, mkdocs_config: MkDocsConfig) -> Settings:
    """The core settings for a site: its `docs_dir` plus the configured source folders."""
    config_file = Path(mkdocs_config.config_file_path or "mkdocs.yml")
    root = config_file.resolve().parent
    docs_dir = Path(mkdocs_config.docs_dir).resolve()
    folders = [SourceFolder(path=docs_dir)]
    for source in options.sources:
        path = (root / source.path).resolve()
        if not path.is_dir():
            raise SettingsError(
                f"sources: {source.path!r} is not a folder next to {config_file.name}"
            )
        if path == docs_dir or docs_dir in path.parents:
            raise SettingsError(
                f"sources: {source.path!r} is inside docs_dir, which is read already; remove it"
            )
        mount = (source.url if source.url is not None else path.name).strip("/")
        folders.append(
            SourceFolder(path=path, mount=mount, kind=source.kind, lenient=source.lenient)
        )
    settings = Settings.build(
        root,
        folders,
        kinds=options.kinds,
        folders_map=options.folders,
        rules=rule_values(options.rules),
        health=health_settings(options, config_file.name),
        citations=tuple(options.citations),
    )
    extensions = tuple(e if e.startswith(".") else f".{e}" for e in options.extensions)
    named = mkdocs_config.repo_url or mkdocs_config.repo_name
    name = options.repository or (repository_name(named) if named else settings.repository.name)
    repository = Repository(
        name=name,
        site_url=mkdocs_config.site_url or None,
        directory_urls=mkdocs_config.use_directory_urls,
    )
    remotes = [
        remote_source(
            remote.name,
            root,
            export=remote.export,
            path=remote.path,
            site_url=remote.site_url,
            timeout=options.remote_timeout,
        )
        for remote in options.remotes
    ]
    cache = root / CACHE_FOLDER if options.cache else None
    return replace(settings, whole_handbook=True, extensions=extensions, cache=cache).with_remotes(
        repository, remotes
    )


def health_settings(options: AsyncOpsConfig, config_name: str) -> HealthSettings:
    """The history, staleness and coverage options as core settings."""
    if not 0 <= options.coverage_minimum <= 100:
        raise SettingsError(
            f"coverage_minimum: {options.coverage_minimum} is not a percentage from 0 to 100"
        )
    return HealthSettings(
        history=options.history,
        max_age={**DEFAULT_MAX_AGE, **options.staleness},
        drift={**DEFAULT_DRIFT, **_drift_limits(options.drift)},
        catalog_files=tuple(options.catalog),
        systems=tuple(options.systems),
        system_types=dict(options.system_types),
        coverage_minimum=float(options.coverage_minimum),
        config_name=config_name,
        pull_request_file=options.pull_request_file,
    )


def _drift_limits(values: dict[str, dict[str, Any]]) -> dict[str, DriftLimit]:
    limits = {}
    for kind, limit in values.items():
        unknown = sorted(set(limit) - {"commits", "lines"})
        numbers = {key: limit.get(key, getattr(DriftLimit, key)) for key in ("commits", "lines")}
        if unknown or any(
            isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in numbers.values()
        ):
            raise SettingsError(
                f"drift: {kind}: write `{{commits: 50, lines: 2000}}` with whole numbers from 0 "
                f"(0: not judged), not {limit!r}"
            )
        limits[kind] = DriftLimit(**numbers)
    return limits


_PAGE_OPTIONS = {
    "home": "home_page",
    "decision_log": "decision_log_page",
    "reviews": "reviews_page",
    "integrations": "integrations_page",
    "postmortems": "postmortems_page",
    "people": "people_page",
    "this_week": "this_week_page",
    "timeline": "timeline_page",
    "organisation": "organisation_page",
    "kind_index": "kind_pages",
}
"""The option naming each generated page's path, by `PageUrls` field."""


def page_urls(options: AsyncOpsConfig) -> PageUrls:
    """Where each generated page goes, every path checked (a `SettingsError` if one is wrong)."""
    for name in _PAGE_OPTIONS.values():
        value = options[name]
        if not value.endswith(".md") or value.startswith("/") or ".." in value.split("/"):
            raise SettingsError(
                f"{name}: {value!r} must be a path in the site ending in .md, like handbook/index.md"
            )
    if "{kind}" not in options.kind_pages:
        raise SettingsError(
            f"kind_pages: {options.kind_pages!r} must contain {{kind}}, e.g. handbook/{{kind}}.md"
        )
    return PageUrls(  # `./handbook//index.md` is `handbook/index.md`, as MkDocs names files
        **{field: posixpath.normpath(options[name]) for field, name in _PAGE_OPTIONS.items()},
        health=site_path("health_pages", options.health_pages, "health").strip("/"),
    )


def publish_options(options: AsyncOpsConfig, site: MkDocsConfig | None = None) -> PublishOptions:
    """The generated pages' settings (the feed's title and links from `site`'s `site_name` and
    `site_url`), with every problem raised as a `SettingsError`."""
    try:
        formula = Formula.parse(options.priority_formula)
    except FormulaError as exc:
        raise SettingsError(f"priority_formula: {exc}") from None
    for name in ("design_review_hours", "adr_review_days", "feed_entries"):
        if options[name] <= 0:
            raise SettingsError(f"{name}: must be a positive number, not {options[name]}")
    urls = page_urls(options)
    policy = ReviewPolicy(
        design_window=timedelta(hours=options.design_review_hours),
        proposal_period=timedelta(days=options.adr_review_days),
    )
    export = (
        "asyncops.json"
        if options.export_path is None
        else site_path("export_path", options.export_path, "asyncops.json")
    )
    return PublishOptions(
        urls=urls,
        boards=BoardOptions(reviews=policy, priority=formula),
        pages=options.pages,
        export_path=export or None,
        feed_path=site_path("feed", options.feed, "feed.xml") or None,
        feed_entries=options.feed_entries,
        site_name=(site.site_name if site is not None else None) or "Handbook",
        site_url=(site.site_url if site is not None else None) or None,
        today=today_option(options.today),
    )


def pull_request_policy(options: AsyncOpsConfig) -> PullRequestPolicy:
    """The `pull_requests` options as the core's policy."""
    pr = options.pull_requests
    if pr.max_changed_lines < 1:
        raise SettingsError("pull_requests.max_changed_lines: use a number of lines above 0")
    return PullRequestPolicy(
        sections=section_specs("sections", pr.sections),
        ui_sections=section_specs("ui_sections", pr.ui_sections),
        ui_paths=list(pr.ui_paths),
        max_changed_lines=pr.max_changed_lines,
        ignored_paths=list(pr.ignored_paths),
    )
