"""Running one piece of work beside the caller: in a forked process where that is safe.

`mkdocs build` spends its time converting and rendering pages on one core, and the checks have
to be done before few of those pages need them; a scan of many files that must be parsed has a
child parse part of them (`reading/read_files.py`). `beside(work)` starts `work` in a forked child
process and returns at once; `result()` waits for it. Forking is used only where it is safe and
cheap: on Linux, in a process with no other threads (a forked thread would hold no locks it
took). Elsewhere, or when the child fails in any way, the work runs in the calling process, so
the result, or the exception, is the same either way.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar, cast

__all__ = ["Pending", "beside", "can_fork"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class Pending(Generic[T]):
    """Work started by `beside`; `result()` waits for it once and keeps what it gave."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._process: multiprocessing.process.BaseProcess | None = None
        self._results: Connection | None = None
        self._value: tuple[T] | None = None

    @property
    def in_child(self) -> bool:
        """Whether the work runs in a child process."""
        return self._process is not None

    def result(self) -> T:
        if self._value is None:
            self._value = (self._receive() if self._process is not None else self._work(),)
        return self._value[0]

    def cancel(self) -> None:
        """Stop the child, if it still runs (the build ended before its result was needed)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._finish()

    def _receive(self) -> T:
        assert self._results is not None
        try:
            outcome, value = self._results.recv()
        except (EOFError, OSError):  # the child died before it could say anything
            outcome, value = "failed", None
        self._finish()
        if outcome == "done":
            return cast(T, value)  # what the child's `work()` gave
        log.debug("the worker process failed; working in this process")
        return self._work()

    def _finish(self) -> None:
        if self._results is not None:
            self._results.close()
            self._results = None
        if self._process is not None:
            self._process.join()
            self._process = None


def beside(work: Callable[[], T], fork: bool = True) -> Pending[T]:
    """Start `work` in a forked child process if `fork` and that is safe; else run it now, here."""
    pending = Pending(work)
    if not (fork and can_fork()):
        pending.result()
        return pending
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_run, args=(work, receiving, sending), daemon=True
    )
    try:
        process.start()
    except (OSError, AssertionError) as exc:  # out of processes, memory or descriptors; a worker
        log.debug("cannot fork (%s); working in this process", exc)
        receiving.close()
        sending.close()
        pending.result()
        return pending
    sending.close()
    pending._process, pending._results = process, receiving
    return pending


def can_fork() -> bool:
    """Whether forking is safe here: on Linux, with no other thread, and not in a worker itself
    (a daemonic process may start no children: the build's worker scans in turn)."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def _run(work: Callable[[], T], unused: Connection, results: Connection) -> None:
    """In the child: do the work and send back what it gave, or that it failed."""
    # The parent's end, closed here so that a parent that dies leaves nobody to read: sending
    # then fails instead of waiting forever.
    unused.close()
    try:
        outcome: tuple[str, T | None] = ("done", work())
    except BaseException:  # noqa: BLE001 - the parent runs the work again itself, and sees the real error
        outcome = ("failed", None)
    try:
        results.send(outcome)
    except Exception:  # noqa: BLE001 - the result cannot be pickled
        results.send(("failed", None))
    finally:
        results.close()
