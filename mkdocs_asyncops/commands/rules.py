"""`asyncops rules`: list the rules and their codes."""

from __future__ import annotations

import argparse

from ..diagnostics import RULES
from . import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("rules", help="list the rules and their codes")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        print(f"{rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary}")
    return EXIT_OK
