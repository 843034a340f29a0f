"""What listing every record in the navigation costs a build, and what `records_in_nav: false` saves.

Run by hand: `python benchmarks/nav_wall.py [--adrs N] [--theme mkdocs]`. It writes a handbook of
N ADRs (each mentioning the one before) and builds it twice in one run, with the records in the
navigation (the default) and with `records_in_nav: false`, with mkdocs-material unless told, and
prints both times and their ratio. MkDocs renders the whole navigation into every page, so the
first grows with the square of N.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from history_speed import timed_build
from mkdocs.config import load_config

ADR = (
    "---\nstatus: accepted\ndate: 2024-03-01\ndeciders: [Ana]\n---\n# {n}. Decision {n}\n\n"
    "## Context\nAfter ADR-{before:04d}.\n\n## Decision\nWe chose.\n\n## Consequences\nSome.\n"
)
CONFIG = (
    "site_name: Nav wall\ndocs_dir: docs\nsite_dir: site-{name}\ntheme: {theme}\n"
    "plugins:\n  - asyncops:\n"
    "      sources: [adr]\n      history: false\n      records_in_nav: {in_nav}\n"
)


def write_handbook(root: Path, adrs: int, theme: str) -> None:
    (root / "docs").mkdir()
    (root / "adr").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    for n in range(1, adrs + 1):
        (root / "adr" / f"{n:04d}-decision-{n}.md").write_text(
            ADR.format(n=n, before=max(n - 1, 1))
        )
    for name, in_nav in (("in-nav", "true"), ("out-of-nav", "false")):
        (root / f"{name}.yml").write_text(CONFIG.format(name=name, in_nav=in_nav, theme=theme))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adrs", type=int, default=1_000)
    parser.add_argument("--theme", default="material", help="material (the default) or mkdocs")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_handbook(root, args.adrs, args.theme)
        times = {}
        for name in ("in-nav", "out-of-nav"):
            times[name], _ = timed_build(load_config(str(root / f"{name}.yml")))
            print(
                f"{args.adrs:,} ADRs, {args.theme} theme, {name}: mkdocs build {times[name]:.1f} s",
                flush=True,
            )
    print(f"records_in_nav: false builds {times['in-nav'] / times['out-of-nav']:.1f}x faster")


if __name__ == "__main__":
    main()
