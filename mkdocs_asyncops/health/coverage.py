"""Documentation coverage: the share of systems whose required documents all exist and are current.

For each system and each kind it requires, the cell is `present` when a document of that kind
names the system and is not stale, `stale` when every such document is stale, and `missing` when
there is none. A system is covered when all its cells are present. Without git history nothing
can be judged stale, so coverage then measures existence alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.diagnostics import Diagnostic, diagnostic
from ..reading.model import Document
from .catalog import System

PRESENT, STALE, MISSING = "present", "stale", "missing"


@dataclass(frozen=True)
class Cell:
    """One system's documents of one required kind."""

    kind: str
    state: str
    documents: tuple[Document, ...] = ()


@dataclass(frozen=True)
class SystemCoverage:
    system: System
    cells: tuple[Cell, ...]

    @property
    def covered(self) -> bool:
        return all(cell.state == PRESENT for cell in self.cells)

    def shortfall(self) -> str:
        """`checkout (runbook missing, design stale)`."""
        gaps = ", ".join(
            f"{cell.kind} {cell.state}" for cell in self.cells if cell.state != PRESENT
        )
        return f"{self.system.name} ({gaps})"


@dataclass(frozen=True)
class Coverage:
    rows: tuple[SystemCoverage, ...]
    minimum: float

    @property
    def covered(self) -> int:
        return sum(row.covered for row in self.rows)

    @property
    def percent(self) -> float | None:
        """Covered systems as a share of all, in percent; None without systems."""
        return 100.0 * self.covered / len(self.rows) if self.rows else None

    @property
    def short(self) -> list[SystemCoverage]:
        return [row for row in self.rows if not row.covered]

    @property
    def passes(self) -> bool:
        return self.percent is None or self.percent >= self.minimum

    def to_dict(self) -> dict[str, object]:
        return {
            "percent": None if self.percent is None else round(self.percent, 1),
            "minimum": self.minimum,
            "passes": self.passes,
            "covered": self.covered,
            "systems": [
                {
                    "name": row.system.name,
                    "owner": row.system.owner,
                    "type": row.system.type,
                    "covered": row.covered,
                    "kinds": {
                        cell.kind: {
                            "state": cell.state,
                            "documents": [doc.path for doc in cell.documents],
                        }
                        for cell in row.cells
                    },
                }
                for row in self.rows
            ],
        }


def measure(
    systems: Iterable[System],
    documents: Iterable[Document],
    stale_paths: frozenset[str],
    minimum: float,
) -> Coverage:
    """The coverage matrix of `systems` by the `documents`, given which of them are stale."""
    by_system_kind: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in documents:
        for name in doc.meta.systems:
            by_system_kind[(name, doc.kind)].append(doc)
    rows = []
    for system in sorted(systems, key=lambda s: s.name):
        cells = []
        for kind in system.requires:
            docs = tuple(by_system_kind.get((system.name, kind), ()))
            if not docs:
                state = MISSING
            elif all(doc.path in stale_paths for doc in docs):
                state = STALE
            else:
                state = PRESENT
            cells.append(Cell(kind, state, docs))
        rows.append(SystemCoverage(system, tuple(cells)))
    return Coverage(tuple(rows), minimum)


def coverage_gate(coverage: Coverage, where: str) -> list[Diagnostic]:
    """ASY402 when coverage is under the minimum, naming every system that falls short."""
    if coverage.passes:
        return []
    assert coverage.percent is not None
    short = "; ".join(row.shortfall() for row in coverage.short)
    return [
        diagnostic(
            where,
            0,
            "ASY402",
            f"documentation coverage is {coverage.percent:.1f} % ({coverage.covered} of {len(coverage.rows)} "
            f"systems), under the {coverage.minimum:g} % minimum; write or update the documents these "
            f"systems lack: {short}",
        )
    ]


def unknown_systems(documents: Iterable[Document], systems: dict[str, System]) -> list[Diagnostic]:
    """ASY406 for each system a document names that the catalog does not define."""
    problems = []
    for doc in documents:
        for name in doc.meta.systems:
            if name not in systems:
                problems.append(
                    diagnostic(
                        doc.path,
                        doc.line_of("systems"),
                        "ASY406",
                        f"system {name!r} is not in the catalog; fix the name or add the system to the catalog",
                    )
                )
    return problems
