"""How long `asyncops --version` and `asyncops --help` take, and what they import.

Run by hand: `python benchmarks/startup_speed.py [--runs N]`. Each run is a fresh interpreter;
it prints the median wall and CPU time of N runs, the bare interpreter's for comparison, and the
number of modules `--version` loads (git, pydantic and MkDocs should not be among them).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

HEAVY = ("pygit2", "pydantic", "mkdocs", "properdocs", "jinja2", "markdown", "yaml")


def timed(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` runs of `python argv`."""
    wall, cpu = [], []
    for _ in range(runs):
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([sys.executable, *argv], capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall.append(time.perf_counter() - start)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"median of {args.runs} runs: wall / CPU")
    for label, argv in (
        ("python -c pass", ["-c", "pass"]),
        ("asyncops --version", ["-m", "mkdocs_asyncops", "--version"]),
        ("asyncops --help", ["-m", "mkdocs_asyncops", "--help"]),
    ):
        wall, cpu = timed(argv, args.runs)
        print(f"  {label:<20} {wall * 1000:5.0f} ms / {cpu * 1000:5.0f} ms")
    probe = (
        "import contextlib, io, sys\nfrom mkdocs_asyncops.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--version'])\n"
        f"print(len(sys.modules), [m for m in {HEAVY!r} if m in sys.modules])"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    print(f"  --version loads {loaded.stdout.strip()} (modules, heavy ones among them)")


if __name__ == "__main__":
    main()
