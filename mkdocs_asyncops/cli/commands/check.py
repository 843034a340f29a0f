"""`asyncops check`: validate documents without building the site."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import (
    EXIT_USAGE,
    FORMATS,
    add_config_option,
    add_remote_option,
    exit_code,
    print_report,
    project_history,
    with_progress,
)

if TYPE_CHECKING:
    from ..project import ProjectConfig


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate documents without building the site",
        description="Validate documents: frontmatter, required sections, numbering. Reads "
        "mkdocs.yml or properdocs.yml when present; checks the PATHs given, or the whole handbook.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    add_config_option(parser)
    parser.add_argument("--kind", help="read every file as this kind (e.g. adr)")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--lenient", action="store_true", help="an imported log: report its errors as warnings"
    )
    add_remote_option(parser)
    parser.set_defaults(run=run, judges=True)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...imports.lenient import all_lenient
    from ...pipeline import run_checks
    from ..output import check_report
    from ..project import reading

    settings = reading(project, args.paths, args.kind, args.remote)
    settings = all_lenient(settings) if args.lenient else settings
    # Staleness and coverage judge the whole handbook, not a few paths picked out of it.
    history = None if args.paths else project_history(settings, project)
    result = with_progress(lambda s, progress: run_checks(s, progress, history), settings)
    documents = result.handbook.documents
    data = (
        check_report(documents, result.diagnostics, result.handbook, result.refs)
        if args.format == "json"
        else {}
    )
    print_report(args.format, result.diagnostics, len(documents), data)
    read_from = {doc.source.folder.path for doc in documents}
    # Without paths the folders are the configured ones and none was given: nothing to pair.
    pairs = zip(args.paths, settings.folders, strict=bool(args.paths))
    empty = [given for given, folder in pairs if folder.path not in read_from]
    if empty:  # a gate asked to check nothing is used wrongly, never a pass
        for given in empty:
            print(
                f"asyncops: {given}: 0 documents found here; check the path, or use --kind to read its files as one kind",
                file=sys.stderr,
            )
        return EXIT_USAGE
    return exit_code(result.diagnostics, args.strict)
