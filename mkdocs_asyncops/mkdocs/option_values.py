"""Option values from the configuration file made into the core's values, each problem a
`SettingsError` naming the option."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from ..core.kinds import SectionSpec
from ..core.settings import SettingsError
from ..dates import parse_today

__all__ = ["rule_values", "section_specs", "site_path", "today_option"]


def site_path(option: str, value: str, example: str) -> str:
    """`value` normalised as a path inside the site (`""` stays: nothing is generated), or a
    `SettingsError` naming the option: an absolute path or one that climbs out is refused."""
    if not value:
        return ""
    path = posixpath.normpath(value)
    if (
        value.startswith("/")
        or "\\" in value
        or re.match(r"[A-Za-z]:", value)
        or path in (".", "..")
        or path.startswith("../")
    ):
        raise SettingsError(
            f"{option}: {value!r} must be a relative path inside the site, like {example}"
        )
    return path


def today_option(value: object) -> datetime | None:
    """The `today` option as the moment the boards are judged at, or a `SettingsError`."""
    if value is not None and not isinstance(value, (str, date)):
        raise SettingsError(f"today: {value!r} is not a date like 2026-11-24")
    try:
        return parse_today(value)
    except ValueError as exc:
        raise SettingsError(f"today: {exc}") from None


def rule_values(rules: dict[str, Any]) -> dict[str, Any]:
    """Severities as text (`false` is off); a `{since: ..., severity: ...}` mapping as it is."""
    return {
        key: value if isinstance(value, dict) else "off" if value is False else str(value)
        for key, value in rules.items()
    }


def section_specs(option: str, values: Iterable[object]) -> list[SectionSpec]:
    """`pull_requests` sections (names, or `{name, aliases}`) as the core's section specs."""
    try:
        return [
            SectionSpec.model_validate({"name": v} if isinstance(v, str) else v) for v in values
        ]
    except ValidationError as exc:
        raise SettingsError(
            f"pull_requests.{option}: write each section as a name or `{{name: ..., aliases: [...]}}` "
            f"({exc.errors()[0]['msg']})"
        ) from None
