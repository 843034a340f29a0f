"""What one huge, deeply nested document costs a whole `mkdocs build`, and how much of it is ours.

Run by hand: `python benchmarks/huge_build.py [--paragraphs N]`. It builds a site whose ADR has
N paragraphs of prose with a mention, a link and code each (two lines per paragraph, so 50,000
make a 100,000-line file), 5,000 headings, a list nested 300 deep and 1,000 nested quotes, and
reports the whole build, the time spent in the plugin's events, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import logging
import resource
import tempfile
from pathlib import Path

from history_speed import timed_build
from mkdocs.config import load_config

ADR = "---\nstatus: accepted\ndate: 2024-03-01\ndeciders: [Ana]\n---\n# {n}. {title}\n\n## Context\n{context}\n## Decision\nx\n\n## Consequences\n{consequences}\n"


def write_site(root: Path, paragraphs: int) -> None:
    (root / "docs").mkdir()
    (root / "adr").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Huge\ndocs_dir: docs\nplugins:\n  - asyncops:\n      sources: [adr]\n"
    )
    (root / "docs" / "index.md").write_text("# Home\n")
    prose = "ADR-2 says so; see [the other](0002-y.md) and `code`.\n\n" * paragraphs
    sections = "".join(f"## Section {i}\ntext\n" for i in range(5_000))
    nested = "".join("  " * depth + "- item\n" for depth in range(300)) + ">" * 1_000 + " quote\n"
    (root / "adr" / "0001-x.md").write_text(
        ADR.format(n=1, title="Huge", context=prose, consequences="x\n") + sections
    )
    (root / "adr" / "0002-y.md").write_text(
        ADR.format(n=2, title="Nested", context="x\n", consequences=nested)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=50_000)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root, args.paragraphs)
        lines = sum(1 for _ in (root / "adr" / "0001-x.md").open())
        total, events = timed_build(load_config(str(root / "mkdocs.yml")))
        inside = sum(events.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"document: {lines:,} lines, 5,000 headings, list nested 300 deep, 1,000 nested quotes")
    print(
        f"mkdocs build: {total:.1f} s, of which mkdocs-asyncops: {inside:.1f} s; peak memory {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
