"""The `asyncops` command line: the same core as the plugin, without rendering a site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import EXIT_OK, EXIT_USAGE, check, report, rules
from .settings import SettingsError

COMMANDS = (check, report, rules)
"""Each module registers its subcommand; the help lists them in this order."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asyncops",
        description="Check and report on an async-first engineering handbook "
        "(ADRs, design docs, integration specs, postmortems, runbooks).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 clean, 1 problems, 2 usage or config)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage problem
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except SettingsError as exc:
        print(f"asyncops: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `asyncops check | head`
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main())
