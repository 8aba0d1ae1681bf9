r"""Proofs that backprop is right: element-wise against direct differentiation, matrix against element-wise.

:func:`prove_backprop` checks, for one architecture, the chain

    direct differentiation (``sympy.diff`` of the nested cost (18))
      = the element-wise program (Lemma 1, :mod:`symnn.backprop`)
      = the matrix program over a batch (:mod:`symnn.matrix`),

each link exactly at random rational points (Schwartz–Zippel: a nonzero polynomial
vanishes at a random point with small probability), with the activations abstracted to
undefined functions σ_l, σ'_l whose values are random rationals, and then with the real
activations at ``real_digits`` digits. Its text says what was covered: which widths, how
many points and columns, which entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import sympy as sp

from symnn.activations import Activation
from symnn.backprop import direct_gradient
from symnn.errors import SymnnError
from symnn.exact import is_zero, random_rationals
from symnn.matrix.check import _Oracle
from symnn.network import Network

__all__ = ["PROOF_LIMITS", "BackpropProof", "proof_budget", "prove_backprop"]


@dataclass(frozen=True)
class BackpropProof:
    """What :func:`prove_backprop` checked, and whether every check held.

    Attributes:
        network: the architecture checked.
        checks: one line per check, saying what was compared and how.
        ok: True when every check held.
    """

    network: Network
    checks: tuple[str, ...]
    ok: bool

    def __str__(self) -> str:
        verdict = "backprop equals direct differentiation" if self.ok else "BACKPROP DIFFERS"
        lines = [f"{self.network}: {verdict}"] + [f"  - {line}" for line in self.checks]
        return "\n".join(lines)


_ABSTRACT_PREFIXES = ("sigma_", "sigmaprime_")


def _abstract_activation(layer: int, logistic: bool = False) -> Activation:
    """σ_l as an undefined function whose derivative is the undefined σ'_l.

    With ``logistic``, σ_l is undefined but obeys σ' = σ(1 − σ) (named ``"sigmoid"``): the
    output layer of binary cross-entropy, whose δ[L] = a − y rests on that identity.
    """
    if logistic:
        logistic_sigma = type(
            f"sigma_{layer}",
            (sp.Function,),
            {"fdiff": lambda self, argindex=1: self.func(self.args[0]) * (1 - self.func(self.args[0]))},
        )
        u = sp.Symbol("t")
        derivative = sp.Lambda(u, logistic_sigma(u) * (1 - logistic_sigma(u)))
        return Activation("sigmoid", sp.Lambda(u, logistic_sigma(u)), derivative, r"\sigma")
    prime = sp.Function(f"sigmaprime_{layer}")
    sigma = type(f"sigma_{layer}", (sp.Function,), {"fdiff": lambda self, argindex=1: prime(self.args[0])})
    t = sp.Symbol("t")
    return Activation(f"sigma_{layer}", sp.Lambda(t, sigma(t)), sp.Lambda(t, prime(t)), rf"\sigma_{layer}")


class _AtomValues:
    """Consistent random rational values for the abstract σ_l, σ'_l atoms, keyed by (name, argument).

    The expression is rebuilt bottom-up, so an atom's argument is already a rational
    when the atom is met; equal arguments get equal values on both sides.
    """

    def __init__(self, seed: int, point: dict[sp.Symbol, sp.Rational]) -> None:
        self.oracle = _Oracle(seed)
        self.memo: dict[sp.Basic, sp.Basic] = dict(point)

    def __call__(self, expr: sp.Basic) -> sp.Basic:
        if expr in self.memo:
            return self.memo[expr]
        if expr.is_Atom:
            return expr
        rebuilt = expr.func(*[self(arg) for arg in expr.args])
        name = type(rebuilt).__name__
        if name.startswith(_ABSTRACT_PREFIXES):
            rebuilt = self.oracle.value(name, rebuilt.args[0])
        self.memo[expr] = rebuilt
        return rebuilt


def _point(network: Network, seed: int) -> dict[sp.Symbol, sp.Rational]:
    free = list(network.parameters()) + list(network.x) + list(network.y)
    return dict(zip(free, random_rationals(len(free), seed=seed), strict=True))


def _mpmath_function(free: list[sp.Symbol], column: sp.Matrix) -> Callable[..., list[mpmath.mpf]]:
    """``column`` compiled to an mpmath function of ``free`` (a flat list of entries)."""
    return sp.lambdify(free, list(column), modules="mpmath", cse=True)


#: Up to these sizes prove_backprop differentiates directly. The work grows with parameters
#: times depth (the nested cost swells with depth); measured on the shared 2-core machine with
#: one point: 2-2-2-2-2-2-2-2 (42 × 8) 23 s, 5-5-5-5-5 (120 × 5) 120 s, 13-13-13 (364 × 3) 118 s.
PROOF_LIMITS = {"work": 400, "depth": 8, "points": 20}


def proof_budget(network: Network, points: int = 3) -> str | None:
    """Why :func:`prove_backprop` would not finish in reasonable time for ``network``, or None.

    Examples:
        >>> proof_budget(Network([2, 2, 3, 2])) is None
        True
        >>> print(proof_budget(Network([30, 30, 30])))
        the 30-30-30 network: 1860 parameters x 3 layers = 5580, past the 400 that direct differentiation ...
    """
    spec = "-".join(map(str, network.layers))
    n = len(network.parameters())
    if not 1 <= points <= PROOF_LIMITS["points"]:
        return f"the number of points must be 1..{PROOF_LIMITS['points']}, got {points}"
    if network.L > PROOF_LIMITS["depth"]:
        return (
            f"the {spec} network has {network.L} layers; the nested cost to differentiate directly swells "
            f"with depth, and is built up to {PROOF_LIMITS['depth']} layers"
        )
    if n * network.L > PROOF_LIMITS["work"]:
        return (
            f"the {spec} network: {n} parameters x {network.L} layers = {n * network.L}, past the "
            f"{PROOF_LIMITS['work']} that direct differentiation finishes in about a minute "
            "(prove a narrower network of the same depth)"
        )
    return None


def _matrix_checks(network: Network, points: int, seed: int, samples: int) -> tuple[list[str], bool]:
    """The matrix program against the element-wise program, exactly, at the network's widths and others."""
    from symnn.matrix.check import check_matrix_program, width_samples

    widths = [network.layers, *width_samples(network.layers, samples, seed)]
    results = [
        check_matrix_program(w, network.loss, network.loss.softmax_output, seed + 31 * i, columns=3)
        for i, w in enumerate(widths[: max(points, 1) + samples])
    ]
    from symnn.matrix.symbolic import check_symbolic_widths

    steps = len(network.matrix_program().steps)
    symbolic_ok, symbolic_wrong = check_symbolic_widths([layer.activation for layer in network.stack], network.loss)
    covered = ", ".join(f"{'-'.join(map(str, r.layers))} ({r.entries} entries)" for r in results)
    ok = all(r.ok for r in results) and symbolic_ok
    symbolic = (
        f"; at symbolic widths n_1..n_{network.L} and batch size N every step's entry (j, c) is Lemma 1 for "
        "point c written as indexed sums (Z, Delta by eq. (23), dC/dW and dC/db by eqs. (24)-(25) summed over "
        "the batch): " + ("equal" if symbolic_ok else "DIFFERS in " + ", ".join(symbolic_wrong))
    )
    line = (
        f"matrix program ({steps} matrix steps, the same for every width) = element-wise program, exactly, "
        f"at widths {covered}, each over N = 3 random rational columns, with oracle sigma_l, sigma_l' "
        f"(random rational values): gradient entries and the batch cost "
        + (
            "equal exactly"
            if all(r.ok for r in results)
            else "DIFFER at " + ", ".join("-".join(map(str, r.layers)) for r in results if not r.ok)
        )
        + symbolic
    )
    return [line], ok


def prove_backprop(
    network: Network,
    points: int = 3,
    seed: int = 0,
    symbolic_limit: int = 40,
    real_limit: int = 40,
    real_digits: int = 50,
    matrix_samples: int = 2,
) -> BackpropProof:
    r"""Check that backprop (Lemma 1) equals direct differentiation for ``network``'s architecture.

    Four checks, each exact or stated with its precision:

    1. *Chain-rule identity, exact at random rational points.* Each layer's activation is
       replaced by an undefined function :math:`\sigma_l` with undefined derivative
       :math:`\sigma_l'`; both gradients are then polynomials in these atoms, which are
       given consistent random rational values. Equal values at random points prove the
       identity with high probability (Schwartz–Zippel), in exact rational arithmetic.
    2. *Symbolic identity* (networks with at most ``symbolic_limit`` parameters): the
       difference of the two abstract gradients expands to 0.
    3. *Matrix form*: the matrix program over a batch (:mod:`symnn.matrix`) equals the
       element-wise program exactly, with oracle activations, at the network's widths and
       at ``matrix_samples`` other widths of the same depth (:mod:`symnn.matrix.check`).
    4. *The real activations* (networks with at most ``real_limit`` parameters) at the
       same rational points: both gradients, written out,
       evaluated in mpmath with ``real_digits + 10`` digits, agree to ``real_digits`` digits.

    Returns:
        A :class:`BackpropProof` listing the checks.

    Raises:
        SymnnError: when the network or ``points`` is past :data:`PROOF_LIMITS` (:func:`proof_budget`).
    """
    refusal = proof_budget(network, points)
    if refusal is not None:
        raise SymnnError(refusal)
    logistic = network.loss.output == "sigmoid"
    abstract = Network(
        network.layers,
        [_abstract_activation(l, logistic and l == network.L) for l in network.hidden_and_output],
        network.loss,
    )
    direct = direct_gradient(abstract)
    bp = abstract.backprop()
    via_backprop = bp.gradient(expand=True)
    n = len(network.parameters())
    checks: list[str] = []
    ok = True
    for i in range(points):
        values = _AtomValues(seed + i, _point(network, seed + i))
        lhs, rhs = direct.applyfunc(values), via_backprop.applyfunc(values)
        equal = all(is_zero(d) is True for d in lhs - rhs)
        ok &= equal
        checks.append(
            f"chain rule with abstract sigma_l, sigma_l' at random rational point {i + 1}: "
            f"{n} gradient entries {'equal exactly' if equal else 'DIFFER'}"
        )
    if n <= symbolic_limit:
        equal = all(is_zero(d) is True for d in direct - via_backprop)
        ok &= equal
        checks.append(
            f"symbolic identity with abstract sigma_l: direct - backprop expands to "
            f"{'0 in all' if equal else 'NONZERO in some of'} {n} entries"
        )
    matrix_lines, matrix_ok = _matrix_checks(network, points, seed, matrix_samples)
    checks += matrix_lines
    ok &= matrix_ok
    if n > real_limit:
        why = "switched off" if real_limit <= 0 else f"{n} parameters > {real_limit}"
        checks.append(
            f"real activations: not differentiated directly ({why}); "
            "the table's derivatives are proved equal to sympy.diff separately"
        )
        return BackpropProof(network, tuple(checks), bool(ok))
    free = list(network.parameters()) + list(network.x) + list(network.y)
    real_direct = _mpmath_function(free, direct_gradient(network))
    real_bp = _mpmath_function(free, network.backprop().gradient(expand=True))
    with mpmath.workdps(real_digits + 10):
        for i in range(points):
            args = [mpmath.mpf(v.p) / v.q for v in _point(network, seed + i).values()]
            lhs, rhs = real_direct(*args), real_bp(*args)
            worst = max(abs(lhs[k] - rhs[k]) for k in range(n))
            scale = max(1, max(abs(lhs[k]) for k in range(n)))
            equal = bool(worst <= scale * mpmath.mpf(10) ** (-real_digits))
            ok &= equal
            checks.append(
                f"real activations at rational point {i + 1}: {n} entries agree to {real_digits} digits "
                f"(mpmath, {real_digits + 10}-digit arithmetic)"
                + ("" if equal else f" -- NO, worst difference {mpmath.nstr(worst, 5)}")
            )
    return BackpropProof(network, tuple(checks), bool(ok))
