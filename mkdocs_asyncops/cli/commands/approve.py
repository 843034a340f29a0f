"""`asyncops approve PATH --as NAME`: record one approval in a document's frontmatter."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from . import EXIT_OK, EXIT_PROBLEMS, add_config_option, with_progress

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "record an approval of a design or decision"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "approve",
        help=HELP,
        description="Add `{name: NAME, date: DATE}` to the document's `approved_by`; only that "
        "key of the frontmatter changes.",
    )
    parser.add_argument("path", metavar="PATH", help="the document approved")
    parser.add_argument("--as", dest="name", required=True, metavar="NAME", help="who approves")
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="when (default: the site's `today` option, else today)",
    )
    add_config_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from pathlib import Path

    from ...core.escape import printable
    from ...edit.approve import approve_edit
    from ...edit.file_writes import write_all
    from ...edit.frontmatter import EditRefused, edit_frontmatter, read_for_edit
    from ...health.approvals import quorum_of
    from ...history.people import project_names
    from ...reading.scan import scan

    settings = project.settings
    wanted = Path(args.path).resolve()
    documents = with_progress(scan, settings).documents
    document = next((d for d in documents if d.source.abs_path.resolve() == wanted), None)
    if document is None:
        print(f"asyncops approve: {args.path} is not a document of the handbook", file=sys.stderr)
        return EXIT_PROBLEMS
    names = project_names(settings.root)
    when = args.date or project.publish.now().date()
    try:
        edit = approve_edit(document, args.name, when, names)
        text = edit_frontmatter(
            read_for_edit(document.source.abs_path, document.path), edit.changes, document.path
        )
        write_all({document.source.abs_path: text})
    except EditRefused as exc:
        print(f"asyncops approve: {printable(str(exc))}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(
            f"asyncops approve: cannot write {document.path} ({exc.strerror or exc}); "
            "it was not changed",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    updated = with_progress(scan, settings.forcing(None)).documents
    after = next((d for d in updated if d.path == document.path), document)
    quorum = quorum_of(after, names)
    state = ""
    if quorum is not None:
        state = f"; {quorum.summary}" + (
            ", quorum reached" if quorum.met else f", waiting on {', '.join(quorum.pending)}"
        )
    print(printable(f"{document.path}: approved by {args.name} on {when}{state}"))
    return EXIT_OK
