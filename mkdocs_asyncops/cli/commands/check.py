"""`asyncops check`: validate documents without building the site."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import (
    EXIT_USAGE,
    FORMATS,
    add_cache_option,
    add_config_option,
    add_extensions_option,
    add_remote_option,
    checked_through_cache,
    exit_code,
    print_report,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ...core.settings import Settings
    from ..project import ProjectConfig


HELP = "validate documents without building the site"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help=HELP,
        description="Validate documents: frontmatter, required sections, numbering. Reads "
        "mkdocs.yml or properdocs.yml when present; checks the PATHs given, or the whole handbook.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    add_config_option(parser)
    parser.add_argument("--kind", help="read every file as this kind (e.g. adr)")
    add_extensions_option(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--lenient", action="store_true", help="an imported log: report its errors as warnings"
    )
    parser.add_argument(
        "--changed-since",
        metavar="REV",
        help="check only the documents changed since this git revision (a pull request's base)",
    )
    add_remote_option(parser)
    add_cache_option(parser)
    parser.set_defaults(run=run, judges=True, answers=True)


def _nothing_read(path: Path, settings: Settings, given: str) -> str:
    """Why a PATH gave no document: files of a site generator left unread, or nothing at all.
    `given`: where the extensions read came from, `mkdocs.yml`, `--extensions` or `default`."""
    from ...reading.sources import unread_generator_files

    unread = unread_generator_files(path, settings.extensions)
    if unread:
        shown = ", ".join(f"{n} {suffix}" for suffix, n in sorted(unread.items()))
        wanted = [*settings.extensions, *sorted(unread)]
        flag = f"pass `--extensions {','.join(wanted)}`"
        why = {
            "mkdocs.yml": "the configuration does not read; add "
            f"`extensions: [{', '.join(wanted)}]` to the asyncops plugin's options in mkdocs.yml",
            "--extensions": f"`--extensions` leaves unread; {flag}",
            "default": f"are not read by default; {flag} (or set `extensions:` in mkdocs.yml)",
        }[given]
        return f"0 documents read: it holds {shown} files, which {why}"
    return "0 documents found here; check the path, or use --kind to read its files as one kind"


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from pathlib import Path

    from ...history.changes import changed_since
    from ...imports.lenient import all_lenient
    from ..output import check_report
    from ..project import reading

    settings = reading(project, args.paths, args.kind, args.remote, args.extensions)
    settings = all_lenient(settings) if args.lenient else settings
    # Staleness and coverage judge the whole handbook, not a few paths picked out of it; without
    # a configuration file, the plain folders given are the whole log (as for `report`).
    whole = not args.paths or project.path is None
    result = checked_through_cache(settings, project, args, history=whole)
    documents = result.handbook.documents
    diagnostics = result.diagnostics
    if args.changed_since:
        changed = changed_since(settings.root, args.changed_since)
        documents = [doc for doc in documents if doc.source.abs_path.resolve() in changed]
        diagnostics = [d for d in diagnostics if (settings.root / d.path).resolve() in changed]
        if not documents and not diagnostics:
            print(f"asyncops: no documents changed since {args.changed_since}; nothing to check")
            return 0
    data = (
        check_report(documents, diagnostics, result.handbook, result.refs)
        if args.format == "json"
        else {}
    )
    print_report(args.format, diagnostics, len(documents), data)
    read_from = {doc.source.folder.path for doc in documents}
    # Without paths the folders are the configured ones and none was given: nothing to pair.
    pairs = zip(args.paths, settings.folders, strict=bool(args.paths))
    empty = [given for given, folder in pairs if folder.path not in read_from]
    if empty:  # a gate asked to check nothing is used wrongly, never a pass
        given = "--extensions" if args.extensions else "mkdocs.yml" if project.path else "default"
        for path in empty:
            why = _nothing_read(Path(path), settings, given)
            print(f"asyncops: {path}: {why}", file=sys.stderr)
        return EXIT_USAGE
    return exit_code(diagnostics, args.strict)
