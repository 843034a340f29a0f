"""Document kinds as data: what each kind requires, and how teams change or add kinds.

A kind is a `KindSpec`: its required sections (with aliases), allowed statuses, required
frontmatter fields, the folders that hold it and the schema its frontmatter follows. The built-in
kinds come from the field's practice; `build_kinds` merges a team's configuration over them, so a
team changes a kind or defines a new one (an `rfc`, a `demo`) without writing Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import AsyncOpsError
from .headings import section_key
from .schemas import SCHEMAS

__all__ = [
    "BUILTIN_KINDS",
    "KindError",
    "KindSpec",
    "SectionSpec",
    "build_kinds",
    "fold_status",
    "folder_kinds",
]


class KindError(AsyncOpsError):
    """A kind definition in the configuration that cannot be used."""


class SectionSpec(BaseModel):
    """A section a kind requires, and other headings people use for it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(default_factory=list)

    @property
    def keys(self) -> frozenset[str]:
        """The folded headings that count as this section."""
        return _folded(self.name, tuple(self.aliases))


@lru_cache(maxsize=4096)
def _folded(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(section_key(text) for text in (name, *aliases))


class ApprovalSpec(BaseModel):
    """Who must sign off a document of the kind before it is approved, and how many of them."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    required: int | None = Field(
        None, ge=1, description="How many approvals make the quorum; absent: every person listed."
    )
    from_fields: list[str] = Field(
        default_factory=list,
        alias="from",
        description="The frontmatter fields naming who may approve (`reviewers`, `deciders`).",
    )
    enforced: bool = Field(
        False,
        description="Every document moved to the approved status must have its quorum; set "
        "when a team configures `approvals`, else only documents recording `approved_by` are held to it.",
    )


class KindSpec(BaseModel):
    """Everything that makes a kind of document what it is."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str
    label: str = Field(description="What one document of the kind is called, e.g. `ADR`.")
    plural: str = Field(description="A heading for all of them, e.g. `Architecture decisions`.")
    folders: list[str] = Field(default_factory=list, description="Folder names that hold the kind.")
    schema_name: str = Field("base", alias="schema", description="The frontmatter schema to use.")
    sections: list[SectionSpec] = Field(default_factory=list, description="Required sections.")
    statuses: list[str] = Field(default_factory=list, description="Allowed statuses; empty: any.")
    status_field: str = Field("status", description="The frontmatter key holding the status.")
    required_fields: list[str] = Field(
        default_factory=list, description="Required frontmatter keys; `a|b` means either."
    )
    numbered: bool = Field(False, description="Documents carry a number (ADR-0007).")
    id_prefix: str = Field("", description="Prefix of numbered ids, e.g. `ADR`.")
    approvals: ApprovalSpec | None = Field(
        None, description="Sign-off: `{required: 2, from: [reviewers]}`; none: no quorum."
    )
    approved_status: str = Field(
        "approved", description="The status that needs the quorum (`accepted` for ADRs)."
    )
    status_map: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Per adopted format (`kep`, `pep`, ...), its status words and the status each "
        "means here, over the format's own mapping: `{kep: {provisional: in-review}}`.",
    )

    @property
    def a_label(self) -> str:
        """The label with its article: `an ADR`, `a Runbook`, `an Integration spec`."""
        first = self.label[:1]
        acronym = self.label[:2].isupper()
        vowel_sound = first in "AEFHILMNORSX" if acronym else first.lower() in "aeiou"
        return f"{'an' if vowel_sound else 'a'} {self.label}"

    @field_validator("sections", mode="before")
    @classmethod
    def _sections_as_names(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("statuses")
    @classmethod
    def _fold_statuses(cls, value: list[str]) -> list[str]:
        return [fold_status(status) for status in value]

    @field_validator("status_map")
    @classmethod
    def _fold_status_map(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        return {
            str(name).casefold(): {fold_status(word): fold_status(to) for word, to in words.items()}
            for name, words in value.items()
        }

    @model_validator(mode="after")
    def _mapped_statuses_exist(self) -> KindSpec:
        for name, words in self.status_map.items():
            for word, status in words.items():
                if self.statuses and status not in self.statuses:
                    raise ValueError(
                        f"status_map.{name}.{word}: {status!r} is not a status of this kind "
                        f"({', '.join(self.statuses)})"
                    )
        return self

    @field_validator("schema_name")
    @classmethod
    def _known_schema(cls, value: str) -> str:
        if value not in SCHEMAS:
            raise ValueError(f"unknown schema {value!r}; use one of {', '.join(sorted(SCHEMAS))}")
        return value


def fold_status(text: str) -> str:
    """`In Review`, `in_review` and `in-review` are the same status: `in-review`."""
    return re.sub(r"[\s_]+", "-", str(text).strip().casefold())


def _kind(**fields: Any) -> KindSpec:
    return KindSpec.model_validate(fields)


BUILTIN_KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in [
        _kind(
            name="adr",
            label="ADR",
            plural="Architecture decisions",
            folders=["adr", "adrs", "decisions", "architecture-decisions"],
            schema="adr",
            sections=[
                {"name": "Context", "aliases": ["Context and Problem Statement"]},
                {"name": "Decision", "aliases": ["Decision Outcome"]},
                {
                    "name": "Consequences",
                    "aliases": [
                        "Positive Consequences",
                        "Negative Consequences",
                        "Pros and Cons of the Options",
                    ],
                },
            ],
            statuses=["proposed", "accepted", "rejected", "deprecated", "superseded"],
            required_fields=["status", "date"],
            numbered=True,
            id_prefix="ADR",
            approvals={"from": ["deciders"]},
            approved_status="accepted",
        ),
        _kind(
            name="design",
            label="Design document",
            plural="Design documents",
            folders=["design", "designs", "rfcs", "keps", "enhancements", "peps"],
            schema="design",
            sections=[
                "Problem Statement",
                "Proposed Solution",
                {"name": "Alternative Approaches", "aliases": ["Alternatives Considered"]},
                "Implementation Plan",
                "Success Metrics",
            ],
            statuses=[
                "draft",
                "in-review",
                "approved",
                "rejected",
                "implemented",
                "withdrawn",
                "deferred",
                "superseded",
            ],
            required_fields=["status", "owner|author"],
            approvals={"from": ["reviewers"]},
        ),
        _kind(
            name="integration",
            label="Integration spec",
            plural="Integration specifications",
            folders=["integrations"],
            schema="integration",
            sections=[
                "API Analysis",
                "Configuration Guide",
                "Action Documentation",
                "Error Handling",
                "Testing Guide",
            ],
            statuses=[
                "requested",
                "prioritized",
                "specified",
                "implementing",
                "in-review",
                "staging",
                "monitoring",
                "live",
                "retired",
            ],
            status_field="stage",
            required_fields=["stage", "owner"],
        ),
        _kind(
            name="postmortem",
            label="Postmortem",
            plural="Postmortems",
            folders=["postmortems", "incidents"],
            schema="postmortem",
            sections=[
                {"name": "Incident Summary", "aliases": ["Summary", "Overview"]},
                {"name": "Timeline", "aliases": ["Key events"]},
                {"name": "Root Cause", "aliases": ["Root Cause Analysis", "Root Causes"]},
                {"name": "Resolution", "aliases": ["Mitigation", "Recovery"]},
                {"name": "Action Items", "aliases": ["Follow-ups", "Corrective Actions"]},
                {"name": "Lessons Learned", "aliases": ["What went well", "What went wrong"]},
            ],
            statuses=["draft", "in-review", "published", "closed"],
            required_fields=["severity", "incident_date", "status"],
        ),
        _kind(
            name="runbook",
            label="Runbook",
            plural="Runbooks",
            folders=["runbooks", "playbooks"],
            schema="runbook",
            sections=["Detection", "Triage", "Communication", "Mitigation", "Escalation"],
            required_fields=["owner", "systems"],
        ),
    ]
}


def build_kinds(overrides: Mapping[str, Any] | None = None) -> dict[str, KindSpec]:
    """The built-in kinds with a team's configuration merged over them.

    Each entry of `overrides` either changes a kind (only the keys given), or defines a new one,
    optionally starting from another with `extends: design`. `aliases: {Section: [Other]}` adds
    aliases to a kind's sections without restating them; `enabled: false` removes a kind.
    """
    kinds = dict(BUILTIN_KINDS)
    for name, raw in (overrides or {}).items():
        name = str(name)
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise KindError(f"kinds.{name}: expected a mapping of settings, got {raw!r}")
        settings = dict(raw)
        if settings.pop("enabled", True) is False:
            kinds.pop(name, None)
            continue
        base_name = settings.pop("extends", None)
        if base_name is not None and base_name not in kinds:
            raise KindError(f"kinds.{name}.extends: there is no kind {base_name!r} to extend")
        if name in kinds and base_name is None:
            fields = kinds[name].model_dump(by_alias=True)
        elif base_name is not None:
            fields = kinds[base_name].model_dump(by_alias=True, exclude={"label", "plural"})
            fields.update(folders=[], numbered=False, id_prefix="")
        else:
            fields = {}
        fields["name"] = name
        fields.setdefault("label", settings.get("label") or _default_label(name))
        fields.setdefault("plural", f"{fields['label']}s")
        extra_aliases = settings.pop("aliases", {}) or {}
        if isinstance(settings.get("approvals"), Mapping):  # a team's own quorum is enforced
            settings["approvals"] = {"enforced": True, **settings["approvals"]}
        fields.update(settings)
        try:
            spec = KindSpec.model_validate(fields)
        except ValidationError as exc:
            raise KindError(_describe(name, exc)) from None
        kinds[name] = _with_aliases(spec, extra_aliases)
    return kinds


def _default_label(name: str) -> str:
    """`rfc` -> `RFC`, `tech-note` -> `Tech note`."""
    return name.upper() if len(name) <= 3 else name.replace("-", " ").replace("_", " ").capitalize()


def _with_aliases(spec: KindSpec, extra: Any) -> KindSpec:
    if not isinstance(extra, Mapping):
        raise KindError(f"kinds.{spec.name}.aliases: expected `Section: [alias, ...]` pairs")
    sections = list(spec.sections)
    for section_name, aliases in extra.items():
        wanted = section_key(str(section_name))
        for index, section in enumerate(sections):
            if wanted in section.keys:
                more = [aliases] if isinstance(aliases, str) else list(aliases or [])
                _not_taken(spec.name, sections, index, [str(alias) for alias in more])
                sections[index] = section.model_copy(
                    update={"aliases": [*section.aliases, *map(str, more)]}
                )
                break
        else:
            raise KindError(
                f"kinds.{spec.name}.aliases: {section_name!r} is not one of its sections "
                f"({', '.join(s.name for s in spec.sections) or 'none'})"
            )
    return spec.model_copy(update={"sections": sections})


def _not_taken(kind: str, sections: list[SectionSpec], index: int, aliases: list[str]) -> None:
    """An alias names one section only: a heading or bold label that two sections claim would
    be read as both."""
    for alias in aliases:
        for other in sections[:index] + sections[index + 1 :]:
            if section_key(alias) in other.keys:
                raise KindError(
                    f"kinds.{kind}.aliases: {alias!r} already names the section "
                    f"{other.name!r}; one heading cannot be two sections"
                )


def _describe(name: str, exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"])
        problems.append(f"kinds.{name}.{where}: {error['msg']}")
    return "; ".join(problems)


def folder_kinds(
    kinds: Mapping[str, KindSpec], overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map folder names to kinds: each kind's folders, then the configured mapping over them."""
    mapping = {folder.casefold(): spec.name for spec in kinds.values() for folder in spec.folders}
    for folder, kind in (overrides or {}).items():
        if kind not in kinds:
            raise KindError(f"folders.{folder}: there is no kind {kind!r}")
        mapping[str(folder).casefold()] = kind
    return mapping
