"""net.compile(): the generated numeric code equals the exact gradient, for every core activation."""

from __future__ import annotations

import functools
import random
import sys
import tempfile
import time
from pathlib import Path

import mpmath
import numpy as np
import pytest
import sympy as sp

from symnn import Network, SymnnError
from symnn.calculus import gradient as exact_gradient
from symnn.gradcheck import check_gradient
from symnn.numeric import SCALAR_ROWS, compile_network, numba_available, safe_forms, sigmoid, softplus

#: Shared by the test modules; the numba kernels' file names are hashes of their source.
TEST_CACHE = Path(tempfile.gettempdir()) / "symnn-test-cache"
CORE_ACTIVATIONS = ["sigmoid", "tanh", "relu", "softplus", "identity"]
BACKENDS = ["numpy", pytest.param("numba", marks=pytest.mark.skipif(not numba_available(), reason="no numba"))]


@pytest.fixture(autouse=True, scope="module")
def _numba_cache():  # type: ignore[no-untyped-def]
    """Generated numba modules go to a test cache in the temp folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SYMNN_CACHE_DIR", str(TEST_CACHE))
        yield


def _rationals(count: int, seed: int, bound: int = 2) -> list[sp.Rational]:
    """Random rationals with odd denominators up to 97 (a ReLU kink at exactly 0 is unlikely)."""
    rng = random.Random(seed)
    values = []
    for _ in range(count):
        q = rng.choice(range(3, 98, 2))
        values.append(sp.Rational(rng.randint(-bound * q, bound * q), q))
    return values


def _exact_problem(net: Network, n_points: int, seed: int):  # type: ignore[no-untyped-def]
    """Random rational θ and data; the data as exact pairs and as float arrays."""
    theta = _rationals(len(net.parameters()), seed)
    xs = [_rationals(net.layers[0], seed + 100 + i, bound=1) for i in range(n_points)]
    ys = [_rationals(net.layers[-1], seed + 200 + i, bound=1) for i in range(n_points)]
    data = list(zip(xs, ys, strict=True))
    return theta, data, np.array([float(v) for v in theta]), _floats(xs), _floats(ys)


def _floats(rows: list[list[sp.Rational]]) -> np.ndarray:
    return np.array([[float(v) for v in row] for row in rows])


def _relative_error(numeric: np.ndarray, exact: list[sp.Expr]) -> float:
    """max |numeric − exact| / max |exact|, the exact values evaluated to 40 digits."""
    reference = [mpmath.mpf(str(sp.N(value, 40))) for value in exact]
    worst = max(abs(mpmath.mpf(float(n)) - r) for n, r in zip(numeric, reference, strict=True))
    scale = max(abs(r) for r in reference)
    assert scale > 0, "a comparison with an all-zero reference would prove little"
    return float(worst / scale)


# ---------------------------------------------------------------------------- exactness
@functools.cache
def _reference(act: str, seed: int):  # type: ignore[no-untyped-def]
    """θ, X, Y as floats, and the exact gradient, cost and outputs of a 2-3-2 network there.

    Ground truth: sympy.diff of the nested cost (9), independent of the backprop program
    the code is generated from, evaluated exactly at rational points.
    """
    net = Network([2, 3, 2], activation=act)
    theta, data, theta_f, X, Y = _exact_problem(net, n_points=3, seed=seed)
    cost = net.cost(data)
    point = dict(zip(net.parameters(), theta, strict=True))
    exact_grad = [entry.xreplace(point) for entry in exact_gradient(cost, net.parameters())]
    outputs = [value for x, _ in data for value in net.output_at(x).xreplace(point)]
    return net, theta_f, X, Y, exact_grad, [cost.xreplace(point)], outputs


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("act", CORE_ACTIVATIONS)
def test_compiled_gradient_equals_exact_gradient(act: str, backend: str) -> None:
    for seed in (2, 3):  # seeds at which the ReLU network is not all dead
        net, theta, X, Y, exact_grad, exact_cost, exact_outputs = _reference(act, seed)
        compiled = net.compile(backend)
        assert _relative_error(compiled.gradient(theta, X, Y), exact_grad) <= 1e-12
        # the points four times over: the same cost (9), through the whole-column (array) code
        X4, Y4 = np.tile(X, (4, 1)), np.tile(Y, (4, 1))
        assert X4.shape[0] > SCALAR_ROWS
        assert _relative_error(compiled.gradient(theta, X4, Y4), exact_grad) <= 1e-12
        assert _relative_error(np.array([compiled.cost(theta, X4, Y4)]), exact_cost) <= 1e-12
        assert _relative_error(np.array([compiled.cost(theta, X, Y)]), exact_cost) <= 1e-12
        assert _relative_error(compiled.forward(theta, X).ravel(), exact_outputs) <= 1e-12


@pytest.mark.slow
@pytest.mark.parametrize(
    ("layers", "activation", "cost"),
    [
        ([2, 2, 3, 2], "sigmoid", "quadratic"),
        ([2, 3, 2], ["tanh", "sigmoid"], "quadratic"),
        ([2, 2, 3], "relu", "cross-entropy"),
    ],
)
def test_compiled_gradient_other_networks(layers: list[int], activation: object, cost: str) -> None:
    net = Network(layers, activation=activation, cost=cost)
    theta, data, theta_f, X, Y = _exact_problem(net, n_points=2, seed=7)
    point = dict(zip(net.parameters(), theta, strict=True))
    exact_grad = [e.xreplace(point) for e in exact_gradient(net.cost(data), net.parameters())]
    assert _relative_error(net.compile().gradient(theta_f, X, Y), exact_grad) <= 1e-12


def test_compiled_gradient_agrees_with_finite_differences() -> None:
    net = Network([2, 2, 3, 2])
    compiled = net.compile()
    rng = np.random.default_rng(3)
    theta, X, Y = rng.normal(size=23), rng.random((10, 2)), rng.random((10, 2))
    result = check_gradient(lambda t: compiled.cost(t, X, Y), lambda t: compiled.gradient(t, X, Y), theta)
    assert result.ok, result.message


@pytest.mark.skipif(not numba_available(), reason="no numba")
def test_backends_agree() -> None:
    net = Network([2, 2, 3, 2])
    numpy_net, numba_net = net.compile("numpy"), net.compile("numba")
    rng = np.random.default_rng(0)
    theta, X, Y = rng.normal(size=23), rng.random((50, 2)), rng.random((50, 2))
    np.testing.assert_allclose(numba_net.gradient(theta, X, Y), numpy_net.gradient(theta, X, Y), rtol=1e-12, atol=0)
    np.testing.assert_allclose(numba_net.forward(theta, X), numpy_net.forward(theta, X), rtol=1e-14)
    assert numba_net.cost(theta, X, Y) == pytest.approx(numpy_net.cost(theta, X, Y), rel=1e-14)


# ---------------------------------------------------------------------------- a wide network
def _hand_backprop(theta: np.ndarray, X: np.ndarray, Y: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Written-out NumPy backprop of cost (9) for a sigmoid network, Lemma 1 in matrix form."""
    W, b, at = {}, {}, 0
    for layer in range(2, len(sizes) + 1):
        rows, cols = sizes[layer - 1], sizes[layer - 2]
        W[layer] = theta[at : at + rows * cols].reshape(rows, cols)
        at += rows * cols
        b[layer] = theta[at : at + rows]
        at += rows
    a = {1: X.T}
    for layer in W:
        a[layer] = 1 / (1 + np.exp(-(W[layer] @ a[layer - 1] + b[layer][:, None])))
    L = len(sizes)
    delta = {L: a[L] * (1 - a[L]) * (a[L] - Y.T)}
    for layer in range(L - 1, 1, -1):
        delta[layer] = a[layer] * (1 - a[layer]) * (W[layer + 1].T @ delta[layer + 1])
    N = X.shape[0]
    blocks = []
    for layer in W:
        blocks += [(delta[layer] @ a[layer - 1].T).ravel() / N, delta[layer].sum(axis=1) / N]
    return np.concatenate(blocks)


def test_wide_network_compiles_and_matches_hand_backprop() -> None:
    sizes = [2, 64, 64, 2]
    start = time.perf_counter()
    compiled = Network(sizes).compile()
    seconds = time.perf_counter() - start
    assert compiled.n_parameters == 4482
    rng = np.random.default_rng(1)
    theta, X, Y = 0.5 * rng.standard_normal(4482), rng.random((20, 2)), rng.random((20, 2))
    mine, hand = compiled.gradient(theta, X, Y), _hand_backprop(theta, X, Y, sizes)
    assert np.linalg.norm(mine - hand) <= 1e-9 * np.linalg.norm(hand)
    print(f"2-64-64-2: built and compiled in {seconds:.2f} s")  # shown with -s; no timing threshold


# ---------------------------------------------------------------------------- safety
def test_safe_forms_rewrites_sigmoid_and_softplus() -> None:
    z = sp.Symbol("z")
    assert safe_forms(1 / (1 + sp.exp(-z))) == sigmoid(z)
    assert safe_forms(1 / (1 + sp.exp(z))) == sigmoid(-z)
    assert safe_forms(sp.log(1 + sp.exp(2 * z))) == softplus(2 * z)
    assert safe_forms(sp.exp(z) + 1) == sp.exp(z) + 1


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("act", ["sigmoid", "softplus", "tanh"])
def test_no_overflow_for_large_inputs(act: str, backend: str) -> None:
    # z = ±1000 would overflow exp; pytest turns an overflow warning into an error.
    compiled = Network([1, 1], activation=act).compile(backend)
    X = np.array([[1000.0], [-1000.0]])
    F = compiled.forward([1.0, 0.0], X)
    expected = {"sigmoid": [1.0, 0.0], "softplus": [1000.0, 0.0], "tanh": [1.0, -1.0]}[act]
    assert F.ravel().tolist() == expected
    assert np.all(np.isfinite(compiled.gradient([1.0, 0.0], X, np.zeros((2, 1)))))


# ---------------------------------------------------------------------------- source and errors
def test_source_is_readable_program() -> None:
    compiled = Network([2, 2, 3, 2]).compile()
    source = compiled.source
    assert "def gradient_kernel(theta, x, y, grad):" in source
    assert "    z_1__2 = b_1__2 + w_11__2*x_1 + w_12__2*x_2" in source
    assert "    a_1__2 = sigmoid(z_1__2)" in source
    assert "    delta_1__4 = a_1__4*(1 - a_1__4)*(a_1__4 - y_1)" in source  # (22), σ' through the named a
    assert "    grad[22] += total(delta_2__4)" in source  # (24), the last parameter b_2__4
    assert "exp(" not in source  # every exponential sits inside the overflow-safe sigmoid


@pytest.mark.skipif(not numba_available(), reason="no numba")
def test_numba_source_is_the_same_program_jitted() -> None:
    net = Network([2, 2, 3, 2])
    numba_source = net.compile("numba").source
    assert net.compile("numpy").source.replace("\ndef ", "\n@njit(cache=True)\ndef ") in numba_source
    assert "def descent(theta, X, Y, eta, indices, record_every, first_step, history):" in numba_source


def test_bad_input_is_a_symnn_error() -> None:
    compiled = Network([2, 2]).compile()
    with pytest.raises(SymnnError, match=r"theta has shape \(5,\)"):
        compiled.gradient(np.zeros(5), np.zeros((1, 2)), np.zeros((1, 2)))
    with pytest.raises(SymnnError, match="X has shape"):
        compiled.forward(np.zeros(6), np.zeros((3, 3)))
    with pytest.raises(SymnnError, match="X has 2 rows but Y has 1"):
        compiled.cost(np.zeros(6), np.zeros((2, 2)), np.zeros((1, 2)))
    with pytest.raises(SymnnError, match="unknown backend 'tensorflow'"):  # torch is a backend since issue 10
        compile_network(Network([2, 2]), "tensorflow")


def test_unsupported_function_is_a_clear_error() -> None:
    t = sp.Symbol("t")
    with pytest.raises(SymnnError, match="cannot compile a network that calls cos, sin; compiled code supports exp"):
        Network([1, 1], activation=sp.Lambda(t, sp.sin(t))).compile()


def test_custom_activation_compiles_exactly() -> None:
    # A user's sympy.Lambda: σ(t) = t/(1 + t^2); its derivative comes from sympy.diff.
    t = sp.Symbol("t")
    net = Network([1, 2, 1], activation=sp.Lambda(t, t / (1 + t**2)))
    theta = [sp.Rational(k, 5) for k in (3, -2, 1, 4, 2, -1, 1)]
    data = [(["0.5"], ["0.25"]), (["-1.5"], [1])]
    point = dict(zip(net.parameters(), theta, strict=True))
    exact_grad = [e.xreplace(point) for e in exact_gradient(net.cost(data), net.parameters())]
    numeric = net.compile().gradient([float(v) for v in theta], [[0.5], [-1.5]], [[0.25], [1.0]])
    assert _relative_error(numeric, exact_grad) <= 1e-12


@pytest.mark.skipif(not numba_available(), reason="no numba")
def test_numba_runs_a_network_too_large_to_unroll_in_the_matrix_form() -> None:
    # issue 10: no refusal any more; past the limit the matrix program runs, and says why
    compiled = Network([2, 64, 64, 2]).compile("numba")
    assert compiled.form == "matrix"
    assert "4482 parameters > 1500, past which numba's unrolled kernels take minutes" in compiled.choice


def test_numba_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numba", None)  # `import numba` now raises ImportError
    with pytest.raises(SymnnError, match=r"needs numba, which is not installed; install it with"):
        Network([2, 2]).compile("numba")
