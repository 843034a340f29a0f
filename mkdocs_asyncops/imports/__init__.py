"""Existing decision logs read as they are: adr-tools, MADR 2/3/4, log4brains and their variants.

`adopt` reads what a record's body states (a `## Status` section, `* Status:` bullets, a `Date:`
line, `Superseded by ...` links) into the frontmatter's terms, so that the rest of the tool
validates, resolves and reports imported records exactly like records written for it. The
frontmatter wins where both say something. `is_record` tells records from templates and index
pages by what they contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..reading.frontmatter import Frontmatter
from ..reading.markdown import Outline
from ..reading.sections import is_placeholder
from . import adr_tools, log4brains, madr
from .normalise import parse_date, stated_relation
from .recognised import Recognised

__all__ = [
    "BODY_METADATA_SCHEMAS",
    "Adoption",
    "adopt",
    "has_template_title",
    "is_record",
    "looks_like_template",
    "named_as_not_record",
    "template_named",
]

BODY_METADATA_SCHEMAS = frozenset({"adr", "design"})
"""Kinds with these schemas may keep their metadata in the body, as decision logs and RFCs do."""

_INDEX_NAMES = re.compile(r"^(index|readme|toc|_?sidebar)$", re.IGNORECASE)
_TEMPLATE_NAMES = re.compile(r"^(_?template|.*[-_ .]template)s?$", re.IGNORECASE)
_TEMPLATE_PREFIX = re.compile(
    r"^(?:[Nn]{3,}|[Xx]{3,})(?:[-_ .]|$)|(?:^|[-_ .])(?:X{3,}|N{4,})(?:[-_ .]|$)"
)
_TEMPLATE_TITLE = re.compile(r"\b[A-Z]*X{3,}\b|\bN{4}\b|^\s*(?:short\s+)?title\s*$", re.IGNORECASE)
_RELATION_KEYS = {
    "supersedes": ("supersedes", "replaces"),
    "superseded_by": ("superseded_by", "superseded-by"),
    "amends": ("amends",),
    "amended_by": ("amended_by", "amended-by"),
}


@dataclass
class Adoption:
    """A record's frontmatter with what its body states filled in, and where that came from."""

    front: Frontmatter
    format: str | None = None
    """Where the body keeps metadata (`adr-tools`, `madr-2`, `log4brains`); None: frontmatter only."""
    overridden: dict[str, tuple[Any, int]] = field(default_factory=dict)
    """What the body states for keys the frontmatter also sets: key -> (value, line)."""
    unread: list[tuple[int, str]] = field(default_factory=list)
    """Body lines that state a relation without naming a record: (line, text)."""


def adopt(front: Frontmatter, outline: Outline, *, read_body: bool = True) -> Adoption:
    """`front` with body metadata added where the frontmatter is silent, values made readable.

    With `read_body` false only the frontmatter's own values are made readable (a postmortem's
    `## Status` section is prose, not an adr-tools status).
    """
    data = dict(front.data)
    lines = dict(front.key_lines)
    found = _read_body(outline) if read_body else Recognised("")
    overridden = {}
    for key, value in found.fields.items():
        if any(_present(data.get(k)) for k in _RELATION_KEYS.get(key, (key,))):
            overridden[key] = (value, found.lines[key])
        else:
            data[key] = value
            lines[key] = found.lines[key]
    _status_as_text(data)
    _status_relation(data, lines)
    if "date" in data and (day := parse_date(data["date"])) is not None:
        data["date"] = day
    if "replaces" in data and "supersedes" not in data:  # MADR's name for it
        data["supersedes"] = data.pop("replaces")
        lines["supersedes"] = lines.get("replaces", front.start_line or 1)
    adopted = replace(front, data=data, key_lines=lines)
    written_in = found.format or ("madr-4" if "decision-makers" in front.data else None)
    return Adoption(front=adopted, format=written_in, overridden=overridden, unread=found.unread)


def _read_body(outline: Outline) -> Recognised:
    """Everything the body states, in every form; the first statement of a key counts.

    The format is the one that states the status (or else the first found), so a record with
    MADR bullets and a stray `Date:` line is a MADR record.
    """
    parts = [part for part in (adr_tools.read(outline), madr.read(outline)) if part is not None]
    found = Recognised(
        next((p.format for p in parts if "status" in p.fields), parts[0].format if parts else "")
    )
    for part in parts:
        for key, value in part.fields.items():
            found.add(key, value, part.lines[key])
        found.unread.extend(part.unread)
    log4brains.read_links(outline, found)
    return found


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _status_as_text(data: dict[str, Any]) -> None:
    """`status: { accepted }` is YAML for a mapping `{accepted: None}`; the author meant a word."""
    status = data.get("status")
    if isinstance(status, dict) and len(status) == 1 and next(iter(status.values())) is None:
        data["status"] = str(next(iter(status)))
    elif isinstance(status, list) and len(status) == 1 and isinstance(status[0], str):
        data["status"] = status[0]


def _status_relation(data: dict[str, Any], lines: dict[str, int]) -> None:
    """`status: superseded by ADR-0009` states the successor too; record it when nothing else does."""
    status = data.get("status")
    relation = stated_relation(status) if isinstance(status, str) else None
    if relation is None:
        return
    if not any(_present(data.get(k)) for k in _RELATION_KEYS[relation.relation]):
        data[relation.relation] = list(relation.targets)
        lines[relation.relation] = lines.get("status", 1)


def is_record(stem: str, front: Frontmatter, outline: Outline, *, numbered_name: bool) -> bool:
    """Whether a file in a kind's folder is a record, rather than a template or an index page.

    A status that lists alternatives (`Accepted | Pending | Superseded by ...`) is never a
    status: the file is a template. A file named as a template (`template.md`, `0000-...`,
    `NNNN-...`, `XXX`) or titled with template text (`# [short title]`, `# ADRXXX: Title`) is a
    record only when it states one real status. A file named as an index or README is a record
    when its name carries a number or it states a status.
    """
    if "kind" in front.data:
        return True
    status = stated_status(front, outline)
    if status is not None and "|" in status:
        return False
    real = status is not None and not is_placeholder(status)
    if template_named(stem, numbered=numbered_name) or looks_like_template(outline):
        return real
    if named_as_not_record(stem) and not numbered_name:
        return real
    return True


def stated_status(front: Frontmatter, outline: Outline) -> str | None:
    """The status the frontmatter, or else the body, states, as written."""
    status = front.data.get("status")
    if not _present(status):
        status = _read_body(outline).fields.get("status")
    return str(status).strip() if _present(status) and not isinstance(status, dict) else None


def template_named(stem: str, *, numbered: bool) -> bool:
    """The name says template: `template`, `_template`, `0000-template`, `NNNN-...`, `XXX`; a
    numbered `0007-adopt-a-template` is a record about templates, and so is a `0000-...` record
    whose name does not say template (MADR's own first record)."""
    if _TEMPLATE_PREFIX.search(stem):
        return True
    return bool(_TEMPLATE_NAMES.match(stem)) and (not numbered or stem.startswith("0000"))


def has_template_title(title: str | None, outline: Outline) -> bool:
    """The title (frontmatter's, else the first heading) is template text."""
    heading = outline.title_heading
    text = title if title and title.strip() else (heading.text if heading else "")
    return bool(text) and (is_placeholder(text) or bool(_TEMPLATE_TITLE.search(text)))


def named_as_not_record(stem: str) -> bool:
    """The file's name says it is an index, a README or a template."""
    return bool(_INDEX_NAMES.match(stem) or _TEMPLATE_NAMES.match(stem))


def looks_like_template(outline: Outline) -> bool:
    """The title is template filler: `# [short title of solved problem]`, `# {title}`,
    `# ADRXXX: Title`."""
    title = outline.title_heading
    return title is not None and (
        is_placeholder(title.text) or bool(_TEMPLATE_TITLE.search(title.text))
    )
