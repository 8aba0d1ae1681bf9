"""The matrix program (Lemma 1 over a batch) against the element-wise exact gradient, on every backend."""

from __future__ import annotations

import functools
import importlib.util
import random
import zlib

import mpmath
import numpy as np
import pytest
import sympy as sp

from symnn import Network, SymnnError
from symnn.activations import ACTIVATIONS
from symnn.losses import LOSSES
from symnn.matrix import evaluate, gradient_at
from symnn.matrix.check import check_matrix_program

BACKENDS = [b for b in ("numpy", "jax", "torch", "numba") if importlib.util.find_spec(b) is not None]


def _settings() -> list[tuple[str, str]]:
    """Every (activation, loss) pair that fits: the output activation is the loss's own where it has one."""
    pairs = []
    for loss in LOSSES.values():
        for act in sorted(ACTIVATIONS):
            if loss.output == "sigmoid" and act != "sigmoid":
                continue
            pairs.append((act, loss.name))
    return pairs


def _rationals(rng: random.Random, count: int) -> list[sp.Rational]:
    return [sp.Rational(rng.randint(-60, 60), rng.choice(range(31, 98, 2))) for _ in range(count)]


@functools.cache
def _reference(act: str, cost: str):  # type: ignore[no-untyped-def]
    """θ, X, Y and the exact batch gradient from the ELEMENT-WISE program (Lemma 1 per point), to 40 digits."""
    net = Network([3, 4, 3], activation=act, cost=cost)
    rng = random.Random(zlib.crc32(f"{act} {cost}".encode()))  # hash() of a str varies per process
    theta = _rationals(rng, len(net.parameters()))
    N = 5
    X = [_rationals(rng, 3) for _ in range(N)]
    Y = [[sp.Rational(rng.randint(0, 9), 9) for _ in range(3)] for _ in range(N)]
    bp = net.backprop()
    point = dict(zip(net.parameters(), theta, strict=True))
    total = [sp.S.Zero] * len(theta)
    for x, y in zip(X, Y, strict=True):
        known = bp.evaluate({**point, **dict(zip(net.x, x, strict=True)), **dict(zip(net.y, y, strict=True))})
        total = [t + g for t, g in zip(total, bp.gradient().xreplace(known), strict=True)]
    exact = [sp.N(t * net.loss.batch_scale(N), 40) for t in total]
    as_floats = (np.array([float(t) for t in theta]), np.array(X, dtype=float), np.array(Y, dtype=float))
    return net, as_floats, [mpmath.mpf(str(e)) for e in exact]


def _relative_error(numeric: np.ndarray, exact: list[mpmath.mpf]) -> float:
    scale = max(abs(e) for e in exact)
    assert scale > 0
    return float(max(abs(mpmath.mpf(float(n)) - e) for n, e in zip(numeric, exact, strict=True)) / scale)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("act", "cost"), _settings())
def test_matrix_gradient_equals_elementwise_exact_gradient(act: str, cost: str, backend: str) -> None:
    net, (theta, X, Y), exact = _reference(act, cost)
    compiled = net.compile(backend, form="matrix") if backend != "numba" else net.compile("numpy", form="matrix")
    assert compiled.form == "matrix"
    assert _relative_error(compiled.gradient(theta, X, Y), exact) <= 1e-12


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b != "numba"])
def test_float32_is_float32_and_close(backend: str) -> None:
    net, (theta, X, Y), exact = _reference("tanh", "quadratic")
    grad = net.compile(backend, dtype="float32").gradient(theta, X, Y)
    assert grad.dtype == np.float32
    assert _relative_error(grad.astype(np.float64), exact) <= 1e-5


def test_exact_evaluator_equals_elementwise_program_and_digits_agree() -> None:
    net = Network([2, 3, 2], activation="tanh")
    program = net.matrix_program()
    W2, b2, W3, b3, X, Y = program.inputs
    values = {
        W2: [[1, 2], ["1/2", -1], [0, 3]],
        b2: [[1], [0], [-1]],
        W3: [[1, -1, 2], [0, 1, 1]],
        b3: [[0], [1]],
        X: [["1/3", 1], [2, -1]],
        Y: [[1, 0], [0, 1]],
    }
    values = {k: [[sp.Rational(v) for v in row] for row in rows] for k, rows in values.items()}
    exact = gradient_at(program, values)
    bp = net.backprop()
    point = dict(zip(net.parameters(), [v for m in program.parameters for row in values[m] for v in row], strict=True))
    by_columns = [sp.S.Zero] * len(exact)
    for c in range(2):
        known = bp.evaluate(
            {
                **point,
                net.x[0]: values[X][0][c],
                net.x[1]: values[X][1][c],
                net.y[0]: values[Y][0][c],
                net.y[1]: values[Y][1][c],
            }
        )
        by_columns = [t + g / 2 for t, g in zip(by_columns, bp.gradient().xreplace(known), strict=True)]
    assert all(sp.simplify(a - b) == 0 for a, b in zip(exact, by_columns, strict=True))
    digits = gradient_at(program, values, digits=30)
    with mpmath.workdps(40):
        worst = max(abs(mpmath.mpf(str(sp.N(a, 40))) - d) for a, d in zip(exact, digits, strict=True))
        assert worst < mpmath.mpf(10) ** -28
    assert evaluate(program, values)[program.cost[0]] != 0


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_exact_check_catches_a_wrong_matrix_program(loss: str, monkeypatch: pytest.MonkeyPatch) -> None:
    good = LOSSES[loss]
    assert check_matrix_program((2, 3, 2), good, good.softmax_output, seed=3).ok
    import symnn.matrix.program as program_module

    wrong_delta = lambda network, Y, Z, A: 2 * (A - Y)  # noqa: E731  (wrong for every loss)
    monkeypatch.setattr(program_module, "_output_delta", wrong_delta)
    assert not check_matrix_program((2, 3, 2), good, good.softmax_output, seed=3).ok


def test_bad_combinations_are_one_line_errors() -> None:
    with pytest.raises(SymnnError, match="needs a sigmoid output layer, not tanh"):
        Network([2, 2], "tanh", "binary-cross-entropy")
    with pytest.raises(SymnnError, match="with softmax use cross-entropy"):
        Network([2, 2], ["softmax"], "mse")
    compiled = Network([2, 3], cost="cross-entropy").compile()
    with pytest.raises(SymnnError, match=r"class label 3 out of range: labels are integers 0\.\.2"):
        compiled.gradient(np.zeros(9), np.zeros((2, 2)), np.array([0, 3]))
    labels = compiled.gradient(np.ones(9), np.ones((2, 2)), np.array([0, 2]))
    one_hot = compiled.gradient(np.ones(9), np.ones((2, 2)), np.array([[1.0, 0, 0], [0, 0, 1.0]]))
    assert np.array_equal(labels, one_hot)


def test_symbolic_widths_check_holds_and_catches_slips(monkeypatch: pytest.MonkeyPatch) -> None:
    from symnn.layers import Dense
    from symnn.matrix.symbolic import check_symbolic_widths

    for layers, acts, cost in [([2, 3, 2], "sigmoid", "quadratic"), ([2, 3, 3], ["tanh", "softmax"], "cross-entropy")]:
        net = Network(layers, acts, cost)
        assert check_symbolic_widths([layer.activation for layer in net.stack], net.loss) == (True, [])
    net = Network([2, 3, 3, 2], "tanh")
    acts = [layer.activation for layer in net.stack]
    with monkeypatch.context() as patch:  # the bias forgotten in Z = W A + b 1ᵀ
        patch.setattr(Dense, "matrix_weighted_input", lambda self, A, N: self.matrix_parameters()[0] * A)
        ok, wrong = check_symbolic_widths(acts, net.loss)
        assert not ok and "Z_2" in wrong
    with monkeypatch.context() as patch:  # W used where Wᵀ belongs (symbolic shapes cannot refuse it)
        patch.setattr(Dense, "matrix_back", lambda self, D: self.matrix_parameters()[0] * D)
        ok, wrong = check_symbolic_widths(acts, net.loss)
        assert not ok and "Delta_2" in wrong
    with monkeypatch.context() as patch:  # a factor 2 slipped into the delta recursion
        patch.setattr(Dense, "matrix_back", lambda self, D: 2 * (self.matrix_parameters()[0].T * D))
        ok, wrong = check_symbolic_widths(acts, net.loss)
        assert not ok and "Delta_2" in wrong


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_backend_not_installed_is_one_clear_line(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, backend, None)  # `import <backend>` now raises ImportError
    with pytest.raises(SymnnError, match=rf"^the {backend} backend needs {backend}, which is not installed; install"):
        Network([2, 2]).compile(backend)
