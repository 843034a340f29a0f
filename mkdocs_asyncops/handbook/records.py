"""One record's JSON, the same in `asyncops check`, `asyncops report` and the export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..reading.model import RELATIONS, Document
from .crossref import CrossReferences
from .relations import Handbook

__all__ = ["RECORD_SCHEMA", "record_json"]

RECORD_SCHEMA = Path(__file__).with_name("records.schema.json")
"""The JSON Schema of one record, shipped with the package."""


def record_json(doc: Document, handbook: Handbook, refs: CrossReferences) -> dict[str, Any]:
    """A record as every JSON output shows it (`check`, `report`, the export; `RECORD_SCHEMA`):
    the document, the ids of related documents in both directions (`supersedes` and
    `superseded_by`, whichever side stated it), and of the documents linking to it."""
    data = doc.to_dict()
    data["relations"] = {
        rel: [other.id for other in handbook.related(doc, rel)] for rel in RELATIONS
    }
    data["relations"]["referenced_by"] = [source.id for source in refs.referenced_by(doc)]
    return data
