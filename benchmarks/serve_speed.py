"""What the plugin costs a `mkdocs serve` rebuild: 2,000 documents and 5,000 commits.

Run by hand: `python benchmarks/serve_speed.py` (after `history_speed.py` has generated its
repository into `benchmarks/.work/`). The repository is cloned into a temporary folder, so the
edits never touch it. Rebuilds are driven as `mkdocs serve` drives them (MkDocs 1.6): the
configuration is loaded again for every rebuild, the plugin instance is kept (it defines
`on_startup`, called once with `command="serve"`), and `build` runs with the serve URL and
`dirty=False` (`--dirty`: `dirty=True`, as `mkdocs serve --dirty` builds, which makes again
only the pages whose files changed and the generated pages). The site keeps the records out of
the navigation (`records_in_nav: false`, as large handbooks should: with 2,000 pages in it
MkDocs alone spends minutes). It reports, best of `--runs`, for each kind of rebuild the time
spent inside the plugin's event handlers against the whole rebuild, in CPU time of this
process (the machine may be shared; `git` processes are not counted, and a warm rebuild starts
none):
- the first build;
- a rebuild with no change;
- a rebuild after a one-line edit of one document's body: its title heading, which the
  generated pages show;
- a rebuild after an edit of a paragraph, which only the document's own page shows (the
  first one makes the file uncommitted, which the checks see), another edit of it (the
  checks' last results hold), and one taking it out again (committed again);
- a rebuild after an edit that adds a relation (one ADR supersedes another), and one taking it
  out again.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

WORK = Path(__file__).resolve().parent / ".work"
SITE = """\
site_name: Serve benchmark
docs_dir: docs
site_dir: {site_dir}
plugins:
  - asyncops:
      records_in_nav: false
"""
SERVE_URL = "http://127.0.0.1:8000/"


class Server:
    """`mkdocs serve`'s builder: one kept plugin instance, a fresh configuration each rebuild."""

    def __init__(self, config_file: Path, site_dir: Path, dirty: bool = False) -> None:
        self.config_file, self.site_dir, self.dirty = config_file, site_dir, dirty
        self.config = self._load()
        self.config.plugins.on_startup(command="serve", dirty=dirty)

    def _load(self) -> MkDocsConfig:
        return load_config(str(self.config_file), site_dir=str(self.site_dir))

    def rebuild(self) -> tuple[float, float]:
        """Build once: the whole time, and the time inside the asyncops plugin's handlers."""
        config = self.config if self.config is not None else self._load()
        self.config = None
        config.site_url = SERVE_URL
        spent: list[float] = []
        for event, handlers in config.plugins.events.items():
            config.plugins.events[event] = [
                _timed(h, spent)
                if getattr(h, "__module__", "").startswith("mkdocs_asyncops")
                else h
                for h in handlers
            ]
        start = time.process_time()
        build(config, serve_url=SERVE_URL, dirty=self.dirty)
        return time.process_time() - start, sum(spent)


def _timed(handler: Callable, spent: list[float]) -> Callable:
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return handler(*args, **kwargs)
        finally:
            spent.append(time.process_time() - start)

    return timed


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repository", default="repo-2000-5000-code")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--dirty",
        action="store_true",
        help="as `mkdocs serve --dirty`: only changed pages are built",
    )
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    logging.getLogger("mkdocs_asyncops").setLevel(logging.ERROR)
    source = WORK / args.repository
    if not source.exists():
        sys.exit(f"{source} is missing: run benchmarks/history_speed.py first")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "-q", "--local", str(source), str(repo)], check=True)
        config_file = repo / "mkdocs.yml"
        config_file.write_text(SITE.format(site_dir=Path(tmp) / "site"))
        server = Server(config_file, Path(tmp) / "site", args.dirty)
        first = server.rebuild()
        mode = " with --dirty" if args.dirty else ""
        print(
            f"{args.repository}{mode}: best of {args.runs} rebuilds each (whole rebuild / plugin)"
        )
        print(f"  first build                {first[0]:6.2f} s / {first[1]:.3f} s")
        adr = sorted((repo / "docs" / "adr").glob("*.md"))
        body, target = adr[10], adr[20]
        decision = "\n## Decision\n\n"
        relation_free = "status: accepted\n"
        related = f"{relation_free}supersedes: [{target.stem}]\n"
        steps = {
            "no change": lambda: None,
            "one-line edit of a body": edit(body, "# Document", "# Edited document"),
            "one-line edit back": edit(body, "# Edited document", "# Document"),
            "edit of a paragraph": edit(body, decision, f"{decision}Edited. "),
            "another edit of it": edit(body, "Edited. ", "Edited again. "),
            "paragraph edited back": edit(body, f"{decision}Edited again. ", decision),
            "add a relation": edit(body, relation_free, related),
            "remove the relation": edit(body, related, relation_free),
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
        for _ in range(args.runs):
            for name, change in steps.items():
                change()
                times[name].append(server.rebuild())
        for name, runs in times.items():
            whole = min(total for total, _ in runs)
            inside = min(spent for _, spent in runs)
            print(f"  {name:26} {whole:6.2f} s / {inside * 1000:6.1f} ms in the plugin")
        server.config = server._load()
        server.config.plugins.on_shutdown()


if __name__ == "__main__":
    sys.exit(main())
