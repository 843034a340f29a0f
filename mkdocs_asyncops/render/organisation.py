"""The organisation page of a handbook that reads other handbooks (`remotes:`).

It lists every repository read (this one first) with its records by kind and whether it could
be read, and documentation coverage per owning team and per repository: the catalogued systems
each team owns, and the systems each repository's records document, with how many of them are
covered (every required document present and current, from whichever repository).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..core.escape import web_url
from ..pipeline import Checked
from ..reading.model import Document
from .tables import Cell, GeneratedPage, Link, table

__all__ = ["TITLE", "organisation_page"]

TITLE = "Organisation"


def organisation_page(checked: Checked) -> GeneratedPage:
    """Repositories, their records, and coverage by team and by repository."""
    own = checked.handbook.repository.name
    by_repository: dict[str, list[Document]] = defaultdict(list)
    for doc in checked.documents:
        by_repository[doc.repository or own].append(doc)
    read = sum(1 for remote in checked.remotes if remote.problem is None)
    rows: list[list[Cell]] = [[f"{own} (this handbook)", *_counts(by_repository[own]), "read"]]
    for remote in checked.remotes:
        site = remote.site_url
        name: Cell = Link(remote.name, site) if site and web_url(site) else remote.name
        state = "read" if remote.problem is None else f"left out: {remote.problem}"
        rows.append([name, *_counts(by_repository.get(remote.name, [])), state])
    page = GeneratedPage().add(
        f"# {TITLE}\n",
        f"This handbook reads {read} of {len(checked.remotes)} other repositories' handbooks: "
        f"{len(checked.documents)} records in all. Their records are named `REPOSITORY:ID` "
        "and link to the page their own handbook publishes.\n",
        "## Repositories\n",
        table(["Repository", "Records", "By kind", "State"], rows),
    )
    health = checked.health
    if health is None or not health.coverage.rows:
        return page.add(
            "\n## Coverage\n",
            "No systems are catalogued here; add `systems:` or `catalog:` to the plugin's "
            "options to see coverage by team and by repository.\n",
        )
    coverage = health.coverage.rows
    teams: dict[str, list[bool]] = defaultdict(list)
    for row in coverage:
        teams[row.system.owner or "no owner"].append(row.covered)
    page.add(
        "\n## Coverage by team\n",
        "The systems each team owns in the catalog, covered when every document they require "
        "is present and current, whichever repository holds it.\n",
        table(
            ["Team", "Systems", "Covered", "Coverage"],
            (
                [team, str(len(marks)), str(sum(marks)), _percent(sum(marks), len(marks))]
                for team, marks in sorted(teams.items())
            ),
        ),
    )
    covered = {row.system.name: row.covered for row in coverage}
    repository_rows = []
    for name in [own, *(remote.name for remote in checked.remotes)]:
        systems = {s for doc in by_repository.get(name, []) for s in doc.meta.systems}
        known = [covered[s] for s in sorted(systems) if s in covered]
        repository_rows.append(
            [name, str(len(known)), str(sum(known)), _percent(sum(known), len(known))]
        )
    return page.add(
        "\n## Coverage by repository\n",
        "The catalogued systems each repository's records document, and how many of them are "
        "covered.\n",
        table(["Repository", "Systems documented", "Covered", "Coverage"], repository_rows),
    )


def _counts(documents: list[Document]) -> list[Cell]:
    kinds = Counter(doc.spec.plural for doc in documents)
    return [
        str(len(documents)),
        ", ".join(f"{plural} {count}" for plural, count in sorted(kinds.items())) or "–",
    ]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"
