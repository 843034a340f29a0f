"""The `asyncops` command line: the same core as the plugin, without rendering a site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .diagnostics import RULES, Severity
from .output import FORMATS, check_report, format_github, format_json, format_text
from .project import load_settings
from .scan import scan
from .settings import SettingsError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asyncops",
        description="Check and report on an async-first engineering handbook "
        "(ADRs, design docs, integration specs, postmortems, runbooks).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate documents without building the site",
        description="Validate documents: frontmatter, required sections, numbering. Reads "
        "mkdocs.yml when present; checks the PATHs given, or the whole handbook.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    check.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: ./mkdocs.yml)")
    check.add_argument("--kind", help="read every file as this kind (e.g. adr)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=run_check)

    rules = commands.add_parser("rules", help="list the rules and their codes")
    rules.set_defaults(run=run_rules)
    return parser


def run_check(args: argparse.Namespace) -> int:
    settings = load_settings(args.paths, args.config_file, args.kind)
    result = scan(settings)
    if args.format == "json":
        print(format_json(check_report(result.documents, result.diagnostics)))
    elif args.format == "github":
        print(format_github(result.diagnostics, len(result.documents)))
    else:
        print(format_text(result.diagnostics, len(result.documents)))
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return EXIT_PROBLEMS if any(d.level in failing for d in result.diagnostics) else EXIT_OK


def run_rules(args: argparse.Namespace) -> int:
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        print(f"{rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary}")
    return EXIT_OK


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
