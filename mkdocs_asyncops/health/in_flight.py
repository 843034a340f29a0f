"""Context switching: the efforts in flight each engineer owns or authors, against at most two.

An effort is in flight while it needs its owner's attention: a design in review, or approved and
not yet implemented; an integration being specified or implemented (stages `prioritized` to
`in-review`); an open postmortem action item. Names are one person through `.mailmap`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..history.people import NO_ALIASES, Names
from ..reading.model import Document

TARGET_MAX = 2
DESIGN_STATUSES = frozenset({"in-review", "approved"})
INTEGRATION_STAGES = frozenset({"prioritized", "specified", "implementing", "in-review"})


@dataclass(frozen=True)
class Effort:
    type: str
    """`design`, `integration` or `action-item`."""
    document: Document
    title: str


@dataclass(frozen=True)
class InFlight:
    person: str
    efforts: tuple[Effort, ...]

    @property
    def count(self) -> int:
        return len(self.efforts)

    @property
    def over_target(self) -> bool:
        return self.count > TARGET_MAX

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "count": self.count,
            "over_target": self.over_target,
            "efforts": [
                {"type": e.type, "path": e.document.path, "title": e.title} for e in self.efforts
            ],
        }


OpenItem = tuple[str, Document, str]
"""An open action item as the pipeline hands it over: owner, postmortem, task."""


def in_flight(
    documents: Iterable[Document], open_items: Iterable[OpenItem] = (), names: Names = NO_ALIASES
) -> list[InFlight]:
    """Each person with efforts in flight, the busiest first, then by name."""
    found: dict[str, tuple[str, list[Effort]]] = {}

    def add(person: object, effort: Effort) -> None:
        for name in str(person).split(","):
            if name.strip():
                proper = names.canonical(name)
                found.setdefault(names.key(proper), (proper, []))[1].append(effort)

    for doc in documents:
        schema = doc.spec.schema_name
        if schema == "design" and doc.status in DESIGN_STATUSES:
            effort = Effort("design", doc, doc.title)
        elif schema == "integration" and doc.status in INTEGRATION_STAGES:
            effort = Effort("integration", doc, doc.title)
        else:
            effort = None
        if effort is not None:
            people = {
                names.key(v): v
                for v in (doc.frontmatter.get("owner"), doc.frontmatter.get("author"))
                if isinstance(v, str) and v.strip()
            }
            for person in people.values():
                add(person, effort)
    for owner, doc, task in open_items:
        add(owner, Effort("action-item", doc, task))
    results = [InFlight(person, tuple(efforts)) for person, efforts in found.values()]
    return sorted(results, key=lambda r: (-r.count, r.person.casefold()))


def in_flight_summary(people: list[InFlight]) -> dict[str, Any]:
    return {
        "target_max": TARGET_MAX,
        "over_target": sum(p.over_target for p in people),
        "people": [p.to_dict() for p in people],
    }
