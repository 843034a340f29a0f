"""The checks as one call: sources -> documents -> handbook, with every diagnostic judged by policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity
from .handbook import Handbook, build_handbook
from .lenient import lenient_paths, soften
from .model import Document
from .scan import Scan, scan
from .settings import Settings


@dataclass
class Checked:
    """The scanned files, the handbook built from them, and every problem found on the way."""

    scan: Scan
    handbook: Handbook
    diagnostics: list[Diagnostic]

    @property
    def documents(self) -> list[Document]:
        return self.handbook.documents

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.WARNING]


def run_checks(settings: Settings, progress: Callable[[int, int], None] | None = None) -> Checked:
    """Scan the sources, build the handbook and apply the team's rule policy to all problems.

    `progress(done, total)` is called as files are read (see `scan`).
    """
    result = scan(settings, progress)
    handbook = build_handbook(result.documents)
    diagnostics = settings.rules.apply([*result.diagnostics, *handbook.diagnostics], result.ignored_rules)
    diagnostics = soften(diagnostics, lenient_paths(result.files))
    return Checked(scan=result, handbook=handbook, diagnostics=diagnostics)
