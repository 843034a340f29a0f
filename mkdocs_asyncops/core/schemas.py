"""Frontmatter schemas: one pydantic model per built-in kind.

Models accept what people actually write (a comma-separated string where a list is meant, `SEV1`
for severity 1) and allow extra keys, so a team's own fields pass through untouched. Which
values a status may take is not part of the model: it is data in the kind's definition.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field

__all__ = [
    "SCHEMAS",
    "AdrMeta",
    "DesignMeta",
    "Directives",
    "DocumentMeta",
    "IntegrationMeta",
    "PostmortemMeta",
    "PriorityScores",
    "RunbookMeta",
    "field_keys",
]

Moment = date | datetime
"""A date, or a date and time where hours matter (review deadlines, incidents)."""


def _listify(value: Any) -> Any:
    """Accept one value or a comma-separated string where a list is expected."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (int, float)):
        return [value]
    return value


def _text(value: Any) -> Any:
    """Accept numbers where text is expected (`version: 2`, `status: 1`)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _severity(value: Any) -> Any:
    """Accept `1`, `SEV1`, `sev-2`, `S3` or `P1` for a severity level."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(?:sev(?:erity)?|s|p)?[\s_-]*(\d+)\s*(?:\(.*\))?\s*", value, re.I)
        if match:
            return int(match.group(1))
    return value


Text = Annotated[str, BeforeValidator(_text)]
People = Annotated[list[Text], BeforeValidator(_listify)]
Words = Annotated[list[Text], BeforeValidator(_listify)]
Severity = Annotated[int, Field(ge=1, le=3), BeforeValidator(_severity)]
References = Annotated[list[int | Text], BeforeValidator(_listify)]
"""Documents referred to by number (`3`), id (`ADR-0003`) or file name."""


class Directives(BaseModel):
    """`asyncops:` in a document's frontmatter: instructions for this tool about this file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    ignore: Words = Field(
        default_factory=list, description="Rule codes or names not to report for this file."
    )


class DocumentMeta(BaseModel):
    """Fields every kind of document may have."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    title: Text | None = Field(None, description="The title; the first `# heading` when absent.")
    kind: Text | None = Field(
        None,
        validation_alias=AliasChoices("kind", "type"),
        description="The document kind (adr, design, integration, postmortem, runbook, ...).",
    )
    id: Text | None = Field(None, description="A stable identifier; numbered kinds derive it.")
    status: Text | None = Field(None, description="Where the document is in its life cycle.")
    date: Moment | None = Field(None, description="When the document was written or decided.")
    owner: Text | None = Field(None, description="Who keeps the document current.")
    tags: Words = Field(default_factory=list, description="Free-form labels for filtering.")
    systems: Words = Field(default_factory=list, description="Names of the systems it covers.")
    relates_to: References = Field(
        default_factory=list,
        validation_alias=AliasChoices(
            "relates_to", "relates-to", "related", "see-also", "see_also"
        ),
        description="Other documents this one relates to (ids, numbers or file names).",
    )
    asyncops: Directives | None = Field(None, description="Directives for mkdocs-asyncops.")


class AdrMeta(DocumentMeta):
    """An architecture decision record."""

    number: int | None = Field(
        None, ge=0, description="The ADR number; the file name's when absent."
    )
    deciders: People = Field(
        default_factory=list,
        validation_alias=AliasChoices("deciders", "decision-makers", "decision_makers"),
        description="Who made the decision.",
    )
    consulted: People = Field(default_factory=list, description="Whose opinion was sought.")
    informed: People = Field(default_factory=list, description="Who is kept up to date.")
    supersedes: References = Field(default_factory=list, description="ADRs this one replaces.")
    superseded_by: References = Field(
        default_factory=list,
        validation_alias=AliasChoices("superseded_by", "superseded-by"),
        description="ADRs that replace this one.",
    )
    amends: References = Field(default_factory=list, description="ADRs this one amends.")
    amended_by: References = Field(
        default_factory=list,
        validation_alias=AliasChoices("amended_by", "amended-by"),
        description="ADRs that amend this one.",
    )
    review_requested: Moment | None = Field(None, description="When the team was asked to review.")


class DesignMeta(DocumentMeta):
    """A technical design document."""

    author: Text | None = Field(None, description="Who wrote the design.")
    reviewers: People = Field(default_factory=list, description="Who is asked to review it.")
    review_requested: Moment | None = Field(None, description="When review was requested.")
    review_deadline: Moment | None = Field(None, description="When reviews are due.")
    approved: Moment | None = Field(None, description="When the design was approved.")
    supersedes: References = Field(
        default_factory=list,
        validation_alias=AliasChoices("supersedes", "replaces"),
        description="Designs this one replaces.",
    )
    superseded_by: References = Field(
        default_factory=list,
        validation_alias=AliasChoices("superseded_by", "superseded-by"),
        description="Designs that replace this one.",
    )
    requires: References = Field(default_factory=list, description="Designs this one builds on.")


class PriorityScores(BaseModel):
    """Scores from the integration prioritisation framework (higher means more of it)."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    customer_demand: float | None = Field(None, ge=0)
    market_differentiation: float | None = Field(None, ge=0)
    technical_complexity: float | None = Field(None, ge=0)


class IntegrationMeta(DocumentMeta):
    """An integration specification."""

    stage: Text | None = Field(None, description="Lifecycle stage, from requested to retired.")
    auth_method: Text | None = Field(
        None,
        validation_alias=AliasChoices("auth_method", "auth-method", "authentication"),
        description="How the integration authenticates (OAuth2, API key, ...).",
    )
    rate_limits: Any = Field(None, description="The provider's rate limits.")
    priority: PriorityScores | None = Field(None, description="Prioritisation scores.")
    requested: Moment | None = Field(None, description="When the integration was requested.")
    live_since: Moment | None = Field(None, description="When it went live in production.")


class PostmortemMeta(DocumentMeta):
    """An incident postmortem."""

    severity: Severity | None = Field(
        None, description="Incident severity: 1 critical, 2 high, 3 medium."
    )
    incident_date: Moment | None = Field(
        None,
        validation_alias=AliasChoices("incident_date", "incident-date", "incident"),
        description="When the incident started.",
    )
    published: Moment | None = Field(None, description="When the postmortem was published.")


class RunbookMeta(DocumentMeta):
    """An incident-response runbook for a system."""

    severity_levels: Annotated[list[Severity], BeforeValidator(_listify)] = Field(
        default_factory=list,
        validation_alias=AliasChoices("severity_levels", "severity-levels", "severities"),
        description="The incident severity levels the runbook covers.",
    )
    on_call: Text | None = Field(None, description="Who is paged, or the rotation's name.")


def field_keys(schema: type[DocumentMeta], name: str) -> list[str]:
    """The frontmatter keys a field is read from: `superseded_by` -> `superseded_by`, `superseded-by`."""
    alias = schema.model_fields[name].validation_alias
    return [str(key) for key in alias.choices] if isinstance(alias, AliasChoices) else [name]


SCHEMAS: dict[str, type[DocumentMeta]] = {
    "base": DocumentMeta,
    "adr": AdrMeta,
    "design": DesignMeta,
    "integration": IntegrationMeta,
    "postmortem": PostmortemMeta,
    "runbook": RunbookMeta,
}
"""Schemas by name; a kind names the one it uses (a team's own kind usually reuses one)."""
