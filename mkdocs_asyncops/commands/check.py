"""`asyncops check`: validate documents without building the site."""

from __future__ import annotations

import argparse

from ..diagnostics import Diagnostic, Severity
from ..health import assess, read_history
from ..history import HistoryReader
from ..output import FORMATS, check_report, format_github, format_json, format_text
from ..project import load_settings
from ..scan import scan
from . import EXIT_OK, EXIT_PROBLEMS


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate documents without building the site",
        description="Validate documents: frontmatter, required sections, numbering. Reads "
        "mkdocs.yml when present; checks the PATHs given, or the whole handbook.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    parser.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: ./mkdocs.yml)")
    parser.add_argument("--kind", help="read every file as this kind (e.g. adr)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.paths, args.config_file, args.kind)
    result = scan(settings)
    if not args.paths:  # staleness and coverage judge the whole handbook
        health = assess(settings, result, read_history(settings, HistoryReader()))
        result.diagnostics = sorted([*result.diagnostics, *health.diagnostics], key=Diagnostic.sort_key)
    if args.format == "json":
        print(format_json(check_report(result.documents, result.diagnostics)))
    elif args.format == "github":
        print(format_github(result.diagnostics, len(result.documents)))
    else:
        print(format_text(result.diagnostics, len(result.documents)))
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return EXIT_PROBLEMS if any(d.level in failing for d in result.diagnostics) else EXIT_OK
