"""The one-pass history engine, on real git repositories with fixed dates."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_asyncops.history.reader import HistoryReader
from tests.helpers.gitrepo import GitRepo, at

NOW = at("2025-01-01 12:00")
ANA = "Ana Souza <ana@example.com>"
BO = "Bo Li <bo@example.com>"
CHEN = "Chen Wu <chen@example.com>"


@pytest.fixture(params=["git", "pygit2"])
def engine(request: pytest.FixtureRequest) -> str:
    """Both walkers must give the same answers."""
    return request.param


def names(known) -> list[str]:
    return sorted(person.name for person in known.authors.values())


def test_created_modified_and_authors(tmp_path: Path, engine: str) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"docs/a.md": "one\n", "docs/b.md": "b\n"}, "2024-01-05 10:00", ANA)
    repo.commit({"docs/a.md": "two\n"}, "2024-02-10 09:30+02:00", BO)
    repo.commit({"docs/b.md": "b2\n"}, "2024-03-01 08:00", CHEN)
    history = HistoryReader(engine).read(tmp_path, NOW)
    a = history.of(tmp_path / "docs/a.md")
    assert a.created == at("2024-01-05 10:00")
    assert a.modified == at("2024-02-10 09:30+02:00")
    assert names(a) == ["Ana Souza", "Bo Li"]
    assert not a.uncommitted and not a.truncated
    b = history.of(tmp_path / "docs/b.md")
    assert (b.created, b.modified, names(b)) == (
        at("2024-01-05 10:00"),
        at("2024-03-01 08:00"),
        ["Ana Souza", "Chen Wu"],
    )


def test_renames_are_followed_to_the_first_commit(tmp_path: Path, engine: str) -> None:
    repo = GitRepo(tmp_path)
    text = "".join(f"line {i} of a long enough document\n" for i in range(30))
    repo.commit({"drafts/old-name.md": text}, "2024-01-01 10:00", ANA)
    repo.commit({"drafts/old-name.md": None, "docs/new-name.md": text}, "2024-02-01 10:00", BO)
    repo.commit({"docs/new-name.md": text + "more\n"}, "2024-03-01 10:00", CHEN)
    history = HistoryReader(engine).read(tmp_path, NOW)
    known = history.of(tmp_path / "docs/new-name.md")
    assert known.created == at("2024-01-01 10:00")
    assert known.modified == at("2024-03-01 10:00")
    assert names(known) == ["Ana Souza", "Bo Li", "Chen Wu"]
    assert [touch.path for touch in known.touches] == [
        "docs/new-name.md",
        "docs/new-name.md",
        "drafts/old-name.md",
    ]


def test_co_authors_and_mailmap(tmp_path: Path, engine: str) -> None:
    repo = GitRepo(tmp_path)
    repo.commit(
        {".mailmap": "Ana Souza <ana@example.com> ana <ana@old.example>\n"}, "2024-01-01 10:00", ANA
    )
    repo.commit(
        {"a.md": "x\n"},
        "2024-01-02 10:00",
        "ana <ana@old.example>",
        message="Write a\n\nCo-authored-by: Bo Li <bo@example.com>\nCo-authored-by: Chen Wu <chen@example.com>",
    )
    known = HistoryReader(engine).read(tmp_path, NOW).of(tmp_path / "a.md")
    assert names(known) == ["Ana Souza", "Bo Li", "Chen Wu"]


def test_a_merge_counts_each_change_once_on_the_commit_that_made_it(
    tmp_path: Path, engine: str
) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"a.md": "a\n", "b.md": "b\n"}, "2024-01-01 10:00", ANA)
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"b.md": "b on a branch\n"}, "2024-01-10 10:00", BO)
    repo.git("checkout", "-q", "main")
    repo.commit({"a.md": "a on main\n"}, "2024-01-15 10:00", ANA)
    repo.git(
        "merge", "-q", "--no-ff", "-m", "Merge", "feature", when="2024-01-20 10:00", author=CHEN
    )
    history = HistoryReader(engine).read(tmp_path, NOW)
    b = history.of(tmp_path / "b.md")
    assert b.modified == at("2024-01-10 10:00")
    assert names(b) == ["Ana Souza", "Bo Li"]
    assert history.of(tmp_path / "a.md").modified == at("2024-01-15 10:00")


def test_project_below_the_repository_root(tmp_path: Path, engine: str) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"services/handbook/docs/a.md": "a\n", "src/x.py": "x\n"}, "2024-04-01 10:00", ANA)
    history = HistoryReader(engine).read(tmp_path / "services" / "handbook", NOW)
    assert history.workdir == tmp_path.resolve()
    assert history.of(tmp_path / "services/handbook/docs/a.md").created == at("2024-04-01 10:00")
    assert history.relative(tmp_path / "services" / "handbook") == "services/handbook"


def test_uncommitted_and_untracked_files_are_dated_now(tmp_path: Path, engine: str) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"a.md": "a\n"}, "2024-01-01 10:00", ANA)
    repo.write({"a.md": "changed\n", "new.md": "new\n"})
    history = HistoryReader(engine).read(tmp_path, NOW)
    changed = history.of(tmp_path / "a.md")
    assert (changed.created, changed.modified, changed.uncommitted) == (
        at("2024-01-01 10:00"),
        NOW,
        True,
    )
    new = history.of(tmp_path / "new.md")
    assert (new.created, new.modified, new.uncommitted, new.authors) == (NOW, NOW, True, {})


def test_no_repository_means_no_history(tmp_path: Path, engine: str) -> None:
    (tmp_path / "a.md").write_text("a\n")
    history = HistoryReader(engine).read(tmp_path, NOW)
    assert not history.available
    assert "not in a git repository" in history.reason
    assert history.of(tmp_path / "a.md") is None


def test_a_repository_without_commits(tmp_path: Path, engine: str) -> None:
    GitRepo(tmp_path).write({"a.md": "a\n"})
    history = HistoryReader(engine).read(tmp_path, NOW)
    assert history.available and history.head is None
    assert history.of(tmp_path / "a.md").uncommitted


def test_shallow_clone_never_dates_files_by_the_graft_commit(tmp_path: Path, engine: str) -> None:
    origin = GitRepo(tmp_path / "origin")
    origin.commit({"old.md": "old\n", "edited.md": "1\n"}, "2023-01-01 10:00", ANA)
    origin.commit({"other.md": "o\n"}, "2023-06-01 10:00", BO)
    origin.commit({"edited.md": "2\n"}, "2024-05-01 10:00", CHEN)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{tmp_path / 'origin'}", str(clone)],
        check=True,
    )
    history = HistoryReader(engine).read(clone, NOW)
    assert history.shallow
    old = history.of(clone / "old.md")
    assert (old.created, old.modified, old.truncated, old.authors) == (None, None, True, {})
    edited = history.of(clone / "edited.md")
    assert (edited.created, edited.modified, edited.truncated) == (
        None,
        at("2024-05-01 10:00"),
        True,
    )
    assert names(edited) == ["Chen Wu"]


def test_a_second_read_walks_only_new_commits_and_follows_their_renames(
    tmp_path: Path, engine: str
) -> None:
    repo = GitRepo(tmp_path)
    text = "".join(f"line {i} of the runbook\n" for i in range(30))
    repo.commit({"a.md": text, "b.md": "b\n"}, "2024-01-01 10:00", ANA)
    repo.commit({"b.md": "b2\n"}, "2024-01-02 10:00", BO)
    reader = HistoryReader(engine)
    first = reader.read(tmp_path, NOW)
    assert reader.walked == 2
    repo.git("mv", "a.md", "renamed.md")
    repo.commit({}, "2024-02-01 10:00", CHEN)
    second = reader.read(tmp_path, NOW)
    assert reader.walked == 1
    fresh = HistoryReader(engine).read(tmp_path, NOW)
    for path in ("renamed.md", "b.md"):
        assert second.of(tmp_path / path) == fresh.of(tmp_path / path)
    assert second.of(tmp_path / "renamed.md").created == at("2024-01-01 10:00")
    assert first.of(tmp_path / "b.md") == second.of(tmp_path / "b.md")
    reader.read(tmp_path, NOW)
    assert reader.walked == 0


def test_answers_worked_out_from_the_commits_are_shared_until_a_new_commit(
    tmp_path: Path, engine: str
) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"a.md": "a\n"}, "2024-01-01 10:00", ANA)
    reader = HistoryReader(engine)
    first = reader.read(tmp_path, NOW)
    first.derived["test"] = "kept"
    (tmp_path / "a.md").write_text("edited\n")  # the working tree only
    assert reader.read(tmp_path, NOW).derived is first.derived
    repo.commit({"a.md": "a2\n"}, "2024-01-02 10:00", BO)
    assert reader.read(tmp_path, NOW).derived == {}  # the old answers are let go


def test_rewritten_history_is_walked_again_from_scratch(tmp_path: Path, engine: str) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"a.md": "a\n"}, "2024-01-01 10:00", ANA)
    repo.commit({"a.md": "a2\n"}, "2024-01-05 10:00", BO)
    reader = HistoryReader(engine)
    reader.read(tmp_path, NOW)
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit({"a.md": "a3\n"}, "2024-01-09 10:00", CHEN)
    known = reader.read(tmp_path, NOW).of(tmp_path / "a.md")
    assert reader.walked == 2
    assert names(known) == ["Ana Souza", "Chen Wu"]
    assert known.modified == at("2024-01-09 10:00")


def test_without_a_git_command_the_walk_falls_back_to_libgit2(tmp_path: Path, monkeypatch) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"a.md": "a\n"}, "2024-01-05 10:00", ANA)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    reader = HistoryReader("git")
    known = reader.read(tmp_path, NOW).of(tmp_path / "a.md")
    assert (known.created, names(known), reader.walked) == (
        at("2024-01-05 10:00"),
        ["Ana Souza"],
        1,
    )
