"""What the handbook pages cost on a generated handbook of 2,000 documents.

Run by hand: `python benchmarks/pages_speed.py [--documents N] [--runs N]`. It reports:
- the core checks alone (the baseline every build pays);
- `publish`: boards, every generated page and the JSON export, from the checked handbook;
- mentions and repository links rewritten in every document's Markdown, as the plugin does per page;
- a whole `mkdocs build` with the handbook pages and headers, and with `pages`,
  `document_header` and `link_mentions` switched off, so the difference is their cost in a build.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from check_speed import best_of, generate
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_asyncops.core.settings import PublishOptions, Settings, SourceFolder
from mkdocs_asyncops.handbook.crossref import mention_links, repository_links
from mkdocs_asyncops.handbook.inline import rewrite
from mkdocs_asyncops.pipeline import run_checks
from mkdocs_asyncops.render.publish import publish

OFF = "      pages: false\n      document_header: false\n      link_mentions: false\n"


def add_cross_references(root: Path) -> None:
    """Give each document a mention and a repository-style link, as real handbooks have."""
    for index, path in enumerate(sorted(root.rglob("*.md"))):
        target = sorted((root / "adr").glob("*.md"))[index % 50]
        with path.open("a") as handle:
            handle.write(
                f"\nSee ADR-{int(target.stem[:4])} and [the decision](../adr/{target.name}).\n"
            )


def site_build(root: Path, options: str) -> None:
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench\ndocs_dir: docs\nplugins:\n  - asyncops:\n{options}"
    )
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        generate(docs, args.documents)
        add_cross_references(docs)
        settings = Settings.build(docs, [SourceFolder(path=docs)])
        checked = run_checks(settings)
        assert len(checked.documents) == args.documents and not checked.errors, checked.errors[:3]
        options = PublishOptions()
        uris = {doc.source.abs_path.as_posix(): doc.source.src_uri for doc in checked.documents}
        mentions = checked.refs.mention_index()

        def rewrite_all() -> None:
            for doc in checked.documents:
                uri = doc.source.src_uri
                links = repository_links(doc.source.abs_path.as_posix(), uri, uris)
                rewrite(doc.body, link=links, text=mention_links(mentions, uri))

        core = best_of(args.runs, lambda: run_checks(settings))
        pages = best_of(args.runs, lambda: publish(checked, options, settings.kinds.values()))
        prose = best_of(args.runs, rewrite_all)
        full = best_of(args.runs, lambda: site_build(Path(tmp), "      enabled: true\n"))
        bare = best_of(args.runs, lambda: site_build(Path(tmp), OFF))
        print(f"{args.documents} documents, best / median of {args.runs} runs")
        print(f"  core checks                          {core[0]:.3f} s / {core[1]:.3f} s")
        print(f"  publish (boards, pages, export)      {pages[0]:.3f} s / {pages[1]:.3f} s")
        print(f"  mentions + links in every document   {prose[0]:.3f} s / {prose[1]:.3f} s")
        print(f"  mkdocs build, pages and headers on   {full[0]:.3f} s / {full[1]:.3f} s")
        print(f"  mkdocs build, pages and headers off  {bare[0]:.3f} s / {bare[1]:.3f} s")


if __name__ == "__main__":
    main()
