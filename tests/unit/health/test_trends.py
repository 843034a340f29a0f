"""The twelve-month trends, from the history of a real git repository with fixed dates."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_asyncops.core.settings import HealthSettings, Settings, SourceFolder
from mkdocs_asyncops.health import trends as trends_module
from mkdocs_asyncops.health.assess import Health, assess
from mkdocs_asyncops.health.catalog import read_catalog
from mkdocs_asyncops.health.trends import months
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.reading.scan import scan
from tests.helpers import VALID
from tests.helpers.gitrepo import GitRepo, at
from tests.unit.health.test_health import with_front

NOW = at("2025-01-15 12:00")
RUNBOOK = "docs/runbooks/workflow-engine.md"
ADR_1 = "docs/adr/0001-use-postgres.md"
ADR_2 = "docs/adr/0002-use-redis.md"
DESIGN = "docs/design/search-v2.md"
CATALOG = """\
types:
  search-engine: [design]
systems:
  - name: workflow-engine
    type: service
    requires: [runbook]
  - name: search
    type: search-engine
"""


def health_of(root: Path, engine: str | None = None, reader: HistoryReader | None = None) -> Health:
    settings = Settings.build(
        root,
        [SourceFolder(path=root / "docs")],
        health=HealthSettings(catalog_files=("catalog.yml",), coverage_minimum=0),
    )
    history = (reader or HistoryReader(engine)).read(root, NOW)
    return assess(settings, scan(settings), history, read_catalog(settings))


@pytest.fixture
def handbook(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path)
    adr = VALID["adr/0001-use-postgres.md"]
    runbook = VALID["runbooks/workflow-engine.md"]
    repo.commit(
        {RUNBOOK: runbook, ADR_1: with_front("adr/0001-use-postgres.md", status="proposed")},
        "2024-01-10 10:00",
    )
    repo.commit({ADR_1: adr}, "2024-03-05 10:00")  # decided in March
    repo.commit({ADR_2: adr.replace("# 1. Use PostgreSQL", "# 2. Use Redis")}, "2024-05-20 10:00")
    repo.commit({RUNBOOK: runbook + "\nEdited.\n"}, "2024-06-01 10:00")
    repo.commit(
        {
            RUNBOOK: runbook.replace("owner: Bo Li", "owner: Bo Li\nreview_interval: 30d"),
            DESIGN: with_front("design/search-v2.md", systems="[search]"),
        },
        "2024-10-02 10:00",
    )
    repo.write({"catalog.yml": CATALOG})  # the catalog of today judges every month
    return repo


def test_months_end_where_the_next_begins():
    found = months(at("2025-01-15 12:00"), 3)
    assert found == [
        ("2024-11", at("2024-12-01 00:00")),
        ("2024-12", at("2025-01-01 00:00")),
        ("2025-01", at("2025-01-15 12:00")),
    ]


@pytest.mark.parametrize("engine", ["git", "pygit2"])
def test_trends_follow_the_history_month_by_month(handbook: GitRepo, engine: str) -> None:
    health = health_of(handbook.path, engine)
    trends = health.trends
    assert [t.month for t in trends] == [f"2024-{m:02d}" for m in range(2, 13)] + ["2025-01"]
    assert [t.documents for t in trends] == [2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4]
    # The runbook (90 days) goes stale in April, is edited on June 1st (after May's end),
    # stale again from August; from October its own review_interval of 30 days rules.
    assert [t.stale for t in trends] == [0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1]
    assert [t.coverage for t in trends] == [50, 50, 0, 0, 50, 50, 0, 0, 100, 50, 50, 50]
    assert [t.decisions for t in trends] == [0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    # This month is what the health pages say now.
    assert (trends[-1].stale, trends[-1].coverage) == (len(health.stale), health.coverage.percent)


def test_trends_start_no_git_process(handbook: GitRepo, monkeypatch) -> None:
    health = health_of(handbook.path)

    def refuse(*args, **kwargs):
        raise AssertionError(f"a git process was started: {args}")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    assert sum(t.decisions for t in health.trends) == 2


def test_past_months_are_judged_once_per_history_and_again_after_a_commit(
    handbook: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = HistoryReader()
    first = health_of(handbook.path, reader=reader).trends
    judged: list[object] = []
    as_written = trends_module._as_written
    monkeypatch.setattr(
        trends_module,
        "_as_written",
        lambda doc, *rest: judged.append(doc) or as_written(doc, *rest),
    )
    assert health_of(handbook.path, reader=reader).trends == first  # no commit since
    assert judged == []
    runbook = (handbook.path / RUNBOOK).read_text(encoding="utf-8")
    handbook.commit({RUNBOOK: runbook + "\nReviewed again.\n"}, "2024-12-10 10:00")
    again = health_of(handbook.path, reader=reader).trends
    assert judged != []
    assert again == health_of(handbook.path).trends  # as a new reader judges them
    assert [t.stale for t in again][-2] == [t.stale for t in first][-2] - 1  # fresh in December


def test_no_trends_without_history(tmp_path: Path) -> None:
    (tmp_path / "docs" / "runbooks").mkdir(parents=True)
    (tmp_path / RUNBOOK).write_text(VALID["runbooks/workflow-engine.md"], encoding="utf-8")
    (tmp_path / "catalog.yml").write_text(CATALOG, encoding="utf-8")
    assert health_of(tmp_path).trends == []


def test_months_before_the_first_document_have_no_coverage_figure(tmp_path: Path) -> None:
    # a handbook begun in November: the months before it say "no data", never 0 %
    repo = GitRepo(tmp_path)
    repo.commit({RUNBOOK: VALID["runbooks/workflow-engine.md"]}, "2024-11-20 10:00")
    repo.write({"catalog.yml": CATALOG})
    trends = health_of(repo.path).trends
    assert [t.documents for t in trends] == [0] * 9 + [1, 1, 1]
    assert [t.coverage for t in trends] == [None] * 9 + [50, 50, 50]
