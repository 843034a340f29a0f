"""Helpers shared by the tests: sample documents, project folders, and scans with the core."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mkdocs_asyncops.core.diagnostics import Diagnostic
from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.pipeline import Checked, run_checks

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"

ADR = """\
---
status: accepted
date: 2024-03-01
deciders: [Ana, Bo]
---
# {number}. {title}

## Context
The forces at play.

## Decision
What we chose.

## Consequences
What follows.
"""


def adr(number: int = 1, title: str = "Use PostgreSQL") -> str:
    """A valid ADR with this number and title."""
    return ADR.format(number=number, title=title)


Writer = Callable[[Mapping[str, "str | bytes"]], Path]


def scan_folder(root: Path, *folders: str, **options: Any) -> Checked:
    """Check `folders` (default: the whole root) with default settings plus `options`."""
    paths = [SourceFolder(path=root / f) for f in folders] or [SourceFolder(path=root)]
    return run_checks(Settings.build(root, paths, **options))


def codes(result: Checked | list[Diagnostic]) -> list[tuple[str, int, str]]:
    """(path, line, rule code) of each diagnostic."""
    diagnostics = result.diagnostics if isinstance(result, Checked) else result
    return [(d.path, d.line, d.rule.code) for d in diagnostics]


VALID = {
    "adr/0001-use-postgres.md": """\
---
status: accepted
date: 2024-03-01
deciders: Ana Souza, Bo Li
supersedes: []
tags: [storage]
systems: [workflow-engine]
---
# 1. Use PostgreSQL JSONB for workflow state

## Context
Workflow state changes shape with every connector.

## Decision
Store it as JSONB.

## Consequences
Expression indexes are needed for hot fields.
""",
    "design/search-v2.md": """\
---
status: in-review
author: Ana Souza
reviewers: [Bo Li, Chen Wu]
review_requested: 2024-03-04 09:00
review_deadline: 2024-03-07 09:00
---
# Search v2

## Problem Statement
Search is slow.

## Proposed Solution
An inverted index.

## Alternatives Considered
A hosted engine, rejected for cost.

## Implementation Plan
1. Index builder. 2. Query path.

## Success Metrics
p95 under 200 ms.
""",
    "integrations/salesforce.md": """\
---
stage: implementing
owner: Chen Wu
auth_method: OAuth2
rate_limits: 100000 requests per day
priority: {customer_demand: 5, market_differentiation: 3, technical_complexity: 2}
systems: [connector-framework]
---
# Salesforce

## API Analysis
REST, v59.

## Configuration Guide
Connect with an admin account.

## Action Documentation
Create lead, update opportunity.

## Error Handling
Retry 429 with backoff.

## Testing Guide
Use a developer sandbox.
""",
    "postmortems/2024-03-02-queue-outage.md": """\
---
severity: SEV1
incident_date: 2024-03-02 14:05
published: 2024-03-03 10:00
status: published
systems: [workflow-engine]
---
# Queue outage

## Incident Summary
Workflows stalled for 40 minutes.

## Timeline
- 14:05 - Alert triggered

## Root Cause
A full disk on the broker.

## Resolution
Expanded the volume.

## Action Items
- [ ] Alert on disk at 80% (Bo Li, 2024-03-10)

## Lessons Learned
Disk alerts were missing.
""",
    "runbooks/workflow-engine.md": """\
---
owner: Bo Li
systems: [workflow-engine]
severity_levels: [1, 2]
---
# Workflow engine

## Detection
Queue depth alert.

## Triage
Check the dashboard.

## Communication
Post in #status.

## Mitigation
Scale the workers.

## Escalation
Page the platform lead.
""",
}
