"""The MkDocs entry point `mkdocs_asyncops.plugin:AsyncOpsPlugin`, kept for users' configurations."""

from .mkdocs.plugin import AsyncOpsPlugin

__all__ = ["AsyncOpsPlugin"]
