"""The rules the handbook is checked against: a stable code, a name, a default severity each.

Rule codes never change meaning once released (ADR-0005); the rules reference in the user
documentation lists them, and `asyncops rules` prints this table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["RULES", "RULES_BY_NAME", "Rule", "Severity", "find_rule"]


class Severity(str, enum.Enum):
    """How much a problem matters: errors fail the build, warnings fail `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Rule:
    """A kind of problem, with its stable code, short name and default severity."""

    code: str
    name: str
    severity: Severity
    summary: str


_RULES = [
    Rule("ASY001", "unreadable-file", Severity.ERROR, "The file cannot be read from disk."),
    Rule("ASY002", "encoding", Severity.ERROR, "The file is not valid UTF-8."),
    Rule("ASY003", "file-too-large", Severity.ERROR, "The file is larger than the size limit."),
    Rule("ASY004", "empty-document", Severity.ERROR, "A document file holds no text."),
    Rule("ASY005", "outside-root", Severity.ERROR, "A symlink points outside the project."),
    Rule(
        "ASY006",
        "no-documents",
        Severity.WARNING,
        "The handbook's folders hold no document at all.",
    ),
    Rule(
        "ASY007",
        "unread-folder",
        Severity.WARNING,
        "A folder of documents is not read by the configuration.",
    ),
    Rule("ASY010", "frontmatter-syntax", Severity.ERROR, "The YAML frontmatter does not parse."),
    Rule(
        "ASY011",
        "frontmatter-not-mapping",
        Severity.ERROR,
        "The frontmatter is not key: value pairs.",
    ),
    Rule("ASY012", "frontmatter-too-complex", Severity.ERROR, "The frontmatter expands too far."),
    Rule(
        "ASY013",
        "duplicate-key",
        Severity.ERROR,
        "A frontmatter key is written twice in one mapping.",
    ),
    Rule("ASY020", "unknown-kind", Severity.ERROR, "`kind:` names a kind that is not defined."),
    Rule(
        "ASY021",
        "missing-field",
        Severity.ERROR,
        "A frontmatter field the kind requires is absent.",
    ),
    Rule("ASY022", "unknown-status", Severity.ERROR, "The status is not one the kind allows."),
    Rule(
        "ASY023", "invalid-field", Severity.ERROR, "A frontmatter field has the wrong type or form."
    ),
    Rule(
        "ASY024",
        "number-mismatch",
        Severity.WARNING,
        "Frontmatter and file name disagree on the number.",
    ),
    Rule("ASY030", "missing-title", Severity.WARNING, "The document has no title."),
    Rule("ASY101", "missing-section", Severity.ERROR, "A section the kind requires is absent."),
    Rule(
        "ASY102", "empty-section", Severity.ERROR, "A required section has a heading but no text."
    ),
    Rule(
        "ASY103",
        "placeholder-section",
        Severity.ERROR,
        "A required section holds only template text.",
    ),
    Rule(
        "ASY104",
        "duplicate-section",
        Severity.WARNING,
        "A required section appears more than once.",
    ),
    Rule("ASY201", "duplicate-id", Severity.ERROR, "Two documents claim the same number or id."),
    Rule(
        "ASY301",
        "broken-reference",
        Severity.ERROR,
        "A stated relation names no existing document.",
    ),
    Rule("ASY302", "relation-cycle", Severity.ERROR, "Supersession goes round in a circle."),
    Rule(
        "ASY303",
        "superseded-still-active",
        Severity.WARNING,
        "A superseded document keeps an active status.",
    ),
    Rule(
        "ASY304",
        "superseded-without-successor",
        Severity.WARNING,
        "Status superseded, but no successor.",
    ),
    Rule(
        "ASY310",
        "action-item-unassigned",
        Severity.WARNING,
        "An open action item names no owner or due date.",
    ),
    Rule(
        "ASY311",
        "approval-quorum-missing",
        Severity.ERROR,
        "A document is approved without the approvals its kind requires.",
    ),
    Rule(
        "ASY401",
        "stale-document",
        Severity.WARNING,
        "A document is older than its kind or review interval allows.",
    ),
    Rule(
        "ASY402",
        "coverage-below-target",
        Severity.ERROR,
        "Documentation coverage is under the minimum.",
    ),
    Rule(
        "ASY403",
        "bus-factor-low",
        Severity.INFO,
        "Fewer than three people wrote a system's documents.",
    ),
    Rule(
        "ASY404", "shallow-history", Severity.WARNING, "A shallow clone hides documents' history."
    ),
    Rule(
        "ASY405",
        "catalog-invalid",
        Severity.ERROR,
        "A system catalog entry or file cannot be used.",
    ),
    Rule(
        "ASY406", "unknown-system", Severity.WARNING, "A document names a system the catalog lacks."
    ),
    Rule(
        "ASY407", "history-unavailable", Severity.WARNING, "Git cannot give a document's history."
    ),
    Rule(
        "ASY408",
        "drifting-document",
        Severity.WARNING,
        "The code of a document's systems changed too much since it did.",
    ),
    Rule(
        "ASY409",
        "cites-retired-decision",
        Severity.WARNING,
        "Code cites a superseded, deprecated or rejected decision.",
    ),
    Rule(
        "ASY410",
        "pull-requests-unreadable",
        Severity.WARNING,
        "The exported file of pull requests cannot be used.",
    ),
    Rule(
        "ASY501",
        "pr-missing-section",
        Severity.ERROR,
        "The PR description lacks a template section.",
    ),
    Rule(
        "ASY502",
        "pr-empty-section",
        Severity.ERROR,
        "A PR template section is empty or template text.",
    ),
    Rule(
        "ASY503", "pr-too-large", Severity.WARNING, "The change is larger than the team's target."
    ),
    Rule("ASY504", "pr-no-description", Severity.ERROR, "The pull request has no description."),
    Rule(
        "ASY505",
        "pr-code-without-docs",
        Severity.INFO,
        "The change touches a system's code but none of its documents.",
    ),
    Rule(
        "ASY506",
        "pr-edits-code-citing-unaccepted",
        Severity.INFO,
        "The change edits code that cites a decision that is not accepted.",
    ),
    Rule(
        "ASY601",
        "template-not-record",
        Severity.INFO,
        "A template (by its name, title or status) is listed, not read as a record.",
    ),
    Rule(
        "ASY602",
        "conflicting-metadata",
        Severity.WARNING,
        "Frontmatter and body state different statuses or dates.",
    ),
    Rule(
        "ASY603",
        "unreadable-relation",
        Severity.WARNING,
        "A line states a relation but names no record.",
    ),
    Rule("ASY604", "template-title", Severity.WARNING, "A record's title is still template text."),
    Rule(
        "ASY605",
        "proposal-without-text",
        Severity.WARNING,
        "A proposal's metadata file has no README beside it.",
    ),
    Rule(
        "ASY701",
        "remote-unavailable",
        Severity.WARNING,
        "Another handbook cannot be read; its records are left out.",
    ),
    Rule(
        "ASY702",
        "remote-version",
        Severity.ERROR,
        "Another handbook's export is of a version this one cannot read.",
    ),
    Rule(
        "ASY703",
        "remote-unlinked",
        Severity.WARNING,
        "Another handbook's records have no address to link them to.",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def find_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by its code (`ASY101`) or its name (`missing-section`)."""
    key = code_or_name.strip()
    return RULES.get(key.upper()) or RULES_BY_NAME.get(key.lower())
