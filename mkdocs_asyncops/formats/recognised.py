"""What a format reader found in a record's body, in the terms of this tool's frontmatter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .normalise import StatedRelation


@dataclass
class Recognised:
    """Frontmatter-equivalent fields read from a body, each with the line it came from."""

    format: str
    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: Any, line: int) -> None:
        """Keep the first value found for `key`."""
        if key not in self.fields:
            self.fields[key] = value
            self.lines[key] = line

    def add_relation(self, relation: StatedRelation, line: int) -> None:
        """Add the targets of a stated relation to those already found."""
        targets = self.fields.setdefault(relation.relation, [])
        targets.extend(t for t in relation.targets if t not in targets)
        self.lines.setdefault(relation.relation, line)
