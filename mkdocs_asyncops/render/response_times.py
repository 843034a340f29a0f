"""Times to detect and to resolve incidents, for the metrics page and the text report.

Both word `team_health()["response_times"]` (`health.team.response_summary`): median and p90 over
all postmortems and by severity, with how many of them the key events give a time for. An
incident without one is counted as unknown, never as zero.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..boards.key_events import minutes
from .tables import Cell, Table, table

__all__ = ["response_lines", "response_table"]

_HEADERS = [
    "Severity",
    "Postmortems",
    "Detect, median",
    "Detect, p90",
    "Detect, known",
    "Resolve, median",
    "Resolve, p90",
    "Resolve, known",
]


def response_table(summary: dict[str, Any]) -> list[str | Table]:
    """`## Time to detect and resolve` with one row per severity and one for all."""
    if not summary["postmortems"]:
        return []
    rows: list[list[Cell]] = [
        [_severity(group["severity"]), str(group["postmortems"]), *_cells(group)]
        for group in summary["by_severity"]
    ]
    rows.append(["All", str(summary["postmortems"]), *_cells(summary["overall"])])
    return [
        "## Time to detect and resolve\n",
        (
            "From each postmortem's key events: the fault to its detection (or the incident's "
            "declaration), and the fault to its resolution. A postmortem whose key events do not say "
            "is counted as unknown, never as zero.\n"
        ),
        table(_HEADERS, rows),
    ]


def response_lines(summary: dict[str, Any]) -> list[str]:
    """`Time to detect and resolve (3 postmortems):` and a line for all and for each severity."""
    if not summary["postmortems"]:
        return []
    count = summary["postmortems"]
    lines = [f"Time to detect and resolve ({count} postmortem{'' if count == 1 else 's'}):"]
    groups = [("all", summary["overall"], count)]
    groups += [(_severity(g["severity"]), g, g["postmortems"]) for g in summary["by_severity"]]
    for name, group, total in groups:
        detect, resolve = (_phrase(group[part], total) for part in ("detect", "resolve"))
        lines.append(f"  {name}: detect {detect}; resolve {resolve}")
    return lines


def _severity(value: int | None) -> str:
    return f"SEV{value}" if value is not None else "unknown severity"


def _cells(group: dict[str, Any]) -> list[Cell]:
    cells: list[Cell] = []
    for part in ("detect", "resolve"):
        figures = group[part]
        total = figures["known"] + figures["unknown"]
        cells += [
            _shown(figures["median_minutes"]),
            _shown(figures["p90_minutes"]),
            f"{figures['known']} of {total}",
        ]
    return cells


def _phrase(figures: dict[str, Any], total: int) -> str:
    known = f"{figures['known']} of {total} known"
    if not figures["known"]:
        return f"unknown ({known})"
    median, p90 = _shown(figures["median_minutes"]), _shown(figures["p90_minutes"])
    return f"median {median}, p90 {p90} ({known})"


def _shown(value: float | None) -> str:
    return "unknown" if value is None else minutes(timedelta(minutes=value))
