"""Proposals read as their processes write them: KEPs, enhancement proposals, PEPs, Rust RFCs.

`read_proposal` finds where a file's format keeps its metadata (a `kep.yaml` beside the README,
the frontmatter, an RFC 822 header, a bullet header), and gives it in this tool's frontmatter
terms (`proposal_formats.py` says which key means what), so the rest of the tool validates,
resolves and reports a KEP like any design document. The words as written are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostic, diagnostic
from ..reading.frontmatter import Frontmatter, read_frontmatter
from ..reading.model import SourceFile
from ..reading.rst import markdown_outline_text
from ..reading.sections import is_placeholder
from .headers import body_after, rfc822_block, rust_header
from .normalise import parse_date
from .proposal_formats import ENHANCEMENT, FORMATS, KEP, PEP, RUST_RFC, ProposalFormat

SIDECAR = "kep.yaml"
_ENHANCEMENT_KEYS = frozenset({"creation-date", "owning-sig", "api-approvers", "tracking-link"})
_RELATION_TARGETS = frozenset({"supersedes", "superseded_by", "relates_to", "requires"})
_TEMPLATE_WORD = re.compile(r"^\s*(?:N{3,}|X{3,}|y{4}-mm-dd|TBD)\s*$", re.IGNORECASE)
_NONE = frozenset({"", "none", "n/a", "na", "-", "tbd"})


@dataclass
class Proposal:
    """A proposal's metadata in this tool's terms, and the body to outline."""

    format: str
    front: Frontmatter
    written: dict[str, Any]
    """The metadata as the file states it."""
    meta_path: str
    """The file holding the metadata, as shown to people (the `kep.yaml`, or the file itself)."""
    problems: list[Diagnostic] = field(default_factory=list)
    template: bool = False


def read_proposal(
    source: SourceFile, text: str, front: Frontmatter, name_number: int | None
) -> Proposal | None:
    """The proposal `source` is, in whichever format it is written; None when it is none."""
    sidecar = sidecar_of(source)
    if sidecar is not None:
        return _kep_sidecar(source, sidecar, front)
    data = front.data
    if data:
        folded = {str(key).casefold() for key in data}
        if "kep-number" in folded:
            fmt = KEP
        elif folded & _ENHANCEMENT_KEYS:
            fmt = ENHANCEMENT
        else:
            return None
        pairs = [(str(k), v, front.line_of(str(k))) for k, v in data.items()]
        return _proposal(fmt, source, pairs, front, front.body, front.body_line, source.path)
    fields = rfc822_block(text)
    if fields is not None:
        body, line = body_after(text, fields, 1)
        if source.abs_path.suffix.lower() == ".rst":
            body = markdown_outline_text(body)
        pairs = [(k, v, n) for k, v, n in fields]
        return _proposal(PEP, source, pairs, Frontmatter(start_line=1), body, line, source.path)
    fields = rust_header(front.body, front.body_line)
    if fields is not None:
        pairs = [(k, v, n) for k, v, n in fields]
        pairs.append(("status", "accepted", fields[0][2]))
        if name_number is not None:
            pairs.append(("number", name_number, fields[0][2]))
        words = re.sub(r"^[\d_-]+", "", source.stem).replace("-", " ").replace("_", " ")
        pairs.append(("title", words.strip().capitalize() or source.stem, fields[0][2]))
        empty = Frontmatter(start_line=0)
        found = _proposal(RUST_RFC, source, pairs, empty, front.body, front.body_line, source.path)
        found.written = {k: v for k, v, _ in fields}
        return found
    return None


def sidecar_of(source: SourceFile) -> Path | None:
    """The `kep.yaml` a proposal's README (or the file itself) takes its metadata from, if any."""
    if source.abs_path.name == SIDECAR:
        return source.abs_path
    if source.stem.casefold() in ("readme", "index"):
        beside = source.abs_path.with_name(SIDECAR)
        return beside if beside.is_file() else None
    return None


def _kep_sidecar(source: SourceFile, sidecar: Path, readme: Frontmatter) -> Proposal:
    meta_path = source.path.rsplit("/", 1)[0] + "/" + SIDECAR if "/" in source.path else SIDECAR
    try:
        yaml_text = sidecar.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Proposal(
            KEP.name,
            Frontmatter(),
            {},
            meta_path,
            [diagnostic(meta_path, 0, "ASY001", f"cannot read the proposal's metadata ({exc})")],
        )
    meta, error = read_frontmatter(f"---\n{yaml_text}\n---\n")
    lines = {key: line - 1 for key, line in meta.key_lines.items()}
    problems = []
    if error is not None:
        problems.append(diagnostic(meta_path, max(error.line - 1, 1), error.code, error.message))
    problems.extend(
        diagnostic(meta_path, max(p.line - 1, 1), p.code, p.message) for p in meta.duplicates
    )
    only_sidecar = source.abs_path == sidecar
    body, body_line = ("", 1) if only_sidecar else (readme.body, readme.body_line)
    pairs = [(str(k), v, lines.get(str(k), 1)) for k, v in meta.data.items()]
    found = _proposal(
        KEP, source, pairs, Frontmatter(start_line=1), body, body_line, meta_path, problems
    )
    if only_sidecar:
        found.problems.append(
            diagnostic(
                meta_path,
                1,
                "ASY605",
                "this proposal has metadata but no README.md beside it; it is listed with what "
                "kep.yaml says, and its text is missing: add the README.md",
            )
        )
    return found


def _proposal(
    fmt: ProposalFormat,
    source: SourceFile,
    pairs: list[tuple[str, Any, int]],
    base: Frontmatter,
    body: str,
    body_line: int,
    meta_path: str,
    problems: list[Diagnostic] | None = None,
) -> Proposal:
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems = list(problems or [])
    template = False
    for key, value, line in pairs:
        target = fmt.keys.get(key.casefold(), key)
        if target in data:
            continue
        if target == "number":
            value = _number(value)
            template = template or value is None
        elif target == "date":
            value = _date(key, value, line, meta_path, problems)
        elif target == "author" and isinstance(value, list):
            value = ", ".join(str(person) for person in value if person)
        elif target in _RELATION_TARGETS:
            value = _targets(value)
        elif target == "status" and isinstance(value, str):
            template = template or _lists_alternatives(value) or is_placeholder(value)
        if value is None or value == []:
            continue
        data[target] = value
        lines[target] = line
    if isinstance(data.get("number"), int) and fmt.id_prefix and "id" not in data:
        data["id"] = f"{fmt.id_prefix}-{data['number']:04d}"
    front = Frontmatter(
        data=data,
        key_lines=lines,
        start_line=base.start_line or 1,
        body=body,
        body_line=body_line,
    )
    written = {key: value for key, value, _ in pairs}
    return Proposal(fmt.name, front, written, meta_path, problems, template)


def _number(value: Any) -> int | None:
    text = str(value).strip().lstrip("#")
    return int(text) if text.isdigit() else None


def _date(key: str, value: Any, line: int, meta_path: str, problems: list[Diagnostic]) -> Any:
    day = parse_date(value)
    if day is not None:
        return day
    if isinstance(value, str) and (_TEMPLATE_WORD.match(value) or is_placeholder(value)):
        return None
    if value not in (None, ""):
        problems.append(
            diagnostic(
                meta_path,
                line,
                "ASY023",
                f"`{key}: {str(value)[:40]}` is not a date that exists; write it as YYYY-MM-DD "
                "(the record is kept, without a date)",
            )
        )
    return None


def _targets(value: Any) -> list[str]:
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value or ""))
    return [str(item).strip() for item in items if str(item).strip().casefold() not in _NONE]


def _lists_alternatives(status: str) -> bool:
    """`provisional|implementable|...`, `Accepted | Pending | Superseded by ...`: a choice."""
    return status.count("|") >= 1


def format_label(name: str | None) -> str:
    """How a format is named to people: `kep` -> `Kubernetes KEP`."""
    known = FORMATS.get(name or "")
    return known.label if known else (name or "frontmatter")


__all__ = ["ENHANCEMENT", "SIDECAR", "Proposal", "format_label", "read_proposal"]
