"""Writing diagnostics for people (text), programs (JSON) and GitHub Actions (annotations)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .diagnostics import Diagnostic, Severity, count
from .handbook import Handbook
from .model import RELATIONS, Document

FORMATS = ("text", "json", "github")


def summary_line(diagnostics: list[Diagnostic], documents: int) -> str:
    """`2 errors, 1 warning in 14 documents`."""
    totals = count(diagnostics)
    parts = [_plural(totals["error"], "error"), _plural(totals["warning"], "warning")]
    if totals["info"]:
        parts.append(_plural(totals["info"], "note"))
    return f"{', '.join(parts)} in {_plural(documents, 'document')}"


def _plural(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def format_text(diagnostics: list[Diagnostic], documents: int) -> str:
    """One `path:line: severity CODE name: message` line per problem, then a summary."""
    lines = [f"{d.location}: {d.level.value} {d.rule.code} {d.rule.name}: {d.message}" for d in diagnostics]
    lines.append(summary_line(diagnostics, documents))
    return "\n".join(lines)


def format_github(diagnostics: list[Diagnostic], documents: int) -> str:
    """GitHub Actions workflow commands, so problems show on the pull request's diff."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.path)}"]
        if d.line:
            props.append(f"line={d.line}")
        props.append(f"title={_escape_property(f'{d.rule.code} {d.rule.name}')}")
        lines.append(f"::{command[d.level]} {','.join(props)}::{_escape_data(d.message)}")
    lines.append(summary_line(diagnostics, documents))
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_report(
    documents: Iterable[Document], diagnostics: list[Diagnostic], handbook: Handbook | None = None
) -> dict[str, Any]:
    """The JSON object `asyncops check --format json` prints.

    With the handbook, each document also lists the ids of the documents it is related to, in
    both directions (`supersedes` and `superseded_by`, whichever side stated it).
    """
    docs = [document_record(doc, handbook) for doc in documents]
    return {
        "documents": docs,
        "diagnostics": [d.to_dict() for d in diagnostics],
        "summary": {**count(diagnostics), "documents": len(docs)},
    }


def document_record(doc: Document, handbook: Handbook | None) -> dict[str, Any]:
    """A document as JSON-ready data, with the ids of related documents when the handbook is given."""
    data = doc.to_dict()
    if handbook is not None:
        data["relations"] = {rel: [other.id for other in handbook.related(doc, rel)] for rel in RELATIONS}
    return data


def format_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
