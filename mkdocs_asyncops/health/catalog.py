"""The system catalog: the systems a handbook must document, who owns them, what each needs.

Systems come from `mkdocs.yml` (`systems:`), from catalog files in this tool's format
(`systems:` and `types:` at the top), or from Backstage `catalog-info.yaml` files, whose
`Component` and `System` entities become systems. A system's type says which document kinds it
requires (`service` -> design, runbook); a system may list its own with `requires:`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import Settings
from ..reading.source_text import decode
from ..reading.sources import display_path

DEFAULT_REQUIREMENTS: dict[str, list[str]] = {
    "service": ["design", "runbook"],
    "website": ["design", "runbook"],
    "library": ["design"],
    "integration": ["integration"],
    "system": ["design"],
}
"""Document kinds each system type requires, unless configured otherwise."""

BACKSTAGE_KINDS = {"component", "system"}


@dataclass(frozen=True)
class System:
    """Something the handbook must document."""

    name: str
    owner: str
    type: str
    requires: tuple[str, ...]
    paths: tuple[str, ...] = ()
    """Code paths (relative to the project root) whose authors count towards the bus factor."""
    origin: str = "mkdocs.yml"
    line: int = 0


@dataclass
class Catalog:
    """Every system, by name, and the problems met reading them."""

    systems: dict[str, System] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _LineLoader(yaml.SafeLoader):
    """The safe loader, recording the line of every mapping under `__line__`."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_catalog(settings: Settings) -> Catalog:
    """The reading step for the catalog: the systems the settings define and their catalog files,
    read before anything is judged (`pipeline.run_checks`), so `assess` reads no file."""
    options = settings.health
    return load_catalog(
        settings.root, options.catalog_files, options.systems, options.system_types, settings.kinds
    )


def load_catalog(
    root: Path,
    files: Iterable[str],
    inline: Iterable[Mapping[str, Any]],
    types: Mapping[str, list[str]],
    kinds: Iterable[str],
) -> Catalog:
    """Systems from the `inline` entries and the catalog `files` (relative to `root`)."""
    requirements = {**DEFAULT_REQUIREMENTS, **{str(k): list(v) for k, v in types.items()}}
    reader = _Reader(requirements, frozenset(kinds))
    for entry in inline:
        reader.add(entry, "mkdocs.yml", 0)
    for name in files:
        path = root / name
        shown = display_path(path, root)
        try:
            text = decode(path.read_bytes()).text
            documents = list(yaml.load_all(text, Loader=_LineLoader))
        except OSError as exc:
            reader.problem(
                shown,
                0,
                f"the catalog file cannot be read ({exc.strerror}); fix the path under `catalog:`",
            )
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 0
            reason = getattr(exc, "problem", None) or "not YAML"
            reader.problem(shown, line, f"the catalog does not parse ({reason}); fix the YAML")
            continue
        for document in documents:
            reader.read_document(document, shown)
    return reader.catalog


class _Reader:
    def __init__(self, requirements: dict[str, list[str]], kinds: frozenset[str]) -> None:
        self.requirements = requirements
        self.kinds = kinds
        self.catalog = Catalog()

    def problem(self, origin: str, line: int, message: str) -> None:
        self.catalog.diagnostics.append(diagnostic(origin, line, "ASY405", message))

    def read_document(self, document: Any, origin: str) -> None:
        if document is None:
            return
        if not isinstance(document, dict):
            self.problem(
                origin, 0, "a catalog holds `systems:` or Backstage entities; this holds neither"
            )
            return
        if "apiVersion" in document:
            self.read_entity(document, origin)
            return
        types = document.get("types") or {}
        if isinstance(types, dict):
            for name, kinds in types.items():
                if name != "__line__":
                    self.requirements[str(name)] = (
                        [str(k) for k in kinds] if isinstance(kinds, list) else [str(kinds)]
                    )
        systems = document.get("systems")
        if not isinstance(systems, list):
            self.problem(origin, document["__line__"], "expected `systems:` with a list of systems")
            return
        for entry in systems:
            if isinstance(entry, dict):
                self.add(entry, origin, entry.get("__line__", 0))
            else:
                self.problem(
                    origin,
                    document["__line__"],
                    f"system {entry!r} is not a mapping; give it name, owner and type",
                )

    def read_entity(self, entity: dict[str, Any], origin: str) -> None:
        """A Backstage entity: Components and Systems become systems, other kinds are skipped."""
        kind = str(entity.get("kind", "")).casefold()
        if kind not in BACKSTAGE_KINDS:
            return
        metadata = entity.get("metadata")
        metadata = metadata if isinstance(metadata, dict) else {}
        spec = entity.get("spec")
        spec = spec if isinstance(spec, dict) else {}
        default_type = "system" if kind == "system" else "service"
        entry = {
            "name": metadata.get("name"),
            "owner": spec.get("owner", ""),
            "type": spec.get("type", default_type) if kind == "component" else default_type,
        }
        annotations = metadata.get("annotations")
        annotations = annotations if isinstance(annotations, dict) else {}
        if "asyncops/requires" in annotations:
            entry["requires"] = str(annotations["asyncops/requires"]).split(",")
        self.add(entry, origin, entity["__line__"])

    def add(self, entry: Mapping[str, Any], origin: str, line: int) -> None:
        name = str(entry.get("name") or "").strip()
        if not name:
            self.problem(
                origin, line, "a system has no `name`; name it as documents' `systems:` do"
            )
            return
        if name in self.catalog.systems:
            first = self.catalog.systems[name]
            self.problem(
                origin,
                line,
                f"system {name!r} is already defined at {first.origin}:{first.line}; keep one",
            )
            return
        system_type = str(entry.get("type") or "service")
        requires = entry.get("requires")
        if requires is None:
            if system_type not in self.requirements:
                known = ", ".join(sorted(self.requirements))
                self.problem(
                    origin,
                    line,
                    f"system {name!r} has type {system_type!r}, which requires no kinds; use one of "
                    f"{known}, add it under `system_types:`, or give the system `requires:`",
                )
                return
            requires = self.requirements[system_type]
        requires = [
            str(kind).strip() for kind in ([requires] if isinstance(requires, str) else requires)
        ]
        unknown = [kind for kind in requires if kind not in self.kinds]
        if unknown:
            self.problem(
                origin,
                line,
                f"system {name!r} requires unknown kind {unknown[0]!r}; use a defined kind",
            )
            return
        paths = entry.get("paths") or []
        self.catalog.systems[name] = System(
            name=name,
            owner=str(entry.get("owner") or ""),
            type=system_type,
            requires=tuple(dict.fromkeys(requires)),
            paths=tuple(str(p).strip("/") for p in ([paths] if isinstance(paths, str) else paths)),
            origin=origin,
            line=line,
        )
