"""`asyncops migrate`: rewrite an imported decision log into canonical frontmatter form."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import EXIT_OK, EXIT_PROBLEMS, add_source_arguments

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "rewrite an imported decision log into frontmatter form"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "migrate",
        help=HELP,
        description="Move the metadata records keep in their bodies (adr-tools `## Status`, MADR "
        "and log4brains `Status:`/`Date:` bullets) into YAML frontmatter, with normalised "
        "statuses and dates, keeping all other content. Shows a unified diff; changes nothing "
        "unless --write is given. Files that cannot be read are refused and left alone.",
    )
    add_source_arguments(parser, paths_required=True)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run", action="store_false", dest="write", help="show the diff only (the default)"
    )
    mode.add_argument("--write", action="store_true", dest="write", help="apply the changes")
    parser.set_defaults(run=run, write=False)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from dataclasses import replace

    from ...edit.migrate import apply, plan
    from ...pipeline import run_checks
    from ..project import reading

    settings = reading(project, args.paths, args.kind, extensions=args.extensions)
    # only this handbook's own files are migrated: other handbooks' records are not read
    migrations = plan(run_checks(replace(settings, remotes=())))
    changed = [m for m in migrations if m.changed]
    refused = [m for m in migrations if m.refused]
    for migration in changed:
        sys.stdout.write(migration.diff())
    for migration in refused:
        print(f"{migration.path}: refused, {migration.refused}", file=sys.stderr)
    failed: list = []
    if args.write:
        written, failed = apply(changed)
        for migration, exc in failed:
            print(
                f"{migration.path}: not written ({exc.strerror or exc}); the file is unchanged",
                file=sys.stderr,
            )
        print(f"migrated {_files(len(written))}; {_files(len(refused))} refused", file=sys.stderr)
    else:
        print(
            f"{_files(len(changed))} to migrate, {_files(len(refused))} refused; run with --write to apply",
            file=sys.stderr,
        )
    return EXIT_PROBLEMS if refused or failed else EXIT_OK


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"
