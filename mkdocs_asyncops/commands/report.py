"""`asyncops report`: the handbook's boards and relations, as the site's `asyncops.json` has them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime

from ..checks import run_checks
from ..clock import shown
from ..output import format_json
from ..project import load_publish_options, load_settings
from ..publish import publish
from . import EXIT_OK, EXIT_USAGE

REPORT_FORMATS = ("text", "json")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report",
        help="report reviews, action items, the integration pipeline and relations",
        description="Report what the handbook's boards show, without building the site. "
        "`--format json` prints the same object the build writes to asyncops.json.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read")
    parser.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: ./mkdocs.yml)")
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="judge deadlines as of this date, not the clock")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = load_publish_options(args.config_file)
    if args.today:
        try:
            options = replace(options, today=datetime.fromisoformat(args.today))
        except ValueError:
            print(f"asyncops report: --today {args.today!r} is not a date like 2026-11-24", file=sys.stderr)
            return EXIT_USAGE
    checked = run_checks(load_settings(args.paths, args.config_file))
    publication = publish(checked, replace(options, pages=False))
    if args.format == "json":
        print(format_json(publication.export))
        return EXIT_OK
    boards = publication.boards
    lines = [f"As of {shown(boards.now)} UTC, {len(checked.documents)} documents."]
    lines.append(f"Waiting for review: {len(boards.reviews)}")
    lines += [
        f"  {r.document.path}: due {shown(r.deadline) or 'unknown'}{' OVERDUE' if r.overdue else ''}"
        f" ({', '.join(r.reviewers) or 'no reviewers named'})"
        for r in boards.reviews
    ]
    lines.append(f"Open action items: {len(boards.open_items)}")
    lines += [
        f"  {i.document.path}:{i.line}: {i.task} ({i.owner or 'no owner'}, {shown(i.due) or 'no due date'})"
        f"{' OVERDUE' if i.overdue(boards.now) else ''}"
        for i in boards.open_items
    ]
    lines.append(f"Integration pipeline: {len(boards.pipeline)}")
    lines += [
        f"  {e.document.path}: {e.stage}, score {'-' if e.score is None else f'{e.score:g}'}" for e in boards.pipeline
    ]
    print("\n".join(lines))
    return EXIT_OK
