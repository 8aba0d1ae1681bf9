"""The activation table: each written-out derivative equals sympy.diff of its function."""

from __future__ import annotations

import pytest
import sympy as sp

from symnn import ACTIVATIONS, Activation, Network, SymnnError, activation

t = sp.Symbol("t", real=True)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_written_derivative_equals_sympy_diff(name: str) -> None:
    entry = ACTIVATIONS[name]
    written = entry.prime(t)
    by_sympy = sp.diff(entry(t), t)
    if name == "relu":
        # Away from the kink both are piecewise constants; compare on each side.
        for value in (sp.Rational(-3, 2), sp.Rational(1, 7), 5):
            assert written.subs(t, value) == by_sympy.subs(t, value)
    else:
        assert sp.simplify(written - by_sympy) == 0


def test_relu_kink_is_a_declared_convention_not_heaviside() -> None:
    relu = ACTIVATIONS["relu"]
    assert relu.prime(0) == 0
    assert "ReLU'(0) = 0" in relu.kink


def test_sigmoid_facts_of_the_article() -> None:
    sigma = ACTIVATIONS["sigmoid"]
    assert sigma(0) == sp.Rational(1, 2)
    assert sp.limit(sigma(t), t, sp.oo) == 1
    assert sp.limit(sigma(t), t, -sp.oo) == 0
    assert sp.simplify(sigma.prime(t) - sigma(t) * (1 - sigma(t))) == 0


def test_user_lambda_gets_its_derivative_from_diff() -> None:
    u = sp.Symbol("u")
    cube = activation(sp.Lambda(u, u**3))
    assert cube.prime(2) == 12
    net = Network([1, 1], activation=sp.Lambda(u, u**3))
    assert net.activations[2].prime(sp.Integer(3)) == 27


def test_bad_activations_raise_clear_errors() -> None:
    with pytest.raises(SymnnError, match="unknown activation 'swish'"):
        activation("swish")
    u, v = sp.symbols("u v")
    with pytest.raises(SymnnError, match="one-variable"):
        Activation.from_lambda(sp.Lambda((u, v), u * v))
    with pytest.raises(SymnnError, match="may depend on its variable only"):
        Activation.from_lambda(sp.Lambda(u, u * v))
