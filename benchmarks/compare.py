"""One run against the peers, on the same files and pages, every ratio taken within the run.

Run by hand: `python benchmarks/compare.py [--runs 3] [--build-runs 2]`. It installs, into a
temporary folder, a virtual environment holding this checkout, mkdocs-material,
mkdocs-git-revision-date-localized-plugin and mkdocs-document-dates (from PyPI), and
markdownlint-cli2 (from npm); every build and check runs from there, on the handbook of 2,000
documents and 5,000 commits that `history_speed.py` generates, and prints one table:
- `asyncops check` against markdownlint-cli2 with only MD043 (required headings) on, configured
  to each folder's sections (the ADRs' Context, Decision, Consequences; the runbooks' five),
  over a copy of the same files; both as CI runs them, start-up included;
- the plugin's added build time against each peer's, on the same pages: `mkdocs build`
  (mkdocs-material) with each plugin alone, less the same build without plugins; every build
  keeps the records out of the navigation (`records_in_nav: false` for ours, MkDocs'
  `not_in_nav` for the others), see `scaling.py`;
- the history pass against one `git log --name-only`;
- the floors: reading every file, and parsing every frontmatter with python-frontmatter,
  against the core checks in-process (all three timed inside their process).
Wall and CPU time, best of the runs, each kind of run taking turns (see `scaling.measure`).
Every run is kept in `benchmarks/.work/compare.json` as it ends: `--print-only` prints the table
of a run stopped early, as far as it got. `--env DIR` installs the peers there and keeps them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from check_speed import KINDS
from history_speed import WORK
from scaling import CONFIG, GIT_LOG, HISTORY_CHILD, NOT_IN_NAV, best, measure

ROOT = Path(__file__).resolve().parent.parent
REPO = WORK / "repo-2000-5000-code"
PEERS = ("mkdocs-git-revision-date-localized-plugin", "mkdocs-document-dates")
COLD = ("asyncops check", "build: asyncops")
"""Run with no `.cache/asyncops/`: no kept answer, no parsed documents, no history summary."""
BUILDS = {  # name: (navigation, plugins); the slowest last
    "none": (NOT_IN_NAV, "  []"),
    "asyncops": ("", "  - asyncops:\n      records_in_nav: false"),
    "document-dates": (NOT_IN_NAV, "  - document-dates"),
    "git-revision-date-localized": (
        NOT_IN_NAV,
        "  - git-revision-date-localized:\n      enable_creation_date: true",
    ),
}
RESULTS = WORK / "compare.json"
FLOORS = """\
import json, resource, sys, time
from pathlib import Path
import frontmatter
files = sorted(Path("docs").rglob("*.md"))
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
def timed(action):
    wall, used = time.perf_counter(), cpu()
    action()
    return {"wall": time.perf_counter() - wall, "cpu": cpu() - used}
if sys.argv[1] == "read":
    found = timed(lambda: [f.read_bytes() for f in files])
elif sys.argv[1] == "frontmatter":
    found = timed(lambda: [frontmatter.load(f) for f in files])
else:
    from mkdocs_asyncops.mkdocs.project_file import read
    from mkdocs_asyncops.pipeline import run_checks
    settings = read(Path(sys.argv[2])).settings
    checked = []
    found = timed(lambda: checked.append(run_checks(settings)))
    assert len(checked[0].documents) == len(files), (len(checked[0].documents), len(files))
print(json.dumps(found))
"""


def install(env: Path) -> tuple[Path, Path, dict[str, str]]:
    """The virtual environment's interpreter, markdownlint-cli2's command, and every peer's
    version; what `env` already holds is used as it is."""
    venv, npm = env / "venv", env / "npm"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        peers = [f"{ROOT}[material]", *PEERS, "python-frontmatter"]
        subprocess.run([python, "-m", "pip", "install", "-q", *peers], check=True)
    if not (npm / "node_modules" / ".bin" / "markdownlint-cli2").exists():
        subprocess.run(
            ["npm", "install", "--silent", "--no-save", "--prefix", str(npm), "markdownlint-cli2"],
            check=True,
        )
    names = ["mkdocs", "mkdocs-material", "mkdocs-asyncops", *PEERS]
    versions = json.loads(
        subprocess.run(
            [
                python,
                "-c",
                f"import importlib.metadata as m, json; print(json.dumps({{n: m.version(n) for n in {names!r}}}))",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    package = json.loads((npm / "node_modules" / "markdownlint-cli2" / "package.json").read_text())
    versions["markdownlint-cli2"] = package["version"]
    return python, npm / "node_modules" / ".bin" / "markdownlint-cli2", versions


def lint_copy(tmp: Path) -> Path:
    """A copy of the handbook's documents with a markdownlint configuration in each folder:
    MD043 alone, requiring the title, then the folder's kind's sections in order."""
    copy = tmp / "lint"
    shutil.copytree(REPO / "docs", copy / "docs", dirs_exist_ok=True)
    for folder in ("adr", "runbooks"):
        headings = ["?", *(f"## {name}" for name in KINDS[folder][1])]
        config = {"default": False, "MD043": {"headings": headings}}
        (copy / "docs" / folder / ".markdownlint.jsonc").write_text(json.dumps(config))
    return copy / "docs"


def commands(python: Path, markdownlint: Path, tmp: Path) -> dict[str, tuple[list[str], Path]]:
    """Every measured command and the folder it runs in."""
    configs = {}
    for name, (nav, plugins) in BUILDS.items():
        configs[name] = REPO / f"mkdocs-compare-{name}.yml"
        site_dir = tmp / f"site-{name}"
        configs[name].write_text(CONFIG.format(site_dir=site_dir, nav=nav, plugins=plugins))
    ours = str(configs["asyncops"])
    found: dict[str, tuple[list[str], Path]] = {
        "asyncops check": ([str(python), "-m", "mkdocs_asyncops", "check", "-f", ours], REPO),
        "markdownlint-cli2 (MD043)": ([str(markdownlint), "**/*.md"], lint_copy(tmp)),
        "history pass": ([str(python), "-c", HISTORY_CHILD, str(REPO)], REPO),
        "one git log --name-only": (GIT_LOG, REPO),
        "floor: read every file": ([str(python), "-c", FLOORS, "read"], REPO),
        "floor: python-frontmatter": ([str(python), "-c", FLOORS, "frontmatter"], REPO),
        "core checks in-process": ([str(python), "-c", FLOORS, "core", ours], REPO),
    }
    for name, config in configs.items():
        build = [str(python), "-m", "mkdocs", "build", "-q", "-f", str(config)]
        found[f"build: {name}"] = (build, REPO)
    return found


def run(found: dict[str, tuple[list[str], Path]], runs: int, build_runs: int) -> dict:
    """Every run of each command, the commands taking turns; kept in `RESULTS` after each, so
    that a run stopped early still shows what it measured (`--print-only`)."""
    times: dict[str, list[dict[str, float]]] = {name: [] for name in found}
    measure(GIT_LOG, REPO)  # the pack files into the page cache, as for every later run
    for round_ in range(runs):
        for name, (command, cwd) in found.items():
            if name.startswith("build") and round_ >= build_runs:
                continue
            if name in COLD:  # as on a fresh checkout in CI: nothing kept
                shutil.rmtree(REPO / ".cache", ignore_errors=True)
            times[name].append(measure(command, cwd))
            RESULTS.write_text(json.dumps(times, indent=2) + "\n")
            print(f"  {name}: {times[name][-1]['wall']:.2f} s", file=sys.stderr, flush=True)
    return times


def bests(times: dict[str, list[dict[str, float]]]) -> dict:
    return {name: best(found) | {"runs": len(found)} for name, found in times.items() if found}


def table(figures: dict) -> str:
    """One Markdown table: each measurement, and its ratio to what it is compared with."""
    added = {
        name.removeprefix("build: "): {
            key: run[key] - figures["build: none"][key] for key in ("wall", "cpu", "peak_mib")
        }
        for name, run in figures.items()
        if name.startswith("build: ") and name != "build: none" and "build: none" in figures
    }
    against = {  # row: the row it is divided by
        "asyncops check": "markdownlint-cli2 (MD043)",
        "history pass": "one git log --name-only",
        "core checks in-process": "floor: python-frontmatter",
        "floor: python-frontmatter": "floor: read every file",
    }
    rows = [
        "| measurement | wall (best) | CPU (best) | peak memory | runs | ratio, wall / CPU |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, run in figures.items():
        ratio = ""
        if against.get(name) in figures:
            other = figures[against[name]]
            ratio = f"{run['wall'] / other['wall']:.2f}x / {run['cpu'] / other['cpu']:.2f}x of {against[name]}"
        rows.append(_row(name, run, run["runs"], ratio))
    ours = added["asyncops"]
    for name, extra in added.items():
        ratio = (
            ""
            if name == "asyncops"
            else (
                f"ours {ours['wall'] / extra['wall']:.2f}x / {ours['cpu'] / extra['cpu']:.2f}x of this"
            )
        )
        rows.append(
            _row(f"{name} adds to the build", extra, figures[f"build: {name}"]["runs"], ratio)
        )
    return "\n".join(rows)


def _row(name: str, run: dict[str, float], runs: int, ratio: str) -> str:
    return (
        f"| {name} | {run['wall']:.2f} s | {run['cpu']:.2f} s | {run['peak_mib']:.0f} MiB "
        f"| {runs} | {ratio} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build-runs", type=int, default=2)
    parser.add_argument("--env", type=Path, help="install the peers here and keep them")
    parser.add_argument(
        "--print-only",
        action="store_true",
        help="print the table of the last run, as far as it got",
    )
    args = parser.parse_args()
    if not args.print_only:
        if not REPO.exists():
            raise SystemExit(f"run `python benchmarks/history_speed.py` to generate {REPO.name}")
        with tempfile.TemporaryDirectory() as tmp:
            env = args.env or Path(tmp)
            python, markdownlint, versions = install(env)
            print("; ".join(f"{name} {version}" for name, version in versions.items()), flush=True)
            run(commands(python, markdownlint, env), args.runs, args.build_runs)
    print(f"{REPO.name}: 2,000 documents, 5,000 commits; best of the runs")
    print(table(bests(json.loads(RESULTS.read_text()))))


if __name__ == "__main__":
    main()
