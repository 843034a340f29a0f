"""`asyncops adr supersede OLD NEW` and `asyncops adr status N STATUS`: careful frontmatter edits."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import EXIT_OK, EXIT_PROBLEMS, add_config_option, with_progress

if TYPE_CHECKING:
    from ...edit.adr import Edit
    from ...reading.model import Document
    from ..project import ProjectConfig

KIND = "adr"


HELP = "change an ADR's status, or supersede one ADR by another"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "adr",
        help=HELP,
        description="Edit ADR frontmatter in place: only the keys involved change; every other "
        "byte of the files stays as it was.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    supersede = actions.add_parser(
        "supersede",
        help="mark OLD superseded by NEW, on both files",
        description="Set OLD's status to superseded, add NEW to its superseded_by and OLD to "
        "NEW's supersedes.",
    )
    supersede.add_argument("old", type=int, metavar="OLD", help="the number of the ADR replaced")
    supersede.add_argument(
        "new", type=int, metavar="NEW", help="the number of the ADR replacing it"
    )
    add_config_option(supersede)
    supersede.set_defaults(run=run_supersede)
    status = actions.add_parser(
        "status", help="set an ADR's status", description="Set one ADR's status."
    )
    status.add_argument("number", type=int, metavar="N", help="the ADR's number")
    status.add_argument("status", metavar="STATUS", help="the new status, e.g. accepted")
    add_config_option(status)
    status.set_defaults(run=run_status)


def run_supersede(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...edit.adr import find_numbered, supersede_edits
    from ...handbook.relations import build_handbook

    return _apply(
        project,
        lambda documents: supersede_edits(
            find_numbered(documents, KIND, args.old),
            find_numbered(documents, KIND, args.new),
            build_handbook(list(documents)),
        ),
    )


def run_status(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...edit.adr import find_numbered, status_edit

    return _apply(
        project,
        lambda documents: [status_edit(find_numbered(documents, KIND, args.number), args.status)],
    )


def _apply(project: ProjectConfig, plan: Callable[[Sequence[Document]], list[Edit]]) -> int:
    """Plan every edit and check every file can take it before writing any of them."""
    from ...edit.file_writes import NotPutBack, write_all
    from ...edit.frontmatter import edit_frontmatter, read_for_edit, yaml_value
    from ...reading.scan import scan

    documents = with_progress(scan, project.settings).documents
    edits: list[Edit] = plan(documents)  # an `EditRefused` is said by `cli.main` (exit 1)
    texts = []
    for edit in edits:
        before = read_for_edit(edit.document.source.abs_path, edit.document.path)
        texts.append(
            edit_frontmatter(before, edit.changes, edit.document.path) if edit.changes else before
        )
    changed = {
        edit.document.source.abs_path: text
        for edit, text in zip(edits, texts, strict=True)
        if edit.changes
    }
    try:
        write_all(changed)
    except OSError as exc:
        shown = {str(edit.document.source.abs_path): edit.document.path for edit in edits}
        name = shown.get(str(exc.filename), "the files")
        outcome = "no file was changed"
        if isinstance(exc, NotPutBack):
            unrestored = ", ".join(shown.get(str(path), str(path)) for path in exc.paths)
            outcome = f"{unrestored} could not be put back; restore it from version control"
        print(
            f"asyncops adr: cannot write {name} ({exc.strerror or exc}); {outcome}", file=sys.stderr
        )
        return EXIT_PROBLEMS
    for edit in edits:
        said = ", ".join(f"{key}: {yaml_value(value)}" for key, value in edit.changes.items())
        print(f"{edit.document.path}: {said or 'unchanged'}")
    return EXIT_OK
