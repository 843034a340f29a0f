"""The `asyncops` subcommands, one module each with `register(subparsers)` and `run(args)`."""

import argparse

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_source_arguments(parser: argparse.ArgumentParser, *, paths_required: bool = False) -> None:
    """`PATH ...`, `-f mkdocs.yml` and `--kind KIND`: what to read and how, as `load_settings` takes them."""
    parser.add_argument("paths", nargs="+" if paths_required else "*", metavar="PATH", help="files or folders to read")
    parser.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: ./mkdocs.yml)")
    parser.add_argument("--kind", help="read every file of the PATHs as this kind (e.g. adr)")
