r"""A neural network as named SymPy symbols: W[l], b[l], the forward pass, F(X) and its costs.

Notation of Higham & Higham (2019), Sections 3 and 5: layers l = 1, ..., L with
:math:`n_l` neurons; layer 1 is the input, :math:`a^{[1]} = x`; for l = 2, ..., L

.. math::

    z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \qquad a^{[l]} = \sigma(z^{[l]}),

with :math:`W^{[l]} \in \mathbb{R}^{n_l \times n_{l-1}}` and :math:`b^{[l]} \in \mathbb{R}^{n_l}`.
The network function is :math:`F(x) = a^{[L]}`. :meth:`Network.parameters` is THE
parameter order used everywhere in symnn: layer by layer, W[l] row-major, then b[l].
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeAlias

import sympy as sp

from symnn import symbols
from symnn.activations import ACTIVATIONS, SOFTMAX, Activation, VectorActivation, activation
from symnn.errors import SymnnError
from symnn.exact import exact, exact_vector
from symnn.layers import Dense, matvec
from symnn.losses import Loss, loss
from symnn.program import Program

if TYPE_CHECKING:
    from symnn.backprop import Backprop
    from symnn.matrix.program import MatrixProgram
    from symnn.numeric import CompiledNetwork

__all__ = ["Dense", "ForwardPass", "LayerJacobians", "Network", "matvec", "parse_layers"]

ActivationSpec: TypeAlias = "str | Activation | VectorActivation | sp.Lambda"
Point: TypeAlias = "Sequence[object] | sp.Matrix"


def parse_layers(spec: str | Iterable[int]) -> tuple[int, ...]:
    """Layer sizes from ``"2-2-3-2"`` (or ``"2,2,3,2"``) or a sequence of positive ints.

    Raises:
        SymnnError: if the spec is malformed, has fewer than two layers, or a size below 1.

    Examples:
        >>> parse_layers("2-2-3-2")
        (2, 2, 3, 2)
    """
    if isinstance(spec, str):
        parts = [part.strip() for part in spec.replace(",", "-").split("-")]
        if not all(part.isdigit() for part in parts):
            raise SymnnError(f"malformed layer spec {spec!r}: write sizes like 2-2-3-2")
        sizes = tuple(int(part) for part in parts)
    else:
        try:
            sizes = tuple(spec)
        except TypeError:
            raise SymnnError(f"layers must be a sequence of sizes like [2, 2, 3, 2], got {spec!r}") from None
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in sizes):
            raise SymnnError(f"layer sizes must be integers, got {list(sizes)!r}")
    if len(sizes) < 2:
        raise SymnnError(f"a network needs at least two layers (input and output), got {list(sizes)!r}")
    if min(sizes) < 1:
        raise SymnnError(f"every layer needs at least one neuron, got {list(sizes)!r}")
    return sizes


class _Blocks(Mapping[int, sp.Matrix]):
    """``W`` or ``b`` of each layer, by layer number, read from the layers (built on first use)."""

    def __init__(self, stack: tuple[Dense, ...], name: str) -> None:
        self._layers = {layer.index: layer for layer in stack}
        self._name = name

    def __getitem__(self, index: int) -> sp.Matrix:
        return getattr(self._layers[index], self._name)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[int]:
        return iter(self._layers)

    def __len__(self) -> int:
        return len(self._layers)


@dataclass(frozen=True)
class ForwardPass:
    """The forward pass as a straight-line program over named z[l], a[l].

    Attributes:
        program: assignments ``z_j__l := ...`` and ``a_j__l := ...`` for l = 2..L.
        x: the input column a[1] (symbols or exact numbers).
        z: ``z[l]``, columns of the named symbols z^{[l]}_j, for l = 2..L.
        a: ``a[l]``, columns of named symbols for l = 2..L, and ``a[1] = x``.
    """

    program: Program
    x: sp.Matrix
    z: dict[int, sp.Matrix]
    a: dict[int, sp.Matrix]

    @property
    def output(self) -> sp.Matrix:
        """a[L], the network's output, as named symbols."""
        return self.a[max(self.a)]

    def expand(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with the named intermediates substituted back to parameters and x."""
        return self.program.inline(expr)

    def _repr_latex_(self) -> str:
        """The program as typeset math, for notebooks (see :func:`symnn.latex.program_latex`)."""
        from symnn.latex import program_latex

        return program_latex(self.program.steps)


@dataclass(frozen=True)
class LayerJacobians:
    r"""The Jacobians of one layer l, Higham & Higham (2019) Section 5.

    Attributes:
        da_dz: :math:`\partial a^{[l]}/\partial z^{[l]}`, n_l × n_l, diagonal σ'(z[l]) for an
            elementwise activation (in named z symbols).
        dz_da_prev: :math:`\partial z^{[l]}/\partial a^{[l-1]} = W^{[l]}`, n_l × n_{l−1}.
        dz_db: :math:`\partial z^{[l]}/\partial b^{[l]} = I`, n_l × n_l.
        dz_dW: :math:`\partial z^{[l]}/\partial W^{[l]}`, n_l × (n_l n_{l−1}), columns in
            row-major order of W[l] (the parameter order): entry (j, (p, k)) is
            :math:`\delta_{jp} a^{[l-1]}_k`.
    """

    layer: int
    da_dz: sp.Matrix
    dz_da_prev: sp.Matrix
    dz_db: sp.Matrix
    dz_dW: sp.Matrix


class Network:
    """A fully connected network: a sequence of :class:`~symnn.layers.Dense` layers plus a loss.

    Args:
        layers: sizes n_1, ..., n_L (``[2, 2, 3, 2]`` or ``"2-2-3-2"``); layer 1 is the input.
        activation: one activation for every layer 2..L, or a sequence of L − 1 of them:
            a name from :data:`symnn.activations.ACTIVATIONS`, an ``Activation`` or a
            one-variable ``sympy.Lambda``.
            The output layer may be ``"softmax"`` (with the cross-entropy cost).
        cost: a loss of :data:`symnn.losses.LOSSES`: ``"quadratic"`` (Higham & Higham eq. (18)),
            ``"sum-of-squares"``, ``"mse"``, ``"binary-cross-entropy"`` (sigmoid output) or
            ``"cross-entropy"`` (the output layer becomes a softmax, and an elementwise
            activation given for it is not used).

    Raises:
        SymnnError: for a malformed spec, or a loss that does not fit the output layer.

    Examples:
        >>> net = Network([2, 2, 3, 2])
        >>> len(net.parameters())
        23
        >>> net.W[3].shape, net.b[4].shape
        ((3, 2), (2, 1))
    """

    def __init__(
        self,
        layers: str | Iterable[int],
        activation: ActivationSpec | Sequence[ActivationSpec] = "sigmoid",
        cost: str | Loss = "quadratic",
    ) -> None:
        self.layers: tuple[int, ...] = parse_layers(layers)
        self.L: int = len(self.layers)
        self.loss: Loss = loss(cost)
        chosen = self._activations(activation)
        output = SOFTMAX if self.loss.softmax_output else chosen[self.L]
        if isinstance(chosen[self.L], VectorActivation):
            chosen[self.L] = ACTIVATIONS["identity"]  # not used: the layer's own activation is the softmax
        self.loss.fits(output.name)
        #: the elementwise activation of each layer 2..L (a softmax output layer keeps the one given)
        self.activations: dict[int, Activation] = {l: a for l, a in chosen.items() if isinstance(a, Activation)}
        n = dict(enumerate(self.layers, start=1))
        #: the layers 2..L, each owning its W[l], b[l], steps and Jacobians
        self.stack: tuple[Dense, ...] = tuple(
            Dense.named(l, n[l - 1], n[l], output if l == self.L else chosen[l]) for l in self.hidden_and_output
        )
        #: W[l], b[l] for l = 2..L, each built on first use (the matrix program needs none)
        self.W: Mapping[int, sp.Matrix] = _Blocks(self.stack, "W")
        self.b: Mapping[int, sp.Matrix] = _Blocks(self.stack, "b")
        self.x: sp.Matrix = sp.Matrix([symbols.input_symbol(k) for k in range(1, n[1] + 1)])
        self.y: sp.Matrix = sp.Matrix([symbols.target(j) for j in range(1, n[self.L] + 1)])

    def _activations(self, spec: ActivationSpec | Sequence[ActivationSpec]) -> dict[int, Activation | VectorActivation]:
        if isinstance(spec, (str, Activation, VectorActivation, sp.Lambda)):
            specs: list[ActivationSpec] = [spec] * (self.L - 1)
        else:
            specs = list(spec)
            if len(specs) != self.L - 1:
                raise SymnnError(
                    f"{len(specs)} activations given for {self.L - 1} layers (2..{self.L}); give one or one per layer"
                )
        chosen = {layer: activation(s) for layer, s in zip(self.hidden_and_output, specs, strict=True)}
        hidden = [l for l, a in chosen.items() if isinstance(a, VectorActivation) and l != self.L]
        if hidden:
            raise SymnnError(f"softmax is supported as the output layer only, not in layer {hidden[0]}")
        return chosen

    # ------------------------------------------------------------------ structure
    @property
    def hidden_and_output(self) -> range:
        """The layers that have weights: 2, ..., L."""
        return range(2, self.L + 1)

    def layer(self, index: int) -> Dense:
        """The :class:`~symnn.layers.Dense` layer ``index`` (2..L)."""
        if index not in self.hidden_and_output:
            raise SymnnError(f"layer {index} has no weights; layers 2..{self.L} do")
        return self.stack[index - 2]

    @property
    def n_parameters(self) -> int:
        """How many parameters: Σ n_l (n_{l−1} + 1), without building their symbols."""
        return sum(layer.n_parameters for layer in self.stack)

    def parameters(self) -> tuple[sp.Symbol, ...]:
        """THE parameter order: layer by layer, W[l] row-major, then b[l].

        Examples:
            >>> Network([1, 2]).parameters()
            (w_11__2, w_21__2, b_1__2, b_2__2)
        """
        return tuple(p for layer in self.stack for p in layer.parameters())

    def parameter_blocks(self) -> list[tuple[str, sp.Matrix]]:
        """``[("W2", W[2]), ("b2", b[2]), ("W3", ...), ...]`` in parameter order."""
        blocks: list[tuple[str, sp.Matrix]] = []
        for layer in self.hidden_and_output:
            blocks += [(f"W{layer}", self.W[layer]), (f"b{layer}", self.b[layer])]
        return blocks

    def assign(self, values: Iterable[object]) -> dict[sp.Symbol, sp.Expr]:
        """Map a flat sequence of exact values, in parameter order, onto the parameters.

        Examples:
            >>> Network([1, 1]).assign(["0.5", 1])
            {w_11__2: 1/2, b_1__2: 1}
        """
        params = self.parameters()
        values = list(values)
        if len(values) != len(params):
            raise SymnnError(f"{len(values)} parameter values given; the network has {len(params)}")
        return {p: exact(v, str(p)) for p, v in zip(params, values, strict=True)}

    def zero_input_point(self, x: Point, weights: dict[int, sp.Matrix]) -> dict[sp.Symbol, sp.Expr]:
        r"""Parameters with the given weights and biases :math:`b^{[l]} = -W^{[l]} a^{[l-1]}`, so every z[l] = 0 at x.

        Then :math:`a^{[l]} = \sigma(0)` in every layer, and a worked example stays exact in
        rationals (:math:`\sigma(0) = 1/2`, :math:`\sigma'(0) = 1/4` for the sigmoid).

        Args:
            x: the input, exact.
            weights: ``W[l]`` for l = 2..L, exact matrices of shape n_l × n_{l−1}.

        Returns:
            Parameter symbol → exact value, for every parameter.

        Examples:
            >>> net = Network([1, 1, 1])
            >>> point = net.zero_input_point([2], {2: sp.Matrix([[3]]), 3: sp.Matrix([[4]])})
            >>> point[net.b[2][0]], point[net.b[3][0]]
            (-6, -2)
        """
        a = self._input(x)
        values: dict[sp.Symbol, sp.Expr] = {}
        for layer in self.hidden_and_output:
            W = sp.Matrix(weights[layer])
            if W.shape != self.W[layer].shape:
                raise SymnnError(f"W[{layer}] must be {self.W[layer].shape}, got {W.shape}")
            values.update(zip(self.W[layer], [exact(w, f"w[{layer}]") for w in W], strict=True))
            values.update(zip(self.b[layer], -matvec(W, a), strict=True))
            a = self.activate(layer, sp.zeros(*self.b[layer].shape))
        return values

    def z_symbols(self, layer: int) -> sp.Matrix:
        """The named column z[l] (symbols ``z_j__l``)."""
        return sp.Matrix([symbols.intermediate("z", layer, j) for j in range(1, self.layers[layer - 1] + 1)])

    def a_symbols(self, layer: int) -> sp.Matrix:
        """The named column a[l] (symbols ``a_j__l``); a[1] is the input x."""
        if layer == 1:
            return self.x
        return sp.Matrix([symbols.intermediate("a", layer, j) for j in range(1, self.layers[layer - 1] + 1)])

    def activate(self, layer: int, z: sp.Matrix) -> sp.Matrix:
        """a[l] = σ(z[l]) elementwise, or softmax(z[L]) for a cross-entropy network."""
        return self.layer(layer).activate(z)

    def sigma_prime(self, layer: int, z: sp.Matrix) -> sp.Matrix:
        """σ'(z[l]) elementwise, with the activation table's written-out derivative."""
        return z.applyfunc(self.activations[layer].prime)

    # ------------------------------------------------------------------ forward
    def _input(self, x: Point | None) -> sp.Matrix:
        return self.x if x is None else exact_vector(x, self.layers[0], "input x")

    def _target(self, y: Point | int | None) -> sp.Matrix:
        if y is None:
            return self.y
        if self.loss.labels and isinstance(y, int) and not isinstance(y, bool):
            return sp.Matrix(self.loss.one_hot(y, self.layers[-1]))
        return exact_vector(y, self.layers[-1], "target y")

    def forward(self, x: Point | None = None) -> ForwardPass:
        """The forward pass at input ``x`` (default: the symbols x_k) as a program.

        Returns:
            A :class:`ForwardPass` whose program assigns z[l] = W[l] a[l−1] + b[l] and
            a[l] = σ(z[l]) to named symbols, layer by layer.

        Examples:
            >>> fp = Network([1, 1], activation="identity").forward([2])
            >>> fp.expand(fp.output)
            Matrix([[b_1__2 + 2*w_11__2]])
        """
        a_prev = self._input(x)
        steps: list[tuple[sp.Symbol, sp.Expr]] = []
        z_named: dict[int, sp.Matrix] = {}
        a_named: dict[int, sp.Matrix] = {1: a_prev}
        for layer in self.hidden_and_output:
            z_value = self.layer(layer).weighted_input(a_prev)
            z_named[layer] = self.z_symbols(layer)
            a_named[layer] = self.a_symbols(layer)
            steps += zip(z_named[layer], z_value, strict=True)
            steps += zip(a_named[layer], self.activate(layer, z_named[layer]), strict=True)
            a_prev = a_named[layer]
        return ForwardPass(Program.of(steps), a_named[1], z_named, a_named)

    def output_at(self, x: Point | None = None) -> sp.Matrix:
        """F(x) written out as the nested expression in the parameters (n_L × 1)."""
        fp = self.forward(x)
        return fp.expand(fp.output)

    @cached_property
    def output(self) -> sp.Matrix:
        r"""F(X) = a[L] as the nested expression in x and the parameters (n_L × 1).

        For the 2-2-3-2 network this is :math:`\sigma(W^{[4]}\sigma(W^{[3]}\sigma(W^{[2]}x+b^{[2]})+b^{[3]})+b^{[4]})`.
        Sub-expressions are shared in memory, so building it is cheap even when printing
        it would not be; :meth:`forward` gives the program form.
        """
        return self.output_at(None)

    # ------------------------------------------------------------------ costs
    def point_cost(self, x: Point | None = None, y: Point | None = None) -> sp.Expr:
        r"""The cost of one point, eq. (18): :math:`C = \tfrac12\lVert y - F(x)\rVert_2^2` (or cross-entropy)."""
        return self.loss.value(self._target(y), self.output_at(x))

    def cost(self, data: Iterable[tuple[Point, Point]]) -> sp.Expr:
        r"""The cost over N points, eq. (9): :math:`\frac1N \sum_{i=1}^N C(x^{\{i\}}, y^{\{i\}})`.

        Args:
            data: a list of (x, y) pairs of exact numbers.

        Examples:
            >>> net = Network([1, 1], activation="identity")
            >>> net.cost([([0], [1]), ([0], [3])]).subs(net.b[2][0], 0)
            5/2
        """
        pairs = list(data)
        if not pairs:
            raise SymnnError("the cost needs at least one (x, y) data point")
        for i, pair in enumerate(pairs, start=1):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise SymnnError(f"data point {i} must be an (x, y) pair")
        terms = [self.point_cost(x, y) for x, y in pairs]
        return sp.Add(*terms) * self.loss.batch_scale(len(pairs))

    def regularized_cost(self, data: Iterable[tuple[Point, Point]], lam: object) -> sp.Expr:
        r"""Eq. (33): the cost (9) plus :math:`\frac{\lambda}{N}\sum_{l=2}^{L}\lVert W^{[l]}\rVert_F^2`."""
        pairs = list(data)
        penalty = sp.Add(*[w**2 for layer in self.hidden_and_output for w in self.W[layer]])
        return self.cost(pairs) + exact(lam, "lambda") / len(pairs) * penalty

    # ------------------------------------------------------------------ derivatives
    def backprop(self, x: Point | None = None, y: Point | None = None) -> Backprop:
        """Lemma 1 of Higham & Higham (2019) at (x, y); see :func:`symnn.backprop.backpropagate`."""
        from symnn.backprop import backpropagate

        return backpropagate(self, x, y)

    def matrix_program(self, N: int | sp.Expr | None = None) -> MatrixProgram:
        """Lemma 1 in matrix form over a batch of N columns; see :func:`symnn.matrix.matrix_program`."""
        from symnn.matrix.program import matrix_program

        return matrix_program(self, N)

    def compile(self, backend: str = "numpy", dtype: str = "float64", form: str | None = None) -> CompiledNetwork:
        """The exact program compiled into numeric functions of θ; see :func:`symnn.numeric.compile_network`."""
        from symnn.numeric import compile_network  # lazy: the exact core never imports NumPy

        return compile_network(self, backend, dtype=dtype, form=form)

    def layer_jacobians(self, layer: int) -> LayerJacobians:
        """The named Jacobians of layer ``layer`` (2..L), in named z[l], a[l−1] symbols."""
        dense = self.layer(layer)
        z = self.z_symbols(layer)
        da_dz = dense.activate(z).jacobian(z) if dense.softmax else sp.diag(*self.sigma_prime(layer, z))
        dz_dW = dense.dz_dW(self.a_symbols(layer - 1))
        return LayerJacobians(layer, da_dz, self.W[layer], sp.eye(dense.n_out), dz_dW)

    def _repr_latex_(self) -> str:
        """F(x) as nested typeset math, for notebooks (see :func:`symnn.latex.network_latex`)."""
        from symnn.latex import network_latex

        return network_latex(self)

    def __repr__(self) -> str:
        acts = {a.name for a in self.activations.values()}
        act = acts.pop() if len(acts) == 1 else [self.activations[l].name for l in self.hidden_and_output]
        return f"Network({list(self.layers)}, activation={act!r}, cost={self.loss.name!r})"
