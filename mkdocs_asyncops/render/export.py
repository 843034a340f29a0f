"""The handbook as one JSON object, for dashboards and other tools.

`asyncops.json` in the built site and `asyncops report --format json` are this object: the
repository's name and address, the records (every document of the handbook's own with its
repository, published page, resolved relations and backlinks, as `asyncops check --format json`
shows them too), the boards, and the diagnostics. It is a contract between handbooks (an
organisation handbook reads others' exports, `remotes:`): `export.schema.json`, shipped with the
package and written by `asyncops schema --export`, describes it, and its `version` is
MAJOR.MINOR, a minor version only adding to it.
Its order is stable (records by path, boards by their own order) and it holds no timestamp unless one is asked for (`as_of`, from the `today`
option), so exports of one handbook are equal while no deadline passes between them. Other
reports add their own top-level sections to the dict.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..boards.board import Boards
from ..core.diagnostics import count
from ..dates import iso
from ..handbook.records import record_json
from ..pipeline import Checked
from ..reading.remote_exports import EXPORT_VERSION


def build_export(
    checked: Checked,
    boards: Boards,
    as_of: datetime | None = None,
    kind: str | None = None,
    export_path: str | None = None,
) -> dict[str, Any]:
    """Records (of `kind`, or all) with resolved relations and backlinks, boards and diagnostics.

    Only the handbook's own records are exported: an organisation handbook's export does not
    repeat what it read from other handbooks, which `remotes` lists."""
    documents = sorted(
        (d for d in checked.handbook.own if kind is None or d.kind == kind), key=lambda d: d.path
    )
    stamp = {"as_of": iso(as_of)} if as_of is not None else {}
    repository = checked.handbook.repository
    return {
        "version": EXPORT_VERSION,
        **stamp,
        "repository": repository.name,
        "site_url": repository.site_url,
        **({"export_path": export_path} if export_path else {}),
        "kind": kind,
        "records": [record_json(doc, checked.handbook, checked.refs) for doc in documents],
        "boards": _boards(boards),
        **({"health": checked.health.to_dict()} if checked.health is not None else {}),
        "citations": _citations(checked, kind),
        **(
            {"remotes": [remote.to_dict() for remote in checked.remotes]} if checked.remotes else {}
        ),
        "diagnostics": [d.to_dict() for d in checked.diagnostics],
        "summary": {**count(checked.diagnostics), "documents": len(documents)},
    }


def _boards(boards: Boards) -> dict[str, Any]:
    """The boards' entries of the handbook's own records."""
    return {
        "reviews": [r.to_dict() for r in boards.reviews if r.document.repository is None],
        "integrations": [e.to_dict() for e in boards.pipeline if e.document.repository is None],
        "postmortems": [
            {
                "path": doc.path,
                "id": doc.id,
                "title": doc.title,
                "severity": getattr(doc.meta, "severity", None),
                "incident": iso(report.incident),
                "published": iso(report.published),
                "hours_to_write_up": None if report.hours is None else round(report.hours, 1),
                "within_48_hours": report.on_time,
            }
            for doc, report in boards.postmortems
            if doc.repository is None
        ],
        "action_items": [
            item.to_dict(boards.now)
            for item in boards.open_items
            if item.document.repository is None
        ],
    }


def _citations(checked: Checked, kind: str | None) -> list[dict[str, Any]]:
    """Lines of code citing the exported records, in path and line order."""
    return [
        {"path": c.path, "line": c.line, "document": c.document.path, "text": c.text}
        for c in sorted(checked.citations.all(), key=lambda c: (c.path, c.line, c.document.path))
        if kind is None or c.document.kind == kind
    ]
