"""The `asyncops` subcommands, one module each with `register(subparsers)` and `run(args)`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from ...core.diagnostics import Diagnostic, Severity
from ...core.settings import Settings
from ...health.assess import history_in_background
from ...history.reader import History, HistoryReader
from ..output import format_github, format_json, format_text
from ..project import load_publish_options
from ..terminal import Progress, wants_colour

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
"""Every command's exit codes: clean, findings, usage or configuration, an internal error."""

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
        help="the MkDocs configuration (default: ./mkdocs.yml)",
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
    if output_format == "json":
        print(format_json(data))
    elif output_format == "github":
        print(format_github(diagnostics, subject, files))
    else:
        print(format_text(diagnostics, subject, colour=wants_colour(sys.stdout)))


def exit_code(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    """1 when there are errors (or, with `strict`, warnings), else 0."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return EXIT_PROBLEMS if any(d.level in failing for d in diagnostics) else EXIT_OK


def add_source_arguments(parser: argparse.ArgumentParser, *, paths_required: bool = False) -> None:
    """`PATH ...`, `-f mkdocs.yml` and `--kind KIND`: what to read and how, as `load_settings` takes them."""
    parser.add_argument(
        "paths",
        nargs="+" if paths_required else "*",
        metavar="PATH",
        help="files or folders to read",
    )
    add_config_option(parser)
    parser.add_argument("--kind", help="read every file of the PATHs as this kind (e.g. adr)")


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


def project_history(
    settings: Settings, config_file: str | None, today: datetime | None = None
) -> Callable[[], History]:
    """The git history as of `today` (else the site's `today` option, else the clock), read in
    the background; call the result to wait for it."""
    return history_in_background(
        settings, HistoryReader(), today or load_publish_options(config_file).today
    )
