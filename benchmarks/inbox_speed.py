"""How long `asyncops inbox` and `asyncops digest` take on the history benchmark's repository.

Run by hand: `python benchmarks/inbox_speed.py` (2,000 documents, 5,000 commits; the repository
is generated once by `history_speed.py`'s generator into `benchmarks/.work/`). Each command runs
as a person runs it, in its own process, reading the documents and the whole git history; the
best and the median of `--runs` runs are reported. The target is under a second each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from history_speed import PEOPLE, SITE, WORK, generate

COMMANDS = {
    "inbox": ["inbox", "--for", PEOPLE[1].split(" <")[0], "--format", "json"],
    "digest": ["digest", "--since", "7d", "--format", "json"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repo = WORK / f"repo-{args.documents}-{args.commits}"
    if not repo.exists():
        generate(repo, args.documents, args.commits)
    config = repo / "mkdocs-asyncops.yml"
    config.write_text(SITE.format(site_dir=WORK / "site-asyncops", plugins="  - asyncops"))
    print(f"{args.documents} documents, {args.commits} commits; {args.runs} runs each")
    for name, argv in COMMANDS.items():
        spent = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs_asyncops", *argv, "-f", str(config)],
                cwd=repo,
                capture_output=True,
                check=False,
            )
            spent.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"{name} failed: {done.stderr.decode()}")
        print(f"asyncops {name}: best {min(spent):.2f} s, median {statistics.median(spent):.2f} s")


if __name__ == "__main__":
    main()
