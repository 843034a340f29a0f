"""PR review time from a `gh pr list --json` export, read offline."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_asyncops.core.settings import HealthSettings, Settings
from mkdocs_asyncops.health.assess import read_history
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.pipeline import run_checks
from mkdocs_asyncops.reading.model import SourceFolder
from mkdocs_asyncops.render.health_pages import metrics_page
from tests.helpers import Writer, adr

PRS = [
    {  # reviewed 3 h after opening; the author's own comment before does not count
        "number": 1,
        "title": "Fast",
        "author": {"login": "ana"},
        "createdAt": "2026-03-02T09:00:00Z",
        "reviews": [
            {
                "author": {"login": "ana"},
                "state": "COMMENTED",
                "submittedAt": "2026-03-02T09:30:00Z",
            },
            {"author": {"login": "bo"}, "state": "APPROVED", "submittedAt": "2026-03-02T12:00:00Z"},
        ],
    },
    {  # 10 h, over the target
        "number": 2,
        "title": "Slow",
        "author": {"login": "bo"},
        "createdAt": "2026-03-02T09:00:00+01:00",
        "reviews": [
            {"author": {"login": "chen"}, "state": "PENDING", "submittedAt": None},
            {
                "author": {"login": "ana"},
                "state": "CHANGES_REQUESTED",
                "submittedAt": "2026-03-02T18:00:00Z",
            },
        ],
    },
    {
        "number": 3,
        "title": "Nobody yet",
        "author": {"login": "chen"},
        "createdAt": "2026-03-03T09:00:00Z",
        "reviews": [],
    },
]


def run(root: Path, name: str = "prs.json"):
    settings = Settings.build(
        root, [SourceFolder(path=root / "adr")], health=HealthSettings(pull_request_file=name)
    )
    return run_checks(settings, history=lambda: read_history(settings, HistoryReader()))


def test_review_time_counts_the_first_review_by_someone_else(write_files: Writer) -> None:
    root = write_files({"adr/0001-x.md": adr(), "prs.json": json.dumps(PRS)})
    checked = run(root)
    assert checked.health.team_health()["pull_request_reviews"] == {
        "source": "prs.json",
        "count": 2,
        "unreviewed": 1,
        "target_hours": 8.0,
        "median_hours": 6.5,
        "p90_hours": 10.0,
        "over_target": 1,
    }
    page = metrics_page(checked.health).markdown("health/metrics.md")
    assert "| 2 | 6.5 h | 10 h | 8 h | 1 |" in page


def test_an_unusable_file_is_a_warning_not_a_crash(write_files: Writer) -> None:
    root = write_files(
        {"adr/0001-x.md": adr(), "prs.json": "{not json", "list.json": '[{"title": 1}]'}
    )
    assert [(d.path, d.rule.code) for d in run(root).diagnostics if d.rule.code == "ASY410"] == [
        ("prs.json", "ASY410")
    ]
    [missing] = [d for d in run(root, "gone.json").diagnostics if d.rule.code == "ASY410"]
    assert "cannot be read (No such file or directory)" in missing.message
    [partial] = [d for d in run(root, "list.json").diagnostics if d.rule.code == "ASY410"]
    assert "1 entry without a number and a createdAt" in partial.message
