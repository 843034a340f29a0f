"""`asyncops digest --since 7d`: what happened in the handbook since a moment, grouped."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..terminal import wants_colour
from . import (
    EXIT_OK,
    add_cache_option,
    add_config_option,
    add_message_options,
    checked_through_cache,
)

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "what happened since a moment: decisions, reviews, overdue items, stale documents"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "digest",
        help=HELP,
        description="The handbook's events since a moment, grouped: decided, superseded, "
        "awaiting review, overdue, newly stale, postmortems, other changes; for a Monday "
        "message or someone back from leave.",
    )
    parser.add_argument(
        "--since",
        default="7d",
        metavar="SPAN|DATE",
        help="a span back from now (7d, 2w, 36h) or a date (2026-03-01); default: 7d",
    )
    add_config_option(parser)
    add_cache_option(parser)
    add_message_options(parser, markdown=True)
    parser.set_defaults(run=run, answers=True, clocked=True)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...boards.digest import is_span, parse_since
    from ...boards.events import event_candidates, in_window
    from ...boards.horizon import until
    from ...core.settings import SettingsError
    from ..answers import print_clocked
    from ..digest_text import format_digest_chat, format_digest_markdown, format_digest_terminal
    from ..output import format_json

    settings = project.settings
    options, site_url = project.publish, project.site_url
    now = options.now()
    try:
        start = parse_since(args.since, now)
    except ValueError as exc:
        raise SettingsError(f"--since: {exc}") from None
    checked = checked_through_cache(settings, project, args)
    boards = checked.boards(now, options.boards)
    candidates = event_candidates(checked.handbook.own, checked.health, boards, start)
    events = in_window(candidates, now, start)
    if checked.health is not None:  # the statuses read of old versions, for the next digest
        checked.health.history.blob_values.store()
    url = args.site_url or site_url
    colour = wants_colour(sys.stdout)

    def render(as_of: str, since: str) -> str:
        if args.format == "json":
            data = {"since": since, "now": as_of, "events": [e.to_dict() for e in events]}
            return format_json(data)
        if args.format == "chat":
            return format_digest_chat(events, since, as_of, url)
        if args.format == "markdown":
            return format_digest_markdown(events, since, as_of, url).removesuffix("\n")
        return format_digest_terminal(events, since, as_of, colour=colour)

    window = now - start if is_span(args.since) else None  # it slides with the moment
    held = until(boards, candidates, window) if options.today is None else None
    form = "iso" if args.format == "json" else "shown"
    print_clocked(render, form, now, start, held, window)
    return EXIT_OK
