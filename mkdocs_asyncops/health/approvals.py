"""Sign-off: who must approve a document, who has, and when the quorum was reached.

A kind states who approves (`approvals: {required: 2, from: [reviewers]}`: designs from their
`reviewers`, ADRs from their `deciders`, MADR 4's `decision-makers`); without `required` every
person listed must approve. A document records its approvals in frontmatter:

    approved_by:
      - {name: Ana Souza, date: 2026-03-02}
      - Bo Li            # a plain name: approved, the moment unknown

The quorum is reached at the date of the approval that completed it; the review clock stops
then (`boards/reviews.py`) and review-time metrics measure to it (`team.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core.diagnostics import Diagnostic, diagnostic
from ..dates import iso, moment
from ..history.people import NO_ALIASES, Names
from ..reading.model import Document

APPROVED_BY = "approved_by"


@dataclass(frozen=True)
class Approval:
    name: str
    when: datetime | None
    line: int


@dataclass(frozen=True)
class Quorum:
    """A document's sign-off as it stands."""

    document: Document
    required: int
    """How many approvals make the quorum."""
    approvers: tuple[str, ...]
    """Who is asked to approve, as the document names them."""
    approvals: tuple[Approval, ...]
    """The approvals recorded, each person once (by `.mailmap` name), in the document's order."""
    pending: tuple[str, ...]
    """Who is asked and has not approved."""
    reached: datetime | None
    """When the approval that completed the quorum was given (None: not reached, or undated)."""

    @property
    def met(self) -> bool:
        return len(self.approvals) >= self.required

    @property
    def shortfall(self) -> int:
        return max(self.required - len(self.approvals), 0)

    @property
    def summary(self) -> str:
        """`1 of 2 approvals`."""
        return (
            f"{len(self.approvals)} of {self.required} approval{'' if self.required == 1 else 's'}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "required": self.required,
            "approvers": list(self.approvers),
            "approved_by": [{"name": a.name, "date": iso(a.when)} for a in self.approvals],
            "pending": list(self.pending),
            "met": self.met,
            "reached": iso(self.reached),
        }


def approvers_of(document: Document) -> tuple[str, ...]:
    """The people the kind's `approvals.from` fields name (validated, so aliases count)."""
    spec = document.spec.approvals
    if spec is None:
        return ()
    names: list[str] = []
    for field in spec.from_fields:
        value = getattr(document.meta, field, None)
        if value is None:
            value = document.frontmatter.get(field)
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        for name in value if isinstance(value, list) else []:
            if str(name).strip() and str(name).strip() not in names:
                names.append(str(name).strip())
    return tuple(names)


def recorded(document: Document) -> tuple[list[tuple[str, datetime | None]], list[str]]:
    """The `approved_by` entries as (name, date), and what is wrong with the ones unreadable."""
    value = document.frontmatter.get(APPROVED_BY)
    if value is None:
        return [], []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        return [], ["`approved_by` must be a list of names or of `{name: ..., date: ...}`"]
    entries: list[tuple[str, datetime | None]] = []
    problems: list[str] = []
    for item in value:
        if isinstance(item, (str, int)) and not isinstance(item, bool) and str(item).strip():
            entries.append((str(item).strip(), None))
        elif isinstance(item, Mapping) and str(item.get("name") or "").strip():
            when = moment(item.get("date"))
            if item.get("date") is not None and when is None:
                problems.append(f"the approval by {item['name']!r} has no valid date")
            entries.append((str(item["name"]).strip(), when))
        else:
            problems.append(
                f"an approval names nobody ({item!r}); write `{{name: ..., date: ...}}`"
            )
    return entries, problems


def quorum_of(document: Document, names: Names = NO_ALIASES) -> Quorum | None:
    """The document's sign-off; None when its kind asks for none."""
    spec = document.spec.approvals
    if spec is None:
        return None
    approvers = approvers_of(document)
    entries, _ = recorded(document)
    line = document.line_of(APPROVED_BY)
    seen: dict[str, Approval] = {}
    for name, when in entries:
        seen.setdefault(names.key(name), Approval(names.canonical(name), when, line))
    approvals = tuple(seen.values())
    required = spec.required if spec.required is not None else max(len(approvers), 1)
    pending = tuple(name for name in approvers if names.key(name) not in seen)
    reached = None
    if len(approvals) >= required:
        dated = sorted(a.when for a in approvals if a.when is not None)
        undated = len(approvals) - len(dated)
        # The quorum's moment: the approval that completed it, counting undated ones first.
        index = required - 1 - undated
        reached = dated[index] if 0 <= index < len(dated) else None
    return Quorum(document, required, approvers, approvals, pending, reached)


def quorums(documents: Iterable[Document], names: Names = NO_ALIASES) -> dict[str, Quorum]:
    """The sign-off of each document whose kind asks for one, by path."""
    found = {}
    for doc in documents:
        quorum = quorum_of(doc, names)
        if quorum is not None:
            found[doc.path] = quorum
    return found


def approval_problems(documents: Iterable[Document], names: Names = NO_ALIASES) -> list[Diagnostic]:
    """ASY023 for unreadable `approved_by` entries; ASY311 for a document in its kind's approved
    status without the quorum (held to it when it records approvals or its team enforces them)."""
    problems = []
    for doc in documents:
        spec = doc.spec.approvals
        if spec is None:
            continue
        _, unreadable = recorded(doc)
        for problem in unreadable:
            problems.append(diagnostic(doc.path, doc.line_of(APPROVED_BY), "ASY023", problem))
        held = spec.enforced or APPROVED_BY in doc.frontmatter
        if not held or doc.status != doc.spec.approved_status:
            continue
        quorum = quorum_of(doc, names)
        if quorum is None or quorum.met:
            continue
        who = ", ".join(quorum.pending) if quorum.pending else "nobody else is named"
        problems.append(
            diagnostic(
                doc.path,
                doc.line_of(doc.spec.status_field),
                "ASY311",
                f"status {doc.status} needs {quorum.required} approval"
                f"{'' if quorum.required == 1 else 's'} from {' or '.join(spec.from_fields)}, "
                f"and {len(quorum.approvals)} {'is' if len(quorum.approvals) == 1 else 'are'} recorded; "
                f"missing: {who}. Add them with `asyncops approve {doc.path} --as NAME`",
            )
        )
    return problems
