"""The integration pipeline: a lane per lifecycle stage with a card per spec, and the ranking."""

from __future__ import annotations

from datetime import datetime

from ..boards.board import Boards
from ..boards.integrations import PipelineEntry
from ..dates import moment, shown
from .cards import Lane, LaneCard, Lanes
from .cells import badge_cell, doc_link, status_label
from .tables import GeneratedPage, Markup, Part, table


def integration_board(boards: Boards) -> GeneratedPage:
    """Specs by lifecycle stage, as lanes, and all of them ranked by priority score."""
    entries = boards.pipeline
    page = GeneratedPage().add(
        "# Integration pipeline\n",
        "Specs by stage, in the order of their lifecycle; a spec live for less than a week "
        "shows as *monitoring*. Each card shows the spec's owner and how long ago it was "
        "requested.\n",
    )
    if entries:
        page.add("## By stage\n", stage_lanes(entries, boards.now))
    return page.add(
        "## Priority ranking\n",
        table(
            ["Rank", "Integration", "Stage", "Owner", "Score"],
            (
                [
                    str(rank),
                    doc_link(e.document),
                    badge_cell(e.stage),
                    e.owner or "",
                    "" if e.score is None else f"{e.score:g}",
                ]
                for rank, e in enumerate(entries, 1)
            ),
            "No integration specs yet.",
            css="asyncops-scroll",
        ),
    )


def stage_lanes(entries: list[PipelineEntry], now: datetime) -> Lanes:
    """A lane for every stage of the specs' kinds, in lifecycle order (then any other stage a
    spec is at); in each, the specs at that stage, highest priority first."""
    stages: list[str] = []
    for entry in entries:
        stages += [s for s in entry.document.spec.statuses if s not in stages]
    stages += sorted({e.stage for e in entries} - set(stages))
    return Lanes(
        tuple(
            Lane(
                badge_cell(stage),
                tuple(_card(e, now) for e in entries if e.stage == stage),
                status_label(stage),
            )
            for stage in stages
        )
    )


def _card(entry: PipelineEntry, now: datetime) -> LaneCard:
    facts: list[Part] = [entry.owner or "no owner"]
    meta = entry.document.meta
    requested = moment(getattr(meta, "requested", None))
    since, what = (requested, "requested") if requested else (moment(meta.date), "dated")
    if since is not None:
        age = f"{max((now - since).days, 0)} d"
        facts.append(
            Markup(f'<span class="asyncops-age" title="{what} {shown(since)}">{age}</span>', age)
        )
    return LaneCard(doc_link(entry.document), tuple(facts))
