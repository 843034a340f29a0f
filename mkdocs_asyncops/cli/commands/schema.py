"""`asyncops schema [KIND]`: JSON Schema of each kind's frontmatter, for editors; `--export`:
the schema of the export (`asyncops.json`), the contract between handbooks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_OK, add_config_option

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "print or write JSON Schema of each kind's frontmatter, or of the export"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "schema",
        help=HELP,
        description="JSON Schema of a kind's frontmatter, from its model and its definition "
        "(statuses, required fields), for editors' YAML language servers. Prints KIND's schema, "
        "or all of them by kind; with --output, writes KIND.schema.json files. With --export, "
        "the schema of the export (asyncops.json) instead, written as export.schema.json.",
    )
    parser.add_argument("kind", nargs="?", metavar="KIND", help="one kind (default: all)")
    parser.add_argument(
        "--export",
        action="store_true",
        help="the schema of the export (asyncops.json) that other handbooks read",
    )
    parser.add_argument(
        "-o", "--output", metavar="FOLDER", help="write <kind>.schema.json files into FOLDER"
    )
    add_config_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...core.settings import SettingsError
    from ...handbook.records import EXPORT_SCHEMA
    from ...render.json_schema import all_schemas, kind_schema

    if args.export:
        if args.kind is not None:
            raise SettingsError("--export prints the export's schema; give no KIND with it")
        return _write({"export": json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))}, args)
    kinds = project.settings.kinds
    if args.kind is not None and args.kind.casefold() not in kinds:
        raise SettingsError(f"unknown kind {args.kind!r}; known kinds: {', '.join(sorted(kinds))}")
    schemas = (
        {args.kind.casefold(): kind_schema(kinds[args.kind.casefold()])}
        if args.kind
        else all_schemas(kinds)
    )
    return _write(schemas, args, one=args.kind is not None)


def _write(schemas: dict[str, dict[str, Any]], args: argparse.Namespace, one: bool = True) -> int:
    """Print the schemas (one as itself, several by name), or write NAME.schema.json files."""
    from ...core.settings import SettingsError
    from ...reading.sources import display_path
    from ..output import format_json

    if args.output is None:
        print(format_json(next(iter(schemas.values())) if one else schemas))
        return EXIT_OK
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, schema in schemas.items():
            path = folder / f"{name}.schema.json"
            path.write_text(
                json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            print(display_path(path.resolve(), Path.cwd()))
    except OSError as exc:
        raise SettingsError(
            f"{args.output}: cannot write the schemas ({exc.strerror or exc})"
        ) from None
    return EXIT_OK
