"""Screenshots of the handbook's main pages, light and dark, for the documentation.

Run by hand from the repository root after changing how pages look:

    python -m tests.browser.screenshots

It builds the project's own handbook, serves it on 127.0.0.1, and saves 1280x800 PNGs into
docs/assets/screenshots/ with Debian's Chromium, serving Mermaid from the local copy `.ci/run`
fetches (the decision log's graph is missing from its screenshot without it).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.helpers import REPO_ROOT
from tests.helpers.browser import CHROMIUM, CHROMIUM_FLAGS, MERMAID_JS, open_page, served
from tests.helpers.site import build_site

OUTPUT = REPO_ROOT / "docs" / "assets" / "screenshots"
SHOTS = {
    "dashboard": "handbook/",
    "decision-log": "handbook/decisions/",
    "review-board": "handbook/reviews/",
    "coverage": "health/coverage/",
    "decision": "adr/0002-one-core-several-faces/",
}
"""File name stem -> page; each is saved as `<stem>-light.png` and `<stem>-dark.png`."""


def main() -> int:
    mermaid = MERMAID_JS if MERMAID_JS.is_file() else None
    if mermaid is None:
        print(
            f"no local Mermaid at {MERMAID_JS}: the decision log is shown without its graph",
            file=sys.stderr,
        )
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        build_site(REPO_ROOT, site_dir=Path(tmp))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        with served(Path(tmp)) as base_url:
            for stem, path in SHOTS.items():
                for scheme in ("light", "dark"):
                    page, problems = open_page(browser, base_url + path, mermaid, scheme)
                    if problems:
                        print(f"{path} ({scheme}): {problems}", file=sys.stderr)
                    target = OUTPUT / f"{stem}-{scheme}.png"
                    page.screenshot(path=str(target))
                    page.close()
                    print(f"{target.relative_to(REPO_ROOT)}: {target.stat().st_size // 1024} KiB")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
