"""Kept answers (ADR-0026): `asyncops check` run again on the same files prints the answer the
last run printed without running anything; after every kind of change it runs again and prints
what a run without any cache prints."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mkdocs_asyncops import pipeline
from mkdocs_asyncops.cli import answers
from mkdocs_asyncops.cli.main import main
from tests.helpers.flow_repo import BO, CONFIG, build_flow_repo
from tests.helpers.gitrepo import GitRepo

CACHE = Path(".cache", "asyncops")
Answer = tuple[int, str, str]


class Runs:
    """`asyncops check ...` in-process in the project, counting the runs that checked."""

    def __init__(self, root: Path, capsys, monkeypatch) -> None:
        self.root, self.capsys, self.monkeypatch = root, capsys, monkeypatch
        self.checked = 0
        real = pipeline.run_checks

        def counting(*args, **kwargs):
            self.checked += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pipeline, "run_checks", counting)
        monkeypatch.setattr(answers, "_SETTLED_NS", 0)  # files the test just wrote count

    def check(self, *argv: str) -> Answer:
        self.monkeypatch.chdir(self.root)
        code = main(["check", *argv])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def answered_as_cold(self, *argv: str) -> Answer:
        """A run with no cache at all; then one that runs (the change is seen) and keeps its
        answer; then one given that answer without checking anything: all three alike."""
        cold = self.check("--no-cache", *argv)
        before = self.checked
        assert self.check(*argv) == cold
        assert self.checked == before + 1, "the change was not seen: the kept answer was given"
        assert self.check(*argv) == cold
        assert self.checked == before + 1, "the unchanged project was checked again"
        return cold


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The flow handbook, with its cache folder made by an earlier run (the run that makes it
    changes the project's folder, so it keeps no answer)."""
    repo = build_flow_repo(tmp_path / "flow")
    (repo.path / CACHE).mkdir(parents=True)
    return repo


def test_every_change_runs_the_check_again(repo: GitRepo, capsys, monkeypatch) -> None:
    root = repo.path
    runs = Runs(root, capsys, monkeypatch)
    first = runs.answered_as_cold("--format", "json")
    assert list((root / CACHE).glob("answer-*.json"))
    assert runs.answered_as_cold() != first  # another command line, another answer

    runbook = root / "docs/runbooks/broker.md"
    repo.write({"docs/runbooks/broker.md": runbook.read_text() + "x\n"})
    edited = runs.answered_as_cold("--format", "json")
    assert edited != first
    stat = runbook.stat()  # the same size and modification time, another text
    runbook.write_text(runbook.read_text()[:-2] + "y\n")
    os.utime(runbook, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    runs.answered_as_cold("--format", "json")

    repo.git("mv", "adr/0001-use-postgres.md", "adr/0005-use-postgres.md")
    runs.answered_as_cold("--format", "json")
    repo.write({"adr/0003-use-memcached.md": None})
    runs.answered_as_cold("--format", "json")
    repo.write({"docs/notes/new.md": "# A note\n"})
    runs.answered_as_cold("--format", "json")
    repo.write({"src/app.py": "print('code the documents may cite')\n"})
    runs.answered_as_cold("--format", "json")

    repo.commit({}, "2026-03-09 18:00", BO, "Edit, rename, delete")
    committed = runs.answered_as_cold("--format", "json")
    (root / "mkdocs.yml").write_text(CONFIG + "      cache: true\n")
    runs.answered_as_cold("--format", "json")
    repo.write({".mailmap": "Bo Li <bo@example.com> Bo <bo@old.example.com>\n"})
    runs.answered_as_cold("--format", "json")
    export = repo.path.parent / "payments.json"  # another handbook's export, outside
    export.write_text(json.dumps({"version": "2.1", "repository": {"name": "payments"}}))
    remote = ("--remote", f"payments={export}")
    runs.answered_as_cold(*remote)
    export.write_text("not an export")
    runs.answered_as_cold(*remote)
    repo.git("checkout", "-q", "-b", "old", "HEAD~2")
    assert runs.answered_as_cold("--format", "json") != committed
    repo.git("checkout", "-q", "main")
    runs.answered_as_cold("--format", "json")


def test_the_day_and_the_environment_are_part_of_the_answer(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    """Ages are counted in days, so within a day the kept answer is what a run gives at any
    hour; on the next day, or with another value of a variable the configuration reads, the
    check runs again."""
    root = repo.path
    (root / "mkdocs.yml").write_text(
        CONFIG.replace("      today: 2026-03-10\n", "")
        + "extra:\n  team: !ENV [TEAM_NAME, platform]\n"
    )
    repo.commit({}, "2026-03-09 19:00", BO, "No fixed today")
    runs = Runs(root, capsys, monkeypatch)

    def at(moment: str) -> None:
        when = datetime.fromisoformat(moment).replace(tzinfo=timezone.utc)
        monkeypatch.setattr("mkdocs_asyncops.dates.now", lambda: when)

    at("2026-09-01 00:05")
    morning = runs.answered_as_cold()
    assert "ASY401" in morning[1]  # the runbook is stale by now
    at("2026-09-01 23:55")
    before = runs.checked
    assert runs.check() == morning and runs.checked == before  # kept: the same day
    assert runs.check("--no-cache") == morning  # and what a run at this hour prints
    at("2026-09-02 00:05")
    assert runs.answered_as_cold() != morning  # a day older
    monkeypatch.setenv("TEAM_NAME", "payments")
    runs.answered_as_cold()

    moments = iter(["2026-09-03 23:59:59"] * 2)  # a run that begins one day and ends the next

    def clock() -> datetime:
        when = next(moments, "2026-09-04 00:00:01")
        return datetime.fromisoformat(when).replace(tzinfo=timezone.utc)

    monkeypatch.setattr("mkdocs_asyncops.dates.now", clock)
    runs.check()
    before = runs.checked
    runs.check()
    assert runs.checked == before + 1  # the answer of the day before was not kept for today


def test_no_answer_is_kept_when_it_cannot_hold(tmp_path: Path, capsys, monkeypatch) -> None:
    """Not with `--no-cache`, `cache: false`, a failed run, or files changed as it ran."""
    root = build_flow_repo(tmp_path / "flow").path
    runs = Runs(root, capsys, monkeypatch)
    runs.check("--no-cache")
    assert not list((root / CACHE).glob("answer-*.json"))
    (root / "mkdocs.yml").write_text(CONFIG + "      cache: false\n")
    runs.check()
    assert not (root / CACHE).exists()
    (root / CACHE).mkdir(parents=True)  # as a run with the cache on makes it
    (root / "mkdocs.yml").write_text(CONFIG + "      no_such_option: 1\n")
    assert runs.check("--strict")[0] == 2  # a configuration problem is never kept
    assert not list((root / CACHE).glob("answer-*.json"))
    (root / "mkdocs.yml").write_text(CONFIG)
    runs.check("--remote", "payments=http://127.0.0.1:9/asyncops.json")  # fetched: not kept
    assert not list((root / CACHE).glob("answer-*.json"))
    monkeypatch.setattr(answers, "_SETTLED_NS", 10**12)  # every file is too recent
    (root / "mkdocs.yml").write_text(CONFIG)
    runs.check()
    assert not list((root / CACHE).glob("answer-*.json"))


def test_a_kept_answer_is_given_as_it_was_printed(repo: GitRepo, capsys, monkeypatch) -> None:
    """Its output, its warnings on stderr and its exit code; a corrupt answer file is no
    answer."""
    root = repo.path
    (root / "mkdocs.yml").write_text(CONFIG + "      no_such_option: 1\n")
    repo.write({"adr/0009-broken.md": "---\nstatus: accepted\n---\n# 9. Broken\n"})
    runs = Runs(root, capsys, monkeypatch)
    code, out, err = runs.answered_as_cold()
    assert code == 1 and "ASY" in out and "no_such_option" in err
    for kept in (root / CACHE).glob("answer-*.json"):
        data = json.loads(kept.read_text())
        data["data"]["state"] = "not a state"
        kept.write_text(json.dumps(data))
    before = runs.checked
    assert runs.check() == (code, out, err) and runs.checked == before + 1


def test_an_inbox_or_a_digest_is_kept_until_one_of_its_judgments_changes(
    repo: GitRepo, capsys, monkeypatch
) -> None:
    """What they print names the moment (and the window back from it): a kept answer prints the
    moment of the run that gives it, and equals what a run without any cache prints then, until
    a review's deadline passes (design/search.md's, 03-05 09:00) or an event leaves a sliding
    window; then they run again."""
    root = repo.path
    runs = Runs(root, capsys, monkeypatch)
    monkeypatch.chdir(root)
    fixed = main(["inbox", "--for", "Bo Li"]), capsys.readouterr()
    before = runs.checked
    assert (main(["inbox", "--for", "Bo Li"]), capsys.readouterr()) == fixed
    assert runs.checked == before  # as of the site's `today`: kept as it was printed
    (root / "mkdocs.yml").write_text(CONFIG.replace("      today: 2026-03-10\n", ""))
    repo.commit({}, "2026-03-04 19:00", BO, "No fixed today")

    def at(moment: str) -> None:
        when = datetime.fromisoformat(moment).replace(tzinfo=timezone.utc)
        monkeypatch.setattr("mkdocs_asyncops.dates.now", lambda: when)

    def run(*argv: str) -> Answer:
        monkeypatch.chdir(root)
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    def given_as_cold(*argv: str) -> Answer:
        before = runs.checked
        answer = run(*argv)
        assert runs.checked == before, "the kept answer was not given"
        assert answer == run(*argv, "--no-cache")
        return answer

    def runs_again(*argv: str) -> Answer:
        before = runs.checked
        answer = run(*argv)
        assert runs.checked == before + 1, "a kept answer was given past its moment"
        assert answer == run(*argv, "--no-cache")
        return answer

    inboxes = [["inbox", "--for", "Bo Li"], ["inbox", "--for", "Bo Li", "--format", "json"]]
    for argv in inboxes:
        at("2026-03-05 08:00")
        first = runs_again(*argv)
        at("2026-03-05 08:59:59")
        kept = given_as_cold(*argv)
        assert kept != first and "08:59" in kept[1] and "08:00" not in kept[1]
        at("2026-03-05 09:00:01")
        late = runs_again(*argv)
        assert '"overdue": true' in late[1] or "overdue, due 2026-03-05 09:00" in late[1]

    at("2026-03-05 06:30")
    sliding = ["digest", "--since", "45h"]
    first = runs_again(*sliding)
    at("2026-03-05 06:50")
    given_as_cold(*sliding)
    at("2026-03-05 07:10")  # Postgres was proposed 03-03 10:00: 45 hours before 07:00
    later = runs_again(*sliding)
    assert "Use PostgreSQL" in first[1] and "Use PostgreSQL" not in later[1]

    fixed = ["digest", "--since", "2026-03-03", "--format", "json"]
    at("2026-03-05 06:30")
    runs_again(*fixed)
    at("2026-03-05 07:10")
    assert '"since": "2026-03-03T00:00:00+00:00"' in given_as_cold(*fixed)[1]
    at("2026-03-05 08:10")  # the postmortem was committed at 08:00
    assert "postmortems/2026-03-04-broker-outage.md" in runs_again(*fixed)[1]
    at("2026-03-05 08:20")
    given_as_cold(*fixed)
    at("2026-03-05 09:00:01")
    assert "review-overdue" in runs_again(*fixed)[1]
