"""`asyncops report`: list the records of a handbook or of plain folders, one kind at a time."""

from __future__ import annotations

import argparse

from ..checks import run_checks
from ..output import document_record, format_json
from ..project import load_settings
from . import EXIT_OK, add_source_arguments

REPORT_FORMATS = ("text", "json")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report",
        help="list records with their status, date and relations",
        description="List every record with its normalised status, number, title, date and "
        "resolved relations (supersedes, superseded_by, ...). Works on a plain folder of an "
        "existing decision log: `asyncops report --format json --kind adr doc/adr`.",
    )
    add_source_arguments(parser)
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text", help="output format (default: text)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    handbook = run_checks(load_settings(args.paths, args.config_file, args.kind)).handbook
    documents = [doc for doc in handbook.documents if args.kind is None or doc.kind == args.kind]
    if args.format == "json":
        records = [document_record(doc, handbook) for doc in documents]
        print(format_json({"kind": args.kind, "records": records}))
        return EXIT_OK
    for doc in documents:
        later = ", ".join(other.id for other in handbook.related(doc, "superseded_by"))
        when = getattr(doc.meta, "date", None)
        line = f"{doc.id:<12} {doc.status or '-':<11} {when.isoformat() if when else '-':<10}  {doc.title}"
        print(f"{line} (superseded by {later})" if later else line)
    return EXIT_OK
