"""The header blocks proposals open with: a PEP's RFC 822 fields, a Rust RFC's bullet list.

    PEP: 8                        - Feature Name: `try_blocks`
    Title: Style Guide            - Start Date: 2016-12-21
    Author: Ana <ana@example.org>,  - RFC PR: [rust-lang/rfcs#243](...)
            Bo <bo@example.org>   - Tracking Issue: [rust-lang/rust#31436](...)

Each gives `(key, value, line)` in order, continuation lines joined to their field.
"""

from __future__ import annotations

import re

__all__ = ["RUST_KEYS", "body_after", "rfc822_block", "rust_header"]


_FIELD = re.compile(r"^(?P<key>[A-Za-z][A-Za-z-]*):[ \t]*(?P<value>.*?)\s*$")
_BULLET = re.compile(r"^\s*[-*]\s+(?P<key>[A-Za-z][A-Za-z ]*?)\s*:\s*(?P<value>.*?)\s*$")
_PEP_START = re.compile(r"^PEP:[ \t]*\S", re.IGNORECASE)
RUST_KEYS = frozenset({"feature name", "start date", "rfc pr", "tracking issue", "rust issue"})


def rfc822_block(text: str, first_line: int = 1) -> list[tuple[str, str, int]] | None:
    """The fields of a header block opening with `PEP:`, up to the first blank line; else None."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _PEP_START.match(lines[start]):
        return None
    fields: list[tuple[str, str, int]] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            break
        if line[:1] in " \t" and fields:
            key, value, at = fields[-1]
            fields[-1] = (key, f"{value} {line.strip()}".strip(), at)
            continue
        match = _FIELD.match(line)
        if match is None:
            break
        fields.append((match.group("key"), match.group("value"), first_line + index))
    return fields


def rust_header(text: str, first_line: int = 1) -> list[tuple[str, str, int]] | None:
    """The `- Feature Name:` ... bullets before the first heading, when they name a Rust RFC."""
    fields = []
    for index, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("#"):
            break
        match = _BULLET.match(line)
        if match and " ".join(match.group("key").casefold().split()) in RUST_KEYS:
            fields.append((match.group("key"), match.group("value"), first_line + index))
    keys = {" ".join(key.casefold().split()) for key, _, _ in fields}
    return fields if {"feature name", "start date"} <= keys else None


def body_after(text: str, fields: list[tuple[str, str, int]], first_line: int) -> tuple[str, int]:
    """The text after a header block, and the line it starts on."""
    last = fields[-1][2] - first_line
    lines = text.split("\n")
    while last + 1 < len(lines) and lines[last + 1][:1] in " \t" and lines[last + 1].strip():
        last += 1
    return "\n".join(lines[last + 1 :]), first_line + last + 1
