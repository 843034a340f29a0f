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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core.settings import ReviewPolicy
from ..dates import iso, moment
from ..health.approvals import Quorum
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
    """The deadline passed before the quorum was reached (or, without it, before `now`)."""
    quorum: Quorum | None = None
    """The sign-off so far, when the kind asks for approvals."""

    @property
    def settled(self) -> bool:
        """The quorum is reached: the review clock has stopped, nobody is waited on."""
        return self.quorum is not None and self.quorum.met

    @property
    def waiting_on(self) -> tuple[str, ...]:
        """Who is asked and has not approved yet (nobody once the quorum is reached)."""
        if self.settled:
            return ()
        return self.quorum.pending if self.quorum is not None else self.reviewers

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
            "approvals": self.quorum.to_dict() if self.quorum is not None else None,
        }


def awaits_review(document: Document) -> bool:
    """Whether the document is in review: status `in-review`, or a `proposed` decision."""
    return document.status in (IN_REVIEW, PROPOSED)


def review_of(
    document: Document,
    now: datetime,
    policy: ReviewPolicy = DEFAULT_POLICY,
    quorum: Quorum | None = None,
) -> Review | None:
    """The review `document` is waiting for, judged at `now`; None when it is not in review.

    The clock stops when the quorum is reached: a review settled in time is not overdue, one
    settled after its deadline stays late."""
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
    stopped = now
    if quorum is not None and quorum.met:
        stopped = quorum.reached or (deadline or now)
    return Review(
        document=document,
        reviewers=_reviewers(meta),
        requested=requested or (start if document.status == PROPOSED else None),
        deadline=deadline,
        overdue=deadline is not None and deadline < stopped,
        quorum=quorum,
    )


def pending_reviews(
    documents: Iterable[Document],
    now: datetime,
    policy: ReviewPolicy = DEFAULT_POLICY,
    quorums: Mapping[str, Quorum] | None = None,
) -> list[Review]:
    """Every document waiting for review, the most urgent first (no deadline last)."""
    quorums = quorums or {}
    reviews = [
        r
        for r in (review_of(doc, now, policy, quorums.get(doc.path)) for doc in documents)
        if r is not None
    ]
    return sorted(reviews, key=lambda r: (r.deadline is None, r.deadline or now, r.document.path))


def _reviewers(meta: Any) -> tuple[str, ...]:
    for field in ("reviewers", "deciders", "consulted"):
        people = getattr(meta, field, None)
        if people:
            return tuple(str(person) for person in people)
    return ()
