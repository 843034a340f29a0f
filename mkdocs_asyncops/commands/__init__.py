"""The `asyncops` subcommands, one module each with `register(subparsers)` and `run(args)`."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
