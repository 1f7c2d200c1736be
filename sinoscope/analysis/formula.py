"""Arithmetic over named inputs, written as text so the method a derived figure uses can be printed.

`{ic-market-size}` names an indicator; `{robot-import-share-japan[by value]}` one breakdown of it.
Only numbers, the four operations, powers, unary minus and brackets are allowed: a formula is data a
reviewer reads, not code that runs.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}


@dataclass(frozen=True)
class Formula:
    text: str
    names: tuple[str, ...]
    """The placeholders, in order of first use."""
    tree: ast.Expression


def parse(text: str) -> Formula:
    """Raises ValueError for anything but arithmetic over placeholders and numbers."""
    names = tuple(dict.fromkeys(m.group(1).strip() for m in _PLACEHOLDER.finditer(text)))
    if not names:
        raise ValueError(f"formula {text!r} names no input")
    slots = {n: f"_v{i}" for i, n in enumerate(names)}
    code = _PLACEHOLDER.sub(lambda m: slots[m.group(1).strip()], text)
    try:
        tree = ast.parse(code, mode="eval")
    except SyntaxError as err:
        raise ValueError(f"formula {text!r}: {err.msg}") from None
    for node in ast.walk(tree):
        if not _allowed(node, set(slots.values())):
            raise ValueError(f"formula {text!r}: only numbers, + - * / ** and brackets are allowed")
    return Formula(text, names, tree)


def _allowed(node: ast.AST, slots: set[str]) -> bool:
    if isinstance(node, ast.BinOp):
        return type(node.op) in _BINARY
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.USub)
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    if isinstance(node, ast.Name):
        return node.id in slots
    return isinstance(node, ast.Expression | ast.Load | ast.operator | ast.unaryop)


def evaluate(formula: Formula, values: Mapping[str, float]) -> float:
    """Raises KeyError for a missing input and ZeroDivisionError for a zero divisor."""
    slots = {f"_v{i}": float(values[n]) for i, n in enumerate(formula.names)}

    def ev(node: ast.expr) -> float:
        if isinstance(node, ast.Constant):
            assert isinstance(node.value, int | float)
            return float(node.value)
        if isinstance(node, ast.Name):
            return slots[node.id]
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand)
        assert isinstance(node, ast.BinOp)
        return _BINARY[type(node.op)](ev(node.left), ev(node.right))

    return ev(formula.tree.body)
