"""Screenshots of the handbook's pages, at a desktop's and a phone's width, light and dark.

Run by hand from the repository root after changing how pages look:

    python benchmarks/screenshots.py                 # the docs' screenshots, retaken
    python benchmarks/screenshots.py --adrs 500      # a generated handbook of 500 decisions

The first builds the project's own handbook, serves it on 127.0.0.1 and saves
`<page>-<width>x<height>-<light|dark>.png` into docs/assets/screenshots/ (shown on
docs/handbook-pages.md) with Debian's Chromium, serving Mermaid from the local copy `.ci/run`
fetches (the decision log's graph is missing without it). `--adrs N` generates a handbook of N
decisions instead (statuses, tags, deciders and relations of every sort, into
benchmarks/.work/adrs-N/) and saves into benchmarks/.work/screenshots-adrs-N/. `--out`,
`--pages` and `--schemes` choose where and what, e.g. the after shots of issue 15:

    python benchmarks/screenshots.py --out docs/assets/screenshots/after \\
        --pages dashboard,decision-log,coverage --schemes light
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser helpers the tests use (tests/helpers/browser.py)

from tests.helpers.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_FLAGS,
    MERMAID_JS,
    STILL,
    VIEWPORTS,
    prepare,
    served,
    set_scheme,
)
from tests.helpers.site import build_site  # noqa: E402

PAGES = {
    "dashboard": "handbook/",
    "decision-log": "handbook/decisions/",
    "review-board": "handbook/reviews/",
    "coverage": "health/coverage/",
    "decision": "adr/0002-one-core-several-faces/",
}
"""File name stem -> page of the project's handbook."""
ADR_PAGES = {
    "dashboard": "handbook/",
    "decision-log": "handbook/decisions/",
    "decision": "adr/0001-decision-1/",
}
"""File name stem -> page of a generated handbook (`--adrs`)."""
SCHEMES = {"light": "default", "dark": "slate"}
WORK = ROOT / "benchmarks" / ".work"


def shoot(site: Path, pages: dict[str, str], schemes: list[str], out: Path) -> None:
    """Screenshot each page of the built `site` at each width and palette into `out`."""
    mermaid = MERMAID_JS if MERMAID_JS.is_file() else None
    if mermaid is None:
        print(f"no local Mermaid at {MERMAID_JS}: graphs are left undrawn", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, served(site) as base_url:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        page = browser.new_page()
        page.set_default_timeout(180_000)  # a 500-decision log is a long page to draw
        prepare(page, mermaid)
        for stem, path in pages.items():
            for size in VIEWPORTS.values():
                page.set_viewport_size(size)
                page.goto(base_url + path, wait_until="networkidle")
                if mermaid is not None and page.query_selector(".mermaid") is not None:
                    page.wait_for_selector(".mermaid svg", timeout=30_000)
                page.add_style_tag(content=STILL)
                for scheme in schemes:
                    set_scheme(page, SCHEMES[scheme])
                    target = out / f"{stem}-{size['width']}x{size['height']}-{scheme}.png"
                    page.screenshot(path=str(target))
                    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
                    print(f"{shown}: {target.stat().st_size // 1024} KiB")
        browser.close()


STATUSES = ["accepted"] * 6 + ["proposed"] * 2 + ["superseded", "deprecated", "rejected"]
TAGS = ["storage", "api", "security", "frontend", "build", "observability", "data", "billing"]
PEOPLE = ["Ana Souza", "Bo Li", "Chen Wu", "Dana Whitfield", "Eun-ji Park", "Femi Adeyemi"]
TITLE_WORDS = [
    "use",
    "keep",
    "split",
    "move",
    "cache",
    "queue",
    "index",
    "shard",
    "retry",
    "version",
    "sign",
    "stream",
]


def adr_handbook(root: Path, count: int, seed: int = 15) -> Path:
    """A Material handbook of `count` decisions, made the same for the same `seed`."""
    rng = random.Random(seed)
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    (root / "adr").mkdir()
    (root / "docs" / "index.md").write_text("# Decisions\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theme = config[config.index("theme:") : config.index("plugins:")]
    (root / "mkdocs.yml").write_text(
        f"site_name: {count} decisions\ndocs_dir: docs\n{theme}plugins:\n  - asyncops:\n"
        "      sources: [adr]\n      history: false\n      today: 2026-11-24\n",
        encoding="utf-8",
    )
    first = date(2019, 1, 7)
    for n in range(1, count + 1):
        status = rng.choice(STATUSES)
        lines = [
            f"status: {status}",
            f"date: {first + timedelta(days=n * 2555 // count)}",
            f"deciders: [{', '.join(rng.sample(PEOPLE, rng.randint(1, 3)))}]",
            f"tags: [{', '.join(rng.sample(TAGS, rng.randint(0, 3)))}]",
        ]
        if status == "superseded" and n < count:
            lines.append(f"superseded_by: [{rng.randint(n + 1, count)}]")
        elif n > 1 and rng.random() < 0.3:
            lines.append(f"relates_to: [ADR-{rng.randint(1, n - 1)}]")
        words = " ".join(rng.sample(TITLE_WORDS, rng.randint(2, 6)))
        title = f"Decision {n}: {words}"
        text = "---\n" + "\n".join(lines) + f"\n---\n# {n}. {title}\n\n"
        text += "## Context\nForces.\n\n## Decision\nChosen.\n\n## Consequences\nFollows.\n"
        (root / "adr" / f"{n:04d}-decision-{n}.md").write_text(text, encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adrs", type=int, help="screenshot a generated handbook of N ADRs")
    parser.add_argument("--out", type=Path, help="the folder the PNGs are saved into")
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--schemes", default="light,dark", help="light, dark or both")
    args = parser.parse_args(argv)
    project, pages, out = ROOT, PAGES, ROOT / "docs" / "assets" / "screenshots"
    if args.adrs:
        project = adr_handbook(WORK / f"adrs-{args.adrs}", args.adrs)
        pages, out = ADR_PAGES, WORK / f"screenshots-adrs-{args.adrs}"
    if args.pages:
        unknown = set(args.pages.split(",")) - set(pages)
        if unknown:
            parser.error(f"no page {', '.join(sorted(unknown))}; choose from {', '.join(pages)}")
        pages = {name: pages[name] for name in args.pages.split(",")}
    schemes = args.schemes.split(",")
    if set(schemes) - set(SCHEMES):
        parser.error("--schemes takes light, dark or light,dark")
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(project, site_dir=Path(tmp))
        shoot(site, pages, schemes, args.out or out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
