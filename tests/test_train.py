"""Training on compiled gradients, and the ``symnn train higham`` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from symnn import Network, SymnnError
from symnn.calculus import gradient as exact_gradient
from symnn.numeric import numba_available
from symnn.train import (
    DivergenceError,
    as_arrays,
    higham_data,
    misclassified,
    netbp_initial_parameters,
    train,
)

ROOT = Path(__file__).resolve().parent.parent
TEST_CACHE = Path(tempfile.gettempdir()) / "symnn-test-cache"
BACKENDS = ["numpy", pytest.param("numba", marks=pytest.mark.skipif(not numba_available(), reason="no numba"))]
needs_numba = pytest.mark.skipif(not numba_available(), reason="no numba")


@pytest.fixture(autouse=True, scope="module")
def _numba_cache():  # type: ignore[no-untyped-def]
    """Generated numba modules go to a test cache in the temp folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SYMNN_CACHE_DIR", str(TEST_CACHE))
        yield


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SYMNN_CACHE_DIR": str(TEST_CACHE), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "symnn", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


# ---------------------------------------------------------------------------- data and initial weights
def test_higham_data_is_exact_and_verbatim() -> None:
    data = higham_data()
    assert len(data) == 10
    assert data[3] == ((sp.Rational(6, 10), sp.Rational(9, 10)), (1, 0))
    assert data[7] == ((sp.Rational(9, 10), sp.Rational(2, 10)), (0, 1))
    assert all(isinstance(v, sp.Rational) for x, y in data for v in (*x, *y))
    assert [y for _, y in data] == [(1, 0)] * 5 + [(0, 1)] * 5
    assert higham_data(11)[:10] == data
    assert higham_data(11)[10] == ((sp.Rational(3, 10), sp.Rational(7, 10)), (0, 1))
    X, Y = as_arrays(data)
    assert Y.tolist() == [[1.0, 0.0]] * 5 + [[0.0, 1.0]] * 5
    assert X[:, 0].tolist() == [0.1, 0.3, 0.1, 0.6, 0.4, 0.6, 0.5, 0.9, 0.4, 0.7]
    assert X[:, 1].tolist() == [0.1, 0.4, 0.5, 0.9, 0.2, 0.3, 0.6, 0.2, 0.4, 0.6]
    with pytest.raises(SymnnError, match="10 points or 11"):
        higham_data(12)


def test_initial_parameters_follow_netbp_draw_order() -> None:
    # netbp.m: W2 = 0.5*randn(2,2); W3 = 0.5*randn(3,2); W4 = 0.5*randn(2,3); b2; b3; b4,
    # each filled column by column. symnn's θ is W2 row-major, b2, W3, b3, W4, b4.
    net = Network([2, 2, 3, 2])
    theta = netbp_initial_parameters(net, np.random.default_rng(11))
    r = 0.5 * np.random.default_rng(11).standard_normal(23)
    W2 = [r[0], r[2], r[1], r[3]]  # entries (1,1), (1,2), (2,1), (2,2) of a column-major fill
    W3 = [r[4], r[7], r[5], r[8], r[6], r[9]]
    W4 = [r[10], r[12], r[14], r[11], r[13], r[15]]
    b2, b3, b4 = list(r[16:18]), list(r[18:21]), list(r[21:23])
    assert theta.tolist() == W2 + b2 + W3 + b3 + W4 + b4


# ---------------------------------------------------------------------------- the algorithms
def _hand_netbp_sgd(theta: np.ndarray, X: np.ndarray, Y: np.ndarray, eta: float, points: np.ndarray) -> np.ndarray:
    """A NumPy transliteration of netbp.m's loop for the 2-2-3-2 network, symnn's θ order."""
    W2, b2 = theta[0:4].reshape(2, 2).copy(), theta[4:6].copy()
    W3, b3 = theta[6:12].reshape(3, 2).copy(), theta[12:15].copy()
    W4, b4 = theta[15:21].reshape(2, 3).copy(), theta[21:23].copy()
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    for k in points:
        x, y = X[k], Y[k]
        a2 = s(W2 @ x + b2)
        a3 = s(W3 @ a2 + b3)
        a4 = s(W4 @ a3 + b4)
        d4 = a4 * (1 - a4) * (a4 - y)
        d3 = a3 * (1 - a3) * (W4.T @ d4)
        d2 = a2 * (1 - a2) * (W3.T @ d3)
        W2 -= eta * np.outer(d2, x)
        W3 -= eta * np.outer(d3, a2)
        W4 -= eta * np.outer(d4, a3)
        b2 -= eta * d2
        b3 -= eta * d3
        b4 -= eta * d4
    return np.concatenate([W2.ravel(), b2, W3.ravel(), b3, W4.ravel(), b4])


@pytest.mark.parametrize("backend", BACKENDS)
def test_sgd_equals_hand_transliteration_of_netbp(backend: str) -> None:
    net = Network([2, 2, 3, 2])
    X, Y = as_arrays(higham_data())
    theta0 = netbp_initial_parameters(net, np.random.default_rng(1))
    result = train(net.compile(backend), X, Y, steps=500, eta=0.05, rng=np.random.default_rng(2), theta0=theta0)
    points = np.random.default_rng(2).integers(0, 10, size=(500, 1))[:, 0]  # the documented draw
    np.testing.assert_allclose(result.theta, _hand_netbp_sgd(theta0, X, Y, 0.05, points), rtol=1e-12, atol=1e-14)
    assert result.theta0.tolist() == theta0.tolist()


@pytest.mark.parametrize("backend", BACKENDS)
def test_gradient_descent_step_is_exact_step(backend: str) -> None:
    # One full-batch step θ1 = θ0 − η ∇Cost(θ0), eq. (11), against sympy.diff of cost (9).
    net = Network([2, 2, 2])
    data = [(["0.1", "0.2"], [1, 0]), (["0.7", "0.3"], [0, 1]), (["0.5", "0.9"], [0, 1])]
    theta0 = [sp.Rational(k, 7) for k in range(-6, 6)]
    eta = sp.Rational("0.5")
    cost = net.cost(data)
    point = dict(zip(net.parameters(), theta0, strict=True))
    exact = [t - eta * g.xreplace(point) for t, g in zip(theta0, exact_gradient(cost, net.parameters()), strict=True)]
    X = np.array([[0.1, 0.2], [0.7, 0.3], [0.5, 0.9]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    result = train(net.compile(backend), X, Y, steps=1, eta=0.5, method="gd", theta0=[float(t) for t in theta0])
    np.testing.assert_allclose(result.theta, [float(sp.N(v, 30)) for v in exact], rtol=1e-14)
    assert result.history.cost[0] == pytest.approx(float(sp.N(cost.xreplace(point), 30)), rel=1e-14)


@pytest.mark.parametrize("backend", BACKENDS)
def test_minibatch_step_averages_the_drawn_points(backend: str) -> None:
    net = Network([2, 2, 3, 2])
    compiled = net.compile(backend)
    X, Y = as_arrays(higham_data())
    theta0 = netbp_initial_parameters(net, np.random.default_rng(4))
    result = train(
        compiled, X, Y, steps=1, eta=0.05, method="minibatch", batch_size=4, rng=np.random.default_rng(5), theta0=theta0
    )
    rows = np.random.default_rng(5).integers(0, 10, size=(1, 4))[0]
    per_point = [compiled.gradient(theta0, X[i : i + 1], Y[i : i + 1]) for i in rows]
    np.testing.assert_allclose(result.theta, theta0 - 0.05 * np.mean(per_point, axis=0), rtol=1e-13, atol=1e-16)


@needs_numba
def test_backends_follow_the_same_trajectory() -> None:
    net = Network([2, 2, 3, 2])
    X, Y = as_arrays(higham_data())
    runs = [
        train(net.compile(b), X, Y, steps=3000, eta=0.05, rng=np.random.default_rng(9), record_every=100)
        for b in ("numpy", "numba")
    ]
    np.testing.assert_allclose(runs[0].theta, runs[1].theta, rtol=1e-9)
    np.testing.assert_allclose(runs[0].history.cost, runs[1].history.cost, rtol=1e-9)
    assert runs[0].history.steps.tolist() == list(range(0, 3001, 100))


def test_history_records_cost_and_scaled_cost() -> None:
    net = Network([2, 2, 3, 2])
    compiled = net.compile()
    X, Y = as_arrays(higham_data())
    result = train(compiled, X, Y, steps=40, eta=0.05, rng=np.random.default_rng(0), record_every=10)
    assert result.history.steps.tolist() == [0, 10, 20, 30, 40]
    F = compiled.forward(result.theta, X)
    assert result.history.scaled_cost[-1] == pytest.approx(np.sum((Y - F) ** 2), rel=1e-13)  # netbp.m's norm^2
    assert result.history.cost[-1] == pytest.approx(np.sum((Y - F) ** 2) / 20, rel=1e-13)  # eq. (9)
    assert result.final_scaled_cost == pytest.approx(20 * result.final_cost)


@pytest.mark.parametrize("backend", BACKENDS)
def test_divergence_stops_with_a_clear_message(backend: str) -> None:
    compiled = Network([1, 1], activation="identity").compile(backend)
    X, Y = np.array([[3.0], [-2.0]]), np.array([[1.0], [0.0]])
    with pytest.raises(DivergenceError, match=r"training diverged .*try a smaller eta"):
        train(compiled, X, Y, steps=5000, eta=10.0, method="gd", theta0=[1.0, 0.0])


def test_bad_settings_are_symnn_errors() -> None:
    compiled = Network([1, 1]).compile()
    X, Y = np.zeros((2, 1)), np.zeros((2, 1))
    with pytest.raises(SymnnError, match="unknown training method 'adam'"):
        train(compiled, X, Y, steps=1, eta=0.1, method="adam")
    with pytest.raises(SymnnError, match="eta must be a positive number"):
        train(compiled, X, Y, steps=1, eta=-1.0)
    with pytest.raises(SymnnError, match="at least one point"):
        train(compiled, X, Y, steps=1, eta=0.1, method="minibatch", batch_size=0)


@needs_numba
def test_paper_protocol_converges() -> None:
    # Higham & Higham (2019), Section 6: 10^6 stochastic steps, eta = 0.05 (about a second with numba).
    net = Network([2, 2, 3, 2])
    compiled = net.compile("numba")
    X, Y = as_arrays(higham_data())
    result = train(compiled, X, Y, steps=1_000_000, eta=0.05, rng=np.random.default_rng(5000), record_every=10_000)
    assert 4.5 < result.initial_scaled_cost < 6.0  # the paper: 5.3
    assert result.final_scaled_cost <= 2e-3  # the paper: 7.3e-4
    assert misclassified(compiled, result.theta, X, Y) == 0


# ---------------------------------------------------------------------------- the command
JSON_KEYS = [
    "steps",
    "seed",
    "backend",
    "initial_cost",
    "final_cost",
    "initial_scaled_cost",
    "final_scaled_cost",
    "misclassified",
    "seconds",
]


def test_cli_json_and_figures(tmp_path: Path) -> None:
    run = _cli("train", "higham", "--steps", "2000", "--seed", "3", "--backend", "numpy", "-o", str(tmp_path), "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert list(report) == JSON_KEYS
    assert (report["steps"], report["seed"], report["backend"]) == (2000, 3, "numpy")
    assert report["initial_scaled_cost"] == pytest.approx(20 * report["initial_cost"])
    assert report["final_scaled_cost"] == pytest.approx(20 * report["final_cost"])
    assert 0 <= report["misclassified"] <= 10
    assert "stochastic gradient" in run.stderr  # the progress bar
    for name in ("higham-10-cost", "higham-10-regions"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"


def test_cli_text_output_eleven_points(tmp_path: Path) -> None:
    run = _cli("train", "higham", "--steps", "500", "--points", "11", "--backend", "numpy", "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "11 points, eta = 0.05, 500 stochastic gradient steps, seed 5000, backend numpy" in run.stdout
    assert "initial cost (9)" in run.stdout and "final cost (9)" in run.stdout
    assert " of 11" in run.stdout
    assert (tmp_path / "higham-11-regions.png").exists()


@needs_numba
@pytest.mark.slow
def test_cli_reproduces_the_paper(tmp_path: Path) -> None:
    run = _cli("train", "higham", "--backend", "numba", "-o", str(tmp_path), "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["steps"] == 1_000_000
    assert report["final_scaled_cost"] <= 2e-3
    assert report["misclassified"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--eta", "fast"], "eta 'fast' is not an exact decimal"),
        (["--eta", "-0.1"], "eta must be a positive decimal"),
        (["--steps", "0"], "--steps must be at least 1"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    run = _cli("train", "higham", "-o", str(tmp_path), *args)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("symnn: error:")


def test_cli_numba_missing_is_one_line(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['numba'] = None; from symnn.cli import main; "
        f"sys.exit(main(['train', 'higham', '--steps', '10', '--backend', 'numba', '-o', {str(tmp_path)!r}]))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "symnn: error: the numba backend needs numba, which is not installed; "
        "install it with: pip install 'symnn[jit]' (or pip install numba)"
    )


# ---------------------------------------------------------------------------- digits (issue 10)
DIGITS_KEYS = ["train_accuracy", "test_accuracy", "final_loss", "seconds", "backend"]


@pytest.mark.parametrize("backend", ["numpy", "jax", "torch"])
def test_cli_digits_reaches_95_percent_and_writes_its_figures(backend: str, tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    pytest.importorskip(backend)
    epochs = "30" if backend == "numpy" else "12"
    run = _cli("train", "digits", "--backend", backend, "--epochs", epochs, "-o", str(tmp_path), "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert list(report) == DIGITS_KEYS
    assert report["backend"] == backend
    assert report["test_accuracy"] >= 0.95
    assert report["train_accuracy"] >= report["test_accuracy"] - 0.05
    for name in ("digits-history", "digits-confusion", "digits-misclassified"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_digits_split_and_confusion_are_consistent() -> None:
    pytest.importorskip("sklearn")
    from symnn.train_digits import digits_network, load_digits_data, train_digits

    data = load_digits_data()
    assert len(data.y_train) + len(data.y_test) == 1797
    assert np.array_equal(load_digits_data().y_test, data.y_test)  # the split is fixed
    result = train_digits(digits_network().compile(), data, epochs=2)
    assert result.confusion.sum() == len(data.y_test)
    assert np.trace(result.confusion) == len(data.y_test) - len(result.misclassified)
    assert result.test_accuracy[-1] == pytest.approx(np.trace(result.confusion) / len(data.y_test))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["higham", "--eta", "1e999999999"], "eta must be a positive decimal such as 0.05, got '1e999999999'"),
        (["higham", "--eta", "1000000"], "eta = 1000000 is past 1e+06"),
        (["higham", "--steps", "99999999999"], "--steps 99999999999 is past 100,000,000"),
        (["higham", "--backend", "torch"], "the higham experiment runs on numba or numpy, not torch"),
        (["digits", "--backend", "numba"], "the digits run uses the matrix program on numpy, jax or torch"),
        (["digits", "--epochs", "0"], "--epochs must be 1..10000"),
        (["digits", "--momentum", "1.5"], "momentum = 1.5 is past 1"),
        (["digits", "--activation", "swish"], "unknown activation 'swish'"),
    ],
)
def test_cli_hostile_sizes_are_refused_up_front(args: list[str], message: str, tmp_path: Path) -> None:
    run = _cli("train", *args, "-o", str(tmp_path / "out"))
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip() == f"symnn: error: {message}" or message in run.stderr.strip()
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_cli_unwritable_output_fails_before_the_work(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"  # a folder inside a regular file cannot be made, not even by root
    blocker.write_text("")
    run = _cli("train", "higham", "--steps", "10", "--backend", "numpy", "-o", str(blocker / "figures"))
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and run.stderr.startswith("symnn: error: cannot write")
    assert "initial cost" not in run.stdout  # refused before the work, not after it
