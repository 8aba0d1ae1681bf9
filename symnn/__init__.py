"""symnn: the mathematics of neural networks, exactly.

The public API, re-exported here; see the README for a tour.

The names load lazily (PEP 562): ``import symnn`` runs no SymPy, NumPy, document or numeric
code until a name is used, so the ``symnn`` command starts fast and the core's layering holds
(``tests/test_layering.py``). To export a name, add it to ``_EXPORTS`` (name -> module) and to
the ``TYPE_CHECKING`` imports below it (for type checkers), not as a plain import.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

#: Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    "ACTIVATIONS": "symnn.activations",
    "Activation": "symnn.activations",
    "Backprop": "symnn.backprop",
    "BackpropProof": "symnn.backprop",
    "Claim": "symnn.verify",
    "ClaimResult": "symnn.verify",
    "DescentStep": "symnn.calculus",
    "ForwardPass": "symnn.network",
    "GradientCheck": "symnn.gradcheck",
    "LOSSES": "symnn.losses",
    "LayerJacobians": "symnn.network",
    "Loss": "symnn.losses",
    "Network": "symnn.network",
    "Program": "symnn.program",
    "SymnnError": "symnn.errors",
    "activation": "symnn.activations",
    "approx": "symnn.verify",
    "at": "symnn.calculus",
    "backpropagate": "symnn.backprop",
    "check_claim": "symnn.verify",
    "check_claims": "symnn.verify",
    "check_gradient": "symnn.gradcheck",
    "crosscheck": "symnn.crosscheck",
    "descent_step": "symnn.calculus",
    "direct_gradient": "symnn.backprop",
    "directional_derivative": "symnn.calculus",
    "equal": "symnn.verify",
    "exact": "symnn.exact",
    "finite_difference_gradient": "symnn.gradcheck",
    "gradient": "symnn.calculus",
    "gradient_descent": "symnn.calculus",
    "hessian": "symnn.calculus",
    "holds": "symnn.verify",
    "is_zero": "symnn.exact",
    "jacobian": "symnn.calculus",
    "latex": "symnn.latex",
    "linear_prediction": "symnn.calculus",
    "order": "symnn.verify",
    "parse_layers": "symnn.network",
    "prove_backprop": "symnn.backprop",
    "softmax": "symnn.losses",
    "taylor_prediction": "symnn.calculus",
}

if TYPE_CHECKING:
    from symnn.activations import ACTIVATIONS, Activation, activation
    from symnn.backprop import Backprop, BackpropProof, backpropagate, direct_gradient, prove_backprop
    from symnn.calculus import (
        DescentStep,
        at,
        descent_step,
        directional_derivative,
        gradient,
        gradient_descent,
        hessian,
        jacobian,
        linear_prediction,
        taylor_prediction,
    )
    from symnn.crosscheck import crosscheck
    from symnn.errors import SymnnError
    from symnn.exact import exact, is_zero
    from symnn.gradcheck import GradientCheck, check_gradient, finite_difference_gradient
    from symnn.latex import latex
    from symnn.losses import LOSSES, Loss, softmax
    from symnn.network import ForwardPass, LayerJacobians, Network, parse_layers
    from symnn.program import Program
    from symnn.verify import Claim, ClaimResult, approx, check_claim, check_claims, equal, holds, order


class _Package(types.ModuleType):
    """The package module: a submodule named like an export (``symnn.latex``) never hides the export."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return  # the import system binding the submodule; ``symnn.latex`` stays the function
        super().__setattr__(name, value)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'symnn' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


sys.modules[__name__].__class__ = _Package

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "Activation",
    "Backprop",
    "BackpropProof",
    "Claim",
    "ClaimResult",
    "DescentStep",
    "ForwardPass",
    "GradientCheck",
    "LayerJacobians",
    "Loss",
    "Network",
    "Program",
    "SymnnError",
    "__version__",
    "activation",
    "approx",
    "at",
    "backpropagate",
    "check_claim",
    "check_claims",
    "check_gradient",
    "crosscheck",
    "descent_step",
    "direct_gradient",
    "directional_derivative",
    "equal",
    "exact",
    "finite_difference_gradient",
    "gradient",
    "gradient_descent",
    "hessian",
    "holds",
    "is_zero",
    "jacobian",
    "latex",
    "linear_prediction",
    "order",
    "parse_layers",
    "prove_backprop",
    "softmax",
    "taylor_prediction",
]
