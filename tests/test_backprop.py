"""Lemma 1 (backprop) against direct differentiation and central differences."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symnn import ACTIVATIONS, Network, check_gradient, direct_gradient, prove_backprop
from symnn.exact import random_rationals
from symnn.losses import LOSSES


def _point(net: Network, seed: int) -> dict[sp.Symbol, sp.Rational]:
    free = [*net.parameters(), *net.x, *net.y]
    return dict(zip(free, random_rationals(len(free), seed=seed), strict=True))


def test_higham_network_backprop_equals_direct_differentiation() -> None:
    proof = prove_backprop(Network([2, 2, 3, 2]))
    assert proof.ok, str(proof)
    # 3 abstract points, the symbolic identity, the matrix form (issue 10 adds it), 3 real points
    assert len(proof.checks) == 8
    assert "23 gradient entries equal exactly" in proof.checks[0]
    assert "matrix program (16 matrix steps, the same for every width) = element-wise program" in proof.checks[4]
    assert "at widths 2-2-3-2 (23 entries)" in proof.checks[4]


@pytest.mark.slow
def test_paper_five_layer_example() -> None:
    proof = prove_backprop(Network([4, 3, 4, 5, 2]), points=2)
    assert proof.ok, str(proof)
    assert "68 gradient entries equal exactly" in proof.checks[0]


@pytest.mark.parametrize("name", ["identity", "relu"])
def test_rational_activations_agree_with_direct_gradient_as_plain_rationals(name: str) -> None:
    # With identity/ReLU a rational point gives rational values: no atoms, no tolerance.
    net = Network([2, 3, 2], activation=name)
    bp = net.backprop()
    direct = direct_gradient(net)
    for seed in range(3):
        at = _point(net, seed)
        exact_bp = bp.gradient_at(at)
        assert all(v.is_Rational for v in exact_bp)
        assert exact_bp == direct.xreplace(at)


def test_proof_detects_a_wrong_backprop() -> None:
    # A backprop that forgets sigma'(z[L]) in eq. (22) must be caught by every check.
    quadratic = LOSSES["quadratic"]
    forgetful = dataclasses.replace(
        quadratic, output_delta=lambda y, a, sp_: sp.Matrix([aj - yj for aj, yj in zip(a, y, strict=True)])
    )
    proof = prove_backprop(Network([2, 2, 1], cost=forgetful), points=1)
    assert not proof.ok
    assert "DIFFER" in proof.checks[0]
    assert "NO, worst difference" in proof.checks[-1]


def test_matrix_form_and_jacobian_product_equal_the_delta_recursion() -> None:
    net = Network([2, 2, 3, 2])
    bp = net.backprop()
    for layer in (2, 3, 4):
        # Both sides in named z[l], a[L]: inline the delta recursion only, so they stay polynomial.
        product = sp.Matrix(sp.prod(bp.matrix_form(layer)))
        delta = sp.Matrix([bp.backward.inline(d) for d in bp.delta[layer]])
        assert (product - delta).applyfunc(sp.expand) == sp.zeros(*delta.shape)
    chain = bp.jacobian_chain(2)
    assert chain[0] == net.W[3] * bp.D[2]
    recursion = chain[0].T * bp.delta[3]
    defined = sp.Matrix([bp.backward.definition(d) for d in bp.delta[2]])
    assert (recursion - defined).applyfunc(sp.expand) == sp.zeros(2, 1)


def test_gradient_column_is_in_parameter_order() -> None:
    net = Network([2, 2, 3, 2])
    grad = net.backprop().gradient()
    names = [p.name for p in net.parameters()]
    assert grad[names.index("w_21__3")] == sp.Symbol("delta_2__3") * sp.Symbol("a_1__2")  # eq. (25)
    assert grad[names.index("b_3__3")] == sp.Symbol("delta_3__3")  # eq. (24)


def _numeric(net: Network) -> tuple:
    free = [*net.parameters(), *net.x, *net.y]
    # plain Python scalars: SymPy folds nested Piecewise (ReLU of ReLU) into ITE conditions,
    # which the numpy printer turns into np.select calls that reject scalar conditions
    cost = sp.lambdify(free, net.point_cost(), "math")
    grad = sp.lambdify(free, list(net.backprop().gradient(expand=True)), "math", cse=True)
    return cost, grad


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus"])
def test_backprop_agrees_with_central_differences(name: str) -> None:
    net = Network([2, 2, 3, 2], activation=name)
    cost, grad = _numeric(net)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=2), rng.uniform(size=2)
    theta = rng.normal(scale=0.5, size=len(net.parameters()))
    result = check_gradient(lambda t: cost(*t, *x, *y), lambda t: np.array(grad(*t, *x, *y)), theta)
    assert result.ok, result.message


def test_central_differences_catch_a_wrong_gradient() -> None:
    net = Network([2, 2, 1])
    cost, grad = _numeric(net)
    theta = np.full(len(net.parameters()), 0.3)
    result = check_gradient(lambda t: cost(*t, 1.0, 2.0, 0.5), lambda t: 2 * np.array(grad(*t, 1.0, 2.0, 0.5)), theta)
    assert not result.ok
    assert "GRADIENT MISMATCH" in result.message and "central difference" in result.message

    def one_entry_off(t: np.ndarray) -> np.ndarray:
        g = np.array(grad(*t, 1.0, 2.0, 0.5), dtype=float)
        g[3] *= 1.01  # one entry 1% off
        return g

    single = check_gradient(lambda t: cost(*t, 1.0, 2.0, 0.5), one_entry_off, theta)
    assert not single.ok and single.worst == 3


def test_cross_entropy_backprop() -> None:
    proof = prove_backprop(Network([2, 3, 3], activation="tanh", cost="cross-entropy"), points=1)
    assert proof.ok, str(proof)


architectures = st.lists(st.integers(min_value=1, max_value=3), min_size=2, max_size=4)
activation_names = st.sampled_from(sorted(ACTIVATIONS))


@settings(max_examples=12, deadline=None)
@given(layers=architectures, data=st.data())
def test_property_backprop_equals_direct_for_small_architectures(layers: list[int], data: st.DataObject) -> None:
    acts = [data.draw(activation_names) for _ in layers[1:]]
    net = Network(layers, acts)
    proof = prove_backprop(net, points=1, real_limit=12)
    assert proof.ok, str(proof)
    # ... and both agree with central differences at a random float point.
    cost, grad = _numeric(net)
    rng = np.random.default_rng(len(layers) * 100 + sum(layers))
    x, y = rng.normal(size=layers[0]), rng.uniform(size=layers[-1])
    theta = rng.normal(scale=0.7, size=len(net.parameters()))
    result = check_gradient(lambda t: cost(*t, *x, *y), lambda t: np.array(grad(*t, *x, *y), dtype=float), theta)
    assert result.ok, result.message


def test_mazur_step_by_step_example() -> None:
    """Matt Mazur, "A Step by Step Backpropagation Example" (2015): a 2-2-2 sigmoid net, E = Σ ½(t − o)²,
    biases shared per layer (b1 = 0.35, b2 = 0.60), eta = 0.5. Printed values checked to their printed digits."""
    net = Network([2, 2, 2])
    w = [sp.Rational(v) for v in ("0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55")]
    b1, b2 = sp.Rational("0.35"), sp.Rational("0.60")
    theta = net.assign([*w[:4], b1, b1, *w[4:], b2, b2])
    bp = net.backprop(x=["0.05", "0.10"], y=["0.01", "0.99"])
    values = bp.evaluate(theta)
    gradient = bp.gradient_at(theta)
    names = [p.name for p in net.parameters()]
    eta = sp.Rational(1, 2)

    def printed(value: sp.Expr, text: str) -> None:
        digits = len(text.split(".")[1])
        assert abs(sp.N(value, 30) - sp.Rational(text)) <= sp.Rational(1, 2) * sp.Rational(10) ** -digits, text

    assert values[sp.Symbol("z_1__2")] == sp.Rational("0.3775")  # net_h1, exact
    printed(values[sp.Symbol("a_1__2")], "0.593269992")  # out_h1
    printed(values[sp.Symbol("a_2__2")], "0.596884378")  # out_h2
    printed(values[sp.Symbol("z_1__3")], "1.105905967")  # net_o1
    printed(values[sp.Symbol("a_1__3")], "0.75136507")  # out_o1
    printed(values[sp.Symbol("a_2__3")], "0.772928465")  # out_o2
    printed(net.point_cost(["0.05", "0.10"], ["0.01", "0.99"]).xreplace(theta), "0.298371109")  # E_total
    printed(gradient[names.index("w_11__3")], "0.082167041")  # dE/dw5
    printed(theta[sp.Symbol("w_11__3")] - eta * gradient[names.index("w_11__3")], "0.35891648")  # w5+
    printed(theta[sp.Symbol("w_12__3")] - eta * gradient[names.index("w_12__3")], "0.408666186")  # w6+
    printed(theta[sp.Symbol("w_21__3")] - eta * gradient[names.index("w_21__3")], "0.511301270")  # w7+
    printed(theta[sp.Symbol("w_22__3")] - eta * gradient[names.index("w_22__3")], "0.561370121")  # w8+
    printed(gradient[names.index("w_11__2")], "0.000438568")  # dE/dw1
    printed(theta[sp.Symbol("w_11__2")] - eta * gradient[names.index("w_11__2")], "0.149780716")  # w1+
    printed(theta[sp.Symbol("w_12__2")] - eta * gradient[names.index("w_12__2")], "0.19956143")  # w2+
    printed(theta[sp.Symbol("w_21__2")] - eta * gradient[names.index("w_21__2")], "0.24975114")  # w3+
    printed(theta[sp.Symbol("w_22__2")] - eta * gradient[names.index("w_22__2")], "0.29950229")  # w4+
