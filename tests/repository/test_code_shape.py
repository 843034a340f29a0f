"""The package stays readable: no function longer than a screen, no module past a few screens."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mkdocs_asyncops

PACKAGE = Path(mkdocs_asyncops.__file__).parent
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
MODULES = sorted(PACKAGE.rglob("*.py"))


def _too_long(source: str) -> list[str]:
    """`name (N lines)` for each function or method in `source` over the limit, decorators and
    docstring included."""
    long = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            lines = (node.end_lineno or node.lineno) - first + 1
            if lines > MAX_FUNCTION_LINES:
                long.append(f"{node.name} ({lines} lines)")
    return long


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_functions_and_modules_stay_short(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    assert lines <= MAX_MODULE_LINES, (
        f"{lines} lines; split the module along a seam (one job per module)"
    )
    assert _too_long(source) == [], "split these into named helpers with one job each"


def test_the_check_sees_long_functions_and_every_module() -> None:
    body = "\n".join(f"        x = {n}" for n in range(MAX_FUNCTION_LINES))
    source = f"@decorated\nclass A:\n    def short(self):\n        pass\n\n    async def long(self):\n{body}\n"
    assert _too_long(source) == [f"long ({MAX_FUNCTION_LINES + 1} lines)"]
    assert _too_long(source.replace(body, body.split("\n", 1)[1])) == []
    assert {"pipeline.py", "plugin.py", "frontmatter.py"} <= {path.name for path in MODULES}
