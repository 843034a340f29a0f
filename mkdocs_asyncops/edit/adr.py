"""The edits behind `asyncops adr`: which frontmatter keys change when a decision moves on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import AliasChoices

from ..core.kinds import fold_status
from ..handbook.relations import Handbook, supersession_path
from ..reading.model import Document
from .frontmatter import EditRefused


@dataclass
class Edit:
    """The frontmatter changes planned for one document."""

    document: Document
    changes: dict[str, Any] = field(default_factory=dict)


def find_numbered(documents: Iterable[Document], kind: str, number: int) -> Document:
    """The one document of `kind` with this number, or a refusal naming the numbers there are."""
    matching = [doc for doc in documents if doc.kind == kind and doc.number == number]
    if len(matching) == 1:
        return matching[0]
    if matching:
        paths = ", ".join(doc.path for doc in matching)
        raise EditRefused(
            f"{len(matching)} documents claim number {number} ({paths}); renumber one first"
        )
    known = sorted({doc.number for doc in documents if doc.kind == kind and doc.number is not None})
    shown = ", ".join(str(n) for n in known[-8:]) or "none"
    raise EditRefused(f"there is no {kind} number {number} (the last numbers are: {shown})")


def status_edit(document: Document, status: str) -> Edit:
    """Set the document's status, refusing one its kind does not allow."""
    spec = document.spec
    folded = fold_status(status)
    if spec.statuses and folded not in spec.statuses:
        raise EditRefused(
            f"{status!r} is not {spec.a_label} status; use one of: {', '.join(spec.statuses)}"
        )
    key = _spelling(document, spec.status_field)
    if document.status == folded:
        return Edit(document)
    return Edit(document, {key: folded})


def supersede_edits(old: Document, new: Document, handbook: Handbook) -> list[Edit]:
    """OLD becomes `superseded` and names NEW in `superseded_by`; NEW names OLD in `supersedes`.

    Refused when NEW already leads back to OLD through its successors, which would close a circle.
    """
    if old is new:
        raise EditRefused(f"{old.id} cannot supersede itself")
    back = supersession_path(handbook, new, old)
    if back is not None:
        circle = " -> ".join(doc.id for doc in [old, *back])
        raise EditRefused(
            f"{new.id} superseding {old.id} would make supersession go round in a circle ({circle}); "
            "no file was changed"
        )
    retire = status_edit(old, "superseded")
    _add_reference(retire, "superseded_by", new)
    replace = Edit(new)
    _add_reference(replace, "supersedes", old)
    return [retire, replace]


def _add_reference(edit: Edit, relation: str, target: Document) -> None:
    """Add `target`'s number to the list under `relation`, unless it is there already."""
    current = list(getattr(edit.document.meta, relation, []) or [])
    if any(_names(item, target) for item in current):
        return
    edit.changes[_spelling(edit.document, relation)] = [*current, target.number]


def _names(item: object, target: Document) -> bool:
    """Whether a stated reference (`9`, `ADR-0009`, `0009-x.md`) names the target document."""
    text = str(item).strip()
    if text in {target.id, target.source.stem, target.source.abs_path.name}:
        return True
    digits = re.match(r"^(?:[A-Za-z]{2,5}[-_ ]?)?(\d+)$", text)
    return digits is not None and int(digits.group(1)) == target.number


def _spelling(document: Document, name: str) -> str:
    """The key as this file already writes it (`superseded-by`), or the field's own name."""
    fields = type(document.meta).model_fields
    alias = fields[name].validation_alias if name in fields else None
    keys = [str(k) for k in alias.choices] if isinstance(alias, AliasChoices) else [name]
    return next((key for key in keys if key in document.frontmatter), name)
