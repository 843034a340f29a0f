"""Reading one source file into a `Document`, with a diagnostic for everything wrong in it."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from ..core.diagnostics import Diagnostic, diagnostic, rule_codes
from ..core.headings import plain_heading_text
from ..core.kinds import KindSpec, fold_status
from ..core.schemas import SCHEMAS, DocumentMeta, field_keys
from ..imports import (
    BODY_METADATA_SCHEMAS,
    adopt,
    is_record,
)
from ..imports.adoption import (
    incident_day_from_name,
    judge_as_format,
    not_a_record,
    only_as_proposal,
    proposal_of,
    proposal_template,
)
from ..imports.findings import disagreements, template_listed, unread_relations
from ..imports.normalise import UNKNOWN, normalise_status
from ..imports.proposal_formats import mapped_status
from ..imports.proposals import Proposal
from ..imports.proposals import sidecar_of as sidecar_of  # read too: stored_documents.py
from .bullet_sections import with_bullet_sections
from .frontmatter import Frontmatter, read_frontmatter
from .markdown import Outline, parse_outline
from .model import RELATIONS, Document, Reference, SourceFile
from .source_text import ENCODING_MESSAGE, MAX_FILE_BYTES, binary_problem, decode

_FILE_NUMBER = re.compile(r"^(?:[A-Za-z]{2,5}[-_ ]?)?(\d{1,6})(?=[-_ .]|$)")
_DATED_NAME = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[-_]|$)")
_TITLE_NUMBER = re.compile(r"^(?:[A-Za-z]{2,5}[-_ ]?)?(\d{1,6})\s*[.:)\-–—]\s+(.*)$")


@dataclass
class ParseResult:
    """What reading one file gave: a document (if the file is one) and its problems."""

    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    meta_data: dict[str, Any] | None = None
    """What the document's `meta` was validated from (`validate_meta`), after adoption."""


def read_document(
    source: SourceFile,
    kinds: Mapping[str, KindSpec],
    forced_kind: str | None = None,
    raw: bytes | None = None,
) -> ParseResult:
    """Read, parse and check one file (`raw`: its bytes, already read with `read_bytes`).
    Never raises for anything in the file."""
    result = ParseResult()
    report = result.diagnostics
    raw = read_bytes(source, report) if raw is None else raw
    if raw is None:
        return result
    binary = binary_problem(raw)
    if binary is not None:  # not text whatever the file is: MkDocs cannot read it either
        report.append(diagnostic(source.path, binary[0], "ASY002", binary[1]))
        return result
    decoded = decode(raw)
    if decoded.bad_encoding_line:  # reported for every file; a document is still checked
        report.append(
            diagnostic(source.path, decoded.bad_encoding_line, "ASY002", ENCODING_MESSAGE)
        )
    front, front_error = read_frontmatter(decoded.text)
    kind_name = _kind_name(source, front.data, forced_kind, kinds)
    if kind_name is None:
        return result
    number = file_number(source.stem)
    proposal = proposal_of(source, decoded.text, front, kinds.get(kind_name), number)
    if proposal is None and only_as_proposal(source):
        return result
    if proposal is not None:
        if proposal_template(source, proposal):
            report.append(template_listed(proposal.meta_path, 1))  # and never judged
            return result
        report.extend(proposal.problems)
        front = proposal.front
    outline = parse_outline(front.body, front.body_line)
    numbered = number is not None
    if proposal is None and not is_record(source.stem, front, outline, numbered_name=numbered):
        not_a_record(source, outline, report, numbered=numbered)
        return result
    for problem in [front_error] if front_error is not None else front.duplicates:
        report.append(diagnostic(source.path, problem.line, problem.code, problem.message))
    if not decoded.text.strip():
        empty = f"the file is empty; write the {kind_name} or delete the file"
        report.append(diagnostic(source.path, 1, "ASY004", empty))
        return result
    spec = kinds.get(kind_name)
    if spec is None:
        report.append(_unknown_kind(source, front, kind_name, kinds))
        return result
    result.document, result.meta_data = _checked_document(
        source, spec, front, front_error is None, outline, report, proposal
    )
    return result


def read_bytes(source: SourceFile, report: list[Diagnostic]) -> bytes | None:
    """The file's bytes, or None with the reason reported (too large, or not readable)."""
    try:
        with open(source.abs_path, "rb") as file:  # one open, one stat: this runs for every file
            size = os.fstat(file.fileno()).st_size
            if size <= MAX_FILE_BYTES:
                return file.read()
    except OSError as exc:
        report.append(
            diagnostic(
                source.path,
                0,
                "ASY001",
                f"cannot read the file ({exc.strerror or exc}); check it exists and is readable",
            )
        )
        return None
    report.append(
        diagnostic(
            source.path,
            0,
            "ASY003",
            f"the file is {size / 1e6:.1f} MB, above the {MAX_FILE_BYTES // 2**20} MiB "
            "limit; split it into smaller documents",
        )
    )
    return None


def _checked_document(
    source: SourceFile,
    spec: KindSpec,
    front: Frontmatter,
    fields_known: bool,
    outline: Outline,
    report: list[Diagnostic],
    proposal: Proposal | None = None,
) -> tuple[Document, dict[str, Any]]:
    """The record of a kind's file, its fields, number, status, title and sections checked,
    and the frontmatter its `meta` was validated from.

    `fields_known` is false when the frontmatter could not be read: its fields are then
    unknown, not missing. A `proposal`'s metadata is its format's, already read.
    """
    written = proposal.written if proposal is not None else front.data
    if spec.schema_name == "postmortem":
        outline = with_bullet_sections(outline, front.body, front.body_line)
        front = incident_day_from_name(front, source.stem)
    read_body = proposal is None and spec.schema_name in BODY_METADATA_SCHEMAS
    adoption = adopt(front, outline, read_body=read_body)
    front = adoption.front
    source_format = proposal.format if proposal is not None else adoption.format
    meta = validate_meta(source.path, front, spec, report)
    if proposal is not None and not spec.numbered:
        number = front.data.get("number") if isinstance(front.data.get("number"), int) else None
    else:
        number = _number(source, meta, outline, spec, front, report)
    status, raw_status = _status(source, front, spec, report, source_format)
    report.extend(disagreements(source.path, adoption, spec, status, getattr(meta, "date", None)))
    report.extend(unread_relations(source.path, adoption))
    title = _title(meta, outline, source, spec, report)
    judge_as_format(source, spec, front, meta, outline, title, fields_known, source_format, report)
    references = _frontmatter_references(meta, front)
    if proposal is not None and proposal.meta_path != source.path:
        references = [replace(ref, path=proposal.meta_path) for ref in references]
    document = Document(
        source=source,
        spec=spec,
        title=title,
        meta=meta,
        frontmatter=written,
        key_lines=front.key_lines,
        outline=outline,
        body=front.body,
        body_line=front.body_line,
        number=number,
        status=status,
        raw_status=raw_status,
        source_format=source_format,
        references=references,
        ignored_rules=rule_codes(meta.asyncops.ignore) if meta.asyncops else frozenset(),
    )
    return document, front.data


def _kind_name(
    source: SourceFile, data: Mapping[str, Any], forced: str | None, kinds: Mapping[str, KindSpec]
) -> str | None:
    """The kind: forced, else `kind:`, else `type:`, else the folder's.

    Other tools use `type:` for other things, so outside a kind's folder it only counts when it
    names a kind.
    """
    if forced:
        return forced
    for key in ("kind", "type"):
        declared = data.get(key)
        if isinstance(declared, str) and declared.strip():
            name = declared.strip().casefold()
            if key == "kind" or source.kind_hint is not None or name in kinds:
                return name
    return source.kind_hint


def _unknown_kind(
    source: SourceFile, front: Frontmatter, name: str, kinds: Mapping[str, KindSpec]
) -> Diagnostic:
    close = difflib.get_close_matches(name, kinds, n=1)
    hint = (
        f"did you mean {close[0]!r}?" if close else "define it under `kinds:` in the configuration"
    )
    key = "kind" if "kind" in front.data else "type"
    return diagnostic(
        source.path,
        front.line_of(key),
        "ASY020",
        f"unknown kind {name!r} (known: {', '.join(sorted(kinds))}); {hint}",
    )


def validate_meta(
    path: str, front: Frontmatter, spec: KindSpec, report: list[Diagnostic]
) -> DocumentMeta:
    """Validate the frontmatter with the kind's schema; keep the valid fields of a broken one."""
    schema = SCHEMAS[spec.schema_name]
    try:
        return schema.model_validate(front.data)
    except ValidationError as exc:
        bad_keys = set()
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            if key in bad_keys:  # one diagnostic per field, not one per member of a union
                continue
            bad_keys.add(key)
            report.append(
                diagnostic(path, front.line_of(key), "ASY023", _describe_field_error(error))
            )
        kept = {k: v for k, v in front.data.items() if k not in bad_keys}
        try:
            return schema.model_validate(kept)
        except ValidationError:  # an alias of a bad key; fall back to no frontmatter at all
            return schema()


_UNION_MEMBERS = {"date", "datetime", "int", "str"}

_FIELD_HINTS = {
    "date_parsing": "write a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "write a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "write a date as YYYY-MM-DD, without a time",
    "datetime_parsing": "write a date as YYYY-MM-DD, or YYYY-MM-DD HH:MM",
    "date_type": "write a date as YYYY-MM-DD",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "float_parsing": "write a number",
    "list_type": "write a list, e.g. `[a, b]`, or comma-separated text",
    "string_type": "write plain text",
    "model_type": "write `key: value` pairs under it",
    "dict_type": "write `key: value` pairs under it",
    "extra_forbidden": "remove it; see the kind reference for the keys allowed here",
    "less_than_equal": "use a smaller value",
    "greater_than_equal": "use a larger value",
}


def _describe_field_error(error: Mapping[str, Any]) -> str:
    loc = error["loc"]
    where = ".".join(
        str(part) for part in loc[:1] + tuple(p for p in loc[1:] if p not in _UNION_MEMBERS)
    )
    value = error.get("input")
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    message = str(error["msg"])
    message = message[0].lower() + message[1:] if message else "invalid value"
    hint = _FIELD_HINTS.get(str(error["type"]), "see the kind reference for the expected form")
    return f"field `{where}` is invalid: {message} (got {shown}); {hint}"


def _status(
    source: SourceFile,
    front: Frontmatter,
    spec: KindSpec,
    report: list[Diagnostic],
    source_format: str | None = None,
) -> tuple[str | None, str | None]:
    """The status as the kind names it (`unknown` when it is none of them), and as written.

    An adopted format's own words mean what its mapping (or the kind's `status_map`) says."""
    raw = front.data.get(spec.status_field)
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool) or not str(raw).strip():
        return None, None
    raw = str(raw).strip()
    status = mapped_status(spec, source_format, raw) or normalise_status(raw, spec.statuses)
    if status == UNKNOWN:
        close = difflib.get_close_matches(fold_status(raw), spec.statuses, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(spec.statuses)}"
        report.append(
            diagnostic(
                source.path,
                front.line_of(spec.status_field),
                "ASY022",
                f"{spec.status_field} {raw!r} is not {spec.a_label} status; {hint}",
            )
        )
    return status, raw


def _number(
    source: SourceFile,
    meta: DocumentMeta,
    outline: Outline,
    spec: KindSpec,
    front: Frontmatter,
    report: list[Diagnostic],
) -> int | None:
    if not spec.numbered:
        return None
    from_name = file_number(source.stem)
    declared = getattr(meta, "number", None)
    if declared is not None:
        if from_name is not None and from_name != declared:
            report.append(
                diagnostic(
                    source.path,
                    front.line_of("number"),
                    "ASY024",
                    f"`number: {declared}` but the file name says {from_name}; "
                    "rename the file or correct the number",
                )
            )
        return int(declared)
    if from_name is not None:
        return from_name
    heading = outline.title_heading
    match = _TITLE_NUMBER.match(plain_heading_text(heading.text)) if heading else None
    return int(match.group(1)) if match else None


def _frontmatter_references(meta: DocumentMeta, front: Frontmatter) -> list[Reference]:
    """Relations stated in the frontmatter (`supersedes: [3]`, `superseded-by: ADR-0009`)."""
    references: list[Reference] = []
    fields = type(meta).model_fields
    for relation in RELATIONS:
        if relation not in fields:
            continue
        keys = field_keys(type(meta), relation)
        line = front.line_of(next((key for key in keys if key in front.data), relation))
        targets = getattr(meta, relation)
        references.extend(Reference(relation, str(target).strip(), line) for target in targets)
    return references


def file_number(stem: str) -> int | None:
    """The number in a file name such as `0007-use-postgres` or `ADR012-cache`, if any.

    Date-prefixed names (`20240917-use-postgres`, as log4brains writes them) carry no number.
    """
    if _DATED_NAME.match(stem):
        return None
    match = _FILE_NUMBER.match(stem)
    return int(match.group(1)) if match else None


def _title(
    meta: DocumentMeta,
    outline: Outline,
    source: SourceFile,
    spec: KindSpec,
    report: list[Diagnostic],
) -> str:
    if meta.title and meta.title.strip():
        return meta.title.strip()
    heading = outline.title_heading
    if heading is not None and heading.text.strip():
        text = plain_heading_text(heading.text)
        match = _TITLE_NUMBER.match(text) if spec.numbered else None
        return match.group(2).strip() if match else text
    report.append(
        diagnostic(
            source.path,
            1,
            "ASY030",
            "the document has no title; add `title:` to the frontmatter or a `# Title` heading",
        )
    )
    words = re.sub(r"^[\d_-]+", "", source.stem).replace("-", " ").replace("_", " ").strip()
    return words.capitalize() or source.stem
