"""Rewriting imported records into this tool's frontmatter form, keeping everything else.

The metadata a record keeps in its body (a `## Status` section, `* Status:` bullets, a `Date:`
line) moves into YAML frontmatter as normalised values; statuses and dates the frontmatter writes
in other forms are normalised in place. Every other line stays as it was, existing frontmatter
keys and comments included. A file whose text or frontmatter cannot be read is refused.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..core.schemas import field_keys
from ..handbook.relations import Handbook
from ..imports.normalise import UNKNOWN, stated_relation
from ..imports.outline import find_section, own_lines
from ..imports.proposal_formats import FORMATS
from ..imports.proposals import format_label
from ..pipeline import Checked
from ..reading.frontmatter import find_block
from ..reading.model import RELATIONS, Document
from ..reading.parse import file_number
from ..reading.source_text import decode
from .frontmatter import EditRefused, edit_frontmatter, write_atomically

UNREADABLE = frozenset({"ASY001", "ASY002", "ASY003", "ASY004", "ASY010", "ASY011", "ASY012"})
"""Rules whose diagnostics mean the file is not understood well enough to be rewritten."""

PEOPLE = ("deciders", "consulted", "informed", "tags")


@dataclass(frozen=True)
class Migration:
    """One file's rewrite: its text before and after, or why it is refused."""

    path: str
    abs_path: Path
    before: str
    after: str
    refused: str = ""
    """Why the file is left alone (it cannot be read, or its frontmatter cannot be edited
    safely), or empty."""

    @property
    def changed(self) -> bool:
        return not self.refused and self.after != self.before

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


def plan(checked: Checked) -> list[Migration]:
    """What migrating every record in `checked` would do, refusals included, in path order."""
    unreadable: dict[str, str] = {}
    for problem in checked.scan.diagnostics:
        if problem.rule.code in UNREADABLE:
            unreadable.setdefault(problem.path, f"line {problem.line}: {problem.message}")
    migrations = [_refused(checked, path, reason) for path, reason in unreadable.items()]
    for doc in checked.documents:
        if doc.path in unreadable:
            continue
        if doc.source_format in FORMATS:  # its process keeps the metadata where it is
            reason = (
                f"a {format_label(doc.source_format)} keeps its metadata where its process "
                "wants it, and is read there as it is; not migrated"
            )
            migrations.append(Migration(doc.path, doc.source.abs_path, "", "", refused=reason))
            continue
        migrations.append(_migration(doc, checked.handbook))
    return sorted(migrations, key=lambda m: m.path)


def _migration(doc: Document, handbook: Handbook) -> Migration:
    """The rewrite of one readable record, keeping its BOM and line ends."""
    raw = doc.source.abs_path.read_bytes()
    before = raw.decode("utf-8")
    text = decode(raw).text
    try:
        after = rewrite(doc, text, handbook)
    except EditRefused as exc:
        reason = f"its frontmatter cannot be edited safely ({exc})"
        return Migration(doc.path, doc.source.abs_path, before, before, refused=reason)
    if after != text:
        bom = "\ufeff" if before.startswith("\ufeff") else ""
        after = bom + after.replace("\n", "\r\n" if b"\r\n" in raw else "\n")
    else:
        after = before
    return Migration(doc.path, doc.source.abs_path, before, after)


def _refused(checked: Checked, path: str, reason: str) -> Migration:
    source = next(f for f in checked.scan.files if f.path == path)
    return Migration(path, source.abs_path, "", "", refused=f"the file cannot be read ({reason})")


def rewrite(doc: Document, text: str, handbook: Handbook) -> str:
    """`text` of `doc` in canonical form: metadata in frontmatter, the rest untouched.

    Raises `EditRefused` when the frontmatter cannot take the keys safely (see `edit_frontmatter`).
    """
    wanted = canonical_fields(doc, handbook)
    if not wanted:
        return text
    lines = text.split("\n")
    drop = _moved_body_lines(doc, wanted)
    block = find_block(text)
    closing = text.count("\n", 0, block.yaml_end) + 1 if block is not None and block.closed else 0
    body = [
        line
        for number, line in enumerate(lines, start=1)
        if number not in drop and number > closing
    ]
    tidied = "\n".join(lines[:closing] + _tidy(body))
    return edit_frontmatter(tidied, wanted, doc.path, add_block=True)


def canonical_fields(doc: Document, handbook: Handbook) -> dict[str, Any]:
    """The frontmatter keys to write, with their values, where the file says them otherwise."""
    written = doc.frontmatter
    schema = type(doc.meta)
    wanted: dict[str, Any] = {}
    status = doc.raw_status if doc.status in (None, UNKNOWN) else doc.status
    if status is not None and written.get(doc.spec.status_field) != status:
        wanted[doc.spec.status_field] = status
    day = getattr(doc.meta, "date", None)
    if isinstance(day, date) and written.get("date") != day:
        wanted["date"] = day
    for name in PEOPLE:
        values = getattr(doc.meta, name, None)
        if values and not any(key in written for key in field_keys(schema, name)):
            wanted[name] = list(values)
    for relation in RELATIONS:
        if relation not in schema.model_fields or any(
            key in written for key in field_keys(schema, relation)
        ):
            continue
        targets = [
            _target_id(doc, ref.target, handbook)
            for ref in doc.references
            if ref.relation == relation
        ]
        if targets:
            wanted[relation] = targets
    return wanted


def _target_id(doc: Document, target: str, handbook: Handbook) -> str:
    """The id of the document `target` names, or `target` as written when it names none."""
    name = Path(target.split("#")[0]).name
    number = file_number(Path(name).stem)
    candidates = [other for relation in RELATIONS for other in handbook.related(doc, relation)]
    for other in candidates:
        if target in (other.id, str(other.number)) or other.source.abs_path.name == name:
            return other.id
    for other in candidates:  # a dead link, resolved by the number in its file name
        if number is not None and other.number == number:
            return other.id
    return target


def _moved_body_lines(doc: Document, wanted: dict[str, Any]) -> set[int]:
    """Lines of the body whose metadata now lives in the frontmatter."""
    title = doc.outline.title_heading
    first_section = min(
        (h.line for h in doc.outline.headings if title is None or h.line > title.line), default=None
    )
    drop = {
        line
        for key in wanted
        if key not in doc.frontmatter
        and (line := doc.key_lines.get(key, 0)) >= doc.body_line
        and (first_section is None or line < first_section)
    }
    status = find_section(doc.outline, "Status")
    only_one = sum(section.heading.key == "status" for section in doc.outline.sections) == 1
    if (
        status is not None
        and only_one
        and doc.key_lines.get(doc.spec.status_field, 0) > status.heading.line
    ):
        own = own_lines(doc.outline, status)
        if all(number == own[0][0] or stated_relation(text) for number, text in own):
            end = min(
                (h.line for h in doc.outline.headings if h.line > status.heading.line), default=None
            )
            last = end - 1 if end is not None else len(doc.body.split("\n")) + doc.body_line - 1
            drop.update(range(status.heading.line, last + 1))
    return drop


def _tidy(lines: list[str]) -> list[str]:
    """No run of blank lines longer than one, and no blank lines at the very start."""
    tidy: list[str] = []
    for line in lines:
        if not line.strip() and (not tidy or not tidy[-1].strip()):
            continue
        tidy.append(line)
    return tidy


def apply(
    migrations: Iterable[Migration],
) -> tuple[list[Migration], list[tuple[Migration, OSError]]]:
    """Write every changed migration; return those written and those that could not be."""
    written, failed = [], []
    for migration in migrations:
        if not migration.changed:
            continue
        try:
            write_atomically(migration.abs_path, migration.after)
        except OSError as exc:
            failed.append((migration, exc))
        else:
            written.append(migration)
    return written, failed
