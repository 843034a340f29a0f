"""The scaling benchmark measures what it says: the child's own peak memory and CPU time, and the
performance page shows the figures of its data file."""

from __future__ import annotations

import json
import sys

import pytest

from tests.helpers import REPO_ROOT


@pytest.fixture
def scaling(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO_ROOT / "benchmarks"))
    import scaling

    return scaling


def test_a_childs_peak_memory_is_its_own_not_the_measuring_process(scaling, tmp_path) -> None:
    ballast = b"x" * (400 << 20)  # this process holds 400 MiB more than a bare interpreter
    small = scaling.measure([sys.executable, "-S", "-c", "pass"], tmp_path)
    big = scaling.measure(
        [sys.executable, "-S", "-c", "import time; b = b'x' * (200 << 20); time.sleep(0.1)"],
        tmp_path,
    )
    assert len(ballast) == 400 << 20
    assert small["peak_mib"] < 100, small
    assert 200 < big["peak_mib"] < 300, big


def test_a_childs_cpu_time_counts_its_own_children(scaling, tmp_path) -> None:
    spin = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-S', '-c', {spin!r}])"
    run = scaling.measure([sys.executable, "-S", "-c", parent], tmp_path)
    assert run["cpu"] >= 0.5 and run["wall"] >= 0.5, run


def test_a_failing_child_stops_the_benchmark(scaling, tmp_path) -> None:
    with pytest.raises(SystemExit, match="failed"):
        scaling.measure([sys.executable, "-S", "-c", "raise SystemExit(1)"], tmp_path)


def test_the_performance_page_shows_the_figures_of_the_data_file(scaling) -> None:
    data = json.loads((REPO_ROOT / "docs" / "assets" / "scaling.json").read_text())
    page = (REPO_ROOT / "docs" / "reference" / "performance.md").read_text()
    assert scaling.table(data["sizes"]) in page
    assert (REPO_ROOT / "docs" / "assets" / "scaling.svg").read_text() == scaling.chart(
        data["sizes"]
    )
