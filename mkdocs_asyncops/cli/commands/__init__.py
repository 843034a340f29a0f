"""The `asyncops` subcommands, one module each with `register(subparsers)` and `run(args)`, or
`run(args, project)` for those with `-f FILE` (the project's configuration, read once). Those
whose verdict the configuration decides set `judges=True`: on the defaults, they say so.

A module imports at its top only what registering its options needs: `asyncops --help` and
`--version` stay quick, and what a command runs on (pydantic, git, MkDocs) is imported in `run`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..terminal import Progress, wants_colour

if TYPE_CHECKING:
    from ...core.cache_files import CacheFiles
    from ...core.diagnostics import Diagnostic
    from ...core.settings import Settings
    from ...history.model import History
    from ...pipeline import Checked
    from ...reading.stored_documents import StoredDocuments
    from ..project import ProjectConfig

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
"""Every command's exit codes: clean, findings, usage or configuration, an internal error."""

FORMATS = ("text", "json", "github")
"""The output formats of the commands that report diagnostics."""

T = TypeVar("T")


def with_progress(
    read: Callable[[Settings, Callable[[int, int], None]], T], settings: Settings
) -> T:
    """Run a reading of the handbook (`scan`, `run_checks`) with progress shown on a terminal."""
    progress = Progress(sys.stderr)
    try:
        return read(settings, progress)
    finally:
        progress.finish()


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """`-f/--config-file`, as `mkdocs` spells it."""
    parser.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the MkDocs or ProperDocs configuration (default: ./mkdocs.yml or ./properdocs.yml)",
    )


def print_report(
    output_format: str,
    diagnostics: list[Diagnostic],
    subject: int | str,
    data: dict[str, Any],
    files: bool = True,
) -> None:
    """Print the problems as text (coloured on a terminal), GitHub annotations (naming no file
    unless `files`), or `data` as JSON."""
    from ..output import format_github, format_json, format_text

    if output_format == "json":
        print(format_json(data))
    elif output_format == "github":
        print(format_github(diagnostics, subject, files))
    else:
        print(format_text(diagnostics, subject, colour=wants_colour(sys.stdout)))


def exit_code(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    """1 when there are errors (or, with `strict`, warnings), else 0."""
    from ...core.diagnostics import Severity

    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return EXIT_PROBLEMS if any(d.level in failing for d in diagnostics) else EXIT_OK


def add_source_arguments(parser: argparse.ArgumentParser, *, paths_required: bool = False) -> None:
    """`PATH ...`, `-f mkdocs.yml`, `--kind KIND` and `--extensions`: what to read and how, as
    `reading` takes them."""
    parser.add_argument(
        "paths",
        nargs="+" if paths_required else "*",
        metavar="PATH",
        help="files or folders to read",
    )
    add_config_option(parser)
    parser.add_argument("--kind", help="read every file of the PATHs as this kind (e.g. adr)")
    add_extensions_option(parser)


def add_extensions_option(parser: argparse.ArgumentParser) -> None:
    """`--extensions .md,.mdx`: the file name endings read as documents, as the plugin's
    `extensions` option sets them (for a plain folder without mkdocs.yml)."""
    parser.add_argument(
        "--extensions",
        metavar=".md,.mdx",
        help="file name endings read as documents, comma-separated, instead of the "
        "configured ones (default: the plugin's `extensions`, else .md,.markdown)",
    )


def add_message_options(parser: argparse.ArgumentParser, *, markdown: bool = False) -> None:
    """`--format text|chat|json` (and `markdown`, for a digest) and `--site-url`, as the
    commands that write a message (`review`, `inbox`, `digest`) spell them."""
    choices: tuple[str, ...]
    if markdown:
        choices = ("text", "chat", "markdown", "json")
        formats = "text for a terminal, chat or markdown for a message, or json (default: text)"
        site_url = "link titles to the site (default: site_url)"
    else:
        choices = ("text", "chat", "json")
        formats = "text for a terminal, chat for a Markdown message, or json (default: text)"
        site_url = "link titles to the site in chat format (default: site_url)"
    parser.add_argument("--format", choices=choices, default="text", help=formats)
    parser.add_argument("--site-url", metavar="URL", help=site_url)


def add_remote_option(parser: argparse.ArgumentParser) -> None:
    """`--remote NAME=EXPORT`: another handbook to read, besides the configured `remotes:`."""
    parser.add_argument(
        "--remote",
        action="append",
        default=[],
        metavar="NAME=EXPORT",
        help="also read another handbook: its asyncops.json (a path or URL) or a checkout "
        "folder, its records named NAME:ID (repeatable)",
    )


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    """`--no-cache`: read everything afresh and write no cache (the `cache` setting's `false`)."""
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file and the whole git history afresh, and write no .cache/asyncops/",
    )


def cache_files(settings: Settings, args: argparse.Namespace) -> CacheFiles:
    """The project's cache folder, or none with `--no-cache` or `cache: false`."""
    from ...core.cache_files import CacheFiles

    return CacheFiles(None if getattr(args, "no_cache", False) else settings.cache)


def stored_documents(settings: Settings, args: argparse.Namespace) -> StoredDocuments:
    """Reading the documents through the project's cache (`cache_files`)."""
    from ...reading.stored_documents import StoredDocuments

    return StoredDocuments(cache_files(settings, args))


def project_history(
    settings: Settings,
    project: ProjectConfig,
    today: datetime | None = None,
    args: argparse.Namespace | None = None,
    start: bool = True,
) -> Callable[[], History]:
    """The git history as of `today` (else the site's `today` option, else the clock), read in
    the background (through the project's cache, for a command with `--no-cache`: `args`); call
    the result to wait for it. Not `start`ed, it starts when `run_checks` has it start."""
    from ...health.assess import history_in_background
    from ...history.reader import HistoryReader

    reader = HistoryReader(cache=cache_files(settings, args) if args is not None else None)
    return history_in_background(settings, reader, today or project.publish.today, start)


def checked_through_cache(
    settings: Settings, project: ProjectConfig, args: argparse.Namespace, history: bool = True
) -> Checked:
    """`run_checks` as the reading commands run it: with the project's git history (unless
    `history` is false), through its on-disk cache, showing progress."""
    from ...pipeline import run_checks

    # started by `run_checks` once the documents' reading is under way (it may fork first)
    known = project_history(settings, project, args=args, start=False) if history else None
    cache = stored_documents(settings, args)
    return with_progress(lambda s, progress: run_checks(s, progress, known, cache), settings)
