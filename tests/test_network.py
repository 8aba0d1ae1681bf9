"""The symbolic network: symbols, parameter order, forward pass, F(X), costs, Jacobians."""

from __future__ import annotations

import pytest
import sympy as sp

from symnn import Network, SymnnError, parse_layers
from symnn.activations import ACTIVATIONS

sigma = ACTIVATIONS["sigmoid"]


def test_higham_network_has_23_parameters_in_the_documented_order() -> None:
    net = Network([2, 2, 3, 2])
    params = net.parameters()
    assert len(params) == 23
    assert len(set(params)) == 23
    names = [p.name for p in params]
    assert names[:6] == ["w_11__2", "w_12__2", "w_21__2", "w_22__2", "b_1__2", "b_2__2"]
    assert names[6:15] == [
        "w_11__3",
        "w_12__3",
        "w_21__3",
        "w_22__3",
        "w_31__3",
        "w_32__3",
        "b_1__3",
        "b_2__3",
        "b_3__3",
    ]
    assert names[-2:] == ["b_1__4", "b_2__4"]
    assert net.W[4].shape == (2, 3) and net.b[3].shape == (3, 1)
    assert net.W[3][1, 0] == sp.Symbol("w_21__3")  # w[3]_21: neuron 2 of layer 3, from neuron 1 of layer 2


def test_output_is_the_nested_function_of_the_article() -> None:
    net = Network([2, 2, 3, 2])
    W, b, x = net.W, net.b, net.x
    a2 = (W[2] * x + b[2]).applyfunc(sigma)
    a3 = (W[3] * a2 + b[3]).applyfunc(sigma)
    expected = (W[4] * a3 + b[4]).applyfunc(sigma)
    assert net.output == expected
    assert net.output.shape == (2, 1)


def test_forward_program_names_every_z_and_a() -> None:
    net = Network([2, 2, 3, 2])
    fp = net.forward()
    assert len(fp.program) == 2 * (2 + 3 + 2)
    assert fp.program.definition(sp.Symbol("z_1__3")) == sp.Symbol("w_11__3") * sp.Symbol("a_1__2") + sp.Symbol(
        "w_12__3"
    ) * sp.Symbol("a_2__2") + sp.Symbol("b_1__3")
    assert fp.program.definition(sp.Symbol("a_2__4")) == sigma(sp.Symbol("z_2__4"))
    assert fp.expand(fp.output) == net.output


def test_forward_at_exact_point_is_exact() -> None:
    net = Network([1, 1], activation="identity")
    out = net.output_at(["0.1"])
    assert out[0] == sp.Rational(1, 10) * sp.Symbol("w_11__2") + sp.Symbol("b_1__2")
    with pytest.raises(SymnnError, match="float"):
        net.output_at([0.1])


def test_cost_eq9_with_half_and_one_over_n() -> None:
    net = Network([1, 1], activation="identity")
    w, b = net.parameters()
    data = [([1], [2]), (["0.5"], [0])]
    expected = sp.Rational(1, 2) * (sp.Rational(1, 2) * (2 - (w + b)) ** 2 + sp.Rational(1, 2) * (0 - (w / 2 + b)) ** 2)
    assert sp.expand(net.cost(data) - expected) == 0
    # eq. (18): one point, symbolic target
    assert sp.expand(net.point_cost() - sp.Rational(1, 2) * (net.y[0] - (w * net.x[0] + b)) ** 2) == 0


def test_regularised_cost_eq33() -> None:
    net = Network([1, 1], activation="identity")
    w, _b = net.parameters()
    data = [([1], [2])]
    assert sp.expand(net.regularized_cost(data, "0.1") - net.cost(data) - w**2 / 10) == 0


def test_cross_entropy_network_has_softmax_output() -> None:
    net = Network([2, 3], cost="cross-entropy")
    z = net.W[2] * net.x + net.b[2]
    total = sum(sp.exp(zj) for zj in z)
    assert sp.simplify(net.output[0] - sp.exp(z[0]) / total) == 0
    assert sp.simplify(sum(net.output) - 1) == 0


def test_layer_jacobians() -> None:
    net = Network([2, 2, 3, 2])
    jac = net.layer_jacobians(3)
    z3 = net.z_symbols(3)
    assert jac.da_dz == sp.diag(*[sigma.prime(z) for z in z3])
    assert jac.dz_da_prev == net.W[3]
    assert jac.dz_db == sp.eye(3)
    # dz/dW by direct differentiation of z[3] = W[3] a[2] + b[3] w.r.t. W[3] row-major
    z_def = net.W[3] * net.a_symbols(2) + net.b[3]
    assert jac.dz_dW == z_def.jacobian(list(net.W[3]))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ([2, 0, 1], "at least one neuron"),
        ([3], "at least two layers"),
        ("2-x-1", "malformed layer spec"),
        ([2, 1.5], "integers"),
        (7, "sequence of sizes"),
    ],
)
def test_bad_layer_specs(spec: object, message: str) -> None:
    with pytest.raises(SymnnError, match=message):
        Network(spec)  # type: ignore[arg-type]


def test_bad_activation_count_and_shapes() -> None:
    with pytest.raises(SymnnError, match="2 activations given for 3 layers"):
        Network([2, 2, 3, 2], activation=["tanh", "relu"])
    net = Network([2, 2, 1])
    with pytest.raises(SymnnError, match="input x has 3 entries; the network needs 2"):
        net.backprop(x=[1, 2, 3], y=[0])
    with pytest.raises(SymnnError, match="target y has 2 entries"):
        net.cost([([1, 2], [0, 1])])
    with pytest.raises(SymnnError, match="unknown cost"):
        Network([2, 1], cost="hinge")
    with pytest.raises(SymnnError, match="22 parameter values"):
        Network([2, 2, 3, 2]).assign([1] * 22)


def test_parse_layers_accepts_strings() -> None:
    assert parse_layers("784-30-10") == (784, 30, 10)
    assert parse_layers("2,3") == (2, 3)


def test_zero_input_point_makes_every_weighted_input_zero() -> None:
    net = Network([2, 3, 2])
    x = ["0.1", "0.5"]
    weights = {2: sp.Matrix([[1, -2], [3, 4], [sp.Rational(1, 2), 0]]), 3: sp.Matrix([[1, 1, 1], [-1, 2, 0]])}
    point = net.zero_input_point(x, weights)
    assert set(point) == set(net.parameters())
    values = net.forward(x).program.evaluate(point)
    for layer in (2, 3):
        assert all(values[z] == 0 for z in net.z_symbols(layer))
        assert all(values[a] == sp.Rational(1, 2) for a in net.a_symbols(layer))
    with pytest.raises(SymnnError, match=r"W\[3\] must be"):
        net.zero_input_point(x, {2: weights[2], 3: sp.Matrix([[1, 1]])})
