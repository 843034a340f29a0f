"""How the reader treats a record by its format: a proposal's metadata, a template, a
postmortem dated by its name, and the fields and sections each format has."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.kinds import KindSpec
from ..core.schemas import DocumentMeta
from ..reading.frontmatter import Frontmatter
from ..reading.markdown import Outline
from ..reading.model import SourceFile
from ..reading.sections import check_sections
from . import has_template_title, looks_like_template, named_as_not_record, template_named
from .findings import template_listed, template_skipped, template_title
from .proposal_formats import FORMATS, sections_for
from .proposals import SIDECAR, Proposal, read_proposal

__all__ = [
    "check_required_fields",
    "incident_day_from_name",
    "judge_as_format",
    "not_a_record",
    "only_as_proposal",
    "proposal_of",
    "proposal_template",
]


_NAME_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?=[-_ .]|$)")


def not_a_record(
    source: SourceFile, outline: Outline, report: list[Diagnostic], *, numbered: bool
) -> None:
    """A template is listed as such; an index page or README is left out silently."""
    if looks_like_template(outline):
        report.append(template_skipped(source.path, outline))
    elif not named_as_not_record(source.stem) or template_named(source.stem, numbered=numbered):
        report.append(template_listed(source.path, 1))


def proposal_template(source: SourceFile, proposal: Proposal) -> bool:
    """The proposal is its process's template (its metadata, or its folder's or file's name)."""
    name = source.abs_path.parent.name if proposal.meta_path != source.path else source.stem
    return proposal.template or template_named(name, numbered=False)


def judge_as_format(
    source: SourceFile,
    spec: KindSpec,
    front: Frontmatter,
    meta: DocumentMeta,
    outline: Outline,
    title: str,
    fields_known: bool,
    source_format: str | None,
    report: list[Diagnostic],
) -> None:
    """The title, required fields and sections, as the record's format has them."""
    if has_template_title(meta.title, outline):
        heading = outline.title_heading
        line = front.key_lines.get("title") or (heading.line if heading else 1)
        report.append(template_title(source.path, line, title))
    known = FORMATS.get(source_format or "")
    if fields_known:
        check_required_fields(source, front, spec, report, known.lacks if known else frozenset())
    if source.abs_path.name != SIDECAR:  # a sidecar alone has no text to judge (ASY605)
        required = sections_for(spec, source_format)
        titled = known.titled if known else True
        report.extend(check_sections(source.path, outline, required, titled=titled))


def incident_day_from_name(front: Frontmatter, stem: str) -> Frontmatter:
    """A postmortem dated only by its file name (`2024-03-01-checkout-outage`) gets that day."""
    if any(key in front.data for key in ("incident_date", "incident-date", "incident")):
        return front
    match = _NAME_DAY.match(stem)
    if match is None:
        return front
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        return front
    return replace(front, data={**front.data, "incident_date": day})


def proposal_of(
    source: SourceFile,
    text: str,
    front: Frontmatter,
    spec: KindSpec | None,
    name_number: int | None,
) -> Proposal | None:
    """The proposal the file is (KEP, enhancement, PEP, Rust RFC), for a design-like kind."""
    if spec is None or spec.schema_name != "design":
        return None
    return read_proposal(source, text, front, name_number)


def only_as_proposal(source: SourceFile) -> bool:
    """A `kep.yaml` or a `.rst` file is a document only as a proposal's."""
    return source.abs_path.name == SIDECAR or source.abs_path.suffix.lower() == ".rst"


def check_required_fields(
    source: SourceFile,
    front: Frontmatter,
    spec: KindSpec,
    report: list[Diagnostic],
    lacks: frozenset[str] = frozenset(),
) -> None:
    for requirement in spec.required_fields:
        choices = [name.strip() for name in requirement.split("|") if name.strip()]
        if all(name in lacks for name in choices):  # the format never states it
            continue
        if not any(_present(front.data.get(name)) for name in choices):
            wanted = " or ".join(f"`{name}:`" for name in choices)
            report.append(
                diagnostic(
                    source.path,
                    front.start_line or 1,
                    "ASY021",
                    f"{spec.a_label} needs {wanted} in its frontmatter; add it",
                )
            )


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}
