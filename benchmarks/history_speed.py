"""What git history costs: a generated repository of 2,000 documents and 5,000 commits.

Run by hand: `python benchmarks/history_speed.py`. The repository is generated once with
`git fast-import` and kept in `benchmarks/.work/` (git-ignored). One run reports:
- the plugin's added build time: `mkdocs build` with the plugin against the same build without it,
  as it runs by default (checking in a second process beside MkDocs) and with `parallel: false`;
  builds of each kind take turns, and the best and the median of each are compared, since one
  40 s build varies by a second or more on a shared machine;
- mkdocs-git-revision-date-localized-plugin's added time for dates of the same pages (when it is
  installed: `pip install mkdocs-git-revision-date-localized-plugin`; `--peer-runs`, default 1,
  as it takes minutes);
- the history pass alone (cold with each walker, and warm as in a `mkdocs serve` rebuild)
  against one `git log --name-only` over the same repository;
- every document's created and last-modified dates and authors checked equal to per-file `git log`;
- what drift and citations add to `asyncops check`: the repository holds a generated source tree
  (2,000 files in 10 systems, changed by every commit, a tenth of them citing ADRs), and the same
  check runs with the catalog's code paths and the citation globs, and without them, in turns
  (at least 5 of each; wall time and CPU time, the check's and its git processes').
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import random
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

from check_speed import KINDS, best_of
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.history.walk import git_log_changes

WORK = Path(__file__).resolve().parent / ".work"
SYSTEMS = 10
SOURCES = 2000
CHECK_SITE = """\
site_name: Drift benchmark
docs_dir: docs
plugins:
  - asyncops:
      sources: []
      citations: {citations}
      systems:
{systems}
"""
PEOPLE = [f"Person {n} <person{n}@example.com>" for n in range(12)]
FOLDERS = ("adr", "runbooks")
SITE = """\
site_name: History benchmark
docs_dir: docs
site_dir: {site_dir}
plugins:
{plugins}
"""
PLUGINS = {  # name: (configuration file's stem, plugins)
    "none": ("none", "  []"),
    "asyncops": ("asyncops", "  - asyncops"),
    "asyncops, parallel: false": ("asyncops-in-place", "  - asyncops:\n      parallel: false"),
    "git-revision-date-localized": (
        "git-revision-date",
        "  - git-revision-date-localized:\n      enable_creation_date: true",
    ),
}


WORDS = [
    f"{a}{b}"
    for a in ("queue", "cache", "token", "shard", "lease", "retry", "index", "batch")
    for b in ("er", "ing", "s", "ed", "", "ly")
]


def document(folder: str, index: int, revision: int) -> str:
    """A valid document whose text differs from every other document's (so that git's rename
    and copy detection, and `git log --follow`, do not take one document for another)."""
    meta, sections = KINDS[folder]
    meta = meta.replace("systems: [engine]", f"systems: [s{index % SYSTEMS}]")
    rng = random.Random(index * 100_003 + revision)
    body = "".join(
        f"## {name}\n\n" + "\n".join(" ".join(rng.choices(WORDS, k=8)) for _ in range(4)) + "\n\n"
        for name in sections
    )
    return f"---\n{meta}---\n# Document {index}\n\n{body}"


def source(index: int, revision: int) -> str:
    """A source file of 40 lines; each revision rewrites three of them; every tenth file cites
    an ADR in a comment."""
    rng = random.Random(index * 7919 + revision)
    changed = set(rng.sample(range(40), 3)) if revision else set()
    lines = [
        f"value_{n} = {rng.randint(0, 10**6) if n in changed else index * 40 + n}  # {WORDS[n % len(WORDS)]}\n"
        for n in range(40)
    ]
    if index % 10 == 0:
        lines[1] = f"# This follows ADR-{index % 997 + 1}.\n"
    return "".join(lines)


def generate(repo: Path, documents: int, commits: int) -> None:
    """Write the history as a `git fast-import` stream: each document is added, then changed,
    some are renamed, some commits have co-authors; dates run up to the present. Every commit
    also adds or changes source files under `src/s0` ... `src/s9`, some of them renamed."""
    rng = random.Random(11)
    repo.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    paths: list[str] = []
    code: list[str] = []
    start = datetime.now(timezone.utc) - timedelta(days=400)
    step = timedelta(days=399) / commits
    stream = []
    for number in range(commits):
        when = int((start + step * number).timestamp())
        who = rng.choice(PEOPLE)
        message = f"Change {number}"
        if number % 7 == 0:
            message += f"\n\nCo-authored-by: {rng.choice(PEOPLE)}"
        changes = []
        if number < documents:
            folder = FOLDERS[number % len(FOLDERS)]
            paths.append(f"docs/{folder}/{number:04d}-document.md")
            changes.append((paths[-1], document(folder, number, 0)))
        elif number % 50 == 0:
            index = rng.randrange(len(paths))
            old = paths[index]
            if "/runbooks/" in old:
                paths[index] = old.replace("-document.md", "-renamed.md")
                changes.append(("R", f"{old} {paths[index]}"))
        else:
            for index in rng.sample(range(len(paths)), rng.randint(1, 3)):
                folder = paths[index].split("/")[1]
                changes.append((paths[index], document(folder, index, number)))
        if number < SOURCES:
            code.append(f"src/s{number % SYSTEMS}/module_{number:04d}.py")
            changes.append((code[-1], source(number, 0)))
        elif number % 50 == 25:
            index = rng.randrange(len(code))
            old, code[index] = code[index], code[index].replace(".py", "_r.py")
            changes.append(("R", f"{old} {code[index]}"))
        else:
            for index in rng.sample(range(len(code)), rng.randint(1, 2)):
                changes.append((code[index], source(index, number)))
        data = message.encode()
        stream.append(
            f"commit refs/heads/main\nauthor {who} {when} +0000\ncommitter {who} {when} +0000\n"
        )
        stream.append(f"data {len(data)}\n{message}\n")
        for path, text in changes:
            if path == "R":
                stream.append(f"R {text}\n")
                continue
            blob = text.encode()
            stream.append(f"M 100644 inline {path}\ndata {len(blob)}\n{text}\n")
        stream.append("\n")
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=repo, input="".join(stream).encode(), check=True
    )
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=repo, check=True)
    subprocess.run(["git", "gc", "-q"], cwd=repo, check=True)  # packed as a clone would be


def build_times(
    repo: Path, plugins: list[str], runs: dict[str, int]
) -> dict[str, list[tuple[float, dict[str, float]]]]:
    """`mkdocs build` with each configuration of plugins, taking turns: (whole build, time inside
    the plugins' event handlers by event) for each run."""
    times: dict[str, list[tuple[float, dict[str, float]]]] = {name: [] for name in plugins}
    for round_ in range(max(runs.values())):
        for name in plugins:
            if round_ >= runs[name]:
                continue
            stem, listing = PLUGINS[name]
            config_file = repo / f"mkdocs-{stem}.yml"
            config_file.write_text(SITE.format(site_dir=WORK / f"site-{stem}", plugins=listing))
            times[name].append(timed_build(load_config(str(config_file))))
    return times


def timed_build(config) -> tuple[float, dict[str, float]]:
    """Build once: the whole time, and the time spent inside the plugins' event handlers, by
    event (the search plugin's too, which every build has)."""
    spent: dict[str, float] = {}
    for event, handlers in config.plugins.events.items():
        config.plugins.events[event] = [_timed(handler, spent, event) for handler in handlers]
    start = time.perf_counter()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start, spent


def _timed(handler, spent: dict[str, float], event: str):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[event] = spent.get(event, 0.0) + time.perf_counter() - start

    return timed


def check_times(repo: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    """`asyncops check` of the whole handbook, in turns: with the systems' code paths and the
    citation globs (drift and citations), and with neither. Each run gives its wall time and its
    CPU time (user and system, of the check and of the git processes it ran), which a shared
    machine disturbs less."""
    systems = {
        with_code: "\n".join(
            f"        - {{name: s{k}, owner: team {k}, type: library, requires: [runbook]"
            + (f", paths: [src/s{k}]}}" if with_code else "}")
            for k in range(SYSTEMS)
        )
        for with_code in (True, False)
    }
    configs = {
        "with drift and citations": CHECK_SITE.format(citations='["*.py"]', systems=systems[True]),
        "without": CHECK_SITE.format(citations="[]", systems=systems[False]),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
    for _ in range(runs):
        for name, text in configs.items():
            config = repo / f"mkdocs-check-{'code' if name != 'without' else 'plain'}.yml"
            config.write_text(text)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mkdocs_asyncops", "check", "-f", str(config)],
                cwd=repo,
                capture_output=True,
                check=False,
            )
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            times[name].append((wall, cpu))
    return times


def print_check_times(checks: dict[str, list[tuple[float, float]]]) -> None:
    """Best and median of each configuration, and what drift and citations add to them."""
    plain = checks["without"]
    for name, runs in checks.items():
        shown = []
        for what, index in (("wall", 0), ("CPU", 1)):
            mine, theirs = [run[index] for run in runs], [run[index] for run in plain]
            best, median = min(mine), statistics.median(mine)
            shown.append(
                f"{what} best {best:.2f} s (adds {best - min(theirs):+.2f} s), median "
                f"{median:.2f} s (adds {median - statistics.median(theirs):+.2f} s)"
            )
        print(f"  asyncops check {name:26} " + "; ".join(shown))


def drift_and_citations_alone(repo: Path, runs: int) -> str:
    """The time of the two new stages themselves, in this process, on the checked handbook."""
    from mkdocs_asyncops.handbook.citations import find_citations
    from mkdocs_asyncops.health.assess import read_history
    from mkdocs_asyncops.health.catalog import load_catalog
    from mkdocs_asyncops.health.drift import measure_drift
    from mkdocs_asyncops.history.tracked import tracked_files
    from mkdocs_asyncops.mkdocs.project_file import read
    from mkdocs_asyncops.reading.scan import scan

    settings = read(repo / "mkdocs-check-code.yml").settings
    options = settings.health
    history = read_history(settings, HistoryReader())
    documents = scan(settings).documents
    catalog = load_catalog(
        settings.root, options.catalog_files, options.systems, options.system_types, settings.kinds
    )
    drift = best_of(
        runs, lambda: measure_drift(documents, catalog.systems, history, options.drift, "")
    )[1]

    def citations():
        tracked = tracked_files(settings.root)
        assert tracked is not None
        return find_citations(
            documents,
            settings.citations,
            tracked.workdir,
            tracked.prefix,
            tracked.paths,
            tracked.ignored,
        )

    cites = best_of(runs, citations)[1]
    measured = measure_drift(documents, catalog.systems, history, options.drift, "")
    found = citations().all()
    return (
        f"  drift of {len(measured)} documents {drift:.3f} s; {len(found)} citations in "
        f"{SOURCES} source files {cites:.3f} s (medians, in process)"
    )


def per_file_git_log(repo: Path, path: str) -> tuple[int, int, frozenset[str]]:
    """Created, modified and authors of one file, the slow way: `git log --follow` per file."""
    out = subprocess.run(
        [
            "git",
            "log",
            "--follow",
            "--no-merges",
            "--format=%at%x00%an%x00%(trailers:key=Co-authored-by,valueonly,separator=%x01)",
            "--",
            path,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    times, people = [], set()
    for line in out.splitlines():
        if not line.strip():
            continue
        stamp, author, co = line.split("\x00")
        times.append(int(stamp))
        people.add(author)
        people.update(c.split(" <")[0].strip() for c in co.split("\x01") if c.strip())
    return min(times), max(times), frozenset(people)


def check_dates(repo: Path) -> int:
    """Compare every document's history with per-file `git log`; return how many were checked."""
    walks = {engine: HistoryReader(engine).read(repo) for engine in ("git", "pygit2")}
    docs = sorted(str(p.relative_to(repo)) for p in (repo / "docs").rglob("*.md"))
    with ThreadPoolExecutor(max_workers=8) as pool:
        expected = dict(zip(docs, pool.map(lambda p: per_file_git_log(repo, p), docs), strict=True))
    for history in walks.values():
        for path, (created, modified, people) in expected.items():
            known = history.files[path]
            got = (
                int(known.created.timestamp()),
                int(known.modified.timestamp()),
                frozenset(p.name for p in known.authors.values()),
            )
            assert got == (created, modified, people), (path, got, (created, modified, people))
    return len(expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--peer-runs", type=int, default=1, help="builds with git-revision-date-localized"
    )
    parser.add_argument(
        "--checks-only",
        action="store_true",
        help="skip the mkdocs builds and the per-file date comparison",
    )
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    repo = WORK / f"repo-{args.documents}-{args.commits}-code"
    if not repo.exists():
        generate(repo, args.documents, args.commits)
    print(f"{args.documents} documents, {args.commits} commits; medians of {args.runs} runs")

    cold = best_of(args.runs, lambda: HistoryReader("git").read(repo))[1]
    libgit2 = best_of(args.runs, lambda: HistoryReader("pygit2").read(repo))[1]
    reader = HistoryReader()
    reader.read(repo)
    warm = best_of(args.runs, lambda: reader.read(repo))[1]
    git_log = best_of(
        args.runs,
        lambda: subprocess.run(
            ["git", "log", "--name-only", "--format=%H %at %an"],
            cwd=repo,
            check=True,
            capture_output=True,
        ),
    )[1]
    print(f"  history pass, cold (git log walker) {cold:.3f} s")
    print(f"  history pass, cold (libgit2 walker) {libgit2:.3f} s")
    print(f"  history pass, warm (serve rebuild) {warm:.3f} s")
    print(f"  one `git log --name-only`          {git_log:.3f} s   (ratio {cold / git_log:.2f}x)")
    code = tuple(f"src/s{k}" for k in range(SYSTEMS))
    walks = {
        counted: best_of(
            args.runs, lambda counted=counted: list(git_log_changes(repo, "HEAD", None, counted))
        )[1]
        for counted in ((), code)
    }
    print(
        f"  git log walk {walks[()]:.3f} s, counting the code paths' lines {walks[code]:.3f} s "
        "(it runs beside the reading of the documents)"
    )
    print_check_times(check_times(repo, max(args.runs, 5)))

    print(drift_and_citations_alone(repo, args.runs))
    if args.checks_only:
        return
    plugins = ["none", "asyncops", "asyncops, parallel: false"]
    runs = dict.fromkeys(plugins, args.runs)
    if importlib.util.find_spec("mkdocs_git_revision_date_localized_plugin"):
        plugins.append("git-revision-date-localized")
        runs["git-revision-date-localized"] = args.peer_runs
    times = build_times(repo, plugins, runs)
    bare = [total for total, _ in times["none"]]
    print(
        f"  mkdocs build without plugins       best {min(bare):.2f} s, median {statistics.median(bare):.2f} s"
    )
    for name in plugins[1:]:
        totals = [total for total, _ in times[name]]
        inside = statistics.median(sum(spent.values()) for _, spent in times[name])
        events = {
            event: statistics.median(spent.get(event, 0.0) for _, spent in times[name])
            for event in {event for _, spent in times[name] for event in spent}
        }
        slowest = sorted(events.items(), key=lambda item: -item[1])[:4]
        print(
            f"  ... with {name:28} best {min(totals):.2f} s (adds {min(totals) - min(bare):+.2f} s), "
            f"median {statistics.median(totals):.2f} s (adds {statistics.median(totals) - statistics.median(bare):+.2f} s); "
            f"{inside:.3f} s in its events ("
            + ", ".join(f"{event} {seconds:.3f} s" for event, seconds in slowest)
            + ")"
        )
    if "git-revision-date-localized" not in plugins:
        print("  (mkdocs-git-revision-date-localized-plugin is not installed; skipped)")

    checked = check_dates(repo)
    print(
        f"  dates and authors equal to per-file `git log --follow` for all {checked} documents (both walkers)"
    )


if __name__ == "__main__":
    sys.exit(main())
