"""The handbook as one JSON object, for dashboards and other tools.

`asyncops.json` in the built site and `asyncops report --format json` are this object: the
records (every document with its resolved relations and backlinks, as `asyncops check --format
json` shows them too; `records.schema.json` describes one), the boards, and the diagnostics.
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

EXPORT_VERSION = 1


def build_export(
    checked: Checked, boards: Boards, as_of: datetime | None = None, kind: str | None = None
) -> dict[str, Any]:
    """Records (of `kind`, or all) with resolved relations and backlinks, boards and diagnostics."""
    documents = sorted(
        (d for d in checked.documents if kind is None or d.kind == kind), key=lambda d: d.path
    )
    stamp = {"as_of": iso(as_of)} if as_of is not None else {}
    return {
        "version": EXPORT_VERSION,
        **stamp,
        "kind": kind,
        "records": [record_json(doc, checked.handbook, checked.refs) for doc in documents],
        "boards": {
            "reviews": [review.to_dict() for review in boards.reviews],
            "integrations": [entry.to_dict() for entry in boards.pipeline],
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
            ],
            "action_items": [item.to_dict(boards.now) for item in boards.open_items],
        },
        **({"health": checked.health.to_dict()} if checked.health is not None else {}),
        "diagnostics": [d.to_dict() for d in checked.diagnostics],
        "summary": {**count(checked.diagnostics), "documents": len(documents)},
    }
