"""`asyncops check`: validate documents without building the site."""

from __future__ import annotations

import argparse

from ..diagnostics import Severity
from ..output import FORMATS, check_report, format_github, format_json, format_text
from ..project import load_settings
from ..checks import run_checks
from ..lenient import all_lenient
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
    parser.add_argument(
        "--lenient", action="store_true", help="an imported log: report its errors as warnings"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.paths, args.config_file, args.kind)
    result = run_checks(all_lenient(settings) if args.lenient else settings)
    documents = result.handbook.documents
    if args.format == "json":
        print(format_json(check_report(documents, result.diagnostics, result.handbook)))
    elif args.format == "github":
        print(format_github(result.diagnostics, len(documents)))
    else:
        print(format_text(result.diagnostics, len(documents)))
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return EXIT_PROBLEMS if any(d.level in failing for d in result.diagnostics) else EXIT_OK
