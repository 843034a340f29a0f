"""What a format reader found in a record's body, in the terms of this tool's frontmatter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .normalise import StatedRelation, opens_with_relation, stated_relation


@dataclass
class Recognised:
    """Frontmatter-equivalent fields read from a body, each with the line it came from."""

    format: str
    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    unread: list[tuple[int, str]] = field(default_factory=list)
    """Lines that state a relation without naming a record, with their numbers."""

    def add(self, key: str, value: Any, line: int) -> None:
        """Keep the first value found for `key`."""
        if key not in self.fields:
            self.fields[key] = value
            self.lines[key] = line

    def read_relation(self, text: str, line: int) -> None:
        """Add the relation `text` states, or keep it as unread when it names no record."""
        relation = stated_relation(text)
        if relation is not None:
            self.add_relation(relation, line)
        elif opens_with_relation(text):
            self.unread.append((line, text.strip()))

    def add_relation(self, relation: StatedRelation, line: int) -> None:
        """Add the targets of a stated relation to those already found."""
        targets = self.fields.setdefault(relation.relation, [])
        targets.extend(t for t in relation.targets if t not in targets)
        self.lines.setdefault(relation.relation, line)
