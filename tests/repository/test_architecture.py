"""The package's layers, read from its imports (docs/reference/architecture.md, ADR-0019).

Every `import` and `from ... import` of every module counts, inside functions and under
`TYPE_CHECKING` too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT

PACKAGE = REPO_ROOT / "mkdocs_asyncops"

# Lowest first; a unit may import its own rank and any lower one, never a higher one. The two faces
# rank apart: the CLI may use the MkDocs face's config reading (mkdocs_asyncops.mkdocs.config), the
# MkDocs face never uses the CLI. `pipeline` runs the stages up to the boards; `render` draws
# pipeline results. The package's `__init__` holds only the version; the entry shims
# (`__main__`, `plugin`) only point at a face.
LAYERS = (
    ("errors", "dates", "core", "__init__"),
    ("reading",),
    ("imports",),
    ("handbook",),
    ("history",),
    ("health",),
    ("boards",),
    ("pipeline",),
    ("render",),
    ("edit",),
    ("mkdocs",),
    ("cli", "assistants"),
    ("__main__", "plugin"),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}

# Imports that break the order today, each with why it stays and what would remove it. The test
# fails when one of them is gone too, so the list only shrinks.
KNOWN_UPWARD = {
    # The parser asks the imported formats (adr-tools, MADR, log4brains) to adopt a document they
    # recognise: the adapters read with reading's own outline and frontmatter, and the parser
    # calls them back. Removing it means passing the adapters into `read_document`.
    ("mkdocs_asyncops.reading.parse", "mkdocs_asyncops.imports"),
    ("mkdocs_asyncops.reading.parse", "mkdocs_asyncops.imports.findings"),
    ("mkdocs_asyncops.reading.parse", "mkdocs_asyncops.imports.normalise"),
    ("mkdocs_asyncops.reading.parse", "mkdocs_asyncops.imports.adoption"),
    ("mkdocs_asyncops.reading.parse", "mkdocs_asyncops.imports.proposal_formats"),
    ("mkdocs_asyncops.reading.parse", "mkdocs_asyncops.imports.proposals"),
}

# Who may import the site generators: the MkDocs face only.
MKDOCS_ALLOWED = ("mkdocs_asyncops.mkdocs",)
# Who may open git repositories: the history engine, the pull-request size (a diff between two
# revisions) and the scaffolder (the author's name from git's config).
PYGIT2_ALLOWED = (
    "mkdocs_asyncops.history",
    "mkdocs_asyncops.boards.pull_requests",
    "mkdocs_asyncops.edit.scaffold",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of everything `path` imports; `from X import y` gives
    `X.y` when `X.y` is a module of the package, else `X`."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                yield node.lineno, submodule if submodule in MODULES else module


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
IMPORTS = {
    (importer, imported, line)
    for importer, path in MODULES.items()
    for line, imported in imports(path)
}


def unit(module: str) -> str:
    """The subpackage (or top-level module) of the package that `module` belongs to."""
    return module.split(".")[1] if "." in module else "__init__"


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def report(offending: list[tuple[str, str, int]]) -> str:
    return "\n".join(
        f"  {MODULES[a].relative_to(REPO_ROOT)}:{n} imports {b}" for a, b, n in offending
    )


def package_imports() -> list[tuple[str, str, int]]:
    return sorted((a, b, n) for a, b, n in IMPORTS if within(b, ("mkdocs_asyncops",)))


def test_the_import_reader_sees_the_package() -> None:
    """A rule over no imports passes on nothing: the reader must find the known edges."""
    found = {(a, b.partition(".")[0]) for a, b, _ in IMPORTS} | {(a, b) for a, b, _ in IMPORTS}
    assert ("mkdocs_asyncops.mkdocs.plugin", "mkdocs") in found
    assert ("mkdocs_asyncops.history.walk", "pygit2") in found
    assert ("mkdocs_asyncops.cli.main", "mkdocs_asyncops.cli.commands") in found
    assert ("mkdocs_asyncops.plugin", "mkdocs_asyncops.mkdocs.plugin") in found
    assert set(map(unit, MODULES)) <= set(RANK), set(map(unit, MODULES)) - set(RANK)


@pytest.mark.parametrize(
    ("library", "allowed", "known"),
    [
        ("mkdocs", MKDOCS_ALLOWED, set()),
        ("properdocs", MKDOCS_ALLOWED, set()),
        ("material", MKDOCS_ALLOWED, set()),
        ("pygit2", PYGIT2_ALLOWED, set()),
    ],
)
def test_only_the_allowed_modules_import(
    library: str, allowed: tuple[str, ...], known: set[str]
) -> None:
    users = sorted((a, b, n) for a, b, n in IMPORTS if within(b, (library,)))
    offending = [(a, b, n) for a, b, n in users if not within(a, allowed) and a not in known]
    assert not offending, f"only {', '.join(allowed)} may import {library}:\n{report(offending)}"
    assert known <= {a for a, _, _ in users}, f"no longer imports {library}: {known}; drop it"


def test_the_cli_never_imports_the_plugin() -> None:
    users = [
        (a, b, n)
        for a, b, n in package_imports()
        if unit(a) == "cli" and within(b, ("mkdocs_asyncops.mkdocs.plugin",))
    ]
    assert not users, f"the CLI imports the MkDocs plugin:\n{report(users)}"


def test_layers_never_import_upward() -> None:
    upward = [
        (a, b, n)
        for a, b, n in package_imports()
        if RANK[unit(b)] > RANK[unit(a)] or (unit(a) == "mkdocs" and unit(b) == "cli")
    ]
    offending = [(a, b, n) for a, b, n in upward if (a, b) not in KNOWN_UPWARD]
    assert not offending, "imports from a higher layer:\n" + report(offending)
    gone = KNOWN_UPWARD - {(a, b) for a, b, _ in upward}
    assert not gone, f"these known exceptions are fixed; remove them from KNOWN_UPWARD: {gone}"


def test_no_import_cycles_between_subpackages() -> None:
    graph: dict[str, set[str]] = {}
    for a, b, _ in package_imports():
        if unit(a) != unit(b) and (a, b) not in KNOWN_UPWARD:
            graph.setdefault(unit(a), set()).add(unit(b))
    cycles = []
    for start in sorted(graph):
        path, seen = [start], {start}
        stack = [iter(sorted(graph[start]))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                seen.discard(path.pop())
            elif step == start:
                cycles.append(" -> ".join([*path, start]))
            elif step not in seen and step in graph and step > start:
                path.append(step)
                seen.add(step)
                stack.append(iter(sorted(graph[step])))
    assert not cycles, "import cycles between subpackages:\n  " + "\n  ".join(cycles)


PUBLIC_MODULES = (
    "mkdocs_asyncops.plugin",
    "mkdocs_asyncops.cli",
    "mkdocs_asyncops.errors",
    "mkdocs_asyncops.dates",
    "mkdocs_asyncops.pipeline",
    "mkdocs_asyncops.mkdocs.plugin",
    "mkdocs_asyncops.mkdocs.config",
    "mkdocs_asyncops.handbook.records",
    *(
        f"mkdocs_asyncops.core.{path.stem}"
        for path in sorted((PACKAGE / "core").glob("*.py"))
        if path.stem != "__init__"
    ),
)
"""What other code (and users' own plugins) import: the entry points, the core, the pipeline."""


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_public_modules_say_what_they_export(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported, f"{name} declares no __all__"
    missing = [item for item in exported if not hasattr(module, item)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
