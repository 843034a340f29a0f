"""The one base of every exception this package raises on purpose."""

from __future__ import annotations

from typing import ClassVar

__all__ = ["AsyncOpsError"]


class AsyncOpsError(Exception):
    """A problem the user caused or can fix: a configuration, a command line, a file or a request
    the tool cannot work with. Its message is for the user, on one line: what happened and what
    to do about it, naming the option, file or document involved.

    The faces catch this base: the CLI prints the message and exits 2 (or 1 where `refused`), the
    MkDocs plugin raises it again as a `PluginError` with the message. Anything else that escapes
    is a bug, reported as an internal error (exit 3)."""

    refused: ClassVar[bool] = False
    """The request was understood and refused because of what it would do to the user's files
    (nothing was changed): the CLI exits 1 and names the command, as for findings. Otherwise it
    is a configuration or usage problem: exit 2."""
