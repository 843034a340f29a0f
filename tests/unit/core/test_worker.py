"""Work done beside the build: in a forked child where that is safe, else in place."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mkdocs_asyncops.core.worker import beside, can_fork

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the build forks only on Linux"
)


@pytest.fixture(autouse=True)
def no_other_threads(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Threads that earlier tests left (browsers, servers) would keep the worker from forking."""
    if request.node.name != "test_no_fork_while_other_threads_run":
        monkeypatch.setattr("mkdocs_asyncops.core.worker.threading.active_count", lambda: 1)


@linux_only
def test_work_runs_in_a_child_process_and_its_result_comes_back() -> None:
    pending = beside(lambda: {"pid": os.getpid(), "rows": [("a", 1)] * 3})
    assert pending.in_child
    result = pending.result()
    assert result["pid"] != os.getpid() and result["rows"] == [("a", 1)] * 3
    assert pending.result() is result  # waited for once


@linux_only
def test_a_failing_child_is_run_again_here_so_the_real_error_shows() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            raise RuntimeError("lost in the child")
        return "here"

    assert beside(work).result() == "here"
    with pytest.raises(ZeroDivisionError):
        beside(lambda: 1 / 0).result()


@linux_only
def test_a_worker_does_its_own_work_in_place_for_it_may_start_no_child() -> None:
    def nested() -> tuple[bool, bool, int]:
        inner = beside(os.getpid)  # in the worker: a daemonic process, which cannot fork
        return can_fork(), inner.in_child, inner.result()

    pending = beside(nested)
    assert pending.in_child
    forks, inner_in_child, inner_pid = pending.result()
    assert (forks, inner_in_child) == (False, False)
    assert inner_pid != os.getpid()  # it ran in the worker, which did not fall back to here


@linux_only
def test_a_result_that_cannot_be_sent_back_is_made_here() -> None:
    made: list[int] = []

    def work() -> object:
        made.append(os.getpid())
        return lambda: None  # a function cannot be pickled

    assert callable(beside(work).result())
    assert made == [os.getpid()]  # the child's own call happened in its own memory


def test_without_fork_the_work_runs_at_once_in_this_process() -> None:
    ran: list[int] = []
    pending = beside(lambda: ran.append(os.getpid()) or "done", fork=False)
    assert ran == [os.getpid()] and not pending.in_child and pending.result() == "done"


def test_no_fork_while_other_threads_run() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
        assert not beside(lambda: 1).in_child
    finally:
        release.set()
        thread.join()


@linux_only
def test_cancel_stops_a_child_whose_result_is_not_wanted() -> None:
    pending = beside(lambda: threading.Event().wait(60))
    process = pending._process
    assert process is not None
    pending.cancel()
    assert not process.is_alive()


@linux_only
def test_when_the_fork_fails_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_more_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    pending = beside(lambda: os.getpid())
    assert not pending.in_child and pending.result() == os.getpid()


@linux_only
def test_a_child_whose_parent_died_does_not_wait_forever(tmp_path: Path) -> None:
    script = (
        "import os, sys\n"
        "from mkdocs_asyncops.core.worker import beside\n"
        "pending = beside(lambda: 'x' * 1_000_000)\n"  # more than a pipe holds
        "print(pending._process.pid, flush=True)\n"
        "os._exit(0)\n"  # no exit handlers: the daemon child is not stopped for us
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=20
    )
    child = int(done.stdout.strip())
    deadline = time.monotonic() + 20
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; its parent is gone, so init reaps it
