"""The tracked files of a project: from `git ls-files`, or from libgit2 without git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_asyncops.history import tracked
from tests.helpers.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """Files at the top and in a project folder, a symlink, a submodule, odd names, and a
    file in a merge conflict (three entries in the index)."""
    inner = GitRepo(tmp_path / "elsewhere")
    inner.commit({"lib.py": "x = 1\n"}, "2024-01-01 09:00")
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        {
            "top.py": "a\n",
            "site/code/a.py": "a\n",
            "site/code/conflict.py": "base\n",
            "site/code/ü [1] *.py": "a\n",
            "site/docs/adr/0001-x.md": "# x\n",
        },
        "2024-01-01 10:00",
    )
    (repo.path / "site/code/link.py").symlink_to("a.py")
    repo.git(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.path), "site/sub"
    )
    repo.commit({}, "2024-01-02 10:00")
    repo.git("checkout", "-q", "-b", "other")
    repo.commit({"site/code/conflict.py": "theirs\n"}, "2024-01-03 10:00")
    repo.git("checkout", "-q", "main")
    repo.commit({"site/code/conflict.py": "ours\n"}, "2024-01-04 10:00")
    with pytest.raises(subprocess.CalledProcessError):
        repo.git("merge", "-q", "other")
    return repo


@pytest.mark.parametrize("with_git", [True, False])
def test_tracked_regular_files_each_once_under_the_project_root(
    repo: GitRepo, with_git: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracked, "git_available", lambda: with_git)
    found = tracked.tracked_files(repo.path / "site")
    assert found is not None
    assert (found.workdir, found.prefix) == (repo.path.resolve(), "site/")
    # the symlink and the submodule are left out; the conflicted file is listed once
    assert found.paths == (
        "site/code/a.py",
        "site/code/conflict.py",
        "site/code/ü [1] *.py",
        "site/docs/adr/0001-x.md",
    )
    top = tracked.tracked_files(repo.path)
    assert top is not None and top.prefix == "" and top.paths[-1] == "top.py"
    assert len(top.paths) == len(set(top.paths)) == 6  # with .gitmodules


def test_an_unreadable_index_is_no_tracked_files(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"a.py": "a\n"}, "2024-01-01 10:00")
    (tmp_path / ".git" / "index").write_bytes(b"DIRC garbage")
    assert tracked.tracked_files(tmp_path) is None
    assert tracked.tracked_files(tmp_path.parent) is None  # not in a repository
