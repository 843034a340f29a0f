"""Writing several files as one change: every file gets its new text, or none of them does.

Each new text is first written in full beside its file, in a temporary file in the same folder;
only when all are written are the files replaced, each in one step. If a replacement fails, the
files already replaced get their old bytes back. Nothing visible changes before the slow,
space-hungry part (writing) has succeeded for every file.

A symlink is followed: the file it points at is edited and the link stays a link. A replacement
keeps the file's mode and owner. A file with more than one name (a hard link) cannot be replaced
without parting the names, and a file of someone else's cannot be given back its owner, so those
are rewritten in place, their space reserved beforehand. A file marked read-only (no write bit)
is refused.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import AsyncOpsError

T = TypeVar("T")

_NO_RESERVING = {errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS}
"""Errors of `posix_fallocate` that mean the file system cannot reserve space, not that it is full."""


class NotPutBack(AsyncOpsError, OSError):
    """A write failed after some files were replaced, and `paths` could not be restored (the
    user restores them from version control). An `OSError` still, with the failed write's
    `errno` and `filename`, as `write_all` promises."""

    paths: list[Path]


def write_all(texts: Mapping[Path, str]) -> None:
    """Give every file its new text (UTF-8, line ends as in the text), all or none of them.

    Raises `OSError` whose `filename` is the path given for the file that failed; when that
    happens no file has changed and no temporary file is left, unless it is a `NotPutBack`.
    """
    planned: list[_Write] = []
    done: list[_Write] = []
    try:
        for path, text in texts.items():
            planned.append(_prepare(path, text.encode("utf-8")))
        for write in planned:
            _named(write.path, write.commit)
            done.append(write)
    except OSError as exc:
        left = []
        for write in reversed(done):
            try:
                write.undo()
            except OSError:
                left.append(write.path)
        if left:
            partial = NotPutBack(exc.errno, exc.strerror, exc.filename)
            partial.paths = left[::-1]
            raise partial from exc
        raise
    finally:
        for write in planned:
            write.discard()


@dataclass
class _Write:
    path: Path
    real: Path
    data: bytes
    old: bytes | None
    mode: int | None
    owner: tuple[int, int] | None = None
    temp: Path | None = None
    fd: int | None = None
    """Open on `real` when it is rewritten in place (it has other names)."""

    def commit(self) -> None:
        if self.fd is not None:
            try:
                _write_in_place(self.fd, self.data)
            except OSError:  # half written: the old bytes fit the space they had
                _write_in_place(self.fd, self.old or b"")
                raise
        else:
            assert self.temp is not None
            os.replace(self.temp, self.real)
            self.temp = None
            _sync_folder(self.real.parent)

    def undo(self) -> None:
        if self.fd is not None:
            _write_in_place(self.fd, self.old or b"")
        elif self.old is None:
            self.real.unlink(missing_ok=True)
        else:
            self.temp = _temporary(self.real, self.old, self.mode, self.owner)
            if self.temp is None:
                with open(self.real, "r+b") as handle:
                    _write_in_place(handle.fileno(), self.old)
                return
            os.replace(self.temp, self.real)
            self.temp = None

    def discard(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None


def _prepare(path: Path, data: bytes) -> _Write:
    """Everything but the visible step: the old bytes read, the new ones written to a temporary
    file (or the space for them reserved in the file itself)."""

    def prepare() -> _Write:
        real = path.resolve() if path.is_symlink() else path
        if not real.exists():
            return _Write(path, real, data, None, None, temp=_temporary(real, data, None, None))
        status = real.stat()
        if not status.st_mode & 0o222:
            raise PermissionError(errno.EACCES, "the file is read-only; make it writable first")
        if not os.access(real, os.W_OK):  # a rename would replace someone else's file
            raise PermissionError(errno.EACCES, "you may not write the file")
        old = real.read_bytes()
        mode = status.st_mode & 0o7777
        owner = _owner(status)
        if status.st_nlink == 1:
            temp = _temporary(real, data, mode, owner)
            if temp is not None:
                return _Write(path, real, data, old, mode, owner, temp=temp)
        # the file has other names, or a new file could not have its owner: write it in place
        fd = os.open(real, os.O_RDWR)
        write = _Write(path, real, data, old, mode, owner, fd=fd)
        try:
            os.posix_fallocate(fd, 0, max(len(data), 1))
        except OSError as exc:
            if exc.errno not in _NO_RESERVING:
                write.discard()
                raise
        return write

    return _named(path, prepare)


def _named(path: Path, step: Callable[[], T]) -> T:
    """Run `step`, making any `OSError` it raises name `path` (as given, not as resolved)."""
    try:
        return step()
    except OSError as exc:
        if exc.errno is not None:  # a real error from the system, which names a file
            exc.filename = str(path)
        raise


def _temporary(
    real: Path, data: bytes, mode: int | None, owner: tuple[int, int] | None
) -> Path | None:
    """A temporary file beside `real` holding `data` with `real`'s mode and owner, or None when
    the owner cannot be given to it (the file belongs to someone else)."""
    fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    temp = Path(name)
    try:
        if owner is not None and owner != _owner(os.fstat(fd)):
            try:
                os.fchown(fd, *owner)
            except PermissionError:
                os.close(fd)
                temp.unlink()
                return None
        _write_fd(fd, data)
        os.fsync(fd)
        if mode is not None:
            os.chmod(fd, mode)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return temp


def _owner(status: os.stat_result) -> tuple[int, int]:
    return (status.st_uid, status.st_gid)


def _write_in_place(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_fd(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _sync_folder(folder: Path) -> None:
    """Make a replacement survive a power cut, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
