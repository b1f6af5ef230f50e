"""Evaluate an indicator's formula over other indicators: ``grdp_current * 1000 / population``.

Pure Python. Only numbers, indicator codes, + − * / and parentheses are allowed; anything
else is refused when the formula is read, not when it is evaluated.
"""

import ast
import operator
from collections.abc import Callable

_OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over indicator codes."""


class Formula:
    """A parsed formula: its indicator codes and a safe evaluator."""

    def __init__(self, text: str) -> None:
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as error:
            raise FormulaError(f"công thức “{text}” không đọc được: {error.msg}") from error
        self.text = text
        self.codes: set[str] = set()
        self._check(tree.body)
        self._tree = tree.body

    def _check(self, node: ast.AST) -> None:
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            self._check(node.left)
            self._check(node.right)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            self._check(node.operand)
        elif isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return
        elif isinstance(node, ast.Name):
            self.codes.add(node.id)
        else:
            raise FormulaError(
                f"công thức “{self.text}” chỉ được dùng số, mã chỉ số, + − * / và dấu ngoặc"
            )

    def evaluate(self, values: dict[str, float]) -> float | None:
        """Return the value, or None when a code has no value or a division is by zero."""
        if any(values.get(code) is None for code in self.codes):
            return None
        try:
            return self._eval(self._tree, values)
        except ZeroDivisionError:
            return None

    def _eval(self, node: ast.AST, values: dict[str, float]) -> float:
        if isinstance(node, ast.BinOp):
            op = _OPERATORS[type(node.op)]
            return op(self._eval(node.left, values), self._eval(node.right, values))
        if isinstance(node, ast.UnaryOp):
            operand = self._eval(node.operand, values)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(values[node.id])
        raise FormulaError(f"công thức “{self.text}”: {ast.dump(node)}")  # never: _check refused it
