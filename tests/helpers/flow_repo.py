"""A handbook in a real git repository, with fixed dates, for approvals, inboxes, events and feeds.

As of 2026-03-10 (the `today` option):
- design/search.md (Chen Wu's): in review since 2026-03-02 09:00, due 03-05 09:00; approved by
  `ana` (Ana Souza's `.mailmap` alias) only, so 1 of 2 and waiting on Bo Li, overdue;
- design/cache.md (Ana Souza's): approved; its deadline was 03-04 09:00 and its quorum came on
  03-06, after it;
- adr/0001: proposed 03-03, accepted 03-08 by Ana committing as `ana <ana@old.example.com>`;
- adr/0002: proposed 03-07, open for review until 03-12, asks Bo Li and Chen Wu;
- adr/0003: superseded on 03-09;
- a postmortem published 03-05 with one action item overdue (Bo Li's) and one of `ana`'s;
- runbooks/broker.md (Bo Li's): last changed 2025-12-05, stale since 2026-03-06.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mkdocs_asyncops.health.assess import read_history
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.mkdocs.project_file import read
from mkdocs_asyncops.pipeline import Checked, run_checks
from tests.helpers.gitrepo import GitRepo

ANA = "Ana Souza <ana@example.com>"
OLD_ANA = "ana <ana@old.example.com>"
BO = "Bo Li <bo@example.com>"
CHEN = "Chen Wu <chen@example.com>"

CONFIG = """\
site_name: Flow
site_url: https://handbook.example.com/
plugins:
  - asyncops:
      sources: [adr]
      today: 2026-03-10
"""
MAILMAP = "Ana Souza <ana@example.com> ana <ana@old.example.com>\n"

DESIGN = """\
---
status: {status}
author: {author}
reviewers: [{reviewers}]
review_requested: {requested}
{extra}---
# {title}

## Problem Statement
It is slow.

## Proposed Solution
Make it fast.

## Alternatives Considered
None.

## Implementation Plan
Do it.

## Success Metrics
Faster.
"""

ADR = """\
---
status: {status}
date: {date}
deciders: [{deciders}]
{extra}---
# {number}. {title}

## Context
Forces.

## Decision
Chosen.

## Consequences
Follows.
"""

RUNBOOK = """\
---
owner: Bo Li
systems: [broker]
---
# Broker

## Detection
Alerts.

## Triage
Look.

## Communication
Say.

## Mitigation
Fix.

## Escalation
Call.
"""

POSTMORTEM = """\
---
severity: 2
incident_date: 2026-03-04 10:00
published: 2026-03-05
status: published
owner: Chen Wu
---
# Broker outage

## Incident Summary
Stalled.

## Timeline
- 10:00 alert

## Root Cause
Disk.

## Resolution
Grown.

## Action Items
- [ ] Alert on disk usage (Bo Li, 2026-03-08)
- [ ] Write the broker runbook (ana, 2026-03-20)
- [x] Expand the volume (Chen Wu, 2026-03-05)

## Lessons Learned
Watch disks.
"""


def design(
    title: str, status: str, author: str, reviewers: str, requested: str, extra: str = ""
) -> str:
    return DESIGN.format(
        title=title,
        status=status,
        author=author,
        reviewers=reviewers,
        requested=requested,
        extra=extra,
    )


def adr(number: int, title: str, status: str, date: str, deciders: str, extra: str = "") -> str:
    return ADR.format(
        number=number, title=title, status=status, date=date, deciders=deciders, extra=extra
    )


CACHE_APPROVED = (
    "approved_by:\n  - {name: Bo Li, date: 2026-03-02}\n  - {name: Chen Wu, date: 2026-03-06}\n"
)


def build_flow_repo(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.commit(
        {
            "mkdocs.yml": CONFIG,
            ".mailmap": MAILMAP,
            "docs/index.md": "# Flow\n",
            "docs/runbooks/broker.md": RUNBOOK,
            "adr/0003-use-memcached.md": adr(3, "Use Memcached", "accepted", "2025-06-01", "Bo Li"),
        },
        "2025-12-05 10:00",
        BO,
        "Start the handbook",
    )
    cache = "Cache", "Ana Souza", "Bo Li, Chen Wu", "2026-03-01 09:00"
    repo.commit(
        {"docs/design/cache.md": design(cache[0], "in-review", *cache[1:])},
        "2026-03-01 09:00",
        ANA,
        "Design: cache",
    )
    search = "Search", "Chen Wu", "Ana Souza, Bo Li", "2026-03-02 09:00"
    repo.commit(
        {"docs/design/search.md": design(search[0], "in-review", *search[1:])},
        "2026-03-02 09:00",
        CHEN,
        "Design: search",
    )
    repo.commit(
        {
            "adr/0001-use-postgres.md": adr(
                1, "Use PostgreSQL", "proposed", "2026-03-03", "Ana Souza, Bo Li"
            )
        },
        "2026-03-03 10:00",
        OLD_ANA,
        "Propose Postgres",
    )
    repo.commit(
        {
            "docs/design/search.md": design(
                search[0],
                "in-review",
                *search[1:],
                extra="approved_by: [{name: ana, date: 2026-03-03}]\n",
            )
        },
        "2026-03-03 12:00",
        ANA,
        "Approve search",
    )
    repo.commit(
        {"docs/postmortems/2026-03-04-broker-outage.md": POSTMORTEM},
        "2026-03-05 08:00",
        CHEN,
        "Postmortem",
    )
    repo.commit(
        {"docs/design/cache.md": design(cache[0], "approved", *cache[1:], extra=CACHE_APPROVED)},
        "2026-03-06 15:00",
        ANA,
        "Cache approved",
    )
    repo.commit(
        {
            "adr/0002-use-redis.md": adr(
                2,
                "Use Redis",
                "proposed",
                "2026-03-07",
                "Bo Li, Chen Wu",
                extra="supersedes: [3]\n",
            )
        },
        "2026-03-07 09:00",
        BO,
        "Propose Redis",
    )
    repo.commit(
        {
            "adr/0001-use-postgres.md": adr(
                1,
                "Use PostgreSQL",
                "accepted",
                "2026-03-03",
                "Ana Souza, Bo Li",
                extra="approved_by: [Ana Souza, Bo Li]\n",
            )
        },
        "2026-03-08 11:00",
        OLD_ANA,
        "Accept Postgres",
    )
    repo.commit(
        {
            "adr/0003-use-memcached.md": adr(
                3,
                "Use Memcached",
                "superseded",
                "2025-06-01",
                "Bo Li",
                extra="superseded_by: [2]\n",
            )
        },
        "2026-03-09 16:00",
        BO,
        "Memcached superseded",
    )
    return repo


def checked_flow(root: Path) -> tuple[Checked, datetime]:
    project = read(root / "mkdocs.yml")
    settings, options = project.settings, project.publish
    checked = run_checks(
        settings, history=lambda: read_history(settings, HistoryReader(), options.today)
    )
    return checked, options.now()
