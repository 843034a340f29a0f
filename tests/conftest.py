"""Shared fixtures: small handbooks written into temporary folders, and MkDocs builds of them."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import settings
from mkdocs.commands.build import build
from mkdocs.config import load_config

settings.register_profile("default", max_examples=150, deadline=None)
# A fuzz campaign by hand: `HYPOTHESIS_PROFILE=fuzz`, with `FUZZ_EXAMPLES` examples per property.
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25000")), deadline=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"

ADR = """\
---
status: accepted
date: 2024-03-01
deciders: [Ana, Bo]
---
# {number}. {title}

## Context
The forces at play.

## Decision
What we chose.

## Consequences
What follows.
"""


def adr(number: int = 1, title: str = "Use PostgreSQL") -> str:
    """A valid ADR with this number and title."""
    return ADR.format(number=number, title=title)


Writer = Callable[[Mapping[str, "str | bytes"]], Path]


@pytest.fixture
def write_files(tmp_path: Path) -> Writer:
    """Write `{relative path: text or bytes}` under a fresh project folder and return it."""

    def write(files: Mapping[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(
                    textwrap.dedent(content) if content.startswith("\n") else content,
                    encoding="utf-8",
                )
        return tmp_path

    return write


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
