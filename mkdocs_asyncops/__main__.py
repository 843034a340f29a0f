"""`python -m mkdocs_asyncops` runs the `asyncops` command line."""

from .cli.main import entry_point

entry_point()
