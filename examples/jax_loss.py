"""A JAX loss function: symnn differentiates it with jax.grad and checks the gradient.

    symnn crosscheck examples/jax_loss.py:loss --layers 2-2-3-2

``loss(params, x, y)`` takes ``params = [(W2, b2), ...]`` (W of shape (n_l, n_{l-1})) and
returns the scalar cost ½‖y − F(x)‖², eq. (18); returning a scalar JAX array is how symnn
knows it is a loss and not a gradient. JAX computes in float32 by default, and the tolerance
follows. ``loss_custom_vjp`` has a sigmoid with a hand-written backward rule (``jax.custom_vjp``).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp


def loss(params, x, y):
    """C = ½‖y − a[L]‖² of one point."""
    a = x
    for W, b in params:
        a = jax.nn.sigmoid(W @ a + b)
    return 0.5 * jnp.sum((y - a) ** 2)


@jax.custom_vjp
def sigmoid(z):
    """σ(z) = 1/(1 + e^{−z}), with its derivative σ(1 − σ) given by hand below."""
    return 1 / (1 + jnp.exp(-z))


def _sigmoid_forward(z):
    s = 1 / (1 + jnp.exp(-z))
    return s, s


def _sigmoid_backward(s, g):
    return (g * s * (1 - s),)


sigmoid.defvjp(_sigmoid_forward, _sigmoid_backward)


def loss_custom_vjp(params, x, y):
    """The same cost through the hand-written sigmoid rule."""
    a = x
    for W, b in params:
        a = sigmoid(W @ a + b)
    return 0.5 * jnp.sum((y - a) ** 2)
