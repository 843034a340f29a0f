"""The edit behind `asyncops approve`: one more entry in a document's `approved_by`."""

from __future__ import annotations

from datetime import date

from ..health.approvals import APPROVED_BY, approvers_of, recorded
from ..history.people import NO_ALIASES, Names
from ..reading.model import Document
from .adr import Edit
from .frontmatter import EditRefused


def approve_edit(document: Document, name: str, when: date, names: Names = NO_ALIASES) -> Edit:
    """Add `{name: NAME, date: WHEN}` to the document's `approved_by`, keeping the entries it has
    (a plain name stays a plain name). Refused when its kind asks for no approvals, when NAME is
    not among the people asked, and when NAME has approved already."""
    spec = document.spec.approvals
    if spec is None:
        raise EditRefused(f"{document.path}: {document.spec.a_label} asks for no approvals")
    name = " ".join(name.split())
    if not name:
        raise EditRefused("say who approves with --as NAME")
    asked = approvers_of(document)
    if asked and not any(names.same(name, person) for person in asked):
        raise EditRefused(
            f"{document.path}: {name} is not asked to approve it "
            f"({' or '.join(spec.from_fields)}: {', '.join(asked)})"
        )
    entries, problems = recorded(document)
    if problems:
        raise EditRefused(f"{document.path}: {problems[0]}; fix `approved_by` by hand first")
    if any(names.same(name, given) for given, _ in entries):
        raise EditRefused(f"{document.path}: {name} has approved it already")
    proper = next((person for person in asked if names.same(name, person)), names.canonical(name))
    kept: list[object] = [
        given if when_given is None else {"name": given, "date": when_given.date()}
        for given, when_given in entries
    ]
    kept.append({"name": proper, "date": when})
    return Edit(document, {APPROVED_BY: kept})
