"""`asyncops rules`: list the rules and their codes."""

from __future__ import annotations

import argparse

from . import EXIT_OK

HELP = "list the rules and their codes"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "rules",
        help=HELP,
        description="List every rule asyncops checks: its stable code (ASY…), its name, its "
        "default severity and what it finds. The code or the name changes a rule's severity "
        "in mkdocs.yml (`rules: {ASY030: off}`).",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ...core.diagnostics import RULES

    for rule in sorted(RULES.values(), key=lambda r: r.code):
        print(f"{rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary}")
    return EXIT_OK
