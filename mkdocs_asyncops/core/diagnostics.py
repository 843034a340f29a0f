"""Diagnostics: the rules the handbook is checked against and the problems found.

Every problem the tool reports is a `Diagnostic` naming a file, a line, a stable rule code and a
message that says how to fix it. Rule codes never change meaning once released; see the rules
reference in the user documentation.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

__all__ = [
    "RULES",
    "RULES_BY_NAME",
    "Diagnostic",
    "Rule",
    "RulePolicy",
    "Severity",
    "count",
    "diagnostic",
    "find_rule",
    "parse_severity",
    "rule_codes",
]


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
        "ASY601",
        "template-not-record",
        Severity.INFO,
        "A file with a template's title is not read as a record.",
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


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is, which rule it breaks, how bad it is and how to fix it."""

    path: str
    line: int
    rule: Rule
    message: str
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        return self.severity or self.rule.severity

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.rule.code} {self.rule.name}: {self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.rule.code)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "rule": self.rule.code,
            "name": self.rule.name,
            "severity": self.level.value,
            "message": self.message,
        }


def diagnostic(path: str, line: int, code: str, message: str) -> Diagnostic:
    """Make a diagnostic for the rule with this code."""
    return Diagnostic(path=path, line=max(line, 0), rule=RULES[code], message=message)


class RulePolicy:
    """A team's choices about rules: a severity per rule, or `off`.

    Keys and values come from configuration and may name a rule by code or name; the policy
    rejects unknown rules and severities so that a typo does not silently relax the gate.
    """

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._overrides: dict[str, Severity | None] = {}
        for key, value in (overrides or {}).items():
            rule = find_rule(str(key))
            if rule is None:
                raise ValueError(f"unknown rule {key!r}; see the rules reference for the codes")
            self._overrides[rule.code] = parse_severity(value)

    def apply(
        self, diagnostics: Iterable[Diagnostic], ignored: Mapping[str, frozenset[str]] | None = None
    ) -> list[Diagnostic]:
        """Set each diagnostic's severity by policy, dropping those switched off or ignored."""
        ignored = ignored or {}
        kept = []
        for diag in diagnostics:
            if diag.rule.code in ignored.get(diag.path, frozenset()):
                continue
            if diag.rule.code in self._overrides:
                severity = self._overrides[diag.rule.code]
                if severity is None:
                    continue
                diag = replace(diag, severity=severity)
            kept.append(diag)
        return sorted(kept, key=Diagnostic.sort_key)


def parse_severity(value: object) -> Severity | None:
    """Read a severity from configuration: error, warning, info, or off (also false)."""
    if value is False or value is None:
        return None
    text = str(value).strip().lower()
    if text in {"off", "ignore", "none", "false", "disabled"}:
        return None
    try:
        return Severity(text)
    except ValueError:
        raise ValueError(f"unknown severity {value!r}; use error, warning, info or off") from None


def rule_codes(names: Iterable[object]) -> frozenset[str]:
    """The codes of the rules named (by code or name); unknown names are returned apart."""
    return frozenset(rule.code for rule in (find_rule(str(n)) for n in names) if rule is not None)


def count(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """How many diagnostics there are of each severity."""
    totals = {severity.value: 0 for severity in Severity}
    for diag in diagnostics:
        totals[diag.level.value] += 1
    return totals
