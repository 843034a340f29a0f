"""Writing several files all or nothing, through links, with failures injected."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from mkdocs_asyncops.edit import file_writes
from mkdocs_asyncops.edit.file_writes import NotPutBack, write_all


def fail_on_calls(
    monkeypatch: pytest.MonkeyPatch, name: str, failing: set[int], code: int = errno.ENOSPC
) -> None:
    real = getattr(os, name)
    calls: list[object] = []

    def wrapper(*args: object, **kwargs: object) -> object:
        calls.append(args)
        if len(calls) in failing:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(file_writes.os, name, wrapper)


def test_a_hard_linked_file_half_written_gets_its_old_bytes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old text\n")
    os.link(target, tmp_path / "b.md")
    fail_on_calls(monkeypatch, "write", {1})
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)) as raised:
        write_all({target: "a much longer new text\n"})
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(target)
    assert target.read_bytes() == b"old text\n" == (tmp_path / "b.md").read_bytes()


def test_a_new_file_written_before_the_failure_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "old.md").write_text("old\n")
    fail_on_calls(monkeypatch, "replace", {2})
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        write_all({tmp_path / "new.md": "new\n", tmp_path / "old.md": "changed\n"})
    assert (
        sorted(p.name for p in tmp_path.iterdir()) == ["old.md"]
        and (tmp_path / "old.md").read_text() == "old\n"
    )


def test_a_file_that_cannot_be_put_back_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "1.md", tmp_path / "2.md"
    first.write_text("one\n")
    second.write_text("two\n")
    fail_on_calls(monkeypatch, "replace", {2, 3}, errno.EIO)
    with pytest.raises(NotPutBack) as raised:
        write_all({first: "ONE\n", second: "TWO\n"})
    assert raised.value.filename == str(second)
    assert (raised.value.strerror, raised.value.paths) == (os.strerror(errno.EIO), [first])
    assert first.read_text() == "ONE\n" and second.read_text() == "two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.md", "2.md"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to someone else")
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n")
    os.chown(target, 1234, 5678)
    write_all({target: "new\n"})
    status = target.stat()
    assert (status.st_uid, status.st_gid, target.read_text()) == (1234, 5678, "new\n")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to someone else")
def test_a_file_whose_owner_cannot_be_kept_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n")
    os.chown(target, 1234, 5678)
    inode = target.stat().st_ino

    def refuse(*_: object) -> None:  # as for a user who is not root
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(file_writes.os, "fchown", refuse)
    write_all({target: "new text\n"})
    status = target.stat()
    assert (target.read_text(), status.st_ino, status.st_uid) == ("new text\n", inode, 1234)
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
