"""Reading YAML frontmatter safely, keeping the line of every top-level key.

python-frontmatter finds and splits the frontmatter block; the YAML itself is loaded here with a
safe loader so that errors carry their line in the file, keys carry theirs (for diagnostics about
a field), and hostile YAML (object construction, alias bombs, deep nesting) becomes a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from ..errors import AsyncOpsError

try:  # the C loader is much faster and gives the same marks
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_EXPANDED_NODES = 10_000
"""The most YAML values a frontmatter may expand to once aliases are followed."""

MAX_DEPTH = 64
"""The deepest a frontmatter value may nest lists and mappings."""

_BOUNDARY = YAMLHandler.FM_BOUNDARY
"""A `---` line, as python-frontmatter (and so MkDocs' ecosystem) finds the block with it."""


class _Loader(_SafeLoader):
    """The safe loader, reading an impossible date (`2024-13-45`) as text for the schema to judge."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class FrontmatterError(AsyncOpsError):
    """Frontmatter that cannot be used; `line` is the line in the file, `code` the rule."""

    def __init__(self, code: str, line: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.message = message


@dataclass
class Frontmatter:
    """The parsed frontmatter of a file and where the Markdown body starts."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    start_line: int = 0
    """Line of the opening `---` (1-based), or 0 when the file has no frontmatter."""
    body: str = ""
    body_line: int = 1
    """Line in the file of the first line of `body`."""
    duplicates: list[FrontmatterError] = field(default_factory=list)
    """Keys written twice in one mapping (YAML keeps the last silently): problems, not failures."""

    def line_of(self, key: str) -> int:
        """The line of a top-level key, or of the opening `---` when the key is absent."""
        return self.key_lines.get(key, self.start_line or 1)


@dataclass(frozen=True)
class Block:
    """Where a frontmatter block sits in a text: offsets of its YAML and of the body after it."""

    yaml_start: int
    """Just after the opening `---` (the YAML may start with that line's line break)."""
    yaml_end: int
    """The start of the closing `---` line, or -1 when no line closes the block."""
    body_start: int
    """Just after the closing `---`; the end of the opening `---` when the block is not closed."""

    @property
    def closed(self) -> bool:
        return self.yaml_end >= 0


def find_block(text: str) -> Block | None:
    """The frontmatter block `text` opens with, or None when its first line is not `---`.

    The one place a block is found, for reading and editing alike. An unclosed block (`closed`
    false) is no frontmatter for the reader: the opening line is a thematic break.
    """
    opening = _BOUNDARY.match(text)
    if opening is None:
        return None
    closing = _BOUNDARY.search(text, opening.end())
    if closing is None:
        return Block(opening.end(), -1, opening.end())
    return Block(opening.end(), closing.start(), closing.end())


def read_frontmatter(text: str) -> tuple[Frontmatter, FrontmatterError | None]:
    """Split `text` into frontmatter and body; on a problem, return the body and the error."""
    block = find_block(text)
    if block is None or not block.closed:
        return Frontmatter(body=text), None
    yaml_text, body = text[block.yaml_start : block.yaml_end], text[block.body_start :]
    yaml_line = text.count("\n", 0, block.yaml_start) + 1
    result = Frontmatter(
        start_line=1, body=body, body_line=text.count("\n", 0, block.body_start) + 1
    )
    try:
        node = _compose(yaml_text)
        if node is None:
            return result, None
        if not isinstance(node, yaml.MappingNode):
            raise FrontmatterError(
                "ASY011",
                yaml_line + node.start_mark.line,
                f"the frontmatter is a {_node_kind(node)}, not a mapping of keys to values; "
                "write it as `key: value` lines",
            )
        if not _plainly_small(yaml_text):
            _check_expansion(node, yaml_line)
        data = _construct(node)
        result.duplicates = _duplicate_keys(node, yaml_line)
    except FrontmatterError as exc:
        return result, exc
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        return result, _load_error(exc, yaml_text, yaml_line)
    result.data = {str(key): value for key, value in data.items()}
    result.key_lines = {
        str(key.value): yaml_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return result, None


def _load_error(exc: Exception, yaml_text: str, yaml_line: int) -> FrontmatterError:
    """The diagnostic for YAML that PyYAML could not compose or construct, at its line."""
    if isinstance(exc, yaml.constructor.ConstructorError):
        mark = exc.problem_mark or exc.context_mark
        return FrontmatterError(
            "ASY010",
            yaml_line + (mark.line if mark else 0),
            f"the frontmatter cannot be read as plain data ({_one_line(exc.problem or exc)}); "
            "use only strings, numbers, dates, lists and mappings, with no YAML tags",
        )
    if isinstance(exc, (yaml.YAMLError, RecursionError)):
        too_deep = _too_deep(yaml_text, yaml_line)
        if too_deep is not None:  # PyYAML's own limit (libyaml's, or Python's recursion) hit first
            return too_deep
    if not isinstance(exc, yaml.MarkedYAMLError):
        return FrontmatterError(
            "ASY010", yaml_line, f"invalid YAML in the frontmatter: {_one_line(exc)}"
        )
    mark = exc.problem_mark or exc.context_mark
    what = (exc.problem or exc.context or "invalid YAML").strip()
    opened = ""
    if exc.context_mark and mark and exc.context_mark.line != mark.line:
        opened = f" (opened on line {yaml_line + exc.context_mark.line})"
    return FrontmatterError(
        "ASY010",
        yaml_line + (mark.line if mark else 0),
        f"invalid YAML in the frontmatter: {what}{opened}; fix the syntax there",
    )


def _compose(yaml_text: str) -> yaml.Node | None:
    loader = _Loader(yaml_text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(node: yaml.Node) -> dict[Any, Any]:
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    if not isinstance(data, dict):  # pragma: no cover - a MappingNode always constructs a dict
        raise TypeError("frontmatter is not a mapping")
    for key in data:
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise FrontmatterError(
                "ASY011",
                1,
                f"a frontmatter key is a {type(key).__name__}; keys must be plain words",
            )
    return data


def duplicate_message(key: str, lines: list[int]) -> str:
    """`'status' appears on lines 3 and 7; keep one`."""
    if len(set(lines)) == 1:
        times = "twice" if len(lines) == 2 else f"{len(lines)} times"
        return f"{key!r} appears {times} on line {lines[0]}; keep one"
    shown = ", ".join(str(line) for line in lines[:-1]) + f" and {lines[-1]}"
    return f"{key!r} appears on lines {shown}; keep one"


def _duplicate_keys(root: yaml.MappingNode, yaml_line: int) -> list[FrontmatterError]:
    """A problem for each key written more than once in the same mapping, at any depth, named by
    its path (`review.owner`, `items[2].name`); a mapping shared through an alias counts once."""
    problems = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, where = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(
                (item, f"{where}[{i}]") for i, item in reversed(list(enumerate(node.value)))
            )
            continue
        if not isinstance(node, yaml.MappingNode):
            continue
        lines: dict[tuple[str, str], list[int]] = {}
        for key, value in reversed(node.value):  # the stack pops the first value first
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                lines.setdefault((key.tag, key.value), []).insert(
                    0, yaml_line + key.start_mark.line
                )
                stack.append((value, f"{where}.{key.value}" if where else str(key.value)))
        for (_, name), at in lines.items():
            if len(at) > 1:
                key_path = f"{where}.{name}" if where else name
                problems.append(FrontmatterError("ASY013", at[1], duplicate_message(key_path, at)))
    return sorted(problems, key=lambda problem: problem.line)


def _plainly_small(yaml_text: str) -> bool:
    """Whether the YAML cannot break the limits, which saves walking its nodes: without aliases
    (`*`) every node is written out, so there are fewer than two per character, and every level
    of nesting opens with an indicator of its own (`-`, `:`, `?`, `[` or `{`)."""
    if "*" in yaml_text or 2 * len(yaml_text) >= MAX_EXPANDED_NODES:
        return False
    return sum(yaml_text.count(indicator) for indicator in "-:?[{") < MAX_DEPTH


def _too_deep(yaml_text: str, yaml_line: int) -> FrontmatterError | None:
    """The ASY012 refusal when the YAML nests deeper than `MAX_DEPTH`, measured on the pure-Python
    parser's events (a state machine, no recursion, no limit of its own), so the answer does not
    depend on the limits, or their wording, of the PyYAML and libyaml versions installed."""
    open_collections = 0
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                open_collections -= 1
            elif isinstance(event, yaml.NodeEvent):
                if open_collections > MAX_DEPTH:
                    mark = event.start_mark
                    return _depth_error(yaml_line + (mark.line if mark else 0))
                open_collections += isinstance(event, yaml.CollectionStartEvent)
    except yaml.YAMLError:  # broken before it is too deep: a syntax error, not a nesting one
        return None
    return None


def _depth_error(line: int) -> FrontmatterError:
    return FrontmatterError(
        "ASY012",
        line,
        f"the frontmatter nests lists or mappings more than {MAX_DEPTH} levels deep; flatten the value",
    )


def _check_expansion(root: yaml.Node, yaml_line: int) -> None:
    """Refuse frontmatter whose aliases expand to more values than any document needs."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool, int]] = [(root, False, 0)]
    while stack:
        node, children_done, depth = stack.pop()
        key = id(node)
        if depth > MAX_DEPTH:
            raise _depth_error(yaml_line + node.start_mark.line)
        if children_done:
            on_path.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_EXPANDED_NODES:
                raise FrontmatterError(
                    "ASY012",
                    yaml_line + node.start_mark.line,
                    f"the frontmatter expands to more than {MAX_EXPANDED_NODES:,} values through "
                    "YAML aliases; write the values out plainly",
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise FrontmatterError(
                "ASY012",
                yaml_line + node.start_mark.line,
                "the frontmatter refers to itself through a YAML alias; remove the alias",
            )
        on_path.add(key)
        stack.append((node, True, depth))
        stack.extend(
            (child, False, depth + 1) for child in _children(node) if id(child) not in sizes
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


def _one_line(exc: BaseException | str) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
