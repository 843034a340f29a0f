"""How long `asyncops check` takes on a generated folder of 2,000 documents.

Run by hand: `python benchmarks/check_speed.py [--documents N]`. It reports, in one run:
- the core checks in-process (discovery, frontmatter, schemas, sections, numbers, relations);
- `asyncops check` as a subprocess, as CI runs it (interpreter start-up included): with
  `--no-cache`; cold (an empty `.cache/asyncops/`, which the run writes); warm after an edit
  (one document changed just before each run, as a pre-commit hook sees it: every other file
  comes from the cache); and warm with nothing changed (the answer the last run kept, ADR-0026);
  each as wall time and as the CPU time of the process, which a busy machine inflates less;
- a peer baseline: python-frontmatter's `frontmatter.load` over the same files, which parses
  the frontmatter only, so the ratio shows what the full validation costs on top of that.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frontmatter

from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.pipeline import run_checks

KINDS = {
    "adr": (
        "status: accepted\ndate: 2024-03-01\ndeciders: [Ana, Bo]\n",
        ["Context", "Decision", "Consequences"],
    ),
    "design": (
        "status: in-review\nauthor: Ana\nreviewers: [Bo, Chen]\nreview_requested: 2024-03-04 09:00\n",
        [
            "Problem Statement",
            "Proposed Solution",
            "Alternative Approaches",
            "Implementation Plan",
            "Success Metrics",
        ],
    ),
    "integrations": (
        "stage: live\nowner: Chen\nauth_method: OAuth2\n",
        [
            "API Analysis",
            "Configuration Guide",
            "Action Documentation",
            "Error Handling",
            "Testing Guide",
        ],
    ),
    "postmortems": (
        "severity: 2\nincident_date: 2024-03-02\nstatus: published\n",
        [
            "Incident Summary",
            "Timeline",
            "Root Cause",
            "Resolution",
            "Action Items",
            "Lessons Learned",
        ],
    ),
    "runbooks": (
        "owner: Bo\nsystems: [engine]\n",
        ["Detection", "Triage", "Communication", "Mitigation", "Escalation"],
    ),
}


def generate(root: Path, count: int) -> None:
    rng = random.Random(7)
    paragraph = "A sentence of realistic length about the system and its trade-offs. " * 6
    for index in range(count):
        folder = list(KINDS)[index % len(KINDS)]
        meta, sections = KINDS[folder]
        body = "".join(f"## {name}\n\n{paragraph}\n\n" * 1 for name in sections)
        text = f"---\n{meta}tags: [t{rng.randint(1, 20)}]\n---\n# Document {index}\n\n{body}"
        path = root / folder / f"{index:04d}-document-{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def best_of(runs: int, action) -> tuple[float, float]:
    """The best and the median wall time of `runs` calls of `action`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def children_cpu() -> float:
    """The CPU time (user and system) of the finished child processes, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_times(runs: int, argv: list[str], cwd: Path, before=None) -> tuple[float, float, float]:
    """The best and median wall time and the best CPU time of `runs` runs of `asyncops ARGV`
    in `cwd`, each after `before()` (not timed) when given."""
    walls, cpus = [], []
    for _ in range(runs):
        if before is not None:
            before()
        cpu, start = children_cpu(), time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs_asyncops", *argv], cwd=cwd, capture_output=True
        )
        if done.returncode not in (0, 1):  # 1: findings, still a full run
            raise SystemExit(f"asyncops {' '.join(argv)} failed: {done.stderr.decode()}")
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
    return min(walls), statistics.median(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.documents)
        files = sorted(root.rglob("*.md"))
        settings = Settings.build(root, [SourceFolder(path=root)])
        result = run_checks(settings)
        assert len(result.documents) == args.documents and not result.diagnostics, (
            result.diagnostics[:3]
        )

        core = best_of(args.runs, lambda: run_checks(settings))
        peer = best_of(args.runs, lambda: [frontmatter.load(f) for f in files])
        cache = root / ".cache"
        no_cache = command_times(args.runs, ["check", "--no-cache", "."], root)
        cold = command_times(args.runs, ["check", "."], root, lambda: shutil.rmtree(cache, True))
        edited = files[len(files) // 2]

        def edit() -> None:
            with edited.open("a", encoding="utf-8") as out:
                out.write("One more line.\n")

        command_times(1, ["check", "."], root)  # the cache of the files as they are
        warm_edit = command_times(args.runs, ["check", "."], root, edit)
        command_times(1, ["check", "."], root)
        time.sleep(2.1)  # an answer is kept only when no file changed in the last two seconds
        command_times(1, ["check", "."], root)
        warm = command_times(args.runs, ["check", "."], root)
        print(f"{args.documents} documents, best / median of {args.runs} runs")
        print(f"  core checks (in-process)         {core[0]:.3f} s / {core[1]:.3f} s")
        for name, (best, median, cpu) in (
            ("--no-cache", no_cache),
            ("cold cache", cold),
            ("warm, one edited", warm_edit),
            ("warm, unchanged", warm),
        ):
            print(f"  asyncops check, {name:<16} {best:.3f} s / {median:.3f} s, CPU {cpu:.3f} s")
        print(f"  peer: frontmatter.load per file  {peer[0]:.3f} s / {peer[1]:.3f} s")
        print(f"  ratio core / peer                {core[0] / peer[0]:.2f}x")


if __name__ == "__main__":
    main()
