"""The scaling curve: `asyncops check`, the history pass and the plugin's added build time by size.

Run by hand: `python benchmarks/scaling.py [--sizes 2000x5000,5000x20000,20000x100000]`. Each
size is a repository of N documents and M commits made by `history_speed.py`'s generator (with
`git fast-import`, kept in `benchmarks/.work/`). Every measurement runs in a child process of a
bare launcher, which reports the child's wall time, CPU time (user + system, the child's own
children's included) and peak resident memory (`getrusage(RUSAGE_CHILDREN)`; the launcher's own
9 MiB or so are the floor of every peak, and the JSON records that floor):
- `asyncops check` of the whole handbook, as CI runs it on a fresh checkout (interpreter
  start-up included, `.cache/asyncops/` removed before each run);
- the history pass alone (`HistoryReader().read`, cold, in a fresh process; the time is taken
  inside it, so interpreter start-up is left out) against one `git log --name-only` over the
  same repository, which must stay within 2x at every size;
- `mkdocs build` (mkdocs-material) with the plugin (`records_in_nav: false`, its cache removed
  before each run) against the same
  build without it, whose navigation leaves out the same records (MkDocs' `not_in_nav`): MkDocs
  renders the whole navigation into every page, so listing 20,000 pages there makes any build
  grow with the square of the pages, with or without the plugin.
The kinds of run take turns, best of `--runs` (the builds of the larger sizes `--build-runs`;
the history pass and `git log`, quick and the most disturbed by a busy machine, `--history-runs`;
`--only-history` measures those two again and keeps the size's other figures).
The raw figures go to `docs/assets/scaling.json` as each size is done (a rerun of some sizes
keeps the others', even those of a run of other sizes at the same time), the chart to
`docs/assets/scaling.svg`, and the table of every size in the file, in Markdown, to standard
output."""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from history_speed import WORK, generate

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "docs" / "assets"
SIZES = "2000x5000,5000x20000,20000x100000"
CONFIG = """\
site_name: Scaling benchmark
docs_dir: docs
site_dir: {site_dir}
theme: material
{nav}
plugins:
{plugins}
"""
COLD = ("check", "build_asyncops")
"""Run as on a fresh checkout in CI: with no `.cache/asyncops/` (no kept answer, no parsed
documents, no history summary)."""
NOT_IN_NAV = "not_in_nav: |\n  /adr/\n  /runbooks/"
ASYNCOPS = "  - asyncops:\n      records_in_nav: false"
HISTORY_CHILD = """\
import json, resource, sys, time
from pathlib import Path
from mkdocs_asyncops.history.reader import HistoryReader
def cpu():
    return sum(getattr(resource.getrusage(who), f) for who in
        (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime"))
wall, used = time.perf_counter(), cpu()
history = HistoryReader().read(Path(sys.argv[1]))
assert history.available and history.files, history.reason
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": cpu() - used,
    "files": len(history.files)}))
"""
GIT_LOG = ["git", "log", "--name-only", "--format=%H %at %an"]
KINDS = ("check", "history", "git_log", "build_bare", "build_asyncops")


LAUNCHER = """\
import json, os, resource, sys, time
start = time.perf_counter()
status = os.waitpid(os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ), 0)[1]
wall, usage = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as report:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status)}, report)
"""


def measure(command: list[str], cwd: Path) -> dict[str, float]:
    """Run `command` as the only child of a small launcher, which reports its wall and CPU time
    in seconds and its peak memory in MiB (`getrusage(RUSAGE_CHILDREN)`: the child's own
    children, git, the checking process, are counted too); and what the command printed if that
    is a JSON object (the child's own timing). The launcher is a bare interpreter: a child
    started by this process would count this process's memory in its peak (the kernel carries
    the parent's high-water mark over to the child until the child runs its program)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        launcher = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *command]
        done = subprocess.run(launcher, cwd=cwd, capture_output=True, check=False)
        run = json.loads(report.read_text()) if report.exists() else {"status": done.returncode}
    if run.pop("status") != 0:  # the generated handbook is clean: any finding is a failure
        raise SystemExit(f"{command[:4]} failed:\n{done.stderr.decode()[-2000:]}")
    if done.stdout.startswith(b"{"):
        run |= json.loads(done.stdout)
    return run


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The best of several runs: each figure's minimum (the least disturbed by the others)."""
    return {key: min(run[key] for run in runs) for key in runs[0]}


def write_configs(repo: Path, label: str) -> dict[str, Path]:
    """The two configurations of the build (with the plugin, without it) beside the handbook;
    `asyncops check` reads the first."""
    configs = {}
    for name, nav, plugins in (("asyncops", "", ASYNCOPS), ("bare", NOT_IN_NAV, "  []")):
        configs[name] = repo / f"mkdocs-scaling-{name}.yml"
        site_dir = WORK / f"site-scaling-{label}-{name}"
        configs[name].write_text(CONFIG.format(site_dir=site_dir, nav=nav, plugins=plugins))
    return configs


def measure_size(documents: int, commits: int, counts: dict[str, int]) -> dict:
    """The figures of one size: `counts` runs of each kind (none for a kind left out), the kinds
    taking turns."""
    label = f"{documents}-{commits}"
    repo = WORK / f"repo-{label}-code"
    if not repo.exists():  # made under another name first: a stopped run leaves no half of it
        print(f"generating {repo.name} ...", file=sys.stderr, flush=True)
        partial = repo.with_name(f"{repo.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        generate(partial, documents, commits)
        partial.rename(repo)
    configs = write_configs(repo, label)
    python = sys.executable
    commands = {
        "check": [python, "-m", "mkdocs_asyncops", "check", "-f", str(configs["asyncops"])],
        "history": [python, "-c", HISTORY_CHILD, str(repo)],
        "git_log": GIT_LOG,
        "build_bare": [python, "-m", "mkdocs", "build", "-q", "-f", str(configs["bare"])],
        "build_asyncops": [python, "-m", "mkdocs", "build", "-q", "-f", str(configs["asyncops"])],
    }
    measure(GIT_LOG, repo)  # the pack files into the page cache, as for every later run
    times: dict[str, list[dict[str, float]]] = {name: [] for name in commands if counts[name]}
    for round_ in range(max(counts.values())):
        for name in times:
            if round_ < counts[name]:
                if name in COLD:
                    shutil.rmtree(repo / ".cache", ignore_errors=True)
                times[name].append(measure(commands[name], repo))
                wall = times[name][-1]["wall"]
                print(f"  {label} {name}: {wall:.2f} s", file=sys.stderr, flush=True)
    return {
        "documents": documents,
        "commits": commits,
        "runs": {name: len(found) for name, found in times.items()},
        **{name: best(found) for name, found in times.items()},
    }


def merged(kept: dict, measured: dict) -> dict:
    """A size's figures: those just measured, the others as they were; with the ratios."""
    size = kept | measured | {"runs": kept.get("runs", {}) | measured["runs"]}
    if any(name not in size for name in KINDS):
        raise SystemExit(f"{size['documents']} documents: no figures yet for every kind; run all")
    size["history_ratio"] = size["history"]["wall"] / size["git_log"]["wall"]
    size["added_build"] = {
        key: size["build_asyncops"][key] - size["build_bare"][key]
        for key in ("wall", "cpu", "peak_mib")
    }
    return size


def machine() -> dict[str, str | int | None]:
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "git": git.removeprefix("git version "),
    }


def table(sizes: list[dict]) -> str:
    """The figures as a Markdown table: wall / CPU seconds and peak MiB of each measurement."""
    rows = [
        (
            "| documents | commits | `asyncops check` | history pass | one `git log --name-only` "
            "| history / git log | build without the plugin | build with it | the plugin adds |"
        ),
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        cells = [f"{size['documents']:,}", f"{size['commits']:,}"]
        for name in ("check", "history", "git_log"):
            cells.append(_cell(size[name]))
        history, git_log = size["history"], size["git_log"]
        cells.append(
            f"{history['wall'] / git_log['wall']:.2f}x ({history['cpu'] / git_log['cpu']:.2f}x CPU)"
        )
        for name in ("build_bare", "build_asyncops", "added_build"):
            cells.append(_cell(size[name], signed=name == "added_build"))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(run: dict[str, float], signed: bool = False) -> str:
    sign = "+" if signed else ""
    return (
        f"{run['wall']:{sign}.2f} s ({run['cpu']:{sign}.2f} s CPU), {run['peak_mib']:{sign}.0f} MiB"
    )


SERIES = (  # (figure, its label in the chart's legend, colour)
    ("check", "asyncops check", "#1f77b4"),
    ("history", "history pass", "#2ca02c"),
    ("git_log", "one git log --name-only", "#7f7f7f"),
    ("added_build", "the plugin's added build time", "#d62728"),
)


def chart(sizes: list[dict]) -> str:
    """The CPU seconds of each measurement against the documents, both axes logarithmic (a
    straight line of slope 1 grows linearly), as a small standalone SVG."""
    width, height, left, top, plot_w, plot_h = 560, 310, 60, 30, 300, 240
    values = [size[key]["cpu"] for size in sizes for key, _, _ in SERIES]
    low = math.floor(math.log10(max(min(values), 0.01)))
    high = math.ceil(math.log10(max(values)))
    docs = [math.log10(size["documents"]) for size in sizes]
    span = (max(docs) - min(docs)) or 1

    def x(documents: int) -> float:
        return left + (math.log10(documents) - min(docs)) / span * plot_w

    def y(seconds: float) -> float:
        return top + (high - math.log10(max(seconds, 10.0**low))) / ((high - low) or 1) * plot_h

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" '
            'font-family="sans-serif" font-size="11" role="img">'
        ),
        "<title>CPU seconds by handbook size</title>",
        f'<rect width="{width}" height="{height + 40}" fill="white"/>',
        f'<text x="{left}" y="{top - 8}">CPU seconds, best of the runs (logarithmic axes)</text>',
    ]
    for power in range(low, high + 1):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(10.0**power):.1f}" '
            f'y2="{y(10.0**power):.1f}" stroke="#ddd"/><text x="{left - 6}" '
            f'y="{y(10.0**power) + 4:.1f}" text-anchor="end">{10.0**power:g} s</text>'
        )
    for size in sizes:
        parts.append(
            f'<text x="{x(size["documents"]):.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
            f'{size["documents"]:,} docs</text><text x="{x(size["documents"]):.1f}" '
            f'y="{top + plot_h + 30}" text-anchor="middle">{size["commits"]:,} commits</text>'
        )
    for row, (key, label, colour) in enumerate(SERIES):
        points = " ".join(f"{x(s['documents']):.1f},{y(s[key]['cpu']):.1f}" for s in sizes)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            + "".join(
                f'<circle cx="{x(s["documents"]):.1f}" cy="{y(s[key]["cpu"]):.1f}" r="3" '
                f'fill="{colour}"/>'
                for s in sizes
            )
            + f'<rect x="{left + plot_w + 20}" y="{top + row * 20}" width="12" height="12" '
            f'fill="{colour}"/><text x="{left + plot_w + 38}" y="{top + row * 20 + 10}">'
            f"{label}</text>"
        )
    return "\n".join([*parts, "</svg>"]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help="DOCUMENTSxCOMMITS, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    parser.add_argument(
        "--build-runs",
        type=int,
        default=1,
        help="builds of each kind above 2,000 documents (at 2,000, --runs)",
    )
    parser.add_argument(
        "--history-runs", type=int, default=5, help="runs of the history pass and of git log"
    )
    parser.add_argument(
        "--only-history",
        action="store_true",
        help="measure the history pass and git log again, keeping the size's other figures",
    )
    parser.add_argument("--out", type=Path, default=ASSETS / "scaling.json")
    args = parser.parse_args()
    data: dict = {"sizes": []}
    for size in args.sizes.split(","):
        documents, commits = (int(n) for n in size.split("x"))
        builds = args.runs if documents <= 2000 else args.build_runs
        counts = {
            "check": args.runs,
            "history": args.history_runs,
            "git_log": args.history_runs,
            "build_bare": builds,
            "build_asyncops": builds,
        }
        if args.only_history:
            counts |= {"check": 0, "build_bare": 0, "build_asyncops": 0}
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        measured = measure_size(documents, commits, counts)
        if args.out.exists():  # read again: a run of other sizes may have written meanwhile
            data = json.loads(args.out.read_text())
        key = (documents, commits)
        kept = [s for s in data["sizes"] if (s["documents"], s["commits"]) != key]
        earlier = next((s for s in data["sizes"] if (s["documents"], s["commits"]) == key), {})
        figures = merged(earlier, measured)
        dates = earlier.get("dates") or dict.fromkeys(earlier.get("runs", {}), earlier.get("date"))
        figures["dates"] = dates | dict.fromkeys(measured["runs"], started)  # of each kind's runs
        figures.pop("date", None)
        data = {
            "machine": machine(),
            "launcher_peak_mib": measure(["true"], HERE)["peak_mib"],
            "sizes": sorted([*kept, figures], key=lambda s: (s["documents"], s["commits"])),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(data, indent=2) + "\n")
        args.out.with_suffix(".svg").write_text(chart(data["sizes"]))
    print(table(data["sizes"]))


if __name__ == "__main__":
    main()
