"""The boards of the handbook, computed once per build from the checked documents (`pipeline.run_checks`).

A `Boards` holds what the generated pages and the JSON export show: reviews waiting (with
deadlines), the integration pipeline (with priority scores), postmortems (with their 48-hour
write-up check) and every open action item. All of it is judged against one `now`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..core.settings import BoardOptions
from ..dates import UTC, moment
from ..health.approvals import Quorum, quorums
from ..history.people import NO_ALIASES, Names
from ..reading.model import Document
from ..reading.remote_exports import ExportedActionItem
from .integrations import PipelineEntry, pipeline
from .postmortems import ActionItem, WriteUp, action_items, write_up
from .reviews import Review, pending_reviews

DEFAULT_OPTIONS = BoardOptions()

_NEVER = datetime.min.replace(tzinfo=UTC)
"""Sorts a postmortem without an incident date after every dated one."""


@dataclass
class Boards:
    """Everything the boards show, judged at `now`."""

    now: datetime
    reviews: list[Review]
    pipeline: list[PipelineEntry]
    postmortems: list[tuple[Document, WriteUp]]
    """Postmortems, most severe first, then newest first."""
    open_items: list[ActionItem]
    """Open action items across all postmortems, the earliest due first."""
    quorums: dict[str, Quorum] = field(default_factory=dict)
    """Each document's sign-off, by path, for kinds that ask for approvals."""


def build_boards(
    documents: Sequence[Document],
    now: datetime,
    options: BoardOptions = DEFAULT_OPTIONS,
    remote_items: Sequence[tuple[Document, ExportedActionItem]] = (),
    names: Names = NO_ALIASES,
) -> Boards:
    """The boards of the checked `documents`, judged at `now`; `remote_items` are other
    repositories' open action items, from their exports (`Checked.remote_action_items`);
    approvers' names are matched as one person through `names`, the pipeline's `.mailmap`."""
    postmortems = [
        doc for doc in documents if doc.spec.schema_name == "postmortem"
    ]  # also a team's own kinds
    reports = [(doc, write_up(doc)) for doc in postmortems]
    reports.sort(key=lambda pair: pair[1].incident or _NEVER, reverse=True)
    reports.sort(key=lambda pair: _severity(pair[0]))
    items = [item for doc in postmortems for item in action_items(doc) if not item.done]
    items += [_remote_item(doc, item) for doc, item in remote_items if not item.done]
    items.sort(key=lambda item: (item.due is None, item.due or now, item.document.path, item.line))
    signed = quorums(documents, names)
    return Boards(
        now=now,
        reviews=pending_reviews(documents, now, options.reviews, signed),
        pipeline=pipeline(documents, options.priority, now),
        postmortems=reports,
        open_items=items,
        quorums=signed,
    )


def _remote_item(doc: Document, item: ExportedActionItem) -> ActionItem:
    """Another repository's action item, as its export states it."""
    due = moment(item.due, text=True) if item.due else None
    return ActionItem(doc, item.line, item.task, item.owner, due, item.done)


def _severity(doc: Document) -> int:
    value = getattr(doc.meta, "severity", None)
    return value if isinstance(value, int) else 99
