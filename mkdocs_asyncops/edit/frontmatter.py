"""Changing frontmatter keys in place, leaving every other byte of the file as it was.

A YAML dump of the whole frontmatter would reorder keys, drop comments and requote values. Here
the block is composed (not dumped) to find where each top-level key and its value sit, and only
those spans are replaced; a new key goes on its own line before the closing `---`, in the file's
own line ending. Files the tool cannot edit this way are refused with a reason, never rewritten.
The block is the one `reading.frontmatter.find_block` finds, and `yaml_value` is the one place a
value is written as YAML, for `asyncops adr`, `migrate` and `new` alike.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import AsyncOpsError
from ..reading.frontmatter import (
    Block,
    Frontmatter,
    duplicate_message,
    find_block,
    read_frontmatter,
)
from ..reading.source_text import decode
from .file_writes import write_all

_PLAIN = re.compile(r"[A-Za-z0-9](?:[\w .@/+-]*[\w.@/+-])?")
"""Text that can stand unquoted in a block or a flow list (no `:`, `#`, `,`, brackets or quotes)."""
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
_UNSAFE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
"""What a double-quoted scalar must escape: its quote and backslash, control characters, line
breaks (YAML folds them, NEL and the Unicode separators included), BOMs and non-characters."""
_SURROGATE = re.compile("[\ud800-\udfff]")


class EditRefused(AsyncOpsError):
    """The file cannot be edited without touching more than the keys asked for."""

    refused = True


@dataclass(frozen=True)
class _Block:
    yaml_start: int
    """Offset in the text where the YAML between the delimiters starts."""
    yaml_end: int
    newline: str


def yaml_value(value: Any) -> str:
    """A value as one line of YAML that reads back as exactly that value.

    Strings stay plain where YAML reads them back as the same string, else they are
    double-quoted with every character YAML could fold, reject or misread escaped. Lists become
    flow lists; dates, numbers, booleans and None their YAML spelling.
    """
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, date):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write a {type(value).__name__} as a frontmatter value")
    if _SURROGATE.search(value):
        raise ValueError(f"{value!r} is not Unicode text (a lone surrogate); it cannot be written")
    if (
        _PLAIN.fullmatch(value)
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG  # type: ignore[no-untyped-call]  # PyYAML stubs leave resolve untyped
    ):
        return value
    return '"' + _UNSAFE.sub(_escape, value) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "." not in text:  # `1e+20`: YAML 1.1 reads a float only with a dot in it
        text = text.replace("e", ".0e")
    return text


def edit_frontmatter(
    text: str, changes: Mapping[str, Any], path: str = "the file", *, add_block: bool = False
) -> str:
    """`text` with the top-level keys in `changes` set (values written with `yaml_value`).

    A key that is present keeps its place, its spelling and any comment after its value; keys
    that are absent are added at the end of the block, in the order of `changes`. With
    `add_block`, a text without frontmatter (as the reader sees it) gets a block holding
    `changes` at its top, after any BOM; otherwise that is refused.

    Raises `EditRefused` when the file has no frontmatter or frontmatter that does not parse,
    when a key to change is written twice, is a complex (`? key`) key, holds an alias, carries an
    anchor used elsewhere or comes from a merge key (`<<`), and when the result would not read
    back as the old data with only those keys changed.
    """
    if add_block:
        found = _opening(text)
        if found is None or not found.closed:  # an unclosed `---` is a thematic break
            return _with_new_block(text, changes, path)
    block, before = _block(text, path)
    spans = _key_spans(text, block, changes, before, path)
    replaced = []
    added = []
    for name, value in changes.items():
        line = f"{name}: {yaml_value(value)}"
        if name in spans:
            start, end = spans[name]
            replaced.append((start, end, line))
        else:
            added.append(line + block.newline)
    result = text
    if added:
        result = result[: block.yaml_end] + "".join(added) + result[block.yaml_end :]
    for start, end, line in sorted(replaced, reverse=True):
        result = result[:start] + line + result[end:]
    _check_result(result, before.data, changes, path)
    return result


def _with_new_block(text: str, changes: Mapping[str, Any], path: str) -> str:
    """`text` (which has no frontmatter) with a block of `changes` put at its top."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    lines = ["---", *(f"{name}: {yaml_value(value)}" for name, value in changes.items()), "---"]
    result = bom + newline.join(lines) + newline + text[len(bom) :]
    _check_result(result, {}, changes, path)
    return result


def _key_spans(
    text: str, block: _Block, changes: Mapping[str, Any], before: Frontmatter, path: str
) -> dict[str, tuple[int, int]]:
    """Where in `text` each key of `changes` that the block has starts and its value ends,
    after refusing the keys that cannot be rewritten as one `key: value` line."""
    yaml_text = text[block.yaml_start : block.yaml_end]
    node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise EditRefused(
            f"{path}: the frontmatter is not written as `key: value` lines; edit it by hand"
        )
    pairs = node.value
    where = _Where(yaml_text, text.count("\n", 0, block.yaml_start) + 1, path)
    starts = [key.start_mark.index for key, _ in pairs] + [len(yaml_text)]
    found: dict[str, list[int]] = {}
    spans: dict[str, tuple[int, int]] = {}
    merge = None
    for number, (key, value) in enumerate(pairs):
        if key.tag == "tag:yaml.org,2002:merge":
            merge = key.start_mark.index
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else None
        if name is None or name not in changes:
            continue
        found.setdefault(name, []).append(key.start_mark.index)
        if len(found[name]) > 1:
            lines = [where.line(index) for index in found[name]]
            raise EditRefused(
                f"{where.at(found[name][-1])}: {duplicate_message(name, lines)}; the file was not changed"
            )
        where.check_plain_key(name, key, (key.start_mark.index, starts[number + 1]))
        spans[name] = (
            block.yaml_start + key.start_mark.index,
            block.yaml_start + _value_end(yaml_text, key, value),
        )
    for name in changes:
        if name not in spans and name in before.data and merge is not None:
            raise EditRefused(
                f"{where.at(merge)}: `{name}` comes from the merge key `<<`; "
                "write it as its own `key: value` line first, or edit it by hand"
            )
    return spans


def _start(event: yaml.Event) -> int:
    """Where `event` starts in the YAML text (the parser marks every event it gives)."""
    assert event.start_mark is not None
    return event.start_mark.index


class _Where:
    """Lines in the file for offsets in its frontmatter, and the checks that need the events."""

    def __init__(self, yaml_text: str, first_line: int, path: str) -> None:
        self.yaml_text = yaml_text
        self.first_line = first_line
        self.path = path
        self.events = list(yaml.parse(yaml_text, Loader=yaml.SafeLoader))

    def line(self, index: int) -> int:
        return self.first_line + self.yaml_text.count("\n", 0, index)

    def at(self, index: int) -> str:
        return f"{self.path}:{self.line(index)}"

    def check_plain_key(self, name: str, key: yaml.Node, region: tuple[int, int]) -> None:
        """Refuse a key whose line cannot be rewritten as `name: value` without changing the YAML
        around it: a complex key, an alias in its value, or an anchor that is used elsewhere."""
        start, end = region
        here = self.at(start)
        line_start = self.yaml_text.rfind("\n", 0, start) + 1
        if self.yaml_text[line_start:start].strip():
            raise EditRefused(
                f"{here}: `{name}` is written as a complex key (`? {name}`); "
                f"write it as `{name}: value` first, or edit it by hand"
            )
        inside = [event for event in self.events if start <= _start(event) < end]
        for event in inside:
            if isinstance(event, yaml.AliasEvent):
                raise EditRefused(
                    f"{self.at(_start(event))}: the value of `{name}` uses the YAML alias "
                    f"`*{event.anchor}`; write the value out, or edit it by hand"
                )
        anchors = {
            event.anchor for event in inside if isinstance(event, yaml.NodeEvent) and event.anchor
        }
        for event in self.events:
            if isinstance(event, yaml.AliasEvent) and event.anchor in anchors:
                raise EditRefused(
                    f"{here}: `{name}` carries the anchor `&{event.anchor}`, which line "
                    f"{self.line(_start(event))} uses (`*{event.anchor}`); "
                    "the edit would break it, so edit the file by hand"
                )


def _check_result(
    result: str, old: Mapping[str, Any], changes: Mapping[str, Any], path: str
) -> None:
    """Refuse an edit whose frontmatter does not read back as the old data with only `changes` set."""
    after, error = read_frontmatter(decode(result.encode("utf-8")).text)
    if error is not None:
        raise EditRefused(
            f"{path}: the edit would leave frontmatter that does not read back "
            f"({error.message}); the file was not changed, edit it by hand"
        )
    expected = {
        **old,
        **{name: list(v) if isinstance(v, tuple) else v for name, v in changes.items()},
    }
    if after.data != expected:
        keys = {*expected, *after.data}
        changed = sorted(key for key in keys if expected.get(key) != after.data.get(key))
        raise EditRefused(
            f"{path}: the edit would also change {', '.join(changed)}; "
            "the file was not changed, edit it by hand"
        )


def _opening(text: str) -> Block | None:
    """The frontmatter block the text opens with (after a BOM), offsets in `text`."""
    if not text.startswith("\ufeff"):
        return find_block(text)
    found = find_block(text[1:])
    if found is None:
        return None
    return Block(
        found.yaml_start + 1, found.yaml_end + 1 if found.closed else -1, found.body_start + 1
    )


def _block(text: str, path: str) -> tuple[_Block, Frontmatter]:
    """Where the frontmatter's YAML is, after checking it is there and parses, and what it holds."""
    found = _opening(text)
    if found is None:
        raise EditRefused(
            f"{path}: the file has no frontmatter block; move its metadata into one with "
            "`asyncops migrate --write`, or add `---` lines at the top by hand"
        )
    if not found.closed:
        raise EditRefused(f"{path}: the frontmatter has no closing `---` line; add one")
    front, error = read_frontmatter(decode(text.encode("utf-8")).text)
    if error is not None:
        raise EditRefused(f"{path}:{error.line}: {error.message}; the file was not changed")
    if front.start_line == 0:  # pragma: no cover - the delimiters above were found
        raise EditRefused(f"{path}: the frontmatter could not be read; edit it by hand")
    line_end = text.find("\n", found.yaml_start)
    newline = "\r\n" if line_end > 0 and text[line_end - 1] == "\r" else "\n"
    return _Block(yaml_start=found.yaml_start, yaml_end=found.yaml_end, newline=newline), front


def _value_end(yaml_text: str, key: yaml.Node, value: yaml.Node) -> int:
    """Where a value's own text ends, before any comment or blank line that follows it.

    A block list or mapping ends where the next key starts, so its last member is followed
    instead; a block scalar (`|`, `>`) ends before its line breaks; an empty value
    (`severity:`) ends at the colon after its key.
    """
    if isinstance(value, yaml.ScalarNode) and value.value == "" and value.style is None:
        return yaml_text.index(":", key.end_mark.index) + 1
    while (
        isinstance(value, (yaml.SequenceNode, yaml.MappingNode))
        and not value.flow_style
        and value.value
    ):
        last = value.value[-1]
        value = last[1] if isinstance(last, tuple) else last
    end = value.end_mark.index
    while (
        end > key.end_mark.index and yaml_text[end - 1] in " \t\r\n"
    ):  # a block scalar's line breaks
        end -= 1
    return end


def read_for_edit(path: Path, shown: str) -> str:
    """The file's text exactly as stored (line ends kept), refusing what is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EditRefused(f"{shown}: cannot read the file ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditRefused(f"{shown}: the file is not valid UTF-8; save it as UTF-8 first") from None


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: a reader sees the old file or the new one, never half."""
    write_all({path: text})
