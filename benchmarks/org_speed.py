"""What an organisation handbook costs: many repositories' exports merged and rendered.

Run by hand: `python benchmarks/org_speed.py [--repositories N] [--documents N]` (default
200 x 200 = 40,000 records). It writes one export per repository (ADRs, runbooks, designs,
postmortems and integration specs, with relations within and across repositories), then, in a
fresh process, reads them all as `remotes:` of an organisation handbook, merges them, builds
the boards and renders every generated page to HTML as the site does, and reports the time of
each stage (wall clock, and the CPU time of the process, which a busy machine does not
inflate) and the peak memory (resident set) of that process. The target: under 10 s and under
500 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

KINDS = ("adr", "adr", "adr", "runbook", "design", "postmortem", "integration")
FOLDERS = {"adr": "adr", "runbook": "runbooks", "design": "design", "postmortem": "postmortems"}


def record(repo: int, index: int, repositories: int) -> dict:
    """One record of repository `repo`, as its export holds it."""
    kind = KINDS[index % len(KINDS)]
    name = f"repo{repo:03d}"
    number = index + 1 if kind == "adr" else None
    stem = f"{number:04d}-decision-{index}" if number else f"{kind}-{index}"
    path = f"{FOLDERS.get(kind, 'integrations')}/{stem}.md"
    frontmatter: dict = {
        "status": {"adr": "accepted", "runbook": "active", "design": "in-review"}.get(
            kind, "draft"
        ),
        "date": f"2024-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        "owner": f"team-{repo % 20}",
        "systems": [f"system-{repo}-{index % 10}"],
        "tags": ["payments", "storage"][: index % 3],
    }
    relations = {key: [] for key in ("supersedes", "superseded_by", "amends", "amended_by")}
    relations |= {"relates_to": [], "referenced_by": []}
    if kind == "adr" and index >= 3 and index % 3 == 0:
        relations["supersedes"].append(f"ADR-{index - 2:04d}")
    if kind == "adr" and index % 21 == 0:
        relations["relates_to"].append(f"repo{(repo + 1) % repositories:03d}:ADR-{index + 1:04d}")
    if kind == "design":
        frontmatter |= {"reviewers": ["Ana", "Bo"], "review_requested": "2024-03-01"}
    if kind == "postmortem":
        frontmatter |= {"severity": 2, "incident_date": "2024-03-01 10:00"}
    if kind == "integration":
        frontmatter |= {"priority": {"impact": 3, "effort": 2}}
    return {
        "path": path,
        "url": path,
        "repository": name,
        "published_url": f"https://{name}.example.com/{path[:-3]}/",
        "kind": kind,
        "id": f"ADR-{number:04d}" if number else stem,
        "number": number,
        "title": f"{kind} {index} of {name}",
        "status": frontmatter["status"],
        "raw_status": None,
        "date": frontmatter["date"],
        "format": None,
        "frontmatter": frontmatter,
        "relations": relations,
    }


def generate(folder: Path, repositories: int, documents: int) -> list[Path]:
    paths = []
    for repo in range(repositories):
        records = [record(repo, index, repositories) for index in range(documents)]
        export = {
            "version": "2.0",
            "repository": f"repo{repo:03d}",
            "site_url": f"https://repo{repo:03d}.example.com/",
            "kind": None,
            "records": records,
            "boards": {"reviews": [], "integrations": [], "postmortems": [], "action_items": []},
            "diagnostics": [],
            "summary": {"error": 0, "warning": 0, "info": 0, "documents": len(records)},
        }
        path = folder / f"repo{repo:03d}.json"
        path.write_text(json.dumps(export, separators=(",", ":")), encoding="utf-8")
        paths.append(path)
    return paths


def measure(folder: Path) -> None:
    """In this process: read every export in `folder` as a remote, merge, render; print times."""
    from mkdocs_asyncops.core.settings import RemoteSource, Repository, Settings, SourceFolder
    from mkdocs_asyncops.pipeline import run_checks
    from mkdocs_asyncops.render.publish import PublishOptions, publish

    docs = folder / "org" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Organisation\n\nSee repo001:ADR-3.\n", encoding="utf-8")
    remotes = [
        RemoteSource(path.stem, export=str(path)) for path in sorted(folder.glob("repo*.json"))
    ]
    settings = Settings.build(docs.parent, [SourceFolder(path=docs)]).with_remotes(
        Repository("org"), remotes
    )
    clock = [(time.perf_counter(), time.process_time())]
    checked = run_checks(settings)
    clock.append((time.perf_counter(), time.process_time()))
    publication = publish(checked, PublishOptions(), settings.kinds.values())
    clock.append((time.perf_counter(), time.process_time()))
    size = 0
    for page in publication.pages.values():
        markdown, tables = page.slotted()
        size += len(markdown) + sum(len(t.html(lambda target: target)) for t in tables)
    export = publication.export_json()
    clock.append((time.perf_counter(), time.process_time()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = [d for d in checked.diagnostics if d.level.value == "error"]
    print(
        f"  records merged              {len(checked.documents)} "
        f"({len(remotes)} remotes, {len(errors)} errors)"
    )
    wall = [b[0] - a[0] for a, b in pairwise(clock)]
    cpu = [b[1] - a[1] for a, b in pairwise(clock)]
    print(f"  read + merge (run_checks)   {wall[0]:.2f} s (CPU {cpu[0]:.2f} s)")
    print(f"  boards + pages (publish)    {wall[1]:.2f} s (CPU {cpu[1]:.2f} s)")
    print(
        f"  pages as HTML, export       {wall[2]:.2f} s (CPU {cpu[2]:.2f} s; "
        f"{size >> 20} MiB, {len(export) >> 10} KiB export)"
    )
    print(f"  total                       {sum(wall):.2f} s (CPU time {sum(cpu):.2f} s)")
    print(f"  peak resident memory        {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repositories", type=int, default=200)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--measure", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(Path(args.measure))
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.repositories, args.documents)
        size = sum(path.stat().st_size for path in paths)
        print(
            f"{args.repositories} repositories x {args.documents} documents, "
            f"exports {size >> 20} MiB"
        )
        subprocess.run([sys.executable, __file__, "--measure", tmp], check=True)


if __name__ == "__main__":
    main()
