"""symnn: the mathematics of neural networks, exactly.

The public API, re-exported here; see the README for a tour.
"""

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
from symnn.errors import SymnnError
from symnn.exact import exact, is_zero
from symnn.gradcheck import GradientCheck, check_gradient, finite_difference_gradient
from symnn.latex import latex
from symnn.losses import LOSSES, Loss, softmax
from symnn.network import ForwardPass, LayerJacobians, Network, parse_layers
from symnn.program import Program
from symnn.verify import Claim, ClaimResult, approx, check_claim, check_claims, equal, holds, order

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
