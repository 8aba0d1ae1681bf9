r"""The table of activation functions: function, derivative written out, LaTeX name.

Every entry states its derivative by hand, next to the function, so it can be
checked by eye; ``tests/test_activations.py`` proves each equals ``sympy.diff``.
The derivative at a kink (ReLU at 0) is a declared convention, stated in the entry,
never SymPy's ``Heaviside(0) = 1/2`` by accident.

Sigmoid: Higham & Higham (2019), eq. (3) and (5): σ(x) = 1/(1+e^{-x}),
σ'(x) = σ(x)(1 − σ(x)). Leaky ReLU: max(x, x/100) (the slope PyTorch's ``LeakyReLU`` uses
by default), derivative 1/100 at and left of the kink.

Softmax is not elementwise: it is a :class:`VectorActivation` of the whole column z, with
its own Jacobian :math:`\partial a/\partial z = \operatorname{diag}(a) - a a^T`, written out
beside its function (Bridle 1990; Goodfellow, Bengio & Courville 2016, Section 6.2.2.3).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symnn.errors import SymnnError

__all__ = ["ACTIVATIONS", "SOFTMAX", "Activation", "VectorActivation", "activation"]

_x = sp.Symbol("x")


@dataclass(frozen=True)
class Activation:
    r"""One elementwise activation function.

    Attributes:
        name: key in :data:`ACTIVATIONS` (``"sigmoid"``), or the user's name.
        function: :math:`\sigma` as a one-variable ``sympy.Lambda``.
        derivative: :math:`\sigma'` written out, as a one-variable ``sympy.Lambda``.
        latex: the LaTeX name used in formulas, e.g. ``r"\sigma"``.
        kink: the convention used where the function is not differentiable, or ``""``.
    """

    name: str
    function: sp.Lambda
    derivative: sp.Lambda
    latex: str
    kink: str = ""

    def __call__(self, z: sp.Expr) -> sp.Expr:
        """Apply the activation to one expression."""
        return self.function(z)

    def prime(self, z: sp.Expr) -> sp.Expr:
        """Apply the written-out derivative to one expression."""
        return self.derivative(z)

    def prime_through(self, z: sp.Expr, a: sp.Expr) -> sp.Expr:
        r"""σ'(z) written, where it can be, through the named output a = σ(z).

        For the sigmoid :math:`\sigma(z)(1-\sigma(z))` becomes ``a*(1 - a)``, for tanh
        :math:`1-\tanh^2 z` becomes ``1 - a**2``: the exponential is computed once, in the
        forward pass. Exact, since a is defined as σ(z).

        Examples:
            >>> z, a = sp.symbols("z a")
            >>> ACTIVATIONS["sigmoid"].prime_through(z, a)
            a*(1 - a)
        """
        return self.prime(z).xreplace({self(z): a})

    @classmethod
    def from_lambda(cls, function: sp.Lambda, name: str = "phi", latex: str = r"\phi") -> Activation:
        """Wrap a user's one-variable ``sympy.Lambda``; its derivative comes from ``sympy.diff``.

        Examples:
            >>> import sympy as sp
            >>> t = sp.Symbol("t")
            >>> Activation.from_lambda(sp.Lambda(t, t**2)).prime(3)
            6
        """
        if not isinstance(function, sp.Lambda) or len(function.variables) != 1:
            raise SymnnError("a custom activation must be a one-variable sympy.Lambda")
        (t,) = function.variables
        if function.expr.free_symbols - {t}:
            extra = ", ".join(sorted(str(s) for s in function.expr.free_symbols - {t}))
            raise SymnnError(f"a custom activation may depend on its variable only, not on {extra}")
        return cls(name, function, sp.Lambda(t, sp.diff(function.expr, t)), latex)


def _entry(name: str, function: sp.Expr, derivative: sp.Expr, latex: str, kink: str = "") -> Activation:
    return Activation(name, sp.Lambda(_x, function), sp.Lambda(_x, derivative), latex, kink)


_sigmoid = 1 / (1 + sp.exp(-_x))

# ---------------------------------------------------------------- the table
# name: function, then its derivative written out by hand.
ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": _entry("sigmoid", _sigmoid, _sigmoid * (1 - _sigmoid), r"\sigma"),
    "tanh": _entry("tanh", sp.tanh(_x), 1 - sp.tanh(_x) ** 2, r"\tanh"),
    "relu": _entry(
        "relu",
        sp.Piecewise((_x, _x > 0), (0, True)),
        sp.Piecewise((1, _x > 0), (0, True)),
        r"\operatorname{ReLU}",
        kink="ReLU'(0) = 0 (the subgradient PyTorch and NumPy codes use)",
    ),
    "softplus": _entry("softplus", sp.log(1 + sp.exp(_x)), 1 / (1 + sp.exp(-_x)), r"\operatorname{softplus}"),
    "leaky_relu": _entry(
        "leaky_relu",
        sp.Piecewise((_x, _x > 0), (_x / 100, True)),
        sp.Piecewise((1, _x > 0), (sp.Rational(1, 100), True)),
        r"\operatorname{LeakyReLU}",
        kink="LeakyReLU'(0) = 1/100 (the left slope, as PyTorch's LeakyReLU(0.01))",
    ),
    "identity": _entry("identity", _x, sp.Integer(1), r"\operatorname{id}"),
}


@dataclass(frozen=True)
class VectorActivation:
    r"""An activation of the whole column z[l], with its Jacobian written out.

    Attributes:
        name: ``"softmax"``.
        latex: the LaTeX name, e.g. ``r"\operatorname{softmax}"``.
    """

    name: str
    latex: str

    def __call__(self, z: sp.Matrix) -> sp.Matrix:
        r"""The column :math:`a_j = e^{z_j} / \sum_k e^{z_k}`."""
        exps = [sp.exp(entry) for entry in z]
        total = sp.Add(*exps)
        return sp.Matrix([e / total for e in exps])

    def jacobian(self, z: sp.Matrix, a: sp.Matrix | None = None) -> sp.Matrix:
        r""":math:`\partial a / \partial z = \operatorname{diag}(a) - a a^T`, in ``a`` (default: softmax(z)).

        Examples:
            >>> SOFTMAX.jacobian(sp.Matrix([0, 0]))
            Matrix([
            [ 1/4, -1/4],
            [-1/4,  1/4]])
        """
        a = self(z) if a is None else a
        n = len(a)
        return sp.Matrix(n, n, lambda j, k: a[j] * ((1 if j == k else 0) - a[k]))


#: Softmax, the one vector activation; a softmax cross-entropy network's output layer.
SOFTMAX = VectorActivation("softmax", r"\operatorname{softmax}")


def activation(spec: str | Activation | VectorActivation | sp.Lambda) -> Activation | VectorActivation:
    """Look up an activation by name (``"softmax"`` too), or wrap a user's ``sympy.Lambda``.

    Args:
        spec: a key of :data:`ACTIVATIONS`, ``"softmax"``, an :class:`Activation`, or a ``sympy.Lambda``.

    Returns:
        The :class:`Activation`.

    Raises:
        SymnnError: for an unknown name.

    Examples:
        >>> activation("sigmoid").prime(0)
        1/4
    """
    if isinstance(spec, (Activation, VectorActivation)):
        return spec
    if isinstance(spec, sp.Lambda):
        return Activation.from_lambda(spec)
    if isinstance(spec, str):
        key = spec.strip().lower().replace("-", "_")
        if key in ACTIVATIONS:
            return ACTIVATIONS[key]
        if key == SOFTMAX.name:
            return SOFTMAX
    known = ", ".join([*ACTIVATIONS, SOFTMAX.name])
    raise SymnnError(f"unknown activation {spec!r}; known: {known}, or a one-variable sympy.Lambda")
