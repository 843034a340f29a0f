"""Times to detect and to resolve in the metrics: median and p90 by severity and overall, on the
metrics page, in the export (validated against its schema) and in `asyncops report`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.health.assess import read_history
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.pipeline import run_checks
from mkdocs_asyncops.render.health_pages import metrics_page
from tests.helpers.gitrepo import GitRepo
from tests.site.test_remotes import EXPORT_SCHEMA

LOG = """\
---
severity: {severity}
status: published
---
# {title}

- **Summary**: {title} for some customers.
- **Impact**: requests failed.
- **Root Causes**: a change nobody reviewed.
- **Resolution**: the change was rolled back.

## Key events

{events}

## Action Items

- [x] Review every change (Ana, 2024-06-10)

## Lessons Learned

- **What went well**: the rollback was quick.
"""


def incident(title: str, severity: int, *events: str) -> str:
    return LOG.format(title=title, severity=severity, events="\n".join(events))


INCIDENTS = {
    "postmortems/2024-03-01-checkout-errors.md": incident(
        "Checkout errors",
        1,
        "- 09:58 UTC: fault occurs, a bad deploy",
        "- 10:06: detected by the error-rate alert",
        "- 10:47 resolved, the deploy rolled back",
    ),
    "postmortems/2024-04-02-search-down.md": incident(
        "Search down",
        1,
        "- 2024-04-02 09:58 UTC: fault occurs",
        "- 10:11 incident declared",  # no detection line: the declaration counts
        "- 2024-04-02 12:13 resolved",
    ),
    "postmortems/2024-05-03-slow-reports.md": incident(
        "Slow reports",
        2,
        "- 23:58: fault occurs, the report queue stalls",
        "- 2024-05-04 01:58: detected by a customer ticket",
        "- 03:58 resolved",
    ),
    # nothing says when it was detected or declared: unknown, never zero
    "postmortems/2024-05-20-stale-cache.md": incident(
        "Stale cache",
        2,
        "- 08:00 fault occurs, the cache stops refreshing",
        "- 09:30 resolved, the cache flushed",
    ),
}

EXPECTED = {
    "postmortems": 4,
    "overall": {
        "detect": {"known": 3, "unknown": 1, "median_minutes": 13.0, "p90_minutes": 120.0},
        "resolve": {"known": 4, "unknown": 0, "median_minutes": 112.5, "p90_minutes": 240.0},
    },
    "by_severity": [
        {
            "severity": 1,
            "postmortems": 2,
            "detect": {"known": 2, "unknown": 0, "median_minutes": 10.5, "p90_minutes": 13.0},
            "resolve": {"known": 2, "unknown": 0, "median_minutes": 92.0, "p90_minutes": 135.0},
        },
        {
            "severity": 2,
            "postmortems": 2,
            "detect": {"known": 1, "unknown": 1, "median_minutes": 120.0, "p90_minutes": 120.0},
            "resolve": {"known": 2, "unknown": 0, "median_minutes": 165.0, "p90_minutes": 240.0},
        },
    ],
    "documents": [
        {
            "path": "postmortems/2024-03-01-checkout-errors.md",
            "severity": 1,
            "detect_minutes": 8.0,
            "resolve_minutes": 49.0,
        },
        {
            "path": "postmortems/2024-04-02-search-down.md",
            "severity": 1,
            "detect_minutes": 13.0,
            "resolve_minutes": 135.0,
        },
        {
            "path": "postmortems/2024-05-03-slow-reports.md",
            "severity": 2,
            "detect_minutes": 120.0,
            "resolve_minutes": 240.0,
        },
        {
            "path": "postmortems/2024-05-20-stale-cache.md",
            "severity": 2,
            "detect_minutes": None,
            "resolve_minutes": 90.0,
        },
    ],
}


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """A plain folder of bullet-style postmortems in a git repository, no mkdocs.yml."""
    repo = GitRepo(tmp_path)
    repo.commit(INCIDENTS, "2024-05-21 09:00")
    return tmp_path


def test_the_metrics_hold_times_to_detect_and_resolve_by_severity(log: Path) -> None:
    settings = Settings.build(log, [SourceFolder(path=log)])
    checked = run_checks(settings, history=lambda: read_history(settings, HistoryReader()))
    assert checked.health is not None
    assert checked.health.team_health()["response_times"] == EXPECTED
    page = metrics_page(checked.health).markdown("handbook/metrics.md")
    block = page[page.index("## Time to detect and resolve") :].split("\n## ")[0]
    rows = [line for line in block.splitlines() if line.startswith("| ")]
    assert rows == [
        (
            "| Severity | Postmortems | Detect, median | Detect, p90 | Detect, known "
            "| Resolve, median | Resolve, p90 | Resolve, known |"
        ),
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        "| SEV1 | 2 | 10 min | 13 min | 2 of 2 | 1 h 32 min | 2 h 15 min | 2 of 2 |",
        "| SEV2 | 2 | 2 h 00 min | 2 h 00 min | 1 of 2 | 2 h 45 min | 4 h 00 min | 2 of 2 |",
        "| All | 4 | 13 min | 2 h 00 min | 3 of 4 | 1 h 52 min | 4 h 00 min | 4 of 4 |",
    ]


def test_report_shows_them_in_text_and_in_the_schema_valid_export(
    log: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(log)
    assert main(["report", "--today", "2024-06-01"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [  # a postmortem's date is its incident's, from its name
        "2024-03-01-checkout-errors  published   2024-03-01  Checkout errors",
        "2024-04-02-search-down      published   2024-04-02  Search down",
        "2024-05-03-slow-reports     published   2024-05-03  Slow reports",
        "2024-05-20-stale-cache      published   2024-05-20  Stale cache",
    ]
    block = out[out.index("Time to detect and resolve") :].splitlines()
    assert block == [
        "Time to detect and resolve (4 postmortems):",
        (
            "  all: detect median 13 min, p90 2 h 00 min (3 of 4 known); "
            "resolve median 1 h 52 min, p90 4 h 00 min (4 of 4 known)"
        ),
        (
            "  SEV1: detect median 10 min, p90 13 min (2 of 2 known); "
            "resolve median 1 h 32 min, p90 2 h 15 min (2 of 2 known)"
        ),
        (
            "  SEV2: detect median 2 h 00 min, p90 2 h 00 min (1 of 2 known); "
            "resolve median 2 h 45 min, p90 4 h 00 min (2 of 2 known)"
        ),
    ]
    assert main(["report", "--format", "json", "--today", "2024-06-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["version"] == "2.1"
    assert data["health"]["team_health"]["response_times"] == EXPECTED


def test_the_schema_requires_both_times_with_their_unknown_count() -> None:
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator({"$defs": schema["$defs"], **schema["properties"]["health"]})
    good = {"team_health": {"response_times": EXPECTED}}
    assert list(validator.iter_errors(good)) == []
    figures = {k: v for k, v in EXPECTED["overall"]["detect"].items() if k != "unknown"}
    broken = {"team_health": {"response_times": {**EXPECTED, "overall": {"detect": figures}}}}
    assert sorted(e.message for e in validator.iter_errors(broken)) == [
        "'resolve' is a required property",
        "'unknown' is a required property",
    ]


def test_no_postmortem_no_block(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"notes/readme.md": "# Notes\n"}, "2024-05-21 09:00")
    settings = Settings.build(tmp_path, [SourceFolder(path=tmp_path)])
    checked = run_checks(settings, history=lambda: read_history(settings, HistoryReader()))
    assert checked.health is not None
    assert checked.health.team_health()["response_times"]["postmortems"] == 0
    page = metrics_page(checked.health).markdown("handbook/metrics.md")
    assert "Time to detect" not in page
