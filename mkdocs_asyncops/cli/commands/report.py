"""`asyncops report`: the handbook's records, what waits on its boards, and its health, without
building the site.

`--format json` prints the object the build writes to `asyncops.json`; `--format markdown` the
staleness, coverage and team-health report as Markdown, for a wiki or a chat message.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from ...core.escape import printable
from ...dates import parse_today, shown
from . import EXIT_OK, EXIT_USAGE, add_remote_option, add_source_arguments, project_history

if TYPE_CHECKING:
    from ...boards.board import Boards
    from ...history.model import History
    from ...pipeline import Checked
    from ...reading.model import Document
    from ..project import ProjectConfig

REPORT_FORMATS = ("text", "markdown", "json")


HELP = "list records, reviews waiting, action items, stale documents, coverage and team health"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report",
        help=HELP,
        description="List every record with its normalised status, number, title, date and "
        "resolved relations, then what the handbook's boards show: reviews waiting and overdue, "
        "open postmortem action items, the integration pipeline. For the whole handbook (no PATHs) "
        "it adds, from the git history, stale documents, documentation coverage per system and "
        "team-health metrics. Works on a plain folder of an existing decision log too: "
        "`asyncops report --format json --kind adr doc/adr`.",
    )
    add_source_arguments(parser)
    add_remote_option(parser)
    parser.add_argument(
        "--format", choices=REPORT_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="judge deadlines and ages as of this date, not the clock",
    )
    parser.set_defaults(run=run, judges=True)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from dataclasses import replace

    from ...pipeline import run_checks
    from ...render.export import build_export
    from ...render.health_pages import markdown_report
    from ..output import format_json
    from ..project import reading

    options = project.publish
    if args.today:
        try:
            options = replace(options, today=parse_today(args.today))
        except ValueError as exc:
            print(f"asyncops report: --today {exc}", file=sys.stderr)
            return EXIT_USAGE
    settings = reading(project, args.paths, args.kind, args.remote, args.extensions)
    # Staleness and coverage judge the whole handbook, not a few paths picked out of it; without
    # a configuration file, the plain folders given are the whole log.
    whole = not args.paths or project.path is None
    history = project_history(settings, project, options.today) if whole else None
    checked = run_checks(settings, history=history)
    boards = checked.boards(options.now(), options.boards)
    if args.format == "json":
        print(
            format_json(
                build_export(checked, boards, options.today, args.kind, options.export_path)
            )
        )
        return EXIT_OK
    if args.format == "markdown":
        if checked.health is None:
            print(
                "asyncops report: --format markdown reports on the whole handbook; give no PATHs",
                file=sys.stderr,
            )
            return EXIT_USAGE
        print(markdown_report(checked.health))
        return EXIT_OK
    # what documents say is shown, never run by the terminal
    text = "\n".join(_text_lines(checked, boards, args.kind))
    print("\n".join(printable(line) for line in text.split("\n")))
    return EXIT_OK


def _text_lines(checked: Checked, boards: Boards, kind: str | None) -> list[str]:
    """The records (of `kind`), what was understood of them, the boards, and the history."""
    from ...render.health_pages import text_report
    from ..understood import understood_lines

    handbook = checked.handbook
    documents = [doc for doc in handbook.documents if kind is None or doc.kind == kind]
    lines = _record_lines(
        documents,
        {
            doc.path: [other.id for other in handbook.related(doc, "superseded_by")]
            for doc in documents
        },
    )
    if kind is not None:
        lines += understood_lines(checked, kind)
    lines += _board_lines(boards)
    if checked.health is not None:
        lines += _history_lines(documents, checked.health.history)
        lines.append(text_report(checked.health))
    return lines


def _record_lines(documents: list[Document], successors: dict[str, list[str]]) -> list[str]:
    """One line per record: id, status and date (a postmortem's: the incident's) in columns wide
    enough for the longest of each."""
    rows = []
    for doc in documents:
        when = getattr(doc.meta, "date", None) or getattr(doc.meta, "incident_date", None)
        when = when.date() if isinstance(when, datetime) else when
        rows.append(
            (printable(doc.id), printable(doc.status or "-"), when.isoformat() if when else "-")
        )
    widths = [max([len(row[column]) for row in rows], default=0) for column in range(3)]
    id_width, status_width = max(widths[0] + 1, 12), max(widths[1] + 1, 11)
    lines = []
    for doc, (ident, status, when) in zip(documents, rows, strict=True):
        line = f"{ident:<{id_width}} {status:<{status_width}} {when:<10}  {printable(doc.title)}"
        after = successors[doc.path]
        lines.append(f"{line} (superseded by {', '.join(after)})" if after else line)
    return lines


def _board_lines(boards: Boards) -> list[str]:
    """What waits, as of `boards.now`: one heading per board that has entries."""
    lines = []
    if boards.reviews:
        lines.append(f"Waiting for review as of {shown(boards.now)} UTC: {len(boards.reviews)}")
        lines += [
            f"  {r.document.path}: due {shown(r.deadline) or 'unknown'}{' OVERDUE' if r.overdue else ''}"
            f" ({', '.join(r.reviewers) or 'no reviewers named'})"
            for r in boards.reviews
        ]
    if boards.open_items:
        lines.append(f"Open action items: {len(boards.open_items)}")
        lines += [
            f"  {i.document.path}:{i.line}: {i.task} ({i.owner or 'no owner'}, {shown(i.due) or 'no due date'})"
            f"{' OVERDUE' if i.overdue(boards.now) else ''}"
            for i in boards.open_items
        ]
    if boards.pipeline:
        lines.append(f"Integration pipeline: {len(boards.pipeline)}")
        lines += [
            f"  {e.document.path}: {e.stage}, score {'-' if e.score is None else f'{e.score:g}'}"
            for e in boards.pipeline
        ]
    return lines


def _history_lines(documents: list[Document], history: History) -> list[str]:
    """Each record's first and last commit and its authors, from git (none when unavailable:
    the health report says why)."""
    if not history.available or not documents:
        return []
    lines = ["", "Created, modified and authors (git):"]
    width = max(len(printable(doc.id)) for doc in documents)
    for doc in documents:
        known = history.of(doc.source.abs_path)
        if known is None:
            lines.append(f"  {printable(doc.id):<{width}}  not committed")
            continue
        created, modified = (
            day.date().isoformat() if day else "-" for day in (known.created, known.modified)
        )
        authors = ", ".join(sorted((p.name for p in known.authors.values()), key=str.casefold))
        changed = ", uncommitted changes" if known.uncommitted else ""
        lines.append(
            f"  {printable(doc.id):<{width}}  created {created}  modified {modified}{changed}  "
            f"by {authors or 'nobody known'}"
        )
    return lines
