"""Side-by-side timing of the Higham & Higham (2019) experiment: symnn's backends against hand code.

Runs the netbp.m protocol (2-2-3-2 sigmoid network, 10 points, eta = 0.05, 10^6 stochastic
gradient steps, one point drawn uniformly with replacement per step) in one process for

- symnn ``numba`` (compile time shown separately, cold and warm numba cache),
- symnn ``numpy``,
- a hand NumPy transliteration of netbp.m,
- a hand-written numba backprop loop,
- a PyTorch autograd loop when torch is installed (skipped with a note otherwise),

all from the same initial weights and the same stream of drawn points, every one recording
the cost over the 10 points every ``--record-every`` steps (netbp.m records it after every
step; here all contenders share one schedule so the comparison is like for like). Then the
whole ``symnn train higham`` command (a subprocess: imports, compile, training, figures), and
per-gradient timings for 1 sample and batches of 10 and 10,000.

Usage::

    python benchmarks/train_higham.py [--steps 1000000] [--record-every 1000] [--skip-slow]

Timings are wall-clock seconds on whatever machine runs this; they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import numpy as np

from symnn import Network
from symnn.numeric import numba_available
from symnn.train import as_arrays, higham_data, netbp_initial_parameters, train

ROOT = Path(__file__).resolve().parent.parent
ETA = 0.05


# ---------------------------------------------------------------------------- hand NumPy (netbp.m)
def unpack(theta: np.ndarray) -> list[np.ndarray]:
    """symnn's θ (W2 row-major, b2, W3, b3, W4, b4) as netbp.m's matrices (copies)."""
    return [
        theta[0:4].reshape(2, 2).copy(),
        theta[4:6].copy(),
        theta[6:12].reshape(3, 2).copy(),
        theta[12:15].copy(),
        theta[15:21].reshape(2, 3).copy(),
        theta[21:23].copy(),
    ]


def hand_numpy_cost(W2, b2, W3, b3, W4, b4, X, Y) -> float:  # type: ignore[no-untyped-def]
    """netbp.m's cost(): the scaled cost sum_i ||y_i - F(x_i)||^2, vectorised over the points."""
    a2 = 1 / (1 + np.exp(-(W2 @ X.T + b2[:, None])))
    a3 = 1 / (1 + np.exp(-(W3 @ a2 + b3[:, None])))
    a4 = 1 / (1 + np.exp(-(W4 @ a3 + b4[:, None])))
    return float(np.sum((Y.T - a4) ** 2))


def hand_numpy_sgd(theta, X, Y, points, record_every):  # type: ignore[no-untyped-def]
    """netbp.m's loop, transliterated: forward, deltas, then every update."""
    W2, b2, W3, b3, W4, b4 = unpack(theta)
    history = []
    for step, k in enumerate(points, start=1):
        x, y = X[k], Y[k]
        a2 = 1 / (1 + np.exp(-(W2 @ x + b2)))
        a3 = 1 / (1 + np.exp(-(W3 @ a2 + b3)))
        a4 = 1 / (1 + np.exp(-(W4 @ a3 + b4)))
        delta4 = a4 * (1 - a4) * (a4 - y)
        delta3 = a3 * (1 - a3) * (W4.T @ delta4)
        delta2 = a2 * (1 - a2) * (W3.T @ delta3)
        W2 -= ETA * np.outer(delta2, x)
        W3 -= ETA * np.outer(delta3, a2)
        W4 -= ETA * np.outer(delta4, a3)
        b2 -= ETA * delta2
        b3 -= ETA * delta3
        b4 -= ETA * delta4
        if step % record_every == 0:
            history.append(hand_numpy_cost(W2, b2, W3, b3, W4, b4, X, Y))
    return np.concatenate([W2.ravel(), b2, W3.ravel(), b3, W4.ravel(), b4]), history


def hand_numpy_gradient(theta, X, Y):  # type: ignore[no-untyped-def]
    """Batch gradient of cost (9) by Lemma 1 in matrix form."""
    W2, b2, W3, b3, W4, b4 = unpack(theta)
    a2 = 1 / (1 + np.exp(-(W2 @ X.T + b2[:, None])))
    a3 = 1 / (1 + np.exp(-(W3 @ a2 + b3[:, None])))
    a4 = 1 / (1 + np.exp(-(W4 @ a3 + b4[:, None])))
    d4 = a4 * (1 - a4) * (a4 - Y.T)
    d3 = a3 * (1 - a3) * (W4.T @ d4)
    d2 = a2 * (1 - a2) * (W3.T @ d3)
    n = X.shape[0]
    return np.concatenate(
        [
            (d2 @ X).ravel() / n,
            d2.sum(1) / n,
            (d3 @ a2.T).ravel() / n,
            d3.sum(1) / n,
            (d4 @ a3.T).ravel() / n,
            d4.sum(1) / n,
        ]
    )


# ---------------------------------------------------------------------------- hand numba
def hand_numba() -> tuple[Callable, Callable]:  # type: ignore[type-arg]
    """A hand-written numba backprop: explicit loops over preallocated work arrays."""
    from numba import njit

    @njit(cache=False)
    def sig(z):  # type: ignore[no-untyped-def]
        return 1.0 / (1.0 + np.exp(-z))

    @njit(cache=False)
    def point_gradient(W2, b2, W3, b3, W4, b4, x, y, a2, a3, a4, d2, d3, d4):  # type: ignore[no-untyped-def]
        for j in range(2):
            a2[j] = sig(W2[j, 0] * x[0] + W2[j, 1] * x[1] + b2[j])
        for j in range(3):
            a3[j] = sig(W3[j, 0] * a2[0] + W3[j, 1] * a2[1] + b3[j])
        for j in range(2):
            a4[j] = sig(W4[j, 0] * a3[0] + W4[j, 1] * a3[1] + W4[j, 2] * a3[2] + b4[j])
        for j in range(2):
            d4[j] = a4[j] * (1 - a4[j]) * (a4[j] - y[j])
        for j in range(3):
            d3[j] = a3[j] * (1 - a3[j]) * (W4[0, j] * d4[0] + W4[1, j] * d4[1])
        for j in range(2):
            d2[j] = a2[j] * (1 - a2[j]) * (W3[0, j] * d3[0] + W3[1, j] * d3[1] + W3[2, j] * d3[2])

    @njit(cache=False)
    def cost(W2, b2, W3, b3, W4, b4, X, Y, a2, a3, a4):  # type: ignore[no-untyped-def]
        total = 0.0
        for i in range(X.shape[0]):
            x = X[i]
            for j in range(2):
                a2[j] = sig(W2[j, 0] * x[0] + W2[j, 1] * x[1] + b2[j])
            for j in range(3):
                a3[j] = sig(W3[j, 0] * a2[0] + W3[j, 1] * a2[1] + b3[j])
            for j in range(2):
                a4[j] = sig(W4[j, 0] * a3[0] + W4[j, 1] * a3[1] + W4[j, 2] * a3[2] + b4[j])
                total += (Y[i, j] - a4[j]) ** 2
        return total

    @njit(cache=False)
    def sgd(W2, b2, W3, b3, W4, b4, X, Y, points, record_every, history):  # type: ignore[no-untyped-def]
        a2, a3, a4 = np.empty(2), np.empty(3), np.empty(2)
        d2, d3, d4 = np.empty(2), np.empty(3), np.empty(2)
        for s in range(points.size):
            k = points[s]
            x, y = X[k], Y[k]
            point_gradient(W2, b2, W3, b3, W4, b4, x, y, a2, a3, a4, d2, d3, d4)
            for j in range(2):
                for m in range(2):
                    W2[j, m] -= ETA * d2[j] * x[m]
                b2[j] -= ETA * d2[j]
            for j in range(3):
                for m in range(2):
                    W3[j, m] -= ETA * d3[j] * a2[m]
                b3[j] -= ETA * d3[j]
            for j in range(2):
                for m in range(3):
                    W4[j, m] -= ETA * d4[j] * a3[m]
                b4[j] -= ETA * d4[j]
            if (s + 1) % record_every == 0:
                history[(s + 1) // record_every - 1] = cost(W2, b2, W3, b3, W4, b4, X, Y, a2, a3, a4)

    @njit(cache=False)
    def batch_gradient(W2, b2, W3, b3, W4, b4, X, Y, grad):  # type: ignore[no-untyped-def]
        a2, a3, a4 = np.empty(2), np.empty(3), np.empty(2)
        d2, d3, d4 = np.empty(2), np.empty(3), np.empty(2)
        grad[:] = 0.0
        for i in range(X.shape[0]):
            x = X[i]
            point_gradient(W2, b2, W3, b3, W4, b4, x, Y[i], a2, a3, a4, d2, d3, d4)
            for j in range(2):
                for m in range(2):
                    grad[2 * j + m] += d2[j] * x[m]
                grad[4 + j] += d2[j]
            for j in range(3):
                for m in range(2):
                    grad[6 + 2 * j + m] += d3[j] * a2[m]
                grad[12 + j] += d3[j]
            for j in range(2):
                for m in range(3):
                    grad[15 + 3 * j + m] += d4[j] * a3[m]
                grad[21 + j] += d4[j]
        grad /= X.shape[0]

    return sgd, batch_gradient


# ---------------------------------------------------------------------------- harness
def seconds(f: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = f()
    return time.perf_counter() - start, value


def per_call(f: Callable[[], object], budget: float = 0.3) -> float:
    """Best-of-5 seconds per call of ``f``, each repeat running about ``budget`` seconds."""
    timer = timeit.Timer(f)
    number, _ = timer.autorange()
    number = max(1, int(number * budget / 0.2))
    return min(timer.repeat(repeat=5, number=number)) / number


def command(cache: Path, steps: int) -> tuple[float, dict]:  # type: ignore[type-arg]
    env = {**os.environ, "SYMNN_CACHE_DIR": str(cache)}
    with tempfile.TemporaryDirectory() as out:
        args = [sys.executable, "-m", "symnn", "train", "higham", "--steps", str(steps), "--backend", "numba"]
        start = time.perf_counter()
        run = subprocess.run([*args, "-o", out, "--json"], env=env, capture_output=True, text=True, check=True)
        return time.perf_counter() - start, json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--record-every", type=int, default=1000)
    parser.add_argument("--skip-slow", action="store_true", help="skip the pure-Python loops (symnn numpy, hand NumPy)")
    args = parser.parse_args()
    steps, record_every = args.steps, args.record_every
    net = Network([2, 2, 3, 2])
    X, Y = as_arrays(higham_data())
    theta0 = netbp_initial_parameters(net, np.random.default_rng(5000))
    points = np.random.default_rng(1).integers(0, 10, size=steps)
    print(f"Higham & Higham (2019) protocol: {steps} SGD steps, eta = {ETA}, cost recorded every {record_every} steps")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start (timings are wall clock)\n")

    rows: list[tuple[str, float, float, str]] = []  # name, train seconds, final scaled cost, note

    def symnn_run(backend: str, compile_s: float | None = None) -> None:
        measured, compiled = seconds(lambda: net.compile(backend))
        compile_s = measured if compile_s is None else compile_s
        t, result = seconds(
            lambda: train(
                compiled,
                X,
                Y,
                steps=steps,
                eta=ETA,
                theta0=theta0,
                rng=np.random.default_rng(1),
                record_every=record_every,
                chunks=1,
            )
        )
        rows.append((f"symnn {backend}", t, result.final_scaled_cost, f"compile {compile_s:.2f} s (cold)"))
        print(f"  symnn {backend}: train {t:.3f} s, compile {compile_s:.3f} s", flush=True)

    have_numba = numba_available()
    with tempfile.TemporaryDirectory() as cold:
        os.environ["SYMNN_CACHE_DIR"] = cold
        if have_numba:
            cold_compile, _ = seconds(lambda: net.compile("numba"))
            print(f"  symnn numba compile, cold cache: {cold_compile:.2f} s", flush=True)
            symnn_run("numba", cold_compile)  # the module is now loaded: no second compile
        if not args.skip_slow:
            symnn_run("numpy")
        if have_numba:
            sgd, batch_gradient = hand_numba()
            history = np.zeros(steps // record_every)
            compile_s, _ = seconds(lambda: sgd(*unpack(theta0), X, Y, points[:record_every], record_every, history))
            mats = unpack(theta0)
            t, _ = seconds(lambda: sgd(*mats, X, Y, points, record_every, history))
            final = np.concatenate([m.ravel() for m in mats])
            rows.append(("hand numba loop", t, hand_numpy_cost(*unpack(final), X, Y), f"compile {compile_s:.2f} s"))
            print(f"  hand numba: train {t:.3f} s", flush=True)
        if not args.skip_slow:
            t, (final, _) = seconds(lambda: hand_numpy_sgd(theta0, X, Y, points, record_every))
            rows.append(("hand NumPy netbp.m", t, hand_numpy_cost(*unpack(final), X, Y), ""))
            print(f"  hand NumPy: train {t:.3f} s", flush=True)
        try:
            import torch  # noqa: F401
        except ImportError:
            print("  PyTorch: not installed, skipped (pip install 'symnn[torch]' to include it)")

        command_rows = []
        if have_numba:
            with tempfile.TemporaryDirectory() as fresh:
                cold_t, cold_json = command(Path(fresh), steps)
                warm_t, warm_json = command(Path(fresh), steps)
            command_rows = [
                ("`symnn train higham`, cold cache", cold_t, cold_json),
                ("`symnn train higham`, warm cache", warm_t, warm_json),
            ]

    fastest = min(t for _, t, _, _ in rows)
    print(f"\n## {steps}-step protocol (training loop; compile shown separately)\n")
    print("| contender | seconds | ratio to fastest | final scaled cost | note |")
    print("|---|---:|---:|---:|---|")
    for name, t, final, note in rows:
        print(f"| {name} | {t:.3f} | {t / fastest:.2f} | {final:.3g} | {note} |")
    times = {name: t for name, t, _, _ in rows}
    if "symnn numba" in times and "hand numba loop" in times:
        print(f"\nsymnn numba / hand numba = {times['symnn numba'] / times['hand numba loop']:.2f} (target <= 1.5)")
    if command_rows:
        print(f"\n## The whole command (subprocess: imports, compile, {steps} steps, figures)\n")
        print("| run | seconds | final scaled cost | misclassified | ratio to hand NumPy loop |")
        print("|---|---:|---:|---:|---:|")
        for name, t, report in command_rows:
            ratio = f"{t / times['hand NumPy netbp.m']:.3f}" if "hand NumPy netbp.m" in times else "n/a"
            print(f"| {name} | {t:.2f} | {report['final_scaled_cost']:.3g} | {report['misclassified']} | {ratio} |")
        print("(target: at most 0.1 of the hand NumPy loop)")

    print("\n## Seconds per gradient of cost (9) (best of 5, called from Python)\n")
    rng = np.random.default_rng(0)
    contenders: dict[str, Callable] = {"symnn numpy": net.compile("numpy").gradient}  # type: ignore[type-arg]
    if have_numba:
        with tempfile.TemporaryDirectory() as cache:
            os.environ["SYMNN_CACHE_DIR"] = cache
            symnn_numba = net.compile("numba")
            del os.environ["SYMNN_CACHE_DIR"]  # the folder goes with the block
        contenders["symnn numba"] = symnn_numba.gradient
        _, batch_gradient = hand_numba()
        grad = np.zeros(23)

        def hand_numba_gradient(theta, Xb, Yb):  # type: ignore[no-untyped-def]
            batch_gradient(*unpack(theta), Xb, Yb, grad)
            return grad

        contenders["hand numba"] = hand_numba_gradient
    contenders["hand NumPy"] = hand_numpy_gradient
    sizes = (1, 10, 10_000)
    print("| gradient | " + " | ".join(f"N = {n}" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name, gradient in contenders.items():
        cells = []
        for n in sizes:
            Xb, Yb = rng.random((n, 2)), rng.random((n, 2))
            cells.append(f"{per_call(lambda g=gradient, a=Xb, b=Yb: g(theta0, a, b)) * 1e6:.2f} µs")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if have_numba:
        x, y, g = X[0].copy(), Y[0].copy(), np.zeros(23)
        kernel = per_call(lambda: symnn_numba.point.gradient(theta0, x, y, g))
        print(f"\none-point kernel of symnn numba called from Python: {kernel * 1e6:.2f} µs per gradient")
        if "symnn numba" in times:
            print(f"inside the compiled SGD loop: {times['symnn numba'] / steps * 1e6:.3f} µs per step")


if __name__ == "__main__":
    main()
