"""A safe arithmetic formula, for ranking integrations by their priority scores.

The formula comes from configuration, so it is parsed, never `eval`-ed: only numbers, score
names, `+ - * /`, parentheses and `min`, `max`, `abs` are allowed. Anything else (attributes,
subscripts, other calls, strings) is rejected when the formula is read, with a message.

    >>> Formula.parse("customer_demand * 2 + market_differentiation - technical_complexity")(
    ...     {"customer_demand": 5, "market_differentiation": 3, "technical_complexity": 2})
    11.0
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..errors import AsyncOpsError

__all__ = ["DEFAULT_PRIORITY", "Formula", "FormulaError"]

DEFAULT_PRIORITY = "customer_demand * 2 + market_differentiation - technical_complexity"

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}
_FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs}
_MAX_LENGTH = 500


class FormulaError(AsyncOpsError):
    """A formula that cannot be used; the message says what is wrong with it."""


@dataclass(frozen=True)
class Formula:
    """A parsed formula; call it with the scores to get a number (None if a score is missing)."""

    text: str
    tree: ast.expr
    names: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Formula:
        if len(text) > _MAX_LENGTH:
            raise FormulaError(f"the formula is longer than {_MAX_LENGTH} characters")
        try:
            tree = ast.parse(text.strip(), mode="eval").body
        except SyntaxError as exc:
            raise FormulaError(f"{text!r} is not a formula: {exc.msg}") from None
        except ValueError:  # before Python 3.11.4 a null byte is refused so, not with a SyntaxError
            raise FormulaError(f"{text!r} is not a formula: it holds a null byte") from None
        names: set[str] = set()
        _check(tree, names)
        return cls(text=text, tree=tree, names=frozenset(names))

    def __call__(self, scores: Mapping[str, object]) -> float | None:
        values: dict[str, float] = {}
        for name in self.names:
            value = scores.get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return None
            values[name] = float(value)
        try:
            return round(float(_evaluate(self.tree, values)), 6)
        except (ZeroDivisionError, OverflowError):
            return None


def _check(node: ast.AST, names: set[str]) -> None:
    """Accept only the allowed node types, collecting the score names used."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return
    if isinstance(node, ast.Name):
        names.add(node.id)
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check(node.left, names)
        _check(node.right, names)
        return
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        _check(node.operand, names)
        return
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and node.args
        and not node.keywords
    ):
        for argument in node.args:
            _check(argument, names)
        return
    shown = ast.unparse(node) if isinstance(node, ast.expr) else type(node).__name__
    raise FormulaError(
        f"{shown!r} is not allowed in a formula; use numbers, score names, + - * /, "
        "parentheses, min(), max() and abs()"
    )


def _evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, (int, float))  # _check admits numbers only
        return float(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, values), _evaluate(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_evaluate(node.operand, values))
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    return _FUNCTIONS[node.func.id](*(_evaluate(argument, values) for argument in node.args))
