"""Settings for history, staleness, the system catalog and coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..health.drift import DEFAULT_DRIFT, DriftLimit
from ..health.staleness import DEFAULT_MAX_AGE


@dataclass(frozen=True)
class HealthSettings:
    """What the history-based reports read and the thresholds they judge by."""

    history: bool = True
    """Read git history; without it nothing is stale and coverage measures existence."""
    max_age: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MAX_AGE))
    """Days each kind may go unchanged and unreviewed; 0 or absent: never stale."""
    drift: dict[str, DriftLimit] = field(default_factory=lambda: dict(DEFAULT_DRIFT))
    """The commits or lines of code each kind's systems may change before a document drifts."""
    catalog_files: tuple[str, ...] = ()
    """Catalog files relative to the project root (this tool's format or Backstage's)."""
    systems: tuple[dict[str, Any], ...] = ()
    """Systems defined inline in the configuration."""
    system_types: dict[str, list[str]] = field(default_factory=dict)
    """System type -> required kinds, over the defaults."""
    coverage_minimum: float = 90.0
    """The least coverage, in percent, that passes the gate."""
    config_name: str = "mkdocs.yml"
    """Where diagnostics about the configuration as a whole point."""

    @property
    def has_catalog(self) -> bool:
        return bool(self.catalog_files or self.systems)
