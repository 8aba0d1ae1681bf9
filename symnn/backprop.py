r"""Backpropagation: Lemma 1 of Higham & Higham (2019), eqs. (22)–(25), as a program.

.. math::

    \delta^{[L]} &= \sigma'(z^{[L]}) \circ (a^{[L]} - y)                        && (22) \\
    \delta^{[l]} &= \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]}          && (23) \\
    \partial C / \partial b^{[l]}_j &= \delta^{[l]}_j                            && (24) \\
    \partial C / \partial w^{[l]}_{jk} &= \delta^{[l]}_j a^{[l-1]}_k             && (25)

With :math:`D^{[l]} = \operatorname{diag}(\sigma'(z^{[l]}))` the recursion unrolls to
:math:`\delta^{[l]} = D^{[l]} (W^{[l+1]})^T D^{[l+1]} \cdots (W^{[L]})^T D^{[L]} (a^{[L]} - y)`,
i.e. backprop multiplies the transposed layer Jacobians
:math:`\partial z^{[l+1]}/\partial z^{[l]} = W^{[l+1]} D^{[l]}`.

This module is an implementation independent of :mod:`symnn.calculus`: it never calls
``sympy.diff`` on the network. :func:`prove_backprop` checks that the two agree.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import mpmath
import sympy as sp

from symnn import symbols
from symnn.activations import Activation
from symnn.calculus import gradient
from symnn.exact import is_zero, random_rationals
from symnn.network import ForwardPass, Network, Point, matvec
from symnn.program import Program

__all__ = ["Backprop", "BackpropProof", "backpropagate", "direct_gradient", "prove_backprop"]


@dataclass(frozen=True)
class Backprop:
    r"""The result of Lemma 1 at one point (x, y), in named intermediates.

    Attributes:
        network: the network.
        forward: the forward pass (program for z[l], a[l]).
        backward: the program for δ[L], δ[L−1], ..., δ[2] (symbols ``delta_j__l``).
        y: the target column (symbols or exact numbers).
        delta: ``delta[l]``, the named column δ[l], l = 2..L.
        sigma_prime: ``sigma_prime[l]``, the column σ'(z[l]) in named z symbols.
        grad_W: ``grad_W[l]`` = ∂C/∂W[l] = δ[l] a[l−1]ᵀ, eq. (25), n_l × n_{l−1}.
        grad_b: ``grad_b[l]`` = ∂C/∂b[l] = δ[l], eq. (24), n_l × 1.
    """

    network: Network
    forward: ForwardPass
    backward: Program
    y: sp.Matrix
    delta: dict[int, sp.Matrix]
    sigma_prime: dict[int, sp.Matrix]
    grad_W: dict[int, sp.Matrix]
    grad_b: dict[int, sp.Matrix]

    @property
    def program(self) -> Program:
        """Forward then backward: the whole straight-line program."""
        return self.forward.program + self.backward

    @cached_property
    def _inlined(self) -> dict[sp.Symbol, sp.Expr]:
        return self.program.inlined()

    def gradient(self, expand: bool = False) -> sp.Matrix:
        """∂C/∂θ as a column in ``network.parameters()`` order.

        Args:
            expand: if True, written out in the parameters, x and y; otherwise in the
                named intermediates δ[l], a[l] (the readable, non-swelling form).
        """
        entries: list[sp.Expr] = []
        for layer in self.network.hidden_and_output:
            entries.extend(self.grad_W[layer])
            entries.extend(self.grad_b[layer])
        column = sp.Matrix(entries)
        return self.expand(column) if expand else column

    def expand(self, expr: sp.Basic) -> sp.Basic:
        """Substitute the named intermediates in ``expr`` back to parameters, x and y."""
        return sp.sympify(expr).xreplace(self._inlined)

    def evaluate(self, values: dict[sp.Symbol, object]) -> dict[sp.Symbol, sp.Expr]:
        """Run forward and backward programs exactly at ``values`` (parameters, and x, y if symbolic)."""
        return self.program.evaluate(values)

    def gradient_at(self, values: dict[sp.Symbol, object]) -> sp.Matrix:
        """The gradient column at a point, exactly (SymPy numbers; ``evalf`` for decimals).

        Examples:
            >>> net = Network([1, 1], activation="identity")
            >>> bp = net.backprop(x=[2], y=[1])
            >>> bp.gradient_at(net.assign([3, 0])).T
            Matrix([[10, 5]])
        """
        known = self.evaluate(values)
        return self.gradient().xreplace(known)

    def _repr_latex_(self) -> str:
        """The backward program δ[L], ..., δ[2] as typeset math, for notebooks."""
        from symnn.derive import program_latex

        return program_latex(self.backward.steps)

    @property
    def D(self) -> dict[int, sp.Matrix]:
        r"""``D[l]`` = diag(σ'(z[l])), for every layer with an elementwise activation."""
        net = self.network
        layers = [l for l in net.hidden_and_output if not (l == net.L and net.loss.softmax_output)]
        return {layer: sp.diag(*self.sigma_prime[layer]) for layer in layers}

    def output_error(self) -> sp.Matrix:
        """The column that the δ recursion starts from: a[L] − y (quadratic) or δ[L] (softmax)."""
        net = self.network
        if net.loss.softmax_output:
            return sp.Matrix([self.backward.definition(name) for name in self.delta[net.L]])
        return self.forward.output - self.y

    def matrix_form(self, layer: int) -> list[sp.Matrix]:
        r"""The factors of :math:`\delta^{[l]} = D^{[l]} (W^{[l+1]})^T \cdots D^{[L]} (a^{[L]}-y)`.

        The product of the returned list, left to right, equals δ[layer] written in
        named z[l], a[L] symbols. For a softmax output the chain ends at δ[L] itself.
        """
        net = self.network
        factors: list[sp.Matrix] = []
        D = self.D
        for l in range(layer, net.L):
            factors += [D[l], net.W[l + 1].T]
        if net.L in D:
            factors.append(D[net.L])
        factors.append(self.output_error())
        return factors

    def jacobian_chain(self, layer: int) -> list[sp.Matrix]:
        r"""The layer-to-layer Jacobians ``[∂z[l+1]/∂z[l], ..., ∂z[L]/∂z[L−1]]``.

        Each is :math:`\partial z^{[m+1]}/\partial z^{[m]} = W^{[m+1]} D^{[m]}`, and backprop is
        their transposed product: :math:`\delta^{[l]} = (\partial z^{[l+1]}/\partial z^{[l]})^T \delta^{[l+1]}`.
        """
        D = self.D
        return [self.network.W[m + 1] * D[m] for m in range(layer, self.network.L)]


def backpropagate(network: Network, x: Point | None = None, y: Point | None = None) -> Backprop:
    """Lemma 1 of Higham & Higham (2019) for ``network`` at (x, y).

    Args:
        network: the network.
        x: the input (default: the symbols x_k); exact numbers are kept exact.
        y: the target (default: the symbols y_j).

    Returns:
        A :class:`Backprop` whose gradient equals ∂C/∂θ of the one-point cost (18).

    Examples:
        >>> bp = Network([2, 2, 3, 2]).backprop()
        >>> bp.grad_W[3][1, 0]
        a_1__2*delta_2__3
    """
    forward = network.forward(x)
    target = network._target(y)
    L = network.L
    sigma_prime = {layer: network.sigma_prime(layer, forward.z[layer]) for layer in network.hidden_and_output}
    delta = {
        layer: sp.Matrix([symbols.delta(layer, j) for j in range(1, network.layers[layer - 1] + 1)])
        for layer in network.hidden_and_output
    }
    # (22) the output error
    steps = list(zip(delta[L], network.loss.output_delta(target, forward.a[L], sigma_prime[L]), strict=True))
    # (23) backwards through the hidden layers
    for layer in range(L - 1, 1, -1):
        back = matvec(network.W[layer + 1].T, delta[layer + 1])
        steps += [(d, s * v) for d, s, v in zip(delta[layer], sigma_prime[layer], back, strict=True)]
    grad_W = {layer: delta[layer] * forward.a[layer - 1].T for layer in network.hidden_and_output}  # (25)
    grad_b = dict(delta)  # (24)
    return Backprop(network, forward, Program.of(steps), target, delta, sigma_prime, grad_W, grad_b)


def direct_gradient(network: Network, x: Point | None = None, y: Point | None = None) -> sp.Matrix:
    """∂C/∂θ by ``sympy.diff`` of the nested one-point cost (18): the ground truth.

    It swells (11,698 operations for the 2-2-3-2 network); use it on small networks.
    """
    return gradient(network.point_cost(x, y), network.parameters())


# ---------------------------------------------------------------------------- proof


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


def _abstract_activation(layer: int) -> Activation:
    """σ_l as an undefined function whose derivative is the undefined σ'_l."""
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
        self.rng = random.Random(seed)
        self.table: dict[tuple[str, sp.Expr], sp.Rational] = {}
        self.memo: dict[sp.Basic, sp.Basic] = dict(point)

    def __call__(self, expr: sp.Basic) -> sp.Basic:
        if expr in self.memo:
            return self.memo[expr]
        if expr.is_Atom:
            return expr
        rebuilt = expr.func(*[self(arg) for arg in expr.args])
        name = type(rebuilt).__name__
        if name.startswith(_ABSTRACT_PREFIXES):
            rebuilt = self._value(name, rebuilt.args[0])
        self.memo[expr] = rebuilt
        return rebuilt

    def _value(self, name: str, argument: sp.Expr) -> sp.Rational:
        key = (name, argument)
        if key not in self.table:
            q = self.rng.randint(2, 9)
            self.table[key] = sp.Rational(self.rng.randint(-3 * q, 3 * q), q)
        return self.table[key]


def _point(network: Network, seed: int) -> dict[sp.Symbol, sp.Rational]:
    free = list(network.parameters()) + list(network.x) + list(network.y)
    return dict(zip(free, random_rationals(len(free), seed=seed), strict=True))


def _mpmath_function(free: list[sp.Symbol], column: sp.Matrix) -> Callable[..., list[mpmath.mpf]]:
    """``column`` compiled to an mpmath function of ``free`` (a flat list of entries)."""
    return sp.lambdify(free, list(column), modules="mpmath", cse=True)


def prove_backprop(
    network: Network,
    points: int = 3,
    seed: int = 0,
    symbolic_limit: int = 40,
    real_limit: int = 40,
    real_digits: int = 50,
) -> BackpropProof:
    r"""Check that backprop (Lemma 1) equals direct differentiation for ``network``'s architecture.

    Three checks, each exact or stated with its precision:

    1. *Chain-rule identity, exact at random rational points.* Each layer's activation is
       replaced by an undefined function :math:`\sigma_l` with undefined derivative
       :math:`\sigma_l'`; both gradients are then polynomials in these atoms, which are
       given consistent random rational values. Equal values at random points prove the
       identity with high probability (Schwartz–Zippel), in exact rational arithmetic.
    2. *Symbolic identity* (networks with at most ``symbolic_limit`` parameters): the
       difference of the two abstract gradients expands to 0.
    3. *The real activations* (networks with at most ``real_limit`` parameters) at the
       same rational points: both gradients, written out,
       evaluated in mpmath with ``real_digits + 10`` digits, agree to ``real_digits`` digits.

    Returns:
        A :class:`BackpropProof` listing the checks.
    """
    abstract = Network(network.layers, [_abstract_activation(l) for l in network.hidden_and_output], network.loss)
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
