"""Being pleasant in a terminal: colour when it is one, and progress on long runs.

Colour follows the conventions people set once for every tool: only on a TTY, never with
`NO_COLOR` set (https://no-color.org) or `TERM=dumb`. Progress goes to stderr, so that output
piped to another program stays clean.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def wants_colour(stream: TextIO) -> bool:
    """Whether to colour what is written to `stream`."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (False for a replaced or closed one)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def paint(text: str, *styles: str, enabled: bool = True) -> str:
    """`text` in the given styles (bold, dim, red, green, yellow, cyan), or as it is."""
    if not enabled or not styles:
        return text
    codes = ";".join(_STYLES[style] for style in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


class Progress:
    """`checking 120/2000 files` on one stderr line, shown once a run has taken half a second."""

    def __init__(self, stream: TextIO, noun: str = "files", delay: float = 0.5) -> None:
        # a stream that keeps what is written (`answers.py`) takes progress lines aside
        self.stream: TextIO = getattr(stream, "transient", stream)
        self.noun = noun
        self.enabled = is_terminal(stream)
        self._start = time.monotonic()
        self._delay = delay
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self._delay or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        self._shown = True
        self.stream.write(f"\r\x1b[Kchecking {done}/{total} {self.noun}")
        self.stream.flush()

    def finish(self) -> None:
        """Clear the progress line, leaving the terminal as it was."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
