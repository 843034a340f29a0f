"""Lenient folders: an imported decision log whose format problems are warnings, not failures.

A team adopting an old log gets every problem in it reported, without the build failing on
records nobody will rewrite; documents in the other folders stay strict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..core.diagnostics import Diagnostic, Severity
from ..core.settings import Settings
from ..reading.model import SourceFile


def lenient_paths(files: Iterable[SourceFile]) -> frozenset[str]:
    """The paths of the files read from lenient folders."""
    return frozenset(source.path for source in files if source.folder.lenient)


def soften(diagnostics: Iterable[Diagnostic], paths: frozenset[str]) -> list[Diagnostic]:
    """Errors in the files at `paths` as warnings; everything else unchanged."""
    return [
        replace(d, severity=Severity.WARNING)
        if d.path in paths and d.level is Severity.ERROR
        else d
        for d in diagnostics
    ]


def all_lenient(settings: Settings) -> Settings:
    """These settings with every source folder lenient (`asyncops check --lenient`)."""
    return replace(settings, folders=[replace(folder, lenient=True) for folder in settings.folders])
