"""Diagnostics: the problems found, and the team's policy over the rules (`rules.py`).

Every problem the tool reports is a `Diagnostic` naming a file, a line, a stable rule code and a
message that says how to fix it. Rule codes never change meaning once released; see the rules
reference in the user documentation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from .rules import RULES, RULES_BY_NAME, Rule, Severity, find_rule

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


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is, which rule it breaks, how bad it is and how to fix it."""

    path: str
    line: int
    rule: Rule
    message: str
    severity: Severity | None = None
    baselined: bool = False
    """Recorded in the baseline (`baseline.py`): shown as such, never failing."""

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
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "rule": self.rule.code,
            "name": self.rule.name,
            "severity": self.level.value,
            "message": self.message,
        }
        if self.baselined:
            data["baselined"] = True
        return data


def diagnostic(path: str, line: int, code: str, message: str) -> Diagnostic:
    """Make a diagnostic for the rule with this code."""
    return Diagnostic(path=path, line=max(line, 0), rule=RULES[code], message=message)


class RulePolicy:
    """A team's choices about rules: a severity per rule, or `off`.

    Keys and values come from configuration and may name a rule by code or name; the policy
    rejects unknown rules and severities so that a typo does not silently relax the gate.
    """

    def __init__(self, overrides: Mapping[str, object] | None = None) -> None:
        self._overrides: dict[str, Severity | None] = {}
        self.since: dict[str, date] = {}
        """Rules that apply only to documents created on or after a day: code -> day."""
        for key, value in (overrides or {}).items():
            rule = find_rule(str(key))
            if rule is None:
                raise ValueError(f"unknown rule {key!r}; see the rules reference for the codes")
            if isinstance(value, Mapping):
                self._phase_in(rule, value)
            else:
                self._overrides[rule.code] = parse_severity(value)

    def _phase_in(self, rule: Rule, settings: Mapping[object, object]) -> None:
        """`{since: 2026-01-01, severity: warning}`: the rule judges only newer documents."""
        unknown = set(map(str, settings)) - {"since", "severity"}
        if unknown:
            raise ValueError(
                f"rules.{rule.name}: unknown setting {min(unknown)!r}; use since, severity"
            )
        if "severity" in settings:
            self._overrides[rule.code] = parse_severity(settings["severity"])
        if "since" in settings:
            since = settings["since"]
            try:
                day = since if isinstance(since, date) else date.fromisoformat(str(since))
            except ValueError:
                raise ValueError(
                    f"rules.{rule.name}.since: {since!r} is not a date; write YYYY-MM-DD"
                ) from None
            self.since[rule.code] = day.date() if isinstance(day, datetime) else day

    def apply(
        self,
        diagnostics: Iterable[Diagnostic],
        ignored: Mapping[str, frozenset[str]] | None = None,
        created: Mapping[str, date] | None = None,
    ) -> list[Diagnostic]:
        """Set each diagnostic's severity by policy, dropping those switched off or ignored,
        and those of a rule phased in after the document was `created` (by path)."""
        ignored = ignored or {}
        created = created or {}
        kept = []
        for diag in diagnostics:
            if diag.rule.code in ignored.get(diag.path, frozenset()):
                continue
            since = self.since.get(diag.rule.code)
            if since is not None and diag.path in created and created[diag.path] < since:
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
    """How many diagnostics there are of each severity (baselined ones apart, when any)."""
    totals = {severity.value: 0 for severity in Severity}
    for diag in diagnostics:
        if diag.baselined:
            totals["baselined"] = totals.get("baselined", 0) + 1
        else:
            totals[diag.level.value] += 1
    return totals
