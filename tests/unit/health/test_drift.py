"""Drift: documents measured against the code of their systems, over real git repositories."""

from __future__ import annotations

import heapq
import random
from collections import Counter
from operator import itemgetter
from pathlib import Path

import pytest

from mkdocs_asyncops.core.settings import DriftLimit, HealthSettings, Settings
from mkdocs_asyncops.health.assess import Health, assess, read_history
from mkdocs_asyncops.health.catalog import read_catalog
from mkdocs_asyncops.health.drift import TOP_PATHS, _MostChanged, code_changes
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.reading.model import SourceFolder
from mkdocs_asyncops.reading.scan import scan
from mkdocs_asyncops.render.health_pages import drift_notice, drift_page, text_report
from tests.helpers import VALID
from tests.helpers.gitrepo import GitRepo, at

NOW = at("2024-06-01 12:00")
RUNBOOK = "docs/runbooks/workflow-engine.md"
ADR = "docs/adr/0001-use-postgres.md"
ENGINE = {"name": "workflow-engine", "owner": "Bo Li", "type": "library", "paths": ["src/engine"]}


def lines(count: int, start: int = 0) -> str:
    return "".join(f"step {n} of the engine\n" for n in range(start, start + count))


def front(text: str, **fields: str) -> str:
    head, body = text.split("---\n", 2)[1:]
    kept = [line for line in head.splitlines() if line.split(":")[0] not in fields]
    return "---\n" + "\n".join(kept + [f"{k}: {v}" for k, v in fields.items()]) + "\n---\n" + body


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A runbook for the workflow engine, then three commits to its code (one a rename)."""
    repo = GitRepo(tmp_path)
    repo.commit({"src/engine/old.py": lines(10)}, "2024-01-15 10:00")
    accepted = front(VALID["adr/0001-use-postgres.md"], systems="[workflow-engine]")
    repo.commit({RUNBOOK: VALID["runbooks/workflow-engine.md"], ADR: accepted}, "2024-02-01 10:00")
    repo.commit({"src/engine/queue.py": lines(30)}, "2024-03-01 10:00")
    renamed = lines(29) + "step 29 of the engine, renamed\n"
    repo.commit(
        {"src/engine/queue.py": None, "src/engine/worker_queue.py": renamed}, "2024-04-01 10:00"
    )
    repo.commit({"src/engine/worker_queue.py": renamed + lines(5, 100)}, "2024-05-01 10:00")
    repo.commit({"src/engine2/other.py": lines(50), "src/cli.py": lines(50)}, "2024-05-02 10:00")
    return repo


def health_of(root: Path, engine: str = "git", **options) -> Health:
    settings = Settings.build(
        root,
        [SourceFolder(path=root / "docs")],
        health=HealthSettings(systems=(ENGINE,), **options),
    )
    return assess(
        settings,
        scan(settings),
        read_history(settings, HistoryReader(engine), NOW),
        read_catalog(settings),
    )


@pytest.mark.parametrize("engine", ["git", "pygit2"])
def test_drift_counts_commits_and_lines_since_the_document_following_renames(
    repo: GitRepo, engine: str
) -> None:
    health = health_of(repo.path, engine)
    [item] = health.drift  # the accepted ADR is a record: never measured
    assert item.document.path == RUNBOOK
    assert (item.commits, item.lines, item.basis) == (3, 37, "git")
    assert item.since == at("2024-02-01 10:00")
    # queue.py's commit counts under the name the file has today
    assert item.paths == (("src/engine/worker_queue.py", 37, 3),)
    assert not item.drifting  # 3 commits and 37 lines are far under 50 commits or 2,000 lines
    assert "ASY408" not in {d.rule.code for d in health.diagnostics}


def test_a_document_drifts_beyond_either_limit_of_its_kind(repo: GitRepo) -> None:
    def drifting(commits: int, lines: int) -> bool:
        limits = {"runbook": DriftLimit(commits=commits, lines=lines)}
        return health_of(repo.path, drift=limits).drift[0].drifting

    assert not drifting(3, 37)  # at the limit is within it
    assert drifting(2, 0)
    assert drifting(0, 36)
    assert not drifting(0, 0)  # 0: not judged
    health = health_of(repo.path, drift={"runbook": DriftLimit(commits=2, lines=2000)})
    [problem] = [d for d in health.diagnostics if d.rule.code == "ASY408"]
    assert (problem.path, problem.line, problem.level.value) == (RUNBOOK, 1, "warning")
    assert problem.message == (
        "the code of workflow-engine changed in 3 commits and 37 lines since it last changed "
        "(2024-02-01), over the limit of 2 commits or 2,000 lines for a Runbook; most changed: "
        "src/engine/worker_queue.py (37 lines); bring it up to date, or confirm it still holds "
        "with `reviewed:` and today's date"
    )
    assert health.to_dict()["drift"][0] | {"paths": None} == {
        "path": RUNBOOK,
        "url": "runbooks/workflow-engine.md",
        "title": "Workflow engine",
        "kind": "runbook",
        "owner": "Bo Li",
        "systems": ["workflow-engine"],
        "since": "2024-02-01",
        "basis": "git",
        "commits": 3,
        "lines": 37,
        "max_commits": 2,
        "max_lines": 2000,
        "drifting": True,
        "paths": None,
    }
    assert "workflow-engine.md  runbook  Bo Li  3 commits, 37 lines" in text_report(health)


def test_a_review_resets_drift_and_a_new_commit_of_the_document_too(repo: GitRepo) -> None:
    reviewed = front(VALID["runbooks/workflow-engine.md"], reviewed="2024-04-15")
    repo.commit({RUNBOOK: reviewed}, "2024-01-20 10:00")  # authored before: the review counts
    limits = {"runbook": DriftLimit(commits=0, lines=4)}
    health = health_of(repo.path, drift=limits)
    [item] = health.drift
    assert (item.commits, item.lines, item.basis, item.since) == (
        1,
        5,
        "reviewed",
        at("2024-04-15"),
    )
    [problem] = [d for d in health.diagnostics if d.rule.code == "ASY408"]
    assert problem.line == reviewed.splitlines().index("reviewed: 2024-04-15") + 1
    assert "since it was reviewed (2024-04-15)" in problem.message
    repo.commit({RUNBOOK: reviewed + "\nA note.\n"}, "2024-05-20 10:00")
    assert (health_of(repo.path, drift=limits).drift[0].commits) == 0


def test_uncommitted_documents_and_missing_history_measure_nothing(repo: GitRepo) -> None:
    repo.write({RUNBOOK: VALID["runbooks/workflow-engine.md"] + "\nEdited.\n"})
    assert health_of(repo.path).drift == []
    assert health_of(repo.path, history=False).drift == []


def test_the_drift_page_and_notice_escape_what_documents_say(repo: GitRepo) -> None:
    hostile = front(VALID["runbooks/workflow-engine.md"], owner='"<b>Bo</b> | x"')
    repo.commit({RUNBOOK: hostile}, "2024-02-01 11:00")
    health = health_of(repo.path, drift={"runbook": DriftLimit(commits=1, lines=0)})
    markdown = drift_page(health).markdown("health/drift.md")
    assert "1 of 1 documents covering catalogued code are drifting" in markdown
    assert "<b>" not in markdown and "&lt;b&gt;Bo&lt;/b&gt; \\| x" in markdown
    row = next(line for line in markdown.splitlines() if "Workflow engine" in line)
    assert "| **drifting** |" in row and "| 3 | 37 | 1 commit |" in row
    notice = drift_notice(health.drift[0])
    assert "<b>" not in notice and "&lt;b&gt;Bo&lt;/b&gt;" in notice
    assert "changed in 3 commits and 37 lines" in notice


def test_documents_sharing_systems_each_get_their_own_counts(repo: GitRepo) -> None:
    later = front(VALID["runbooks/workflow-engine.md"], reviewed="2024-04-15")
    both = front(VALID["runbooks/workflow-engine.md"], systems="[workflow-engine, queue]")
    repo.commit(
        {"docs/runbooks/later.md": later, "docs/runbooks/both.md": both}, "2024-01-20 10:00"
    )
    queue = {"name": "queue", "owner": "Bo Li", "type": "library"}
    settings = Settings.build(
        repo.path,
        [SourceFolder(path=repo.path / "docs")],
        health=HealthSettings(systems=(ENGINE, {**queue, "paths": ["src/engine/worker_queue.py"]})),
    )
    health = assess(
        settings,
        scan(settings),
        read_history(settings, HistoryReader(), NOW),
        read_catalog(settings),
    )
    counts = {d.document.path: (d.systems, d.commits, d.lines) for d in health.drift}
    assert counts == {
        RUNBOOK: (("workflow-engine",), 3, 37),
        "docs/runbooks/later.md": (("workflow-engine",), 1, 5),
        # from 2024-01-20: old.py's commit is older; worker_queue.py in both systems counts once
        "docs/runbooks/both.md": (("queue", "workflow-engine"), 3, 37),
    }


@pytest.mark.parametrize("engine", ["git", "pygit2"])
def test_lines_are_counted_for_code_paths_only_and_a_new_catalog_walks_again(
    repo: GitRepo, engine: str
) -> None:
    reader = HistoryReader(engine)
    history = reader.read(repo.path, NOW, ["src/engine"])
    touches = {path: [t.lines for t in known.touches] for path, known in history.files.items()}
    assert touches["src/engine/worker_queue.py"] == [5, 2, 30]
    assert touches["src/cli.py"] == [0]  # not code of a catalogued system: not diffed
    assert touches[RUNBOOK] == [0]
    again = reader.read(repo.path, NOW, ["src/engine", "src/cli.py"])
    assert reader.walked == 6  # other paths to count: the history is walked anew
    assert [t.lines for t in again.files["src/cli.py"].touches] == [50]
    reader.read(repo.path, NOW, ["src/cli.py", "src/engine"])
    assert reader.walked == 0


def test_a_site_shows_the_drift_page_notice_and_code_citations(repo: GitRepo) -> None:
    from tests.helpers.site import MKDOCS_YML, build_site

    options = (
        "      drift: {runbook: {commits: 1}}\n"
        "      coverage_minimum: 0\n"
        "      today: 2024-06-01\n"
        "      systems:\n"
        "        - {name: workflow-engine, owner: Bo Li, type: library, requires: [runbook],"
        " paths: [src/engine]}"
    )
    config = "repo_url: https://github.com/acme/app\n" + MKDOCS_YML.format(options=options)
    repo.commit({"mkdocs.yml": config, "src/engine/cites.py": "# ADR-1\n"}, "2024-05-03")
    head = repo.git("rev-parse", "HEAD").strip()
    site = build_site(repo.path)
    runbook = (site / "runbooks/workflow-engine/index.html").read_text()
    assert 'class="admonition warning asyncops-drift"' in runbook
    assert "changed in 4 commits and 38 lines" in runbook
    drift = (site / "health/drift/index.html").read_text()
    assert "Workflow engine" in drift and "<strong>drifting</strong>" in drift
    adr = (site / "adr/0001-use-postgres/index.html").read_text()
    link = f"https://github.com/acme/app/blob/{head}/src/engine/cites.py#L1"
    assert f'<a href="{link}"><code>src/engine/cites.py:1</code></a>' in adr


def test_nested_code_paths_count_once_and_ties_rank_by_the_newest_change(tmp_path: Path) -> None:
    """A system's paths may nest (`src/core` and a file in it), and another system's may lie
    inside them; the most changed paths rank by lines, a tie going to the newer change."""
    repo = GitRepo(tmp_path)
    covers = front(VALID["runbooks/workflow-engine.md"], systems="[workflow-engine, core]")
    repo.commit({RUNBOOK: covers, "src/engine/core/a.py": lines(1)}, "2024-01-01 10:00")
    repo.commit({"src/engine/core/a.py": lines(5)}, "2024-02-01 10:00")  # 4 lines
    repo.commit({"src/engine/b.py": lines(4)}, "2024-03-01 10:00")  # 4 lines, newer
    repo.commit({"src/engine/c.py": lines(2), "src/engine/core/d.py": lines(1)}, "2024-04-01")
    core = {"name": "core", "owner": "Bo Li", "type": "library"}
    paths = ["src/engine/core", "src/engine/core/a.py"]
    settings = Settings.build(
        tmp_path,
        [SourceFolder(path=tmp_path / "docs")],
        health=HealthSettings(systems=(ENGINE, {**core, "paths": paths})),
    )
    history = read_history(settings, HistoryReader(), NOW)
    health = assess(settings, scan(settings), history, read_catalog(settings))
    [item] = health.drift
    assert (item.systems, item.commits, item.lines) == (("core", "workflow-engine"), 3, 11)
    assert item.paths == (
        ("src/engine/b.py", 4, 1),
        ("src/engine/core/a.py", 4, 1),
        ("src/engine/c.py", 2, 1),
    )
    changes = code_changes(health.catalog.systems.values(), history, "")
    assert [(path, lines) for _, _, path, lines in changes["core"]] == [
        ("src/engine/core/d.py", 1),
        ("src/engine/core/a.py", 4),
        ("src/engine/core/a.py", 4),  # under both of its paths; the sweep counts it once
        ("src/engine/core/a.py", 1),
        ("src/engine/core/a.py", 1),
    ]


def test_the_most_changed_paths_kept_change_by_change_equal_a_ranking_anew() -> None:
    rng = random.Random(7)
    for _ in range(200):
        most, lines_of = _MostChanged(), Counter[str]()
        for _ in range(rng.randint(0, 30)):
            path, changed = f"p{rng.randint(0, 8)}", rng.choice((0, 0, 1, 2, 5))
            most.add(path, changed)
            lines_of[path] += changed
            largest = heapq.nlargest(TOP_PATHS, lines_of.items(), key=itemgetter(1))
            assert [(path, lines) for path, lines, _ in most.top()] == largest
