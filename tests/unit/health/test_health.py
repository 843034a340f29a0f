"""Staleness, coverage and team health over real git repositories with fixed dates."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_asyncops.core.settings import HealthSettings, Settings, SourceFolder
from mkdocs_asyncops.health.assess import Health, assess
from mkdocs_asyncops.health.catalog import read_catalog
from mkdocs_asyncops.health.team import percentile
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.reading.scan import scan
from tests.helpers import VALID, codes
from tests.helpers.gitrepo import GitRepo, at

NOW = at("2025-01-01 12:00")
ANA = "Ana Souza <ana@example.com>"
BO = "Bo Li <bo@example.com>"
CHEN = "Chen Wu <chen@example.com>"


def with_front(path: str, **fields: str) -> str:
    """A valid document from `helpers.VALID` with frontmatter lines added or replaced."""
    head, body = VALID[path].split("---\n", 2)[1:]
    lines = [line for line in head.splitlines() if line.split(":")[0] not in fields]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def health_of(root: Path, now=NOW, **options) -> Health:
    settings = Settings.build(
        root, [SourceFolder(path=root / "docs")], health=HealthSettings(**options)
    )
    history = HistoryReader().read(root, now)
    return assess(settings, scan(settings), history, read_catalog(settings))


RUNBOOK = "runbooks/workflow-engine.md"
DESIGN = "design/search-v2.md"
ADR = "adr/0001-use-postgres.md"
POSTMORTEM = "postmortems/2024-03-02-queue-outage.md"
INTEGRATION = "integrations/salesforce.md"


@pytest.fixture
def handbook(tmp_path: Path) -> GitRepo:
    """Five documents last changed on known dates by known people."""
    repo = GitRepo(tmp_path)
    repo.commit(
        {f"docs/{ADR}": VALID[ADR], f"docs/{POSTMORTEM}": VALID[POSTMORTEM]},
        "2023-01-01 10:00",
        ANA,
    )
    repo.commit({f"docs/{RUNBOOK}": VALID[RUNBOOK]}, "2024-02-01 10:00", BO)
    repo.commit(
        {f"docs/{DESIGN}": with_front(DESIGN, systems="[search]")}, "2024-06-01 10:00", CHEN
    )
    repo.commit({f"docs/{INTEGRATION}": VALID[INTEGRATION]}, "2024-12-01 10:00", ANA)
    return repo


def test_stale_documents_stalest_first_with_owner_and_age(handbook: GitRepo) -> None:
    health = health_of(handbook.path)
    rows = health.to_dict()["stale"]
    assert [(r["path"], r["owner"], r["last"], r["age_days"], r["max_age_days"]) for r in rows] == [
        (f"docs/{RUNBOOK}", "Bo Li", "2024-02-01", 335, 90),
        (f"docs/{DESIGN}", "Ana Souza", "2024-06-01", 214, 180),
    ]
    assert [(path, code) for path, _, code in codes(health.diagnostics) if code == "ASY401"] == [
        (f"docs/{DESIGN}", "ASY401"),
        (f"docs/{RUNBOOK}", "ASY401"),
    ]
    message = next(d.message for d in health.diagnostics if d.path == f"docs/{RUNBOOK}")
    assert message == (
        "last changed 2024-02-01, 335 days ago, over the 90-day limit for a Runbook; bring it up to "
        "date, or confirm it is current with `reviewed: 2025-01-01`"
    )


def test_a_document_is_stale_the_day_after_its_limit(handbook: GitRepo) -> None:
    on_the_day = health_of(handbook.path, now=at("2024-05-01 10:00"))  # runbook: 90 days old
    assert [i.document.kind for i in on_the_day.stale] == []
    next_day = health_of(handbook.path, now=at("2024-05-02 10:00"))
    assert [i.document.kind for i in next_day.stale] == ["runbook"]


def test_reviewed_and_review_interval_rule_over_git(handbook: GitRepo) -> None:
    handbook.commit(
        {
            f"docs/{RUNBOOK}": with_front(RUNBOOK, reviewed="2024-12-15"),
            f"docs/{DESIGN}": with_front(DESIGN, reviewed="2024-11-01", review_interval="30d"),
        },
        "2024-02-02 10:00",
        BO,
    )
    health = health_of(handbook.path)
    assert [(i.document.kind, i.basis, i.age(NOW), i.max_age) for i in health.stale] == [
        ("design", "reviewed", 61, 30)
    ]
    runbook = next(i for i in health.freshness if i.document.kind == "runbook")
    assert (runbook.basis, runbook.age(NOW)) == ("reviewed", 17)


def test_an_unreadable_review_interval_is_reported_on_its_line(handbook: GitRepo) -> None:
    handbook.commit(
        {f"docs/{RUNBOOK}": with_front(RUNBOOK, review_interval="soon")}, "2024-12-30 10:00"
    )
    health = health_of(handbook.path)
    problem = next(d for d in health.diagnostics if d.rule.code == "ASY023")
    assert (problem.path, problem.line) == (f"docs/{RUNBOOK}", 5)
    assert "not a duration" in problem.message


def test_records_never_go_stale_and_limits_are_configurable(handbook: GitRepo) -> None:
    health = health_of(
        handbook.path, max_age={"runbook": 0, "design": 365, "adr": 1, "postmortem": 1}
    )
    assert health.stale == []


def test_uncommitted_changes_make_a_document_current(handbook: GitRepo) -> None:
    handbook.write({f"docs/{RUNBOOK}": VALID[RUNBOOK] + "\nEdited.\n"})
    health = health_of(handbook.path)
    assert [i.document.kind for i in health.stale] == ["design"]
    runbook = next(i for i in health.freshness if i.document.kind == "runbook")
    assert (runbook.basis, runbook.last) == ("uncommitted", NOW)


CATALOG = """\
types:
  search-engine: [design]
systems:
  - name: workflow-engine
    owner: platform
    type: service
    requires: [runbook]
  - name: connector-framework
    owner: integrations
    type: integration
  - name: search
    owner: discovery
    type: search-engine
  - name: billing
    owner: payments
    type: service
"""


def test_coverage_matrix_counts_present_stale_and_missing(handbook: GitRepo) -> None:
    handbook.write({"catalog.yml": CATALOG})
    health = health_of(handbook.path, catalog_files=("catalog.yml",), coverage_minimum=0)
    data = health.coverage.to_dict()
    states = {s["name"]: {k: v["state"] for k, v in s["kinds"].items()} for s in data["systems"]}
    assert states == {
        "billing": {"design": "missing", "runbook": "missing"},
        "connector-framework": {"integration": "present"},
        "search": {"design": "stale"},
        "workflow-engine": {"runbook": "stale"},
    }
    assert (data["percent"], data["covered"], data["passes"]) == (25.0, 1, True)


def test_assess_judges_what_was_read_and_reads_no_file(
    handbook: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    handbook.write({"catalog.yml": CATALOG})
    settings = Settings.build(
        handbook.path,
        [SourceFolder(path=handbook.path / "docs")],
        health=HealthSettings(catalog_files=("catalog.yml",), coverage_minimum=0),
    )
    result, history = scan(settings), HistoryReader().read(handbook.path, NOW)
    catalog = read_catalog(settings)
    (handbook.path / "catalog.yml").unlink()

    def no_reading(*_: object, **__: object) -> None:
        raise AssertionError("assess read a file")

    for name in ("read_bytes", "read_text", "open"):
        monkeypatch.setattr(Path, name, no_reading)
    monkeypatch.setattr("builtins.open", no_reading)
    health = assess(settings, result, history, catalog)
    assert sorted(health.catalog.systems) == [
        "billing",
        "connector-framework",
        "search",
        "workflow-engine",
    ]
    assert health.coverage.covered == 1 and health.catalog.diagnostics == []


def test_without_history_coverage_counts_documents_that_exist(
    tmp_path: Path, handbook: GitRepo
) -> None:
    handbook.write({"catalog.yml": CATALOG})
    health = health_of(
        handbook.path, catalog_files=("catalog.yml",), coverage_minimum=0, history=True
    )
    copy = tmp_path.parent / "plain-copy"
    subprocess.run(["cp", "-r", str(handbook.path), str(copy)], check=True)
    subprocess.run(["rm", "-rf", str(copy / ".git")], check=True)
    plain = health_of(copy, catalog_files=("catalog.yml",), coverage_minimum=0)
    assert not plain.history.available and plain.stale == []
    assert (health.coverage.covered, plain.coverage.covered) == (1, 3)


@pytest.mark.parametrize(("minimum", "passes"), [(75, True), (75.1, False)])
def test_the_coverage_gate_passes_and_fails_at_the_threshold(
    handbook: GitRepo, minimum: float, passes: bool
) -> None:
    handbook.write(
        {"catalog.yml": CATALOG.replace("search-engine: [design]", "search-engine: [integration]")}
    )
    handbook.write(
        {
            f"docs/{RUNBOOK}": VALID[RUNBOOK].replace(
                "[workflow-engine]", "[workflow-engine, search]"
            )
        }
    )
    handbook.write(
        {
            f"docs/{INTEGRATION}": VALID[INTEGRATION].replace(
                "[connector-framework]", "[connector-framework, search]"
            )
        }
    )
    health = health_of(handbook.path, catalog_files=("catalog.yml",), coverage_minimum=minimum)
    assert health.coverage.percent == 75.0
    gate = [d for d in health.diagnostics if d.rule.code == "ASY402"]
    assert (gate == []) is passes
    if not passes:
        assert gate[0].path == "mkdocs.yml"
        assert gate[0].message.startswith(
            "documentation coverage is 75.0 % (3 of 4 systems), under the 75.1 % minimum"
        )
        assert gate[0].message.endswith("billing (design missing, runbook missing)")


def test_backstage_entities_become_systems(handbook: GitRepo) -> None:
    handbook.write(
        {
            "catalog-info.yaml": """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: workflow-engine
  annotations:
    asyncops/requires: runbook
spec:
  type: service
  owner: platform
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: search
spec:
  owner: discovery
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: search-api
spec:
  type: openapi
"""
        }
    )
    health = health_of(handbook.path, catalog_files=("catalog-info.yaml",))
    systems = health.catalog.systems
    assert sorted(systems) == ["search", "workflow-engine"]
    assert (systems["search"].type, systems["search"].owner, systems["search"].requires) == (
        "system",
        "discovery",
        ("design",),
    )
    assert systems["workflow-engine"].requires == ("runbook",)
    assert (systems["workflow-engine"].origin, systems["workflow-engine"].line) == (
        "catalog-info.yaml",
        1,
    )


def test_catalog_problems_name_file_and_line(handbook: GitRepo) -> None:
    handbook.write(
        {
            "bad.yml": "systems:\n  - name: a\n    type: service\n  - name: a\n    type: service\n"
            "  - owner: nobody\n  - name: b\n    type: robot\n  - name: c\n    requires: [poem]\n",
            "broken.yml": "systems: [\n",
        }
    )
    health = health_of(handbook.path, catalog_files=("bad.yml", "broken.yml", "absent.yml"))
    found = [
        (d.path, d.line, d.message.split(";")[0])
        for d in health.diagnostics
        if d.rule.code == "ASY405"
    ]
    assert found == [
        ("absent.yml", 0, "the catalog file cannot be read (No such file or directory)"),
        ("bad.yml", 4, "system 'a' is already defined at bad.yml:2"),
        ("bad.yml", 6, "a system has no `name`"),
        ("bad.yml", 7, "system 'b' has type 'robot', which requires no kinds"),
        ("bad.yml", 9, "system 'c' requires unknown kind 'poem'"),
        (
            "broken.yml",
            2,
            "the catalog does not parse (expected the node content, but found '<stream end>')",
        ),
    ]


def test_documents_naming_unknown_systems_are_reported(handbook: GitRepo) -> None:
    health = health_of(handbook.path, systems=({"name": "workflow-engine", "type": "service"},))
    unknown = [(d.path, d.line) for d in health.diagnostics if d.rule.code == "ASY406"]
    assert unknown == [(f"docs/{DESIGN}", 7), (f"docs/{INTEGRATION}", 7)]


def test_bus_factor_counts_distinct_people_of_documents_and_code(handbook: GitRepo) -> None:
    handbook.commit(
        {"src/engine/core.py": "x = 1\n"}, "2024-12-02 10:00", "Dee Park <dee@example.com>"
    )
    handbook.commit({f"docs/{RUNBOOK}": VALID[RUNBOOK] + "\nMore.\n"}, "2024-12-03 10:00", CHEN)
    systems = (
        {
            "name": "workflow-engine",
            "type": "service",
            "requires": ["runbook"],
            "paths": ["src/engine"],
        },
        {"name": "search", "type": "service", "requires": ["design"]},
    )
    health = health_of(handbook.path, systems=systems)
    assert {f.system.name: f.people for f in health.bus_factors} == {
        "search": ("Chen Wu",),
        "workflow-engine": ("Ana Souza", "Bo Li", "Chen Wu", "Dee Park"),
    }
    flagged = [d for d in health.diagnostics if d.rule.code == "ASY403"]
    assert [(d.path, d.line) for d in flagged] == [("mkdocs.yml", 0)]
    assert "'search' is documented by 1 person (Chen Wu), fewer than 3" in flagged[0].message


def design(status: str, **fields: str) -> str:
    return with_front(DESIGN, status=status, **fields)


def test_review_times_from_frontmatter_and_from_the_status_history(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit(
        {
            "docs/design/a.md": design(
                "approved", review_requested="2024-03-01 09:00", approved="2024-03-03 21:00"
            )
        },
        "2024-03-04 10:00",
    )
    repo.commit({"docs/design/b.md": design("draft")}, "2024-04-01 10:00")
    repo.commit({"docs/design/b.md": design("in-review")}, "2024-04-03 10:00")
    repo.commit({"docs/design/b.md": design("approved")}, "2024-04-08 10:00")
    repo.commit({"docs/design/c.md": design("in-review")}, "2024-05-01 10:00")
    repo.commit({"docs/design/d.md": design("approved")}, "2024-05-02 10:00")  # no review in git
    repo.commit({"docs/design/d.md": design("approved") + "\nMore.\n"}, "2024-05-09 10:00")
    health = health_of(tmp_path)
    summary = health.to_dict()["team_health"]["reviews"]["design"]
    assert summary["documents"] == [
        {"path": "docs/design/a.md", "days": 2.5, "basis": "frontmatter"},
        {"path": "docs/design/b.md", "days": 7.0, "basis": "git"},
    ]
    assert (summary["median_days"], summary["p90_days"], summary["over_target"]) == (4.8, 7.0, 1)


def test_adr_review_time_and_postmortems_within_48_hours(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    adr = VALID[ADR].replace("date: 2024-03-01", "date: 2024-03-01\nreview_requested: 2024-02-27")
    late = VALID[POSTMORTEM].replace("published: 2024-03-03 10:00\n", "")
    repo.commit(
        {"docs/adr/0001-a.md": adr, "docs/postmortems/on-time.md": VALID[POSTMORTEM]},
        "2024-03-03 10:00",
    )
    repo.commit({"docs/postmortems/late.md": late}, "2024-03-06 14:05")
    team = health_of(tmp_path).to_dict()["team_health"]
    assert team["reviews"]["adr"]["documents"] == [
        {"path": "docs/adr/0001-a.md", "days": 3.0, "basis": "frontmatter"}
    ]
    assert team["postmortems"]["documents"] == [
        {"path": "docs/postmortems/late.md", "hours": 96.0, "basis": "git"},
        {"path": "docs/postmortems/on-time.md", "hours": 19.9, "basis": "frontmatter"},
    ]
    assert (team["postmortems"]["within_target"], team["postmortems"]["percent_within"]) == (
        1,
        50.0,
    )


def test_nearest_rank_percentile() -> None:
    assert percentile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([2.0], 0.9) == 2.0


def test_shallow_clone_warns_once_with_the_count(handbook: GitRepo, tmp_path_factory) -> None:
    clone = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{handbook.path}", str(clone)], check=True
    )
    health = health_of(clone)
    shallow = [d for d in health.diagnostics if d.rule.code == "ASY404"]
    assert len(shallow) == 1
    assert shallow[0].message.startswith(
        "this is a shallow clone: the history of 5 of 5 documents is cut off"
    )
    assert health.stale == []


def test_a_postmortem_using_the_incident_alias_counts_in_team_health(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    aliased = VALID[POSTMORTEM].replace(
        "incident_date: 2024-03-02 14:05", "incident: 2024-03-02 14:05"
    )
    hyphen = VALID[POSTMORTEM].replace(
        "incident_date: 2024-03-02 14:05", "incident-date: 2024-03-02 16:05"
    )
    repo.commit(
        {"docs/postmortems/aliased.md": aliased, "docs/postmortems/hyphen.md": hyphen},
        "2024-03-03 10:00",
    )
    team = health_of(tmp_path).to_dict()["team_health"]
    assert team["postmortems"]["documents"] == [
        {"path": "docs/postmortems/aliased.md", "hours": 19.9, "basis": "frontmatter"},
        {"path": "docs/postmortems/hyphen.md", "hours": 17.9, "basis": "frontmatter"},
    ]


def _damaged(repo: GitRepo, how: str) -> None:
    """Overwrite the newest commit's loose object, or cut the pack holding everything in half."""
    if how == "loose object":
        commit = repo.git("rev-parse", "HEAD").strip()
        target = repo.path / ".git" / "objects" / commit[:2] / commit[2:]
    else:
        repo.git("gc", "-q")
        target = next((repo.path / ".git" / "objects" / "pack").glob("*.pack"))
    data = target.read_bytes()
    target.chmod(0o644)
    target.write_bytes(b"garbage" if how == "loose object" else data[: len(data) // 2])


@pytest.mark.parametrize("engine", ["git", "pygit2"])
@pytest.mark.parametrize("how", ["loose object", "truncated pack"])
def test_a_damaged_repository_is_one_warning_and_no_invented_history(
    handbook: GitRepo, engine: str, how: str
) -> None:
    _damaged(handbook, how)
    settings = Settings.build(
        handbook.path, [SourceFolder(path=handbook.path / "docs")], health=HealthSettings()
    )
    history = HistoryReader(engine).read(handbook.path, NOW)
    health = assess(settings, scan(settings), history, read_catalog(settings))
    assert [(d.path, d.rule.code, d.level.value) for d in health.diagnostics] == [
        ("mkdocs.yml", "ASY407", "warning")
    ]
    assert "none of the 5 documents has dates or authors from git" in health.diagnostics[0].message
    assert "the git repository is damaged" in health.diagnostics[0].message
    report = health.to_dict()
    assert health.stale == [] and report["history"]["available"] is False
    assert {
        (d["created"], d["modified"], tuple(d["authors"]))
        for d in report["history"]["documents"].values()
    } == {(None, None, ())}


def test_documents_inside_a_git_submodule_have_no_history_and_say_why(
    handbook: GitRepo, tmp_path_factory
) -> None:
    other = GitRepo(tmp_path_factory.mktemp("other"))
    other.commit(
        {f"runbooks/{Path(RUNBOOK).name}": VALID[RUNBOOK].replace("# ", "# Vendored ", 1)},
        "2020-01-01 10:00",
        BO,
    )
    handbook.git(
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        other.path.as_uri(),
        "docs/vendor",
    )
    handbook.git("commit", "-qm", "Vendor runbooks", when="2024-12-02 10:00")
    health = health_of(handbook.path, max_age={"runbook": 30})
    vendored = "docs/vendor/runbooks/workflow-engine.md"
    assert [(d.path, d.rule.code) for d in health.diagnostics if d.rule.code == "ASY407"] == [
        (vendored, "ASY407")
    ]
    assert "git submodule docs/vendor/" in next(
        d.message for d in health.diagnostics if d.rule.code == "ASY407"
    )
    report = health.to_dict()["history"]["documents"][vendored]
    assert (report["created"], report["modified"], report["authors"], report["uncommitted"]) == (
        None,
        None,
        [],
        False,
    )
    assert vendored not in [item.document.path for item in health.stale]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("---\nstatus: accepted  # c\n---\nbody\n", "accepted"),
        ("----\nstatus: 'in-review'\n----\n", "in-review"),
        ("---\r\nstatus: draft\r\n---\r\n", "draft"),
        ("---\ntitle: x\n\nstatus: accepted\n", None),  # never closed: a thematic break
        ("---\ntitle: x\n---\nstatus: accepted\n", None),  # in the body
        ("status: accepted\n", None),
    ],
)
def test_the_status_in_an_old_version_is_read_from_its_frontmatter_block(
    text: str, status: str | None
) -> None:
    from mkdocs_asyncops.health.team import _status_in

    assert _status_in(text, "status") == status
