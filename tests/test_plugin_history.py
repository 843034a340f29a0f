"""End-to-end builds with history: the coverage gate, the health pages, stale notices, serve."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_asyncops.plugin import AsyncOpsPlugin

from .conftest import build_site, mkdocs_yml
from .gitrepo import GitRepo
from .helpers import VALID

RUNBOOK = VALID["runbooks/workflow-engine.md"]
OPTIONS = """\
      coverage_minimum: {minimum}
      systems:
        - name: workflow-engine
          owner: "<b>platform</b>"
          type: service
          requires: [runbook]
        - name: billing
          type: service
          requires: [runbook]"""


def project(tmp_path: Path, minimum: float = 90, runbook_date: str = "2026-11-01 10:00") -> GitRepo:
    repo = GitRepo(tmp_path)
    repo.commit(
        {
            "mkdocs.yml": mkdocs_yml(OPTIONS.format(minimum=minimum)),
            "docs/index.md": "# Home\n",
            "docs/runbooks/workflow-engine.md": RUNBOOK.replace("owner: Bo Li", 'owner: Bo Li\ntitle: "Workflow <engine> & co"'),
        },
        runbook_date,
    )
    return repo


def test_coverage_under_the_minimum_fails_the_build_naming_the_systems(tmp_path: Path, caplog) -> None:
    root = project(tmp_path).path
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root)
    message = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("asyncops: "))
    assert (
        "mkdocs.yml: ASY402 coverage-below-target: documentation coverage is 50.0 % (1 of 2 systems), "
        "under the 90 % minimum" in message
    )
    assert message.endswith("billing (runbook missing)")


def test_coverage_at_the_minimum_builds_with_escaped_health_pages(tmp_path: Path) -> None:
    site = build_site(project(tmp_path, minimum=50).path, strict=True)
    coverage = (site / "health" / "coverage" / "index.html").read_text()
    assert "<strong>50.0 %</strong> of systems (1 of 2)" in coverage
    assert "&lt;b&gt;platform&lt;/b&gt;" in coverage and "<b>platform</b>" not in coverage
    assert "Workflow &lt;engine&gt; &amp; co" in coverage
    assert 'href="../../runbooks/workflow-engine/"' in coverage
    metrics = (site / "health" / "metrics" / "index.html").read_text()
    assert "Bus factor" in metrics and "Ana Souza" in metrics
    assert "No document is stale." in (site / "health" / "stale" / "index.html").read_text()


def test_a_stale_page_gets_a_notice_and_fails_strict(tmp_path: Path) -> None:
    root = project(tmp_path, minimum=0, runbook_date="2020-01-01 10:00").path
    with pytest.raises(Abort, match="warnings in strict mode"):
        build_site(root, strict=True)
    site = build_site(root)
    page = (site / "runbooks" / "workflow-engine" / "index.html").read_text()
    assert "Possibly out of date" in page and "Last changed or reviewed 2020-01-01" in page
    stale = (site / "health" / "stale" / "index.html").read_text()
    assert "Workflow &lt;engine&gt; &amp; co" in stale and "Bo Li" in stale


def test_a_site_page_of_the_same_name_wins(tmp_path: Path) -> None:
    repo = project(tmp_path, minimum=0)
    repo.write({"docs/health/coverage.md": "# Our own coverage notes\n"})
    site = build_site(repo.path)
    assert "Our own coverage notes" in (site / "health" / "coverage" / "index.html").read_text()


def test_without_a_repository_the_build_works_and_coverage_counts_existence(write_files, caplog) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(OPTIONS.format(minimum=50)),
            "docs/index.md": "# Home\n",
            "docs/runbooks/workflow-engine.md": RUNBOOK,
        }
    )
    with caplog.at_level(logging.INFO):
        site = build_site(root, strict=True)
    assert any("git history is unavailable" in r.getMessage() for r in caplog.records)
    assert "Git history is unavailable" in (site / "health" / "coverage" / "index.html").read_text()


def test_serve_rebuilds_walk_only_new_commits(tmp_path: Path) -> None:
    repo = project(tmp_path, minimum=0)
    config = load_config(str(repo.path / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, AsyncOpsPlugin))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        assert plugin.history_reader.walked == 1
        repo.commit({"docs/runbooks/workflow-engine.md": RUNBOOK + "\nMore.\n"}, "2026-11-10 10:00")
        build(config, serve_url="http://127.0.0.1:8000/")
        assert plugin.history_reader.walked == 1
        build(config, serve_url="http://127.0.0.1:8000/")
        assert plugin.history_reader.walked == 0
    finally:
        config.plugins.on_shutdown()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("      coverage_minimum: 150", "coverage_minimum: 150 is not a percentage from 0 to 100"),
        ("      staleness: {runbok: 30}", "staleness: there is no kind 'runbok'"),
    ],
)
def test_bad_history_options_stop_the_build_naming_the_option(write_files, caplog, options: str, message: str) -> None:
    root = write_files({"mkdocs.yml": mkdocs_yml(options), "docs/index.md": "# Home\n"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root)
    assert any(message in r.getMessage() for r in caplog.records)


def test_serve_watches_the_catalog_files(tmp_path: Path) -> None:
    repo = project(tmp_path, minimum=0)
    repo.write({"mkdocs.yml": mkdocs_yml("      catalog: [catalog.yml]"), "catalog.yml": "systems: []\n"})
    config = load_config(str(repo.path / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert str(repo.path / "catalog.yml") in config.watch
