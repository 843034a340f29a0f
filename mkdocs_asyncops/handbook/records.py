"""One record's JSON, the same in `asyncops check`, `asyncops report` and the export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..reading.model import RELATIONS, Document
from .crossref import CrossReferences
from .relations import Handbook

__all__ = ["EXPORT_SCHEMA", "record_json"]

EXPORT_SCHEMA = Path(__file__).with_name("export.schema.json")
"""The JSON Schema of the export (`asyncops.json`), its records under `$defs/record`, shipped
with the package."""


def record_json(doc: Document, handbook: Handbook, refs: CrossReferences) -> dict[str, Any]:
    """A record as every JSON output shows it (`check`, `report`, the export; `EXPORT_SCHEMA`):
    the document, its repository and published page, the ids of related documents in both
    directions (`supersedes` and `superseded_by`, whichever side stated it; those of other
    repositories prefixed with the repository, `payments:ADR-0003`), and of the documents
    linking to it."""
    data = doc.to_dict()
    if doc.repository is None:
        data["repository"] = handbook.repository.name
        data["published_url"] = handbook.repository.page_url(doc.source.src_uri)
    else:
        data["repository"] = doc.repository
        data["published_url"] = doc.source.src_uri
    related, external = handbook.relations_of(doc), handbook.external_of(doc)
    data["relations"] = {
        rel: [other.id for other in related.get(rel, ())] + list(external.get(rel, ()))
        for rel in RELATIONS
    }
    data["relations"]["referenced_by"] = [source.id for source in refs.referenced_by(doc)]
    return data
