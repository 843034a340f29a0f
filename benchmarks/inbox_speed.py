"""How long `asyncops inbox` and `asyncops digest` take on the history benchmark's repository.

Run by hand: `python benchmarks/inbox_speed.py` (2,000 documents, 5,000 commits; the repository
is generated once by `history_speed.py`'s generator into `benchmarks/.work/`). Each command runs
as a person runs it, in its own process, reading the documents and the git history: with
`--no-cache` (everything read, the whole history walked), cold (an empty `.cache/asyncops/`,
which the run writes), warm after an edit (one document changed before each run, so the
answer kept is no answer and the run judges the handbook again, reading the rest from the
cache) and warm (the answer the run before kept, ADR-0027); the best and the median wall time
of `--runs` runs and the best CPU time are reported. The target is under a second each. The
edited document is checked out again at the end.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import time

from check_speed import command_times
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
    cache = repo / ".cache"
    documents = sorted((repo / "docs").rglob("*.md"))
    edited = documents[len(documents) // 2]

    def edit() -> None:
        with edited.open("a", encoding="utf-8") as out:
            out.write("One more line.\n")

    def kept(argv: list[str]) -> tuple[float, float, float]:
        time.sleep(2.1)  # an answer is kept only when no file changed in the two seconds before
        command_times(1, argv, repo)
        return command_times(args.runs, argv, repo)

    for name, argv in COMMANDS.items():
        argv = [*argv, "-f", str(config)]
        try:
            results = (
                ("--no-cache", command_times(args.runs, [*argv, "--no-cache"], repo)),
                (
                    "cold cache",
                    command_times(args.runs, argv, repo, lambda: shutil.rmtree(cache, True)),
                ),
                ("warm cache, one edit", command_times(args.runs, argv, repo, edit)),
                ("warm cache, unchanged", kept(argv)),
            )
        finally:
            subprocess.run(["git", "checkout", "-q", "--", str(edited)], cwd=repo, check=True)
        for label, times in results:
            best, median, cpu = times
            print(
                f"asyncops {name}, {label}: best {best:.2f} s, median {median:.2f} s, "
                f"CPU {cpu:.2f} s"
            )


if __name__ == "__main__":
    main()
