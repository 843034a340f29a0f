"""What reading a file gave (`ParseResult`) as plain JSON data and back, for the on-disk cache.

Only JSON's own types are written, never pickle: a cache file is data any version can read and
reject, and loading it runs no code. YAML values JSON lacks are tagged (`{"~date": ...}`,
`{"~datetime": ...}`, `{"~map": [[key, value], ...]}` for a mapping whose keys are not all text),
and so are the schema models (`{"~model": name, ...}`, one of `core/schemas.py`'s); a value of
any other type makes the result unstorable, and that file is then read every run. What can be
had again from the file's text is not written: the body, when it is the text's end, and each
section's lines that are the body's lines as written. A document's `meta` is kept as its model's
fields, checked at writing to give back the same model; else it is validated again from the
frontmatter it was validated from. Its problems are among the stored diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from ..core.diagnostics import Diagnostic
from ..core.headings import section_key
from ..core.kinds import KindSpec
from ..core.rules import RULES, Severity
from ..core.schemas import SCHEMAS, Directives, PriorityScores
from ..errors import AsyncOpsError
from .frontmatter import Frontmatter
from .markdown import Heading, Outline, Section
from .model import Document, Reference, SourceFile
from .parse import ParseResult, validate_meta

_KNOWN_MODELS: list[type[BaseModel]] = [Directives, PriorityScores, *SCHEMAS.values()]
_MODELS = {model.__name__: model for model in _KNOWN_MODELS}
"""The models a cache file may name: the schemas and the models in their fields."""


class Unstorable(AsyncOpsError):
    """A value the plain form cannot hold exactly."""


def encode(result: ParseResult, text: str) -> dict[str, Any]:
    """`result` of reading a file whose text is `text`, as plain data; raises `Unstorable` when
    that would not give it back exactly."""
    doc = result.document
    return {
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
        "document": None if doc is None else _document(doc, result.meta_data or {}, text),
    }


def decode(
    data: Mapping[str, Any], source: SourceFile, kinds: Mapping[str, KindSpec], text: str
) -> ParseResult:
    """The `ParseResult` `encode` gave `data` from, for the file `source` whose text is `text`;
    raises `KeyError`, `TypeError` or `ValueError` (or others) on data it did not write."""
    diagnostics = [
        Diagnostic(path, line, RULES[code], message, Severity(level) if level else None, baselined)
        for path, line, code, message, level, baselined in data["diagnostics"]
    ]
    stored = data["document"]
    if stored is None:
        return ParseResult(diagnostics=diagnostics)
    spec = kinds[stored["kind"]]
    body, body_line = stored["body"], stored["body_line"]
    if isinstance(body, int):
        body = text[len(text) - body :] if body else ""
    meta = _value(stored["meta"])
    if not isinstance(meta, SCHEMAS[spec.schema_name]):
        meta = validate_meta("", Frontmatter(data=_value(stored["meta_data"])), spec, [])
    document = Document(
        source=source,
        spec=spec,
        title=stored["title"],
        meta=meta,
        frontmatter=_value(stored["frontmatter"]),
        key_lines=dict(stored["key_lines"]),
        outline=_outline(stored["outline"], body, body_line),
        body=body,
        body_line=body_line,
        number=stored["number"],
        status=stored["status"],
        raw_status=stored["raw_status"],
        source_format=stored["source_format"],
        references=[Reference(*ref) for ref in stored["references"]],
        ignored_rules=frozenset(stored["ignored_rules"]),
    )
    return ParseResult(document=document, diagnostics=diagnostics)


def _diagnostic(d: Diagnostic) -> list[Any]:
    level = d.severity.value if d.severity is not None else None
    return [d.path, d.line, d.rule.code, d.message, level, d.baselined]


def _document(doc: Document, meta_data: dict[str, Any], text: str) -> dict[str, Any]:
    meta = _plain(doc.meta)
    exact = _same_model(_value(meta), doc.meta)
    return {
        "kind": doc.spec.name,
        "title": doc.title,
        "meta": meta if exact else None,
        "meta_data": None if exact else _plain(meta_data),
        "frontmatter": _plain(doc.frontmatter),
        "key_lines": _plain(doc.key_lines),
        "outline": _plain_outline(doc.outline, doc.body, doc.body_line),
        "body": len(doc.body) if text.endswith(doc.body) else doc.body,
        "body_line": doc.body_line,
        "number": doc.number,
        "status": doc.status,
        "raw_status": doc.raw_status,
        "source_format": doc.source_format,
        "references": [[r.relation, r.target, r.line, r.path] for r in doc.references],
        "ignored_rules": sorted(doc.ignored_rules),
    }


def _same_model(found: Any, model: BaseModel) -> bool:
    """Whether a model read back is the model written, to its fields set."""
    return (
        found == model
        and isinstance(found, BaseModel)
        and found.model_fields_set == model.model_fields_set
    )


def _plain_outline(outline: Outline, body: str, body_line: int) -> dict[str, Any]:
    """Headings as `[level, text, line]`, a section's heading as its index among them; a
    section's lines as their numbers alone when the line is the body's line as written (most
    are), else as `[number, text]`."""
    lines = body.split("\n")
    index_of = {id(heading): index for index, heading in enumerate(outline.headings)}

    def line(number: int, text: str) -> Any:
        index = number - body_line
        return number if 0 <= index < len(lines) and lines[index] == text else [number, text]

    def heading(h: Heading) -> Any:
        return index_of.get(id(h), [h.level, h.text, h.line])

    return {
        "headings": [[h.level, h.text, h.line] for h in outline.headings],
        "sections": [
            [heading(s.heading), [line(*c) for c in s.content_lines]] for s in outline.sections
        ],
        "code_lines": sorted(outline.code_lines),
    }


def _outline(data: Mapping[str, Any], body: str, body_line: int) -> Outline:
    lines = body.split("\n")
    headings = [_heading(*h) for h in data["headings"]]
    return Outline(
        headings=headings,
        sections=[
            Section(
                heading=headings[heading] if isinstance(heading, int) else _heading(*heading),
                content_lines=[
                    (c, lines[c - body_line]) if isinstance(c, int) else (c[0], c[1])
                    for c in content
                ],
            )
            for heading, content in data["sections"]
        ],
        code_lines=frozenset(data["code_lines"]),
    )


def _model(kind: type[BaseModel], data: Mapping[str, Any]) -> BaseModel:
    """The model `_plain` wrote, made as pydantic's own `copy` makes one, its fields as they
    were: `model_construct` looks at every field's alias and default again, which made it a
    sixth of a warm run. Writing checks that this gives the model back (`_same_model`)."""
    fields, extra = _value(data["fields"]), data["extra"]
    if type(fields) is not dict or set(fields) != set(kind.model_fields):
        raise ValueError(f"not the fields of {kind.__name__}")
    model = kind.__new__(kind)
    object.__setattr__(model, "__dict__", fields)
    object.__setattr__(model, "__pydantic_fields_set__", set(data["set"]))
    object.__setattr__(model, "__pydantic_extra__", _value(extra) if extra is not None else None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _heading(level: int, text: str, line: int) -> Heading:
    """`Heading(level, text, line)`, made as `copy` does: a frozen dataclass's `__init__` sets
    each field through `object.__setattr__`, which made a warm run's headings a fifth of it."""
    heading = object.__new__(Heading)
    heading.__dict__.update(level=level, text=text, line=line, key=section_key(text))
    return heading


def _plain(value: Any) -> Any:
    """`value` (YAML-loaded, or a schema model) as JSON data, with what JSON lacks tagged."""
    kind = type(value)
    if value is None or kind in (str, bool, int, float):
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        if all(type(key) is str and not key.startswith("~") for key in value):
            return {key: _plain(item) for key, item in value.items()}
        return {"~map": [[_plain(key), _plain(item)] for key, item in value.items()]}
    if kind is datetime:
        return {"~datetime": value.isoformat()}
    if kind is date:
        return {"~date": value.isoformat()}
    if _MODELS.get(kind.__name__) is kind and not value.__pydantic_private__:
        extra = value.__pydantic_extra__
        return {
            "~model": kind.__name__,
            "fields": _plain(value.__dict__),
            "set": sorted(value.model_fields_set),
            "extra": _plain(extra) if extra is not None else None,
        }
    raise Unstorable(kind.__name__)


def _value(data: Any) -> Any:
    """What `_plain` gave `data` from."""
    if type(data) is list:
        return [_value(item) if type(item) in _NESTED else item for item in data]
    if type(data) is not dict:
        return data
    if "~map" in data:
        return {_value(key): _value(item) for key, item in data["~map"]}
    if "~datetime" in data:
        return datetime.fromisoformat(data["~datetime"])
    if "~date" in data:
        return date.fromisoformat(data["~date"])
    if "~model" in data:
        return _model(_MODELS[data["~model"]], data)
    return {key: _value(item) if type(item) in _NESTED else item for key, item in data.items()}


_NESTED = (list, dict)
