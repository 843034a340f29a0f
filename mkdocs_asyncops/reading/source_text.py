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


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BINARY_MESSAGE = (
    "the file holds binary data (NUL bytes), not Markdown text; "
    "move it out of the documents folder or give it another extension"
)


def binary_problem(raw: bytes) -> tuple[int, str] | None:
    """The line and the reason when `raw` is no text at all (UTF-16, or NUL bytes); else None."""
    if raw.startswith(_UTF16_BOMS):
        return 1, "the file is UTF-16, not UTF-8; save it as UTF-8"
    if b"\0" in raw:
        return raw.count(b"\n", 0, raw.index(b"\0")) + 1, _BINARY_MESSAGE
    return None


ENCODING_MESSAGE = (
    "the file is not valid UTF-8 (the first bad byte is on this line); save it as UTF-8"
)


def encoding_problem(raw: bytes) -> tuple[int, str] | None:
    """The line and the reason when `raw` is not UTF-8 text MkDocs can read; else None."""
    problem = binary_problem(raw)
    if problem is not None:
        return problem
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw.count(b"\n", 0, exc.start) + 1, ENCODING_MESSAGE
    return None


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
