"""Turning a file's bytes into text the parsers can trust: UTF-8, no BOM, `\\n` line ends."""

from __future__ import annotations

from dataclasses import dataclass

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files above this size are reported and not parsed, to keep a build's time and memory bounded."""


@dataclass(frozen=True)
class DecodedText:
    """A file's text and, when its bytes were not valid UTF-8, the line of the first bad byte."""

    text: str
    bad_encoding_line: int = 0


def decode(raw: bytes) -> DecodedText:
    """Decode UTF-8 (with or without a BOM) and normalise CRLF and CR line ends to LF.

    Invalid bytes are replaced so that the rest of the file can still be checked; the line of
    the first one is kept for the diagnostic.
    """
    bad_line = 0
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
        text = raw.decode("utf-8-sig", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, bad_encoding_line=bad_line)
