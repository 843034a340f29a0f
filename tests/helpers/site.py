"""Helpers for tests that build sites through MkDocs."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

MERMAID = """\
# the fence that draws the decision log's graph (without it, the plugin warns)
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""

MKDOCS_YML = """\
site_name: Test handbook
docs_dir: docs
plugins:
  - asyncops:
{options}
"""


def mkdocs_yml(options: str = "      sources: [adr]") -> str:
    return MKDOCS_YML.format(options=options)


def build_site(project: Path, strict: bool = False, site_dir: Path | None = None) -> Path:
    """Build the site of `project` with MkDocs, as `mkdocs build` would (into `site_dir` when
    given); return the site folder."""
    overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
    config = load_config(str(project / "mkdocs.yml"), strict=strict, **overrides)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
