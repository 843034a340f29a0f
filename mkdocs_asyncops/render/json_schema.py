"""JSON Schema for each kind's frontmatter, for editors' YAML language servers.

The schema is pydantic's for the kind's model, made to accept what the checker accepts (a
comma-separated string where a list is meant, `SEV1` for a number, `2024-03-04 09:00` for a
moment) and completed from the kind's definition, which is data: its statuses become an enum on
its status field, and its required fields become `required`.
"""

from __future__ import annotations

from typing import Any

from ..core.kinds import KindSpec
from ..core.schemas import SCHEMAS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_MOMENT = r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$"


def kind_schema(spec: KindSpec) -> dict[str, Any]:
    """The JSON Schema of one kind's frontmatter."""
    schema = SCHEMAS[spec.schema_name].model_json_schema(mode="validation")
    properties: dict[str, Any] = schema.setdefault("properties", {})
    for name, prop in list(properties.items()):
        properties[name] = _lenient(prop)
    if spec.statuses:
        status = properties.get(spec.status_field, {})
        properties[spec.status_field] = {
            key: value for key, value in status.items() if key in {"title", "description"}
        } | {"enum": list(spec.statuses)}
    required = [r.strip() for r in spec.required_fields if "|" not in r]
    either = [
        [c.strip() for c in r.split("|") if c.strip()] for r in spec.required_fields if "|" in r
    ]
    schema.pop("required", None)
    if required:
        schema["required"] = required
    if either:
        schema["allOf"] = [{"anyOf": [{"required": [name]} for name in names]} for names in either]
    return {
        "$schema": DRAFT,
        "title": f"{spec.label} frontmatter",
        "description": f"Frontmatter of {spec.a_label} (mkdocs-asyncops kind `{spec.name}`).",
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }


def _lenient(prop: dict[str, Any]) -> dict[str, Any]:
    """A property schema that also takes the looser forms the checker reads."""
    if prop.get("format") in {"date", "date-time"}:
        return {"type": "string", "pattern": _MOMENT}
    if "anyOf" in prop:
        options = [_lenient(option) for option in prop["anyOf"]]
        unique = [o for i, o in enumerate(options) if o not in options[:i]]
        rest = {k: v for k, v in prop.items() if k != "anyOf"}
        return {**rest, "anyOf": unique} if len(unique) > 1 else {**rest, **unique[0]}
    if prop.get("type") in {"array", "integer"}:
        loose = (
            {"type": "string"} if prop["type"] == "array" else {"type": "string", "pattern": r"\d"}
        )
        rest = {k: v for k, v in prop.items() if k in {"title", "description", "default"}}
        shape = {k: v for k, v in prop.items() if k not in rest}
        return {**rest, "anyOf": [shape, loose]}
    return prop


def all_schemas(kinds: dict[str, KindSpec]) -> dict[str, dict[str, Any]]:
    """Every kind's schema, by kind name."""
    return {name: kind_schema(spec) for name, spec in sorted(kinds.items())}
