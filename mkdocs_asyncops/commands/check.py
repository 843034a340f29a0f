"""`asyncops check`: validate documents without building the site."""

from __future__ import annotations

import argparse

from ..checks import run_checks
from ..output import FORMATS, check_report
from ..project import load_settings
from . import add_config_option, exit_code, report, with_progress


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate documents without building the site",
        description="Validate documents: frontmatter, required sections, numbering. Reads "
        "mkdocs.yml when present; checks the PATHs given, or the whole handbook.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    add_config_option(parser)
    parser.add_argument("--kind", help="read every file as this kind (e.g. adr)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = with_progress(run_checks, load_settings(args.paths, args.config_file, args.kind))
    data = check_report(result.documents, result.diagnostics) if args.format == "json" else {}
    report(args.format, result.diagnostics, len(result.documents), data)
    return exit_code(result.diagnostics, args.strict)
