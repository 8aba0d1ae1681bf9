r"""The table of activation functions: function, derivative written out, LaTeX name.

Every entry states its derivative by hand, next to the function, so it can be
checked by eye; ``tests/test_activations.py`` proves each equals ``sympy.diff``.
The derivative at a kink (ReLU at 0) is a declared convention, stated in the entry,
never SymPy's ``Heaviside(0) = 1/2`` by accident.

Sigmoid: Higham & Higham (2019), eq. (3) and (5): σ(x) = 1/(1+e^{-x}),
σ'(x) = σ(x)(1 − σ(x)).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symnn.errors import SymnnError

__all__ = ["ACTIVATIONS", "Activation", "activation"]

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
    "identity": _entry("identity", _x, sp.Integer(1), r"\operatorname{id}"),
}


def activation(spec: str | Activation | sp.Lambda) -> Activation:
    """Look up an activation by name, or wrap a user's ``sympy.Lambda``.

    Args:
        spec: a key of :data:`ACTIVATIONS`, an :class:`Activation`, or a ``sympy.Lambda``.

    Returns:
        The :class:`Activation`.

    Raises:
        SymnnError: for an unknown name.

    Examples:
        >>> activation("sigmoid").prime(0)
        1/4
    """
    if isinstance(spec, Activation):
        return spec
    if isinstance(spec, sp.Lambda):
        return Activation.from_lambda(spec)
    if isinstance(spec, str) and spec.lower() in ACTIVATIONS:
        return ACTIVATIONS[spec.lower()]
    known = ", ".join(ACTIVATIONS)
    raise SymnnError(f"unknown activation {spec!r}; known: {known}, or a one-variable sympy.Lambda")
