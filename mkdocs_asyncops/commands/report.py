"""`asyncops report`: staleness, coverage and team health, without building the site."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from ..health import assess, read_history
from ..health_report import markdown_report, text_report
from ..history import HistoryReader
from ..output import format_json
from ..project import load_settings
from ..scan import scan
from ..settings import SettingsError
from . import EXIT_OK

REPORT_FORMATS = ("text", "markdown", "json")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report",
        help="report stale documents, documentation coverage and team health",
        description="Read the handbook and its git history and report stale documents, "
        "documentation coverage per system and team-health metrics. Reads mkdocs.yml when present.",
    )
    parser.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: ./mkdocs.yml)")
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--now", metavar="YYYY-MM-DD", help="judge ages as of this date (default: today)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings([], args.config_file)
    health = assess(settings, scan(settings), read_history(settings, HistoryReader(), as_of(args.now)))
    if args.format == "json":
        print(format_json(health.to_dict()))
    elif args.format == "markdown":
        print(markdown_report(health))
    else:
        print(text_report(health))
    return EXIT_OK


def as_of(text: str | None) -> datetime | None:
    """`--now`: a date (midnight UTC) or an ISO date-time; None for the clock."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"--now {text!r}: write a date as YYYY-MM-DD") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
