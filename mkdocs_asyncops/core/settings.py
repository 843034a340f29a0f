"""The core's settings: everything a scan needs and how every stage judges, independent of where
it was configured (a face's own options stay in the face, as `SiteOptions` in `mkdocs/`).

Plain dataclasses and their defaults only: importing this reads no file and loads no git.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .. import dates
from ..errors import AsyncOpsError
from .baseline import BASELINE_NAME, BaselineError
from .baseline import load as load_baseline
from .diagnostics import RulePolicy
from .formula import DEFAULT_PRIORITY, Formula
from .kinds import BUILTIN_KINDS, KindError, KindSpec, SectionSpec, build_kinds, folder_kinds

__all__ = [
    "DEFAULT_IGNORED",
    "DEFAULT_MAX_AGE",
    "DEFAULT_SECTIONS",
    "DEFAULT_UI_PATHS",
    "BoardOptions",
    "HealthSettings",
    "PageUrls",
    "PublishOptions",
    "PullRequestPolicy",
    "ReviewPolicy",
    "Settings",
    "SettingsError",
    "SourceFolder",
]

DEFAULT_MAX_AGE: dict[str, int] = {"runbook": 90, "integration": 180, "design": 180}
"""Days a document of each kind may go without a change or review; kinds not named never expire."""


@dataclass(frozen=True)
class DriftLimit:
    """How much code may change under a document before it drifts; 0: that measure is not judged."""

    commits: int = 50
    lines: int = 2000

    @property
    def judged(self) -> bool:
        return self.commits > 0 or self.lines > 0


DEFAULT_DRIFT: dict[str, DriftLimit] = {"design": DriftLimit(), "runbook": DriftLimit()}
"""The limit of each kind; documents of other kinds are measured but never drift."""

DEFAULT_CITATION_GLOBS = (
    "*.py", "*.pyi", "*.js", "*.mjs", "*.cjs", "*.jsx", "*.ts", "*.tsx", "*.go", "*.rs",
    "*.java", "*.kt", "*.scala", "*.rb", "*.php", "*.c", "*.h", "*.cc", "*.cpp", "*.hpp",
    "*.cs", "*.swift", "*.sh", "*.sql", "*.proto", "*.tf",
)  # fmt: skip
"""Source files read for citations of numbered documents, by path or file name."""

DEFAULT_SECTIONS = ("What", "Why", "How", "Testing", "Deployment")
DEFAULT_UI_PATHS = ("*.css", "*.scss", "*.less", "*.html", "*.jsx", "*.tsx", "*.vue", "*.svelte")
DEFAULT_IGNORED = ("*.lock", "package-lock.json", "pnpm-lock.yaml", "go.sum")
"""A pull request's defaults: the description's sections, the files that make it a UI change
(asking for screenshots too), and the files its size does not count."""


@dataclass(frozen=True)
class SourceFolder:
    """A folder documents are read from, and where its files appear in the site.

    `mount` is the site path the folder's files are published under: empty for MkDocs'
    `docs_dir`, `adr` for a top-level `adr/` folder published at `/adr/`.
    """

    path: Path
    mount: str = ""
    kind: str | None = None
    lenient: bool = False
    """An imported log: its errors are reported as warnings (see `lenient.py`)."""


@dataclass(frozen=True)
class Repository:
    """The repository a handbook lives in: its name (the prefix of its records elsewhere,
    `payments:ADR-0009`) and where its site is published."""

    name: str = ""
    site_url: str | None = None
    """The site's address (MkDocs' `site_url`); published URLs are absolute when it is set."""
    directory_urls: bool = True
    """MkDocs' `use_directory_urls`: `adr/0001-x.md` is published at `adr/0001-x/`."""

    def page_url(self, src_uri: str) -> str:
        """Where the page of the site file `src_uri` is published: a URL relative to the site
        root, or absolute when the site's address is known."""
        stem, _, suffix = src_uri.rpartition(".")
        if suffix.lower() not in ("md", "markdown"):
            page = src_uri
        else:
            folder, _, name = stem.rpartition("/")
            prefix = f"{folder}/" if folder else ""
            if name.lower() in ("index", "readme"):
                page = prefix
            elif self.directory_urls:
                page = f"{prefix}{name}/"
            else:
                page = f"{prefix}{name}.html"
        if not self.site_url:
            return page or "./"
        # not `urljoin`, which takes a page named `mailto:x/` for an address of its own
        return f"{self.site_url.rstrip('/')}/{page}"


def repository_name(text: str) -> str:
    """A repository name made of a folder's or a URL's last part: `My Handbook.git` ->
    `My-Handbook`; `handbook` when nothing is left."""
    stem = text.strip().rstrip("/").rsplit("/", 1)[-1]
    stem = stem.removesuffix(".git")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._") or "handbook"


REPOSITORY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""A repository's name, as it prefixes its records' ids (`payments:ADR-0009`)."""


@dataclass(frozen=True)
class RemoteSource:
    """Another handbook, as the configuration names it: an export, or a local checkout whose
    settings the face read (`checkout`), or a problem found reading its configuration."""

    name: str
    export: str | None = None
    """A path (absolute) or a URL of its `asyncops.json`."""
    checkout: Settings | None = None
    """The settings of a local checkout, read with its own sources and history."""
    site_url: str | None = None
    """Where that handbook is published, for exports whose URLs are relative."""
    timeout: float = 10.0
    problem: str | None = None
    shown: str | None = None
    """The export or checkout as configured (relative to `mkdocs.yml`), for messages and the
    export: no machine's absolute path is published."""

    @property
    def where(self) -> str:
        if self.shown:
            return self.shown
        if self.checkout is not None:
            return str(self.checkout.root)
        return self.export or ""


class SettingsError(AsyncOpsError):
    """Configuration that cannot be used; the message says which option and why."""


@dataclass(frozen=True)
class HealthSettings:
    """What the history-based reports read and the thresholds they judge by."""

    history: bool = True
    """Read git history; without it nothing is stale and coverage measures existence."""
    max_age: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MAX_AGE))
    """Days each kind may go unchanged and unreviewed; 0 or absent: never stale."""
    drift: dict[str, DriftLimit] = field(default_factory=lambda: dict(DEFAULT_DRIFT))
    """The commits or lines of code each kind's systems may change before a document drifts."""
    catalog_files: tuple[str, ...] = ()
    """Catalog files relative to the project root (this tool's format or Backstage's)."""
    systems: tuple[dict[str, Any], ...] = ()
    """Systems defined inline in the configuration."""
    system_types: dict[str, list[str]] = field(default_factory=dict)
    """System type -> required kinds, over the defaults."""
    coverage_minimum: float = 90.0
    """The least coverage, in percent, that passes the gate."""
    config_name: str = "mkdocs.yml"
    """Where diagnostics about the configuration as a whole point."""
    pull_request_file: str | None = None
    """A `gh pr list --json ...` export relative to the project root, for PR review time."""

    @property
    def has_catalog(self) -> bool:
        return bool(self.catalog_files or self.systems)


@dataclass
class Settings:
    """What to read and how to judge it."""

    root: Path
    """The project root: diagnostics show paths relative to it."""
    folders: list[SourceFolder]
    kinds: dict[str, KindSpec] = field(default_factory=lambda: dict(BUILTIN_KINDS))
    folder_kinds: dict[str, str] = field(default_factory=lambda: folder_kinds(BUILTIN_KINDS))
    rules: RulePolicy = field(default_factory=RulePolicy)
    forced_kind: str | None = None
    """A kind every file is read as (`asyncops check --kind adr FOLDER`)."""
    health: HealthSettings = field(default_factory=HealthSettings)
    """History, staleness, catalog and coverage settings."""
    citations: tuple[str, ...] = ()
    """Globs of the tracked source files read for citations of numbered documents; empty: none
    (`handbook/citations.py`; read only for the whole handbook)."""
    extensions: tuple[str, ...] = (".md", ".markdown")
    """The file name endings read as documents (`.md`, `.markdown`; add `.mdx`, `.html.md.erb`)."""
    baseline: Path | None = None
    """The baseline file whose findings do not fail (`baseline.py`); None: no baseline."""
    whole_handbook: bool = False
    """The folders are a site's or a project's own (not `PATH`s picked on the command line):
    folders of documents left unread, and an empty handbook, are reported (`unread.py`)."""
    repository: Repository = field(default_factory=Repository)
    """The repository the handbook is: its name and where its site is published."""
    remotes: tuple[RemoteSource, ...] = ()
    """Other handbooks an organisation handbook reads (`remotes:`)."""
    cache: Path | None = None
    """The project's cache folder (`.cache/asyncops/`, `core/cache_files.py`); None: no cache."""

    @classmethod
    def build(
        cls,
        root: Path,
        folders: list[SourceFolder],
        *,
        kinds: Mapping[str, Any] | None = None,
        folders_map: Mapping[str, str] | None = None,
        rules: Mapping[str, object] | None = None,
        forced_kind: str | None = None,
        health: HealthSettings | None = None,
        citations: tuple[str, ...] = (),
    ) -> Settings:
        """Settings from configuration values, with every problem raised as a `SettingsError`."""
        try:
            kind_specs = build_kinds(kinds)
            mapping = folder_kinds(kind_specs, folders_map)
            policy = RulePolicy(rules)
        except (KindError, ValueError) as exc:
            raise SettingsError(str(exc)) from None
        for folder in folders:
            if folder.kind is not None and folder.kind not in kind_specs:
                raise SettingsError(
                    f"source folder {folder.path.name}: unknown kind {folder.kind!r}"
                )
        health = health or HealthSettings()
        for kind in health.max_age:
            if kind not in kind_specs and kind not in DEFAULT_MAX_AGE:
                raise SettingsError(f"staleness: there is no kind {kind!r}")
        for kind in health.drift:
            if kind not in kind_specs:
                raise SettingsError(f"drift: there is no kind {kind!r}")
        try:
            load_baseline(root / BASELINE_NAME)
        except BaselineError as exc:
            raise SettingsError(str(exc)) from None
        settings = cls(
            root=root,
            folders=folders,
            kinds=kind_specs,
            folder_kinds=mapping,
            rules=policy,
            health=health,
            citations=tuple(citations),
            baseline=root / BASELINE_NAME,
            repository=Repository(name=repository_name(root.name)),
        )
        return settings.forcing(forced_kind)

    def forcing(self, kind: str | None) -> Settings:
        """These settings with every file read as `kind` (unchanged when `kind` is None)."""
        if kind is None:
            return self
        if kind not in self.kinds:
            raise SettingsError(
                f"unknown kind {kind!r}; known kinds: {', '.join(sorted(self.kinds))}"
            )
        return replace(self, forced_kind=kind)

    def with_remotes(self, repository: Repository, remotes: list[RemoteSource]) -> Settings:
        """These settings as the handbook of `repository`, reading `remotes`; a name that is not
        a repository's, or used twice (the handbook's own included), is a `SettingsError`."""
        if not REPOSITORY_NAME.match(repository.name):
            raise SettingsError(
                f"repository: {repository.name!r} is not a repository name (letters, digits, . _ -)"
            )
        seen = {repository.name: "this handbook's own name (`repository`)"}
        for remote in remotes:
            if not REPOSITORY_NAME.match(remote.name):
                raise SettingsError(
                    f"remotes: {remote.name!r} is not a repository name (letters, digits, . _ -)"
                )
            if remote.name in seen:
                raise SettingsError(
                    f"remotes: the repository name {remote.name!r} is used twice ({seen[remote.name]} "
                    f"and {remote.where}); give each repository its own name"
                )
            seen[remote.name] = remote.where
        return replace(self, repository=repository, remotes=tuple(remotes))


@dataclass(frozen=True)
class ReviewPolicy:
    """How long reviewers have."""

    design_window: timedelta = timedelta(hours=72)
    """From `review_requested` to the deadline when a document states no `review_deadline`."""
    proposal_period: timedelta = timedelta(days=5)
    """How long a proposed ADR stays open for comments."""


@dataclass(frozen=True)
class BoardOptions:
    """How the boards judge documents."""

    reviews: ReviewPolicy = field(default_factory=ReviewPolicy)
    priority: Formula = field(default_factory=lambda: Formula.parse(DEFAULT_PRIORITY))


@dataclass(frozen=True)
class PageUrls:
    """Where each generated page appears in the site (source paths, e.g. `handbook/index.md`)."""

    home: str = "handbook/index.md"
    decision_log: str = "handbook/decisions.md"
    reviews: str = "handbook/reviews.md"
    integrations: str = "handbook/integrations.md"
    postmortems: str = "handbook/postmortems.md"
    people: str = "handbook/people.md"
    """One section per person with what waits on them; names elsewhere link to it."""
    this_week: str = "handbook/this-week.md"
    """What happened in the handbook in the last seven days."""
    timeline: str = "handbook/timeline.md"
    """The decisions by month, with their supersessions."""
    organisation: str = "handbook/organisation.md"
    """The repositories an organisation handbook reads (only with `remotes:`)."""
    kind_index: str = "handbook/{kind}.md"
    """Per-kind indexes; `{kind}` is the kind's name. ADRs, integration specs and postmortems
    are listed on their boards instead."""
    health: str = "health"
    """The folder of the stale, drift, coverage and metrics pages; empty when there are none."""

    def health_page(self, name: str) -> str | None:
        """The site path of the health page `name` (`coverage`), None without health pages."""
        return f"{self.health}/{name}.md" if self.health else None

    def for_kind(self, kind: str) -> str:
        return self.kind_index.replace("{kind}", kind)

    def index_of(self, kind: str) -> str:
        """The page listing every document of `kind`: a board where there is one."""
        boards = {
            "adr": self.decision_log,
            "integration": self.integrations,
            "postmortem": self.postmortems,
        }
        return boards.get(kind) or self.for_kind(kind)


FEED_ENTRIES = 100
"""How many of the newest events each Atom feed holds unless told."""


@dataclass(frozen=True)
class PublishOptions:
    """Where generated pages and the export go, and how boards judge documents."""

    urls: PageUrls = field(default_factory=PageUrls)
    boards: BoardOptions = field(default_factory=BoardOptions)
    pages: bool = True
    export_path: str | None = "asyncops.json"
    today: datetime | None = None
    """Judge deadlines at this moment instead of the clock (reproducible builds, tests)."""
    feed_path: str | None = "feed.xml"
    """Where the Atom feed of events goes (one per kind beside it); None for none."""
    feed_entries: int = FEED_ENTRIES
    """How many of the newest events each feed holds."""
    site_name: str = "Handbook"
    site_url: str | None = None
    """Where the site is published: feed entries link there."""

    def now(self) -> datetime:
        return self.today if self.today is not None else dates.now()


@dataclass(frozen=True)
class PullRequestPolicy:
    """What a team expects of a pull request."""

    sections: Sequence[SectionSpec] = tuple(SectionSpec(name=name) for name in DEFAULT_SECTIONS)
    ui_sections: Sequence[SectionSpec] = (SectionSpec(name="Screenshots"),)
    """Required as well when a changed file matches `ui_paths`."""
    ui_paths: Sequence[str] = DEFAULT_UI_PATHS
    max_changed_lines: int = 400
    """Above this many added plus removed lines, the change is reported as too large."""
    ignored_paths: Sequence[str] = DEFAULT_IGNORED
    """Files not counted in the size (lock files, generated code)."""
