"""`mermaid_js`: Mermaid served from the site itself, so the decision graph draws offline.

Material loads Mermaid from unpkg only when no global `mermaid` exists, and MkDocs' default theme
has none of its own: a script in `extra_javascript` that defines it serves both.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

__all__ = ["MERMAID_FENCE", "MERMAID_JS", "has_mermaid_fence", "load_mermaid", "publish_mermaid"]

MERMAID_JS = "assets/asyncops/mermaid.min.js"
"""Where a local copy of Mermaid is published."""


def load_mermaid(source: str | None, config: MkDocsConfig) -> Path | None:
    """Load Mermaid from `source` (a URL, or a file relative to `mkdocs.yml`) on every page;
    return the file to publish, if any."""
    if not source:
        return None
    path = None
    script = source
    if not re.match(r"^https?://", source):
        path = Path(config.config_file_path or "mkdocs.yml").resolve().parent / source
        if not path.is_file():
            raise PluginError(f"asyncops: mermaid_js: no file at {source!r}")
        script = MERMAID_JS
    if script not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(script)
    return path


def publish_mermaid(path: Path, files: Files, config: MkDocsConfig) -> None:
    """Put the local copy into the site at `MERMAID_JS`."""
    existing = files.src_uris.get(MERMAID_JS)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, MERMAID_JS, abs_src_path=str(path)))


MERMAID_FENCE = (
    "Add to mkdocs.yml: markdown_extensions: - pymdownx.superfences: custom_fences: "
    "- {name: mermaid, class: mermaid, format: !!python/name:pymdownx.superfences.fence_code_format}"
)


def has_mermaid_fence(config: MkDocsConfig) -> bool:
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    return "pymdownx.superfences" in config.markdown_extensions and any(
        isinstance(fence, dict) and fence.get("name") == "mermaid" for fence in fences
    )
