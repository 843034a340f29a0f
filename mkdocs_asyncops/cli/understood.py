"""What the tool made of an adopted log: per format, the records read, how their statuses were
mapped, and what could not be read (`asyncops report --kind design`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import PurePosixPath

from ..core.escape import printable
from ..imports.proposals import SIDECAR, format_label
from ..pipeline import Checked

__all__ = ["UNREAD_CODES", "understood_lines"]


UNREAD_CODES = frozenset(
    {"ASY002", "ASY010", "ASY011", "ASY012", "ASY013", "ASY022", "ASY023", "ASY030"}
    | {"ASY301", "ASY603", "ASY605"}
)
"""Rules that say part of a record could not be read or resolved."""


def understood_lines(checked: Checked, kind: str | None) -> list[str]:
    """`Formats read:`, then a few lines per format; none when every record is the tool's own."""
    documents = [doc for doc in checked.documents if kind is None or doc.kind == kind]
    if not any(doc.source_format for doc in documents):
        return []
    format_of: dict[str, str | None] = {}
    for doc in documents:
        format_of[doc.path] = doc.source_format
        format_of[str(PurePosixPath(doc.path).with_name(SIDECAR))] = doc.source_format
    groups: dict[str | None, list] = defaultdict(list)
    for doc in documents:
        groups[doc.source_format].append(doc)
    unread: dict[str | None, list] = defaultdict(list)
    for d in checked.diagnostics:
        if d.rule.code in UNREAD_CODES and d.path in format_of and not d.baselined:
            unread[format_of[d.path]].append(d)
    templates = sum(d.rule.code == "ASY601" for d in checked.diagnostics)
    lines = ["", "Formats read:"]
    for name in sorted(groups, key=lambda n: (n is None, n or "")):
        docs = groups[name]
        lines.append(f"  {format_label(name)}: {len(docs)} record{'s' if len(docs) != 1 else ''}")
        mapped = Counter((doc.raw_status or "-", doc.status or "-") for doc in docs)
        shown = ", ".join(
            f"{printable(raw)} -> {status} ({n})" for (raw, status), n in sorted(mapped.items())
        )
        lines.append(f"    statuses: {shown}")
        problems = unread[name]
        lines.append(f"    not read: {len(problems) or 'nothing'}")
        lines += [f"      {d.location}: {d.rule.code} {printable(d.message)}" for d in problems]
    if templates:
        lines.append(f"  templates listed, not counted: {templates}")
    return lines
