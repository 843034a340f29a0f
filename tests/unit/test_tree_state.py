"""The state of files from their times alone (`core/tree_state.py`, ADR-0026): equal only when
nothing was written, added, removed or renamed, and in `.git` only what is checked out counts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mkdocs_asyncops.core.tree_state import TooManyFiles, newest_change, repository_top, tree_state


def project(root: Path) -> Path:
    for name, text in {
        "docs/a.md": "# A\n",
        "docs/sub/b.md": "# B\n",
        ".git/HEAD": "ref: refs/heads/main\n",
        ".git/refs/heads/main": "1" * 40 + "\n",
        ".git/objects/ab/cdef": "an object",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_every_kind_of_change_changes_the_state(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = tree_state([root])
    assert tree_state([root]) == before
    a = root / "docs/a.md"
    times = a.stat()
    a.write_text("# Z\n")  # the same size, and its modification time put back
    os.utime(a, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert tree_state([root]) != before
    for change in (
        lambda: (root / "docs/sub/c.md").write_text("# C\n"),
        lambda: (root / "docs/sub/c.md").rename(root / "docs/c.md"),
        lambda: (root / "docs/c.md").unlink(),
        lambda: (root / ".git/refs/heads/main").write_text("2" * 40 + "\n"),
        lambda: (root / ".git/index").write_bytes(b"DIRC"),
    ):
        before = tree_state([root])
        change()
        assert tree_state([root]) != before


def test_git_objects_and_skipped_folders_are_not_looked_at(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = tree_state([root], skip=[root / "docs/sub"])
    (root / ".git/objects/ab/more").write_text("another object")
    (root / "docs/sub/new.md").write_text("# New\n")
    assert tree_state([root], skip=[root / "docs/sub"]) == before
    assert not any("/.git/objects" in path for path in before)


def test_a_worktree_counts_its_own_head_and_the_shared_refs(tmp_path: Path) -> None:
    main = project(tmp_path / "main")
    worktree_git = main / ".git/worktrees/feature"
    worktree_git.mkdir(parents=True)
    (worktree_git / "HEAD").write_text("ref: refs/heads/feature\n")
    (worktree_git / "commondir").write_text("../..\n")
    checkout = tmp_path / "feature"
    checkout.mkdir()
    (checkout / ".git").write_text(f"gitdir: {worktree_git}\n")
    (checkout / "doc.md").write_text("# Doc\n")
    assert repository_top(checkout / "deeper" / "folder") == checkout
    before = tree_state([checkout])
    (main / ".git/refs/heads/feature").write_text("3" * 40 + "\n")  # in the common folder
    assert tree_state([checkout]) != before
    before = tree_state([checkout])
    (worktree_git / "HEAD").write_text("4" * 40 + "\n")  # detached in the worktree
    assert tree_state([checkout]) != before


def test_missing_files_are_part_of_the_state(tmp_path: Path) -> None:
    config = tmp_path / "gitconfig"
    before = tree_state([], files=[config])
    assert before == {str(config): [-1]}
    config.write_text("[user]\n")
    after = tree_state([], files=[config])
    assert after != before and newest_change(after) > 0


def test_too_many_files_is_said(tmp_path: Path) -> None:
    for index in range(30):
        (tmp_path / f"d{index}").mkdir()
        (tmp_path / f"d{index}" / "f.md").write_text("x")
    with pytest.raises(TooManyFiles):
        tree_state([tmp_path], limit=10)
    assert len(tree_state([tmp_path], limit=1000)) == 61
