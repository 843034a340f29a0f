"""Which site generator this process uses: MkDocs, or ProperDocs, its continuation.

ProperDocs answers to MkDocs' module names once `properdocs.replacement` is imported (its own
command imports it first, and it keeps `MkDocsConfig` as an alias), so the plugin imports
`mkdocs.*` under either. The first import of `mkdocs` decides for the whole process.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

ENGINES = ("mkdocs", "properdocs")


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
