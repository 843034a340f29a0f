"""How long the authoring commands take in a handbook of 2,000 ADRs.

Run by hand: `python benchmarks/authoring_speed.py [--documents N] [--lines N]`. Each command runs
as a subprocess, as people run them (interpreter start-up included):
- `asyncops new adr` (reads the handbook to find the folder and the next number);
- `asyncops adr status` (reads the handbook to find the ADR, then edits one key);
- `asyncops check-pr` on a branch that changes `--lines` lines across 50 files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from check_speed import best_of

ADR = (
    "---\nstatus: proposed\ndate: 2024-03-01\ndeciders: [Ana, Bo]\n---\n# {n}. Decision {n}\n\n"
    "## Context\nForces.\n\n## Decision\nWe will.\n\n## Consequences\nTrade-offs.\n"
)
BODY = "## What\nx\n\n## Why\ny\n\n## How\nz\n\n## Testing\nt\n\n## Deployment\nd\n"
ASYNCOPS = [sys.executable, "-m", "mkdocs_asyncops"]


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=B", "-c", "user.email=b@example.com", *args], cwd=root, check=True
    )


def timed(root: Path, argv: list[str], runs: int = 3) -> float:
    """The median wall time of `asyncops argv`, in seconds."""
    return best_of(
        runs, lambda: subprocess.run([*ASYNCOPS, *argv], cwd=root, check=False, capture_output=True)
    )[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "adr").mkdir()
        for n in range(1, args.documents + 1):
            (root / "adr" / f"{n:04d}-decision-{n}.md").write_text(ADR.format(n=n))
        (root / "body.md").write_text(BODY)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", ".")
        git(root, "commit", "-qm", "handbook")
        git(root, "checkout", "-qb", "feature")
        for f in range(50):
            (root / f"module_{f}.py").write_text(
                "".join(f"x = {i}\n" for i in range(args.lines // 50))
            )
        git(root, "add", ".")
        git(root, "commit", "-qm", "change")

        new = timed(root, ["new", "adr", "Benchmark decision", "--author", "B"], runs=1)
        status = timed(root, ["adr", "status", "1", "accepted"])
        check_pr = timed(root, ["check-pr", "--body", "body.md", "--base", "main"])
        print(f"{args.documents} ADRs, a change of {args.lines} lines in 50 files")
        print(f"asyncops new adr       {new:6.2f} s")
        print(f"asyncops adr status    {status:6.2f} s (median of 3)")
        print(f"asyncops check-pr      {check_pr:6.2f} s (median of 3)")


if __name__ == "__main__":
    main()
