r"""Stage 11: numbers at a data point, exact and as correctly rounded decimals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

import sympy as sp

from symnn.backprop import Backprop
from symnn.derive.paths import _partial
from symnn.derive.records import DataPoint, Value
from symnn.derive.setting import Setting, _count, _n, _parameter_lines, _tex
from symnn.document.model import (
    Block,
    Math,
    Note,
    Prose,
    Section,
    Table,
)
from symnn.document.model import Check as Identity
from symnn.errors import SymnnError
from symnn.exact import exact_vector
from symnn.network import Network

# ============================================================================ 11. numbers at a data point


def data_point(network: Network, record: object) -> DataPoint:
    """A :class:`DataPoint` from a mapping ``{"x": [...], "y": [...], "parameters": ...}``.

    ``parameters`` is either a flat list in ``network.parameters()`` order, or a mapping of
    blocks ``{"W2": [[...], ...], "b2": [...], ...}`` (every block present). Numbers are
    integers, or strings holding exact decimals or fractions (``"0.05"``, ``"1/3"``).

    Examples:
        >>> point = data_point(Network([1, 1]), {"x": ["0.5"], "y": [1], "parameters": {"W2": [["2"]], "b2": [0]}})
        >>> point.theta
        (2, 0)
    """
    if not isinstance(record, Mapping):
        raise SymnnError('the data must be an object with "x", "y" and "parameters"')
    missing = [key for key in ("x", "y", "parameters") if key not in record]
    if missing:
        raise SymnnError(f'the data has no {", ".join(repr(m) for m in missing)}; it needs "x", "y", "parameters"')
    x = tuple(exact_vector(record["x"], network.layers[0], "input x"))
    y = tuple(exact_vector(record["y"], network.layers[-1], "target y"))
    values = record["parameters"]
    if isinstance(values, Mapping):
        flat: list[object] = []
        for name, block in network.parameter_blocks():
            if name not in values:
                raise SymnnError(
                    f"the parameters have no block {name!r} (blocks: W2, b2, ..., W{network.L}, b{network.L})"
                )
            flat += _block_values(values[name], block, name)
        unknown = sorted(set(values) - {name for name, _ in network.parameter_blocks()})
        if unknown:
            raise SymnnError(
                f"unknown parameter block {unknown[0]!r}; the blocks are W2, b2, ..., W{network.L}, b{network.L}"
            )
    elif isinstance(values, list):
        flat = list(values)
    else:
        raise SymnnError('"parameters" must be a list in parameter order or an object of blocks W2, b2, ...')
    theta = tuple(network.assign(flat).values())
    return DataPoint(x, y, theta)


def _block_values(value: object, block: sp.Matrix, name: str) -> list[object]:
    rows, cols = block.shape
    if name.startswith("b"):
        return list(exact_vector(value, rows, f"block {name}"))
    if not isinstance(value, list) or len(value) != rows or not all(isinstance(r, list) for r in value):
        raise SymnnError(f"block {name} must be a list of {rows} rows of {cols} numbers")
    return [entry for row in value for entry in exact_vector(row, cols, f"block {name}")]


def _decimal(value: sp.Expr, digits: int = 12) -> str:
    """``value`` correctly rounded to ``digits`` significant digits (half to even), fixed format.

    ``sympy.N(value, 12)`` alone can be off by one in the last digit; evaluating with 15
    guard digits and rounding in :mod:`decimal` is not.

    Examples:
        >>> _decimal(sp.Rational(5, 8))
        '0.625000000000'
    """
    approx = sp.N(value, digits + 15)
    if approx == 0:
        return "0"
    with localcontext() as context:
        context.prec = digits
        context.rounding = ROUND_HALF_EVEN
        return str(+Decimal(str(approx)))


#: Digits used to run the program numerically for the decimals (12 are printed).
_GUARD_DIGITS = 40


def _stepwise(bp: Backprop, point: Mapping[sp.Symbol, sp.Expr]) -> dict[sp.Symbol, sp.Expr]:
    """Every name of the program as a 40-digit number, one step at a time.

    Evaluating the exact values with ``evalf`` would walk each nested expression as a tree,
    re-evaluating shared sub-expressions (a minute for a 784-30-10 network); the program
    evaluates each named intermediate once.
    """
    numeric: dict[sp.Symbol, sp.Expr] = {s: sp.Float(v, _GUARD_DIGITS) for s, v in point.items()}
    for name, value in bp.program.steps:
        numeric[name] = value.xreplace(numeric).evalf(_GUARD_DIGITS)
    return numeric


def _small(expr: sp.Expr, nodes: int = 40) -> bool:
    """True when ``expr`` has at most ``nodes`` nodes (stops counting early on big trees)."""
    for count, _ in enumerate(sp.preorder_traversal(expr), start=1):
        if count > nodes:
            return False
    return True


def values_at(setting: Setting, data: DataPoint, wrt: Sequence[sp.Symbol]) -> tuple[Section, tuple[Value, ...]]:
    """The forward pass, cost, δ's and gradient at a point: exact where the inputs are exact, and decimals."""
    net, budget = setting.network, setting.budget
    bp = setting.backprop  # symbolic x, y: the point gives their values too
    point = dict(zip(net.parameters(), data.theta, strict=True))
    point |= dict(zip(net.x, data.x, strict=True)) | dict(zip(net.y, data.y, strict=True))
    known = bp.evaluate(point)
    numeric = _stepwise(bp, point)
    names = [s for layer in net.hidden_and_output for s in (*net.z_symbols(layer), *net.a_symbols(layer))]
    names += [s for layer in range(net.L, 1, -1) for s in bp.delta[layer]]
    quantities: list[tuple[str, sp.Expr, sp.Expr]] = [(str(s), known[s], numeric[s]) for s in names]
    a_L = net.a_symbols(net.L)
    cost = (
        net.loss.value(sp.Matrix(data.y), a_L.xreplace(known)),
        net.loss.value(sp.Matrix(data.y), a_L.xreplace(numeric)),
    )
    quantities.insert(len(names) - sum(_n(setting, l) for l in net.hidden_and_output), ("C", *cost))
    params = list(net.parameters())
    listed = params if len(params) <= budget.parameters else list(wrt)
    named = dict(zip(params, bp.gradient(), strict=True))
    # Only the listed entries: 23,860 exact products would take a minute.
    for p in listed:
        entry = named[p]
        quantities.append((f"dC/d{p}", entry.xreplace(known), entry.xreplace(numeric)))
    values = tuple(Value(name, exact, _decimal(number)) for name, exact, number in quantities)
    x_tex = ", ".join(_tex(v) for v in data.x)
    y_tex = ", ".join(_tex(v) for v in data.y)
    blocks: list[Block] = [
        Prose(
            rf"At the input $x = ({x_tex})^T$ with target $y = ({y_tex})^T$ and the parameter values given, "
            r"running the forward program and then Lemma 1 gives the numbers below: exact where short (the inputs "
            r"are exact), and as decimals of 12 significant digits."
        )
    ]
    shown = _parameter_lines(setting, point)
    if shown:
        blocks.append(Math(shown))
    table_rows, long_exact = [], 0
    for value in values:
        exact_tex = _tex(value.exact) if _small(value.exact) else ""
        if not exact_tex or len(exact_tex) > budget.exact_chars:
            long_exact += 1
            exact_tex = ""
        shown_exact = f"${exact_tex}$" if exact_tex else "(long)"
        table_rows.append((f"${_name_tex(value.name)}$", shown_exact, f"${value.decimal}$"))
    blocks.append(Table(("quantity", "exact", "decimal"), tuple(table_rows)))
    if long_exact:
        blocks.append(
            Note(
                f"{long_exact} exact values too long to print (over {budget.exact_chars} characters of LaTeX) are "
                "marked (long); --json gives every exact value."
            )
        )
    if len(params) > budget.parameters:
        blocks.append(Note(f"The gradient has {_count(len(params))} entries; only those named with --wrt are listed."))
    blocks += _value_checks(setting, data, values, listed)
    return Section("Numbers at the data point", tuple(blocks)), values


def _name_tex(name: str) -> str:
    if name.startswith("dC/d"):
        return _partial("C", _tex(sp.Symbol(name[4:])))
    return _tex(sp.Symbol(name))


def _value_checks(setting: Setting, data: DataPoint, values: Sequence[Value], listed: list[sp.Symbol]) -> list[Block]:
    """The printed gradient decimals against direct differentiation (small networks) or the exact values."""
    from symnn.calculus import gradient as direct_gradient_of
    from symnn.verify import approx

    net = setting.network
    printed = {v.name: v for v in values if v.name.startswith("dC/d")}
    if not printed:
        return []
    if len(net.parameters()) <= 40:
        direct = direct_gradient_of(net.point_cost(list(data.x), list(data.y)), listed)
        point = dict(zip(net.parameters(), data.theta, strict=True))
        claims = [
            approx("values", str(p), printed[f"dC/d{p}"].decimal, direct[i].xreplace(point))
            for i, p in enumerate(listed)
        ]
        how = (
            "each printed gradient decimal agrees, to its last printed digit, with sympy.diff of the nested cost "
            "evaluated exactly at the point"
        )
        statement = r"\text{printed } \partial C / \partial \theta \approx \text{direct differentiation}"
    else:
        claims = [approx("values", v.name, v.decimal, v.exact) for v in printed.values()]
        how = "each printed gradient decimal agrees, to its last printed digit, with the exact value"
        statement = r"\text{printed } \partial C / \partial \theta \approx \text{exact values}"
    return [Identity(tuple(claims), statement=statement, how=how)]
