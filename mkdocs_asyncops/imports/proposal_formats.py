"""The large design-doc processes as data: where each keeps its metadata, in which words.

Each `ProposalFormat` says which of the format's keys mean which of this tool's frontmatter keys,
what each of its status words means on the design kind's lifecycle (a team changes that with the
kind's `status_map`), which of its headings stand for the kind's sections, and what the format
never has (a Rust RFC names no author), so its records are not judged for lacking it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..core.kinds import KindSpec, SectionSpec, fold_status

__all__ = [
    "ENHANCEMENT",
    "FORMATS",
    "KEP",
    "PEP",
    "RUST_RFC",
    "ProposalFormat",
    "mapped_status",
    "sections_for",
    "status_mapping",
]


@dataclass(frozen=True)
class ProposalFormat:
    name: str
    label: str
    keys: Mapping[str, str]
    """The format's key (case folded) -> the frontmatter key it means here."""
    statuses: Mapping[str, str]
    """The format's status word (folded) -> the design kind's status."""
    sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The kind's section -> the format's headings for it; none: the format has no such section."""
    lacks: frozenset[str] = frozenset()
    """Fields the format never states."""
    id_prefix: str = ""
    titled: bool = True
    """The title is the first `# heading`; else the header names it, and every heading is a section."""


_PROPOSAL_KEYS = {
    "title": "title",
    "kep-number": "number",
    "authors": "author",
    "owning-sig": "owner",
    "creation-date": "date",
    "last-updated": "last_updated",
    "status": "status",
    "reviewers": "reviewers",
    "approvers": "approvers",
    "api-approvers": "api_approvers",
    "see-also": "relates_to",
    "replaces": "supersedes",
    "superseded-by": "superseded_by",
    "tracking-link": "tracking_link",
}
_PROPOSAL_STATUSES = {
    "provisional": "draft",
    "implementable": "approved",
    "implemented": "implemented",
    "deferred": "deferred",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "replaced": "superseded",
}
_PROPOSAL_SECTIONS = {
    "Problem Statement": ("Summary", "Motivation"),
    "Proposed Solution": ("Proposal",),
    "Alternative Approaches": ("Alternatives",),
    "Implementation Plan": ("Design Details", "Implementation Details/Notes/Constraints"),
    "Success Metrics": ("Graduation Criteria",),
}

KEP = ProposalFormat(
    "kep", "Kubernetes KEP", _PROPOSAL_KEYS, _PROPOSAL_STATUSES, _PROPOSAL_SECTIONS, id_prefix="KEP"
)
ENHANCEMENT = ProposalFormat(
    "enhancement",
    "Enhancement proposal",
    {**_PROPOSAL_KEYS, "title": "slug"},  # a slug; the `# heading` is the title
    {**_PROPOSAL_STATUSES, "informational": "approved"},
    _PROPOSAL_SECTIONS,
)
PEP = ProposalFormat(
    "pep",
    "PEP",
    {
        "pep": "number",
        "title": "title",
        "author": "author",
        "status": "status",
        "type": "pep_type",
        "created": "date",
        "replaces": "supersedes",
        "superseded-by": "superseded_by",
        "requires": "requires",
        "discussions-to": "discussions_to",
        "post-history": "post_history",
    },
    {
        "draft": "draft",
        "active": "approved",
        "accepted": "approved",
        "provisional": "approved",
        "deferred": "deferred",
        "rejected": "rejected",
        "withdrawn": "withdrawn",
        "final": "implemented",
        "superseded": "superseded",
    },
    {
        "Problem Statement": ("Abstract", "Motivation"),
        "Proposed Solution": ("Specification",),
        "Alternative Approaches": ("Rejected Ideas", "Rationale"),
        "Implementation Plan": (),
        "Success Metrics": (),
    },
    id_prefix="PEP",
)
RUST_RFC = ProposalFormat(
    "rust-rfc",
    "Rust-style RFC",
    {
        "feature name": "feature_name",
        "start date": "date",
        "rfc pr": "rfc_pr",
        "tracking issue": "tracking_issue",
        "rust issue": "tracking_issue",
    },
    {"accepted": "approved"},
    {
        "Problem Statement": ("Summary", "Motivation"),
        "Proposed Solution": ("Guide-level explanation", "Detailed design"),
        "Alternative Approaches": ("Rationale and alternatives", "Alternatives"),
        "Implementation Plan": ("Reference-level explanation", "Detailed design"),
        "Success Metrics": (),
    },
    lacks=frozenset({"author", "owner", "status"}),
    id_prefix="RFC",
    titled=False,
)

FORMATS: dict[str, ProposalFormat] = {f.name: f for f in (KEP, ENHANCEMENT, PEP, RUST_RFC)}


def mapped_status(spec: KindSpec, format_name: str | None, raw: str) -> str | None:
    """The kind's status for a format's status word (the kind's `status_map` first), or None."""
    if format_name is None:
        return None
    word = fold_status(raw)
    configured = spec.status_map.get(format_name, {})
    if word in configured:
        return configured[word]
    known = FORMATS.get(format_name)
    return known.statuses.get(word) if known is not None else None


def status_mapping(spec: KindSpec, format_name: str) -> dict[str, str]:
    """Every status word of the format and what it means for the kind, as configured."""
    known = FORMATS.get(format_name)
    return {**(dict(known.statuses) if known else {}), **spec.status_map.get(format_name, {})}


def sections_for(spec: KindSpec, format_name: str | None) -> KindSpec:
    """The kind's required sections as the format names them: its headings added as aliases,
    and the sections it has none for left out."""
    known = FORMATS.get(format_name or "")
    if known is None or not known.sections:
        return spec
    sections = [
        SectionSpec(name=s.name, aliases=[*s.aliases, *known.sections.get(s.name, ())])
        for s in spec.sections
        if known.sections.get(s.name, True)
    ]
    return spec.model_copy(update={"sections": sections})
