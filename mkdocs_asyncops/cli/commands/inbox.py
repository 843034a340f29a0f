"""`asyncops inbox --for NAME | --me`: what waits on one person, the most urgent first."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..terminal import wants_colour
from . import (
    EXIT_OK,
    EXIT_USAGE,
    add_cache_option,
    add_config_option,
    add_message_options,
    checked_through_cache,
)

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "list what waits on one person: reviews, action items, stale documents"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "inbox",
        help=HELP,
        description="List, the most urgent first, the reviews a person is asked for and has not "
        "approved, the open action items they own (overdue first), the documents they own that "
        "went stale, and their documents whose review deadline passed without the quorum.",
    )
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--for", dest="person", metavar="NAME", help="whose inbox")
    who.add_argument(
        "--me",
        action="store_true",
        help="your own: git's user.name (or user.email), with the repository's .mailmap applied",
    )
    add_config_option(parser)
    add_cache_option(parser)
    add_message_options(parser)
    parser.set_defaults(run=run, answers=True, clocked=True)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...boards.horizon import until
    from ...boards.inbox import inbox
    from ...history.people import git_user
    from ..answers import print_clocked
    from ..inbox_text import format_inbox_chat, format_inbox_terminal
    from ..output import format_json

    settings = project.settings
    person = args.person
    if args.me:
        person = git_user(settings.root)
        if person is None:
            print(
                "asyncops inbox: git names nobody (set `git config user.name`), or say --for NAME",
                file=sys.stderr,
            )
            return EXIT_USAGE
    options, site_url = project.publish, project.site_url
    checked = checked_through_cache(settings, project, args)
    boards = checked.boards(options.now(), options.boards)
    person = checked.names.canonical(person)
    stale = checked.health.stale if checked.health is not None else []
    items = inbox(person, boards, stale, checked.names)
    colour = wants_colour(sys.stdout)

    def render(as_of: str, _: str) -> str:
        if args.format == "json":
            data = {"person": person, "now": as_of, "items": [item.to_dict() for item in items]}
            return format_json(data)
        if args.format == "chat":
            return format_inbox_chat(person, items, as_of, args.site_url or site_url)
        return format_inbox_terminal(person, items, as_of, colour=colour)

    held = until(boards) if options.today is None else None
    print_clocked(render, "iso" if args.format == "json" else "shown", boards.now, until=held)
    return EXIT_OK
