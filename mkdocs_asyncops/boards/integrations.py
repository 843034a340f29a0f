"""The integration pipeline: each spec's lifecycle stage, owner and priority score.

A spec that went `live` less than a week ago is shown as `monitoring`: the platform team
watches its error rates and performance for the first week after launch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..core.formula import Formula
from ..dates import iso, moment
from ..reading.model import Document

MONITORING_PERIOD = timedelta(days=7)


@dataclass(frozen=True)
class PipelineEntry:
    """An integration spec on the pipeline board."""

    document: Document
    stage: str
    """The stage shown: the document's own, or `monitoring` in its first week live."""
    owner: str | None
    score: float | None
    live_since: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.document.path,
            "id": self.document.id,
            "title": self.document.title,
            "stage": self.stage,
            "owner": self.owner,
            "score": self.score,
            "live_since": iso(self.live_since),
        }


def pipeline(documents: Iterable[Document], formula: Formula, now: datetime) -> list[PipelineEntry]:
    """Integration specs ranked by priority score, highest first; unscored ones last."""
    entries = []
    for doc in documents:
        if doc.spec.schema_name != "integration":
            continue
        live_since = moment(getattr(doc.meta, "live_since", None))
        stage = doc.status or "unknown"
        if (
            stage == "live"
            and live_since is not None
            and live_since <= now < live_since + MONITORING_PERIOD
        ):
            stage = "monitoring"
        priority = getattr(doc.meta, "priority", None)
        scores = priority.model_dump() if priority is not None else {}
        entries.append(
            PipelineEntry(
                document=doc,
                stage=stage,
                owner=doc.meta.owner,
                score=formula(scores),
                live_since=live_since,
            )
        )
    return sorted(
        entries, key=lambda e: (e.score is None, -(e.score or 0), e.document.title.casefold())
    )
