"""Diagnostics about imported records: skipped templates, and body and frontmatter that disagree."""

from __future__ import annotations

from datetime import date

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.kinds import KindSpec
from ..reading.markdown import Outline
from . import Adoption
from .normalise import normalise_status, parse_date


def template_skipped(path: str, outline: Outline) -> Diagnostic:
    """A file not named as a template is skipped because its title is template text."""
    title = outline.title_heading
    return diagnostic(
        path,
        title.line if title else 1,
        "ASY601",
        "the title is template text, so the file is read as a template, not a record; "
        "give it a real title, or name it `template.md`",
    )


def template_listed(path: str, line: int) -> Diagnostic:
    """A template, by its name or its metadata: listed, never counted, linked or judged."""
    return diagnostic(
        path,
        line,
        "ASY601",
        "this is a template, not a record: it is not counted, linked or checked",
    )


def template_title(path: str, line: int, title: str) -> Diagnostic:
    """A record with real metadata whose title was left as the template's."""
    return diagnostic(
        path,
        line,
        "ASY604",
        f"the title {title!r} is still template text; give the record its real title",
    )


def unread_relations(path: str, adoption: Adoption) -> list[Diagnostic]:
    """Lines that state a relation but name no record the handbook could resolve."""
    return [
        diagnostic(
            path,
            line,
            "ASY603",
            f"{text!r} states a relation but names no record; link it "
            "(`[9. Title](0009-title.md)`) or give its number or id",
        )
        for line, text in adoption.unread
    ]


def disagreements(
    path: str, adoption: Adoption, spec: KindSpec, status: str | None, day: date | None
) -> list[Diagnostic]:
    """The body states a status or date other than the frontmatter's, which wins."""
    problems = []
    said: str | date | None
    for key, (value, line) in adoption.overridden.items():
        if key == spec.status_field and isinstance(value, str):
            differs, said = normalise_status(value, spec.statuses) != status, status
        elif key == "date":
            differs, said = parse_date(value) != day, day
        else:
            continue
        if differs:
            problems.append(
                diagnostic(
                    path,
                    line,
                    "ASY602",
                    f"the body says {key} {str(value).strip()!r} but the frontmatter says {str(said)!r}, "
                    "and the frontmatter wins; make them agree, or remove the body's line",
                )
            )
    return problems
