"""Which site generator this process uses: MkDocs, or ProperDocs, its continuation.

ProperDocs answers to MkDocs' module names once `properdocs.replacement` is imported (its own
command imports it first, and it keeps `MkDocsConfig` as an alias), so the plugin imports
`mkdocs.*` under either. The first import of `mkdocs` decides for the whole process.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")
CONFIG_FILES = {
    "properdocs": ("properdocs.yml", "properdocs.yaml"),
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
}
"""Each generator's file names, in the order it looks for them."""


def use(preferred: str | None = None) -> str:
    """Make `mkdocs.*` imports work and say which generator answers them: the one already in
    use, else `preferred` when it is installed, else MkDocs, else ProperDocs. A `LookupError`
    when neither is installed."""
    loaded = sys.modules.get("mkdocs")
    if loaded is not None:
        return "properdocs" if loaded.__name__ == "properdocs" else "mkdocs"
    available = [name for name in ENGINES if find_spec(name) is not None]
    if not available:
        raise LookupError("neither MkDocs nor ProperDocs is installed; pip install mkdocs")
    engine = preferred if preferred in available else available[0]
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401  # from now on `mkdocs.*` loads ProperDocs
    return engine


def find(folder: Path) -> Path | None:
    """The configuration file in `folder`, as the generator installed looks for it (ProperDocs:
    `properdocs.yml` before `mkdocs.yml`), else the other's; None when there is none."""
    first = "properdocs" if find_spec("properdocs") is not None else "mkdocs"
    names = CONFIG_FILES[first] + next(n for e, n in CONFIG_FILES.items() if e != first)
    return next((folder / name for name in names if (folder / name).is_file()), None)
