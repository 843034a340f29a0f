"""`asyncops new KIND "Title"`: start a document from its kind's template."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_OK, add_config_option, with_progress

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "start a document from its kind's template"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "new",
        help=HELP,
        description="Create a document of KIND titled TITLE in the kind's folder: ADRs get the "
        "next free number, the date is today's and the author comes from git. Never overwrites.",
    )
    parser.add_argument(
        "kind",
        metavar="KIND",
        help="adr, design, integration, postmortem, runbook, or a team's kind",
    )
    parser.add_argument("title", metavar="TITLE", help="the document's title")
    add_config_option(parser)
    parser.add_argument("--dir", metavar="FOLDER", help="create it in this folder instead")
    parser.add_argument(
        "--template", metavar="FILE", help="use this template instead of the kind's"
    )
    parser.add_argument("--author", help="the author (default: git's user.name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...core.settings import SettingsError
    from ...dates import local_today
    from ...edit.scaffold import (
        create,
        file_name,
        git_author,
        next_number,
        refuse_same_title,
        render,
        target_folder,
        template_for,
        values_for,
    )
    from ...reading.scan import scan
    from ...reading.sources import display_path

    settings = project.settings
    spec = settings.kinds.get(args.kind.casefold())
    if spec is None:
        raise SettingsError(
            f"unknown kind {args.kind!r}; known kinds: {', '.join(sorted(settings.kinds))}"
        )
    title = " ".join(args.title.split())
    if not title:
        raise SettingsError("the title is empty; give the document a title")
    documents = with_progress(scan, settings).documents
    folder = Path(args.dir).resolve() if args.dir else target_folder(settings, documents, spec)
    number = next_number(documents, folder, spec) if spec.numbered else None
    path = folder / file_name(spec, title, number)
    shown = display_path(path, Path.cwd())
    # A `ScaffoldError` is said by `cli.main` (exit 1).
    refuse_same_title(folder, spec, title, Path.cwd())
    template, source = template_for(
        spec, settings.root, Path(args.template) if args.template else None
    )
    author = args.author if args.author is not None else git_author(settings.root)
    text = render(template, values_for(spec, title, number, author, local_today()), source)
    create(path, text, shown)
    print(shown)
    return EXIT_OK
