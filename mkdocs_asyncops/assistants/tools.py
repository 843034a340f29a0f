"""What an assistant may ask of the handbook, read-only, as plain JSON-ready data.

Each answer reads the handbook afresh (files that did not change are not read again, and the git
history walks only new commits), so a long-running server always answers about the files as
they are. Nothing here writes a file.
"""

from __future__ import annotations

from typing import Any

from ..boards.board import Boards
from ..boards.digest import parse_since
from ..boards.events import handbook_events
from ..boards.inbox import inbox
from ..core.settings import PublishOptions, Settings
from ..dates import iso
from ..handbook.records import record_json
from ..health.assess import history_in_background
from ..history.reader import HistoryReader
from ..pipeline import Checked, run_checks
from ..reading.scan import DocumentCache

SEARCH_LIMIT = 50


class HandbookTools:
    """The handbook of one project, read on each question."""

    def __init__(self, settings: Settings, options: PublishOptions) -> None:
        self.settings = settings
        self.options = options
        self._history = HistoryReader()
        self._cache = DocumentCache()

    def _read(self) -> tuple[Checked, Boards]:
        history = history_in_background(self.settings, self._history, self.options.today)
        checked = run_checks(self.settings, history=history, cache=self._cache)
        return checked, checked.boards(self.options.now(), self.options.boards)

    def search(self, query: str, kind: str | None = None, limit: int = 20) -> dict[str, Any]:
        """Documents whose title, id, path, tags or systems hold every word of `query`."""
        checked, _ = self._read()
        words = query.casefold().split()
        found = []
        for doc in checked.documents:
            if kind and doc.kind != kind:
                continue
            text = " ".join(
                [doc.title, doc.id, doc.path, *map(str, doc.meta.tags), *map(str, doc.meta.systems)]
            ).casefold()
            if all(word in text for word in words):
                found.append(
                    {
                        "path": doc.path,
                        "id": doc.id,
                        "title": doc.title,
                        "kind": doc.kind,
                        "status": doc.status,
                    }
                )
        limit = max(1, min(limit, SEARCH_LIMIT))
        return {"query": query, "count": len(found), "documents": found[:limit]}

    def document(self, ref: str) -> dict[str, Any]:
        """One document by id (`ADR-0007`), number-less id or path, with its relations, its
        approvals and its review when it is in one."""
        checked, boards = self._read()
        wanted = ref.strip().casefold()
        for doc in checked.documents:
            if wanted in (doc.id.casefold(), doc.path.casefold(), doc.source.src_uri.casefold()):
                data = record_json(doc, checked.handbook, checked.refs)
                quorum = boards.quorums.get(doc.path)
                data["approvals"] = quorum.to_dict() if quorum is not None else None
                review = next((r for r in boards.reviews if r.document is doc), None)
                data["review"] = review.to_dict() if review is not None else None
                data["body"] = doc.body
                return {"found": True, "document": data}
        return {"found": False, "ref": ref}

    def inbox(self, person: str) -> dict[str, Any]:
        """What waits on `person`, as `asyncops inbox --format json` says it."""
        checked, boards = self._read()
        name = checked.names.canonical(person)
        stale = checked.health.stale if checked.health is not None else []
        items = inbox(name, boards, stale, checked.names)
        return {
            "person": name,
            "now": iso(boards.now, moment_only=True),
            "items": [item.to_dict() for item in items],
        }

    def digest(self, since_when: str = "7d") -> dict[str, Any]:
        """The events since a span (`7d`) or a date, as `asyncops digest --format json`."""
        checked, boards = self._read()
        start = parse_since(since_when, boards.now)
        events = handbook_events(checked.handbook.own, checked.health, boards, start)
        return {
            "since": iso(start, moment_only=True),
            "now": iso(boards.now, moment_only=True),
            "events": [event.to_dict() for event in events],
        }

    def awaiting_review(self) -> dict[str, Any]:
        """What awaits review, the most urgent first, as `asyncops review --format json`."""
        _, boards = self._read()
        return {
            "now": iso(boards.now, moment_only=True),
            "reviews": [review.to_dict() for review in boards.reviews],
        }
