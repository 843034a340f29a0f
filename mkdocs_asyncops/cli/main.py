"""The `asyncops` command line: the same core as the plugin, without rendering a site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import AsyncOpsError
from .commands import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    adr,
    approve,
    baseline,
    check,
    check_pr,
    digest,
    inbox,
    mcp,
    migrate,
    new,
    report,
    review,
    rules,
    schema,
)

if TYPE_CHECKING:
    from .answers import Recording

COMMANDS = {
    "check": check,
    "baseline": baseline,
    "report": report,
    "review": review,
    "inbox": inbox,
    "digest": digest,
    "approve": approve,
    "check-pr": check_pr,
    "new": new,
    "adr": adr,
    "schema": schema,
    "migrate": migrate,
    "rules": rules,
    "mcp": mcp,
}
"""Each module registers the subcommand of its name; the help lists them in this order."""


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser of the command line `argv`: when it starts with a command's name, that
    command's alone (a run does not make the other thirteen); with `--version`, none; with
    `-h` or `--help`, each command's name and line for the list; else every command's."""
    parser = argparse.ArgumentParser(
        prog="asyncops",
        description="Check and report on an async-first engineering handbook "
        "(ADRs, design docs, integration specs, postmortems, runbooks).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_debug_option(parser, default=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    first = argv[0] if argv else None
    if first in ("-h", "--help"):  # the help lists each command's name and line, no more
        for name, command in COMMANDS.items():
            commands.add_parser(name, help=command.HELP)
    elif first != "--version":
        for command in [COMMANDS[first]] if first in COMMANDS else COMMANDS.values():
            command.register(commands)
    _add_debug_to_subcommands(parser)
    return parser


def _add_debug_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="on an internal error, print the traceback",
    )


def _add_debug_to_subcommands(parser: argparse.ArgumentParser) -> None:
    """`--debug` after the command works too (`asyncops check --debug`); not given there, it
    keeps what the words before it said."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for subparser in getattr(action, "choices", {}).values():
            _add_debug_option(subparser, default=argparse.SUPPRESS)
            _add_debug_to_subcommands(subparser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code: 0 clean, 1 findings (or a refused edit), 2 usage
    or configuration, 3 an internal error (a bug: one line on stderr, the traceback with
    `--debug`)."""
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(words)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse has printed the usage problem
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "mcp":  # a server that runs for hours collects its garbage
        return _run(args)
    from ..core.bulk import cyclic_gc_paused

    with cyclic_gc_paused():  # a run makes objects in bulk and ends: a fifth of its time else
        if getattr(args, "answers", False):  # a reading command whose answer may be kept
            return _answered(args, words)
        return _run(args)


def _answered(args: argparse.Namespace, argv: list[str]) -> int:
    """The answer kept for this very run when it still holds, else the run's, kept for next
    time (`answers.py`)."""
    from .answers import Answers

    answers = Answers.of(args, argv)
    if answers is None:  # `--no-cache`, or no answer can be kept here
        return _run(args)
    try:
        kept = answers.given()
    except BrokenPipeError:  # `asyncops check | head`
        return EXIT_OK
    if kept is not None:
        return kept
    with answers.recording() as record:
        code = _run(args, record)
    try:
        record.keep(code)
    except Exception:  # noqa: BLE001 - the answer is printed; keeping it only saves time
        if args.debug:
            import traceback

            traceback.print_exc()
    return code


def _run(args: argparse.Namespace, record: Recording | None = None) -> int:
    """Run the parsed command, reading its project first (told to `record` when given)."""
    # Loaded once a command is to run: `--version` and `--help` need none of it.
    from .project import NO_CONFIG_FILE, load_project

    try:
        if not hasattr(args, "config_file"):  # a command that reads no project
            return int(args.run(args))
        project = load_project(args.config_file)
        if record is not None:
            record.project = project
        if (
            project.path is None
            and getattr(args, "judges", False)
            and not getattr(args, "paths", None)
        ):
            print(f"asyncops: {NO_CONFIG_FILE}", file=sys.stderr)
        for warning in project.warnings:  # as `mkdocs build` warns of them
            print(f"asyncops: warning: {warning}", file=sys.stderr)
        if project.warnings and getattr(args, "strict", False):
            count = len(project.warnings)
            print(
                f"asyncops: --strict: the configuration has {count} warning"
                f"{'' if count == 1 else 's'}; fix it first",
                file=sys.stderr,
            )
            return EXIT_USAGE
        return int(args.run(args, project))
    except AsyncOpsError as exc:  # a problem the user can fix: its message, no traceback
        if exc.refused:  # nothing was changed, as the command says
            print(f"asyncops {args.command}: {_one_line(exc)}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"asyncops: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `asyncops check | head`
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a crash must never look like a failed check
        if args.debug:
            import traceback

            traceback.print_exc()
        print(
            f"asyncops: internal error: {type(exc).__name__}: {_one_line(exc)}"
            f"{'' if args.debug else ' (run again with --debug for the traceback)'}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or "(no message)"


def entry_point() -> None:
    sys.exit(main())
