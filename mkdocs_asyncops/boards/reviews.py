"""Review deadlines: which documents wait for review, who is asked, and which are late.

The field's practice: a design document asks for review with a deadline, 72 hours unless the
author states one (`review_deadline`); a proposed ADR is open for comments for a review period
(3 to 5 days) from `review_requested`, or from its `date` when review was never asked for
explicitly. Any other document whose status is `in-review` follows the design rule.

Nothing here reads the clock: callers pass `now`, so boards, exports and tests agree.

    >>> policy = ReviewPolicy(design_window=timedelta(hours=48))
    >>> for review in pending_reviews(handbook.documents, now, policy):
    ...     print(review.document.id, review.deadline, review.overdue)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core.settings import ReviewPolicy
from ..dates import iso, moment
from ..reading.model import Document

IN_REVIEW = "in-review"
PROPOSED = "proposed"
DEFAULT_POLICY = ReviewPolicy()


@dataclass(frozen=True)
class Review:
    """A document waiting for review."""

    document: Document
    reviewers: tuple[str, ...]
    """Who is asked: `reviewers`, else `deciders`, else `consulted` (empty when nobody is named)."""
    requested: datetime | None
    """When review was asked for (a proposed ADR without `review_requested`: its `date`)."""
    deadline: datetime | None
    """When reviews are due; None when neither a deadline nor a request date is known."""
    overdue: bool
    """The deadline has passed at the `now` the review was judged against."""

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "path": doc.path,
            "id": doc.id,
            "title": doc.title,
            "kind": doc.kind,
            "status": doc.status,
            "reviewers": list(self.reviewers),
            "requested": iso(self.requested),
            "deadline": iso(self.deadline),
            "overdue": self.overdue,
        }


def awaits_review(document: Document) -> bool:
    """Whether the document is in review: status `in-review`, or a `proposed` decision."""
    return document.status in (IN_REVIEW, PROPOSED)


def review_of(
    document: Document, now: datetime, policy: ReviewPolicy = DEFAULT_POLICY
) -> Review | None:
    """The review `document` is waiting for, judged at `now`; None when it is not in review."""
    if not awaits_review(document):
        return None
    meta = document.meta
    requested = moment(getattr(meta, "review_requested", None))
    deadline = moment(getattr(meta, "review_deadline", None))
    if document.status == PROPOSED:
        start = requested or moment(meta.date)
        window = policy.proposal_period
    else:
        start = requested
        window = policy.design_window
    if deadline is None and start is not None:
        deadline = start + window
    return Review(
        document=document,
        reviewers=_reviewers(meta),
        requested=requested or (start if document.status == PROPOSED else None),
        deadline=deadline,
        overdue=deadline is not None and deadline < now,
    )


def pending_reviews(
    documents: Iterable[Document], now: datetime, policy: ReviewPolicy = DEFAULT_POLICY
) -> list[Review]:
    """Every document waiting for review, the most urgent first (no deadline last)."""
    reviews = [r for r in (review_of(doc, now, policy) for doc in documents) if r is not None]
    return sorted(reviews, key=lambda r: (r.deadline is None, r.deadline or now, r.document.path))


def _reviewers(meta: Any) -> tuple[str, ...]:
    for field in ("reviewers", "deciders", "consulted"):
        people = getattr(meta, field, None)
        if people:
            return tuple(str(person) for person in people)
    return ()
