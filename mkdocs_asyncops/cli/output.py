"""Writing diagnostics for people (text), programs (JSON) and GitHub Actions (annotations)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from ..core.diagnostics import Diagnostic, Severity, count
from ..handbook.crossref import CrossReferences
from ..handbook.records import record_json
from ..handbook.relations import Handbook
from ..reading.model import Document
from .terminal import paint

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary_line(diagnostics: list[Diagnostic], subject: int | str) -> str:
    """`2 errors, 1 warning in 14 documents` (or `in pull request #12`)."""
    totals = count(diagnostics)
    parts = [_plural(totals["error"], "error"), _plural(totals["warning"], "warning")]
    if totals["info"]:
        parts.append(_plural(totals["info"], "note"))
    if totals.get("baselined"):
        parts.append(f"{totals['baselined']} baselined")
    where = _plural(subject, "document") if isinstance(subject, int) else subject
    return f"{', '.join(parts)} in {where}"


def _plural(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def format_text(diagnostics: list[Diagnostic], subject: int | str, colour: bool = False) -> str:
    """One `path:line: severity CODE name: message` line per problem, then a summary.

    Problems come grouped by file; with `colour` (for a terminal) a blank line separates the
    files and severities are coloured. Each line keeps its `path:line:` prefix either way.
    """
    lines: list[str] = []
    for _, group in groupby(diagnostics, key=lambda d: d.path):
        if colour and lines:
            lines.append("")
        for d in group:
            shown = "baselined" if d.baselined else d.level.value
            level = paint(shown, _COLOURS[d.level], "bold", enabled=colour)
            rule = paint(f"{d.rule.code} {d.rule.name}", "dim", enabled=colour)
            lines.append(
                f"{paint(d.location, 'bold', enabled=colour)}: {level} {rule}: {d.message}"
            )
    if colour and lines:
        lines.append("")
    totals = count(diagnostics)
    tone = "red" if totals["error"] else "yellow" if totals["warning"] else "green"
    lines.append(paint(summary_line(diagnostics, subject), tone, "bold", enabled=colour))
    return "\n".join(lines)


def format_github(diagnostics: list[Diagnostic], subject: int | str, files: bool = True) -> str:
    """GitHub Actions workflow commands, so problems show on the pull request's diff; without
    `files` (problems of something outside the repository, a pull request's description) they
    name no file and line, and show on the run's summary."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.path)}"] if files else []
        if d.line and files:
            props.append(f"line={d.line}")
        props.append(f"title={_escape_property(f'{d.rule.code} {d.rule.name}')}")
        lines.append(f"::{command[d.level]} {','.join(props)}::{_escape_data(d.message)}")
    lines.append(summary_line(diagnostics, subject))
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_report(
    documents: Iterable[Document],
    diagnostics: list[Diagnostic],
    handbook: Handbook,
    refs: CrossReferences,
) -> dict[str, Any]:
    """The JSON object `asyncops check --format json` prints: the records, as the export and
    `asyncops report --format json` show them, and the diagnostics."""
    records = [record_json(doc, handbook, refs) for doc in documents]
    return {
        "records": records,
        "diagnostics": [d.to_dict() for d in diagnostics],
        "summary": {**count(diagnostics), "documents": len(records)},
    }


def format_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
