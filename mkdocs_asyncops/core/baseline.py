"""A baseline: the findings a log had when it adopted the rules, kept in a committed file.

A team adopting strict rules on an old log records today's findings (`asyncops baseline`); they
are then shown as baselined and do not fail, while every new finding does. A finding is known by
a fingerprint that survives lines moving: its file, its rule, what it is about (the heading or
frontmatter key on its line, else that line's text) and its message without line numbers.
Several equal findings in one file are counted, so a second copy of a known one is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import AsyncOpsError
from .diagnostics import Diagnostic, Severity

__all__ = [
    "BASELINE_NAME",
    "BaselineError",
    "Finding",
    "apply",
    "baseline_text",
    "findings",
    "load",
]


BASELINE_NAME = ".asyncops-baseline.json"
"""The baseline's file, at the project root."""

_LINE_NUMBERS = re.compile(r"\b(lines?) \d+(?:(?:, | and )\d+)*")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


class BaselineError(AsyncOpsError):
    """A baseline file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Finding:
    fingerprint: str
    path: str
    rule: str
    anchor: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "fingerprint": self.fingerprint,
            "path": self.path,
            "rule": self.rule,
            "anchor": self.anchor,
            "message": self.message,
        }


def findings(diagnostics: Iterable[Diagnostic], root: Path) -> list[Finding]:
    """The findings worth a baseline (errors and warnings), each with its fingerprint."""
    lines = _Lines(root)
    found = []
    for d in diagnostics:
        if d.level is Severity.INFO and not d.baselined:
            continue
        anchor = lines.anchor(d.path, d.line)
        message = _LINE_NUMBERS.sub(r"\1", " ".join(d.message.split()))
        digest = hashlib.sha256(f"{d.path}\0{d.rule.code}\0{anchor}\0{message}".encode())
        found.append(Finding(digest.hexdigest()[:20], d.path, d.rule.code, anchor, message))
    return found


def baseline_text(entries: Iterable[Finding]) -> str:
    """The baseline file's text, sorted so that its diffs read well (`edit.file_writes` writes it)."""
    rows = sorted((f.to_dict() for f in entries), key=lambda f: (f["path"], f["rule"], f["anchor"]))
    return json.dumps({"version": 1, "findings": rows}, indent=2) + "\n"


def load(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline holds; empty when there is none."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Counter()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path.name}: cannot read the baseline ({exc})") from None
    rows = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(
        isinstance(r, dict) and isinstance(r.get("fingerprint"), str) for r in rows
    ):
        raise BaselineError(
            f"{path.name}: not a baseline (expected `findings` with fingerprints); "
            "write it again with `asyncops baseline`"
        )
    return Counter(row["fingerprint"] for row in rows)


def apply(diagnostics: list[Diagnostic], known: Counter[str], root: Path) -> list[Diagnostic]:
    """The diagnostics with those the baseline holds marked baselined (shown, never failing)."""
    if not known:
        return diagnostics
    left = Counter(known)
    marked = []
    for d, finding in zip(diagnostics, _all_findings(diagnostics, root), strict=True):
        if finding is not None and left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            d = replace(d, severity=Severity.INFO, baselined=True)
        marked.append(d)
    return marked


def _all_findings(diagnostics: list[Diagnostic], root: Path) -> list[Finding | None]:
    failing = [d for d in diagnostics if d.level is not Severity.INFO]
    by_id = {id(d): f for d, f in zip(failing, findings(failing, root), strict=True)}
    return [by_id.get(id(d)) for d in diagnostics]


class _Lines:
    """The text of the lines findings point at, each file read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, list[str]] = {}

    def anchor(self, path: str, line: int) -> str:
        if line <= 0:
            return ""
        if path not in self.files:
            try:
                self.files[path] = (self.root / path).read_text("utf-8", "replace").split("\n")
            except OSError:
                self.files[path] = []
        text = self.files[path][line - 1] if line <= len(self.files[path]) else ""
        if heading := _HEADING.match(text):
            return f"heading:{heading.group(1)}"
        if key := _KEY.match(text):
            return f"key:{key.group(1)}"
        return f"line:{' '.join(text.split())}"
