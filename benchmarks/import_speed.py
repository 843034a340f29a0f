"""How long reading and migrating an imported decision log of 2,000 records takes.

Run by hand: `python benchmarks/import_speed.py [--records N]`. It generates a mixed log (adr-tools
records with supersession links, MADR 2 and log4brains bullets) and the same decisions written in
frontmatter, then reports, in one run:
- the core checks on the imported log and on the frontmatter log, so the ratio is the cost of
  reading metadata from bodies and resolving the links it states;
- `migrate.plan` on the imported log (a rewrite and a diff-ready text per record).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from check_speed import best_of

from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.edit.migrate import plan
from mkdocs_asyncops.pipeline import run_checks

PARAGRAPH = "A sentence of realistic length about the system and its trade-offs. " * 6
SECTIONS = (
    f"## Context\n\n{PARAGRAPH}\n\n## Decision\n\n{PARAGRAPH}\n\n## Consequences\n\n{PARAGRAPH}\n"
)


def imported(number: int, total: int) -> str:
    """Record `number` in one of three imported formats; every tenth is superseded by the next."""
    superseded = number % 10 == 0 and number < total
    successor = f"[{number + 1}. Next]({number + 1:04d}-decision-{number + 1}.md)"
    if number % 3 == 0:
        status = f"Superseded by {successor}" if superseded else "Accepted"
        return f"# {number}. Decision {number}\n\nDate: 12/02/2016\n\n## Status\n\n{status}\n\n{SECTIONS}"
    bullet = "*" if number % 3 == 1 else "-"
    status = f"superseded by {successor}" if superseded else "✅ Accepted"
    return (
        f"# {number}. Decision {number}\n\n{bullet} Status: {status}\n{bullet} Deciders: Ana, Bo\n"
        f"{bullet} Date: September 20, 2024\n\n{SECTIONS}"
    )


def native(number: int, total: int) -> str:
    superseded = number % 10 == 0 and number < total
    meta = (
        f"status: superseded\nsuperseded_by: [{number + 1}]\n"
        if superseded
        else "status: accepted\n"
    )
    return f"---\n{meta}date: 2024-09-20\ndeciders: [Ana, Bo]\n---\n# {number}. Decision {number}\n\n{SECTIONS}"


def generate(folder: Path, count: int, write) -> None:
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        (folder / f"{number:04d}-decision-{number}.md").write_text(
            write(number, count), encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root / "imported" / "adr", args.records, imported)
        generate(root / "native" / "adr", args.records, native)
        old = Settings.build(root, [SourceFolder(path=root / "imported")])
        new = Settings.build(root, [SourceFolder(path=root / "native")])
        checked = run_checks(old)
        assert len(checked.documents) == args.records and not checked.diagnostics, (
            checked.diagnostics[:3]
        )
        assert (
            sum(doc.status == "superseded" for doc in checked.documents) == (args.records - 1) // 10
        )
        assert not run_checks(new).diagnostics

        imported_time = best_of(args.runs, lambda: run_checks(old))
        native_time = best_of(args.runs, lambda: run_checks(new))
        migrate_time = best_of(args.runs, lambda: plan(run_checks(old)))
        print(f"{args.records} records, best / median of {args.runs} runs")
        print(
            f"  core checks, imported log      {imported_time[0]:.3f} s / {imported_time[1]:.3f} s"
        )
        print(f"  core checks, frontmatter log   {native_time[0]:.3f} s / {native_time[1]:.3f} s")
        print(f"  ratio imported / frontmatter   {imported_time[0] / native_time[0]:.2f}x")
        print(f"  checks + migrate.plan          {migrate_time[0]:.3f} s / {migrate_time[1]:.3f} s")


if __name__ == "__main__":
    main()
