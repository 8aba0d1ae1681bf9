r"""The exact check that the matrix program equals the element-wise program, at chosen widths.

The activations are replaced by *oracle* functions σ_l, σ'_l: undefined SymPy functions
that evaluate, at a rational argument, to a random rational drawn once per (function,
argument) and then remembered. Both programs are then run exactly in rational arithmetic
at the same random point over N columns; equal gradients (and costs) at random points
prove, with high probability (Schwartz–Zippel), that the two programs are the same
polynomial in the atoms σ_l(z), σ'_l(z), hence equal for every activation.
A softmax output keeps its real exponentials; those entries are compared with
:func:`symnn.exact.is_zero`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from symnn.activations import Activation
from symnn.exact import is_zero
from symnn.losses import Loss
from symnn.matrix.evaluate import evaluate
from symnn.network import Network

__all__ = ["MatrixCheck", "check_matrix_program", "oracle_activations", "width_samples"]


class _Oracle:
    """Random rational values for σ_l(q), σ'_l(q), drawn once per (name, q)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.table: dict[tuple[str, sp.Expr], sp.Rational] = {}

    def value(self, name: str, argument: sp.Expr) -> sp.Rational:
        key = (name, argument)
        if key not in self.table:
            q = self.rng.randint(2, 9)
            self.table[key] = sp.Rational(self.rng.randint(-3 * q, 3 * q), q)
        return self.table[key]


def oracle_activations(layers: range, seed: int, logistic_output: bool = False) -> list[Activation]:
    """One oracle activation σ_l (derivative σ'_l) per layer in ``layers``, sharing one table.

    With ``logistic_output`` the last one is a *logistic* oracle, σ' = σ(1 − σ), named
    ``"sigmoid"`` (binary cross-entropy needs that identity of its output layer).
    """
    oracle = _Oracle(seed)
    t = sp.Symbol("t")
    made = []
    for layer in layers:
        if logistic_output and layer == layers[-1]:
            sigma = type(f"sigma_{layer}", (sp.Function,), {"eval": classmethod(_rule(oracle))})
            made.append(
                Activation("sigmoid", sp.Lambda(t, sigma(t)), sp.Lambda(t, sigma(t) * (1 - sigma(t))), r"\sigma")
            )
            continue

        rule = _rule(oracle)
        prime = type(f"sigmaprime_{layer}", (sp.Function,), {"eval": classmethod(rule)})
        sigma = type(
            f"sigma_{layer}",
            (sp.Function,),
            {"eval": classmethod(rule), "fdiff": lambda self, argindex=1, p=prime: p(self.args[0])},
        )
        made.append(Activation(f"sigma_{layer}", sp.Lambda(t, sigma(t)), sp.Lambda(t, prime(t)), rf"\sigma_{layer}"))
    return made


def _rule(oracle: _Oracle):  # type: ignore[no-untyped-def]
    def rule(cls: type, argument: sp.Expr) -> sp.Expr | None:
        return oracle.value(cls.__name__, argument) if argument.is_Rational else None

    return rule


@dataclass(frozen=True)
class MatrixCheck:
    """One comparison of the two programs.

    Attributes:
        layers: the widths compared.
        columns: N, the points in the batch.
        entries: how many gradient entries were compared (plus the cost).
        ok: whether all were equal.
    """

    layers: tuple[int, ...]
    columns: int
    entries: int
    ok: bool


def _rationals(rng: random.Random, rows: int, cols: int) -> list[list[sp.Rational]]:
    return [[sp.Rational(rng.randint(-20, 20), rng.randint(1, 9)) for _ in range(cols)] for _ in range(rows)]


def _equal(a: sp.Expr, b: sp.Expr) -> bool:
    """Exactly equal; a 30-digit evaluation first rules out clear differences (is_zero may be slow on those)."""
    if a == b:
        return True
    difference = sp.sympify(a - b)
    estimate = difference.evalf(30)
    if estimate.is_Number and abs(estimate) > sp.Float("1e-20", 30):
        return False
    return is_zero(difference) is True


def check_matrix_program(
    layers: tuple[int, ...], loss: Loss, softmax_output: bool, seed: int, columns: int = 3
) -> MatrixCheck:
    """Compare the matrix and element-wise programs of ``layers`` exactly, with oracle activations."""
    rng = random.Random(seed)
    depth = range(2, len(layers) + 1)
    net = Network(layers, oracle_activations(depth, seed, loss.output == "sigmoid"), loss)
    program = net.matrix_program()
    values: dict[sp.Basic, object] = {}
    for layer, (W, b) in zip(
        net.stack, zip(program.parameters[::2], program.parameters[1::2], strict=True), strict=True
    ):
        values[W] = _rationals(rng, layer.n_out, layer.n_in)
        values[b] = _rationals(rng, layer.n_out, 1)
    values[program.X] = _rationals(rng, layers[0], columns)
    values[program.Y] = _rationals(rng, layers[-1], columns)
    matrix = evaluate(program, values)
    matrix_grad = [e for name, _ in program.gradients for row in matrix[name] for e in row]
    # the element-wise program, one column at a time, summed and scaled as the loss says
    bp = net.backprop()
    flat = [v for m in program.parameters for row in values[m] for v in row]  # type: ignore[attr-defined]
    point = dict(zip(net.parameters(), flat, strict=True))
    scale = loss.batch_scale(columns)
    total = [sp.S.Zero] * len(matrix_grad)
    cost = sp.S.Zero
    for c in range(columns):
        x = {s: values[program.X][k][c] for k, s in enumerate(net.x)}  # type: ignore[index]
        y = {s: values[program.Y][j][c] for j, s in enumerate(net.y)}  # type: ignore[index]
        known = bp.evaluate({**point, **x, **y})
        total = [t + g for t, g in zip(total, bp.gradient().xreplace(known), strict=True)]
        cost += net.loss.value(sp.Matrix(list(y.values())), bp.forward.output.xreplace(known))
    elementwise = [scale * t for t in total]
    ok = all(_equal(m, e) for m, e in zip(matrix_grad, elementwise, strict=True))
    ok &= _equal(matrix[program.cost[0]], scale * cost)
    return MatrixCheck(tuple(layers), columns, len(matrix_grad), bool(ok))


def width_samples(layers: tuple[int, ...], count: int, seed: int, largest: int = 3) -> list[tuple[int, ...]]:
    """``count`` random width tuples of the depth of ``layers``, widths 1..``largest``, none repeated."""
    rng = random.Random(seed)
    seen = {tuple(layers)}
    samples: list[tuple[int, ...]] = []
    for _ in range(50 * count):
        if len(samples) == count:
            break
        widths = tuple(rng.randint(1, largest) for _ in layers)
        if widths not in seen:
            seen.add(widths)
            samples.append(widths)
    return samples
