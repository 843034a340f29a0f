"""`asyncops review`: what awaits review, with deadlines and who is asked, from the boards' data."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..terminal import wants_colour
from . import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_config_option,
    add_message_options,
    add_remote_option,
    with_progress,
)

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "list what awaits review, with deadlines and who is asked"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "review",
        help=HELP,
        description="List the documents awaiting review (designs in review, proposed ADRs), "
        "the most urgent first, with their deadlines and reviewers: the review board of the "
        "site, for a terminal or a chat message.",
    )
    add_config_option(parser)
    add_message_options(parser)
    parser.add_argument(
        "--strict", action="store_true", help="exit with 1 when a review is overdue"
    )
    add_remote_option(parser)
    parser.set_defaults(run=run, judges=True)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...dates import iso
    from ...pipeline import run_checks
    from ..digest import format_chat, format_terminal
    from ..output import format_json

    options, site_url = project.publish, project.site_url
    from ..project import reading

    checked = with_progress(run_checks, reading(project, [], remotes=args.remote))
    boards = checked.boards(options.now(), options.boards)
    reviews = boards.reviews
    if args.format == "json":
        print(
            format_json(
                {
                    "now": iso(boards.now, moment_only=True),
                    "reviews": [r.to_dict() for r in reviews],
                }
            )
        )
    elif args.format == "chat":
        print(format_chat(reviews, boards.now, args.site_url or site_url))
    else:
        print(format_terminal(reviews, boards.now, colour=wants_colour(sys.stdout)))
    return EXIT_PROBLEMS if args.strict and any(r.overdue for r in reviews) else EXIT_OK
