"""`asyncops mcp`: serve the handbook to assistants over the Model Context Protocol (stdio)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import EXIT_OK, EXIT_USAGE, add_config_option

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "serve the handbook to assistants over the Model Context Protocol (stdio)"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "mcp",
        help=HELP,
        description="A read-only MCP server on standard input and output: search documents, "
        "get one with its relations, a person's inbox, the digest, what awaits review. Needs the "
        "optional dependency: pip install 'mkdocs-asyncops[mcp]'.",
    )
    add_config_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    try:
        from ...assistants.server import build_server
    except ImportError as exc:
        print(
            f"asyncops mcp: the MCP SDK is not installed ({exc}); "
            "pip install 'mkdocs-asyncops[mcp]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from ...assistants.tools import HandbookTools

    build_server(HandbookTools(project.settings, project.publish)).run("stdio")
    return EXIT_OK
