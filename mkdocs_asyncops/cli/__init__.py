"""The command face: `asyncops` and its subcommands, project loading, terminal and chat output."""

from .main import entry_point, main

__all__ = ["entry_point", "main"]
