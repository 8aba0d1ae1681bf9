"""``symnn train higham|digits``: the Higham & Higham (2019) Section 6 experiment and the 8×8 digits."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

from symnn.errors import SymnnError
from symnn.files import check_output

# NumPy, tqdm, the network and the numeric layer are imported in run(): the CLI imports every
# command module at startup (symnn --help), which must stay light.
BACKENDS = ("numpy", "jax", "torch", "numba")  # symnn.numeric.BACKENDS, spelled here to keep startup light

ORDER = 60

#: The paper's protocol (netbp.m): the 2-2-3-2 sigmoid network, eta = 0.05, 10^6 stochastic steps.
HIGHAM_LAYERS = (2, 2, 3, 2)
DEFAULT_STEPS = 1_000_000
DEFAULT_ETA = "0.05"
DEFAULT_SEED = 5000  # netbp.m calls rng(5000); NumPy's stream differs from MATLAB's all the same

#: Sizes refused up front (issue 12): 10^8 steps of the Higham loop take minutes already.
MAX_STEPS = 100_000_000
MAX_EPOCHS = 10_000
DIGITS_BACKENDS = ("numpy", "jax", "torch")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "train",
        help="train on the compiled exact gradients (Higham & Higham 2019; the 8x8 digits)",
        description="higham: reproduce the experiment of Higham & Higham (2019), Section 6 (netbp.m): the "
        "2-2-3-2 sigmoid network trained by stochastic gradient (one point drawn uniformly with replacement "
        "per step) on their 10 points, with the exact backprop program compiled to numeric code; prints the "
        "initial and final cost and the misclassified points; writes the cost history and the decision "
        "regions as PNG and PDF. digits: a 64-32-10 softmax cross-entropy network on scikit-learn's bundled "
        "8x8 handwritten digits (fixed split, mini-batch SGD with momentum, the matrix program); prints the "
        "accuracies; writes loss and accuracy per epoch, the confusion matrix and the misclassified digits.",
    )
    parser.add_argument("problem", choices=["higham", "digits"], help="higham (Higham & Higham 2019) or digits")
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS, help="higham: SGD steps (default 10^6)")
    parser.add_argument("--seed", type=int, default=None, help=f"seed (default {DEFAULT_SEED} higham, 0 digits)")
    parser.add_argument("--eta", default=None, help=f"learning rate, a decimal (default {DEFAULT_ETA}; digits 0.1)")
    parser.add_argument("--epochs", type=int, default=30, help="digits: epochs (default 30)")
    parser.add_argument("--batch-size", type=int, default=32, help="digits: points per step (default 32)")
    parser.add_argument("--momentum", default="0.9", help="digits: momentum in [0, 1) (default 0.9)")
    parser.add_argument("--activation", default="tanh", help="digits: hidden activation (default tanh)")
    parser.add_argument("--points", type=int, choices=[10, 11], default=10, help="10 points, or 11 (Figure 9)")
    parser.add_argument(
        "--backend", choices=BACKENDS, default=None, help="higham: numba (default) or numpy; digits: numpy, jax, torch"
    )
    parser.add_argument("-o", "--output", default="reports/train", help="folder for the figures (reports/train)")
    parser.add_argument(
        "--record-every", type=int, default=None, help="record the cost every this many steps (default steps/1000)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


_EXPONENT = re.compile(r"[eE]\s*([-+]?\d+)")


def _decimal(text: str, what: str, upper: float = 1e6) -> float:
    """A positive decimal below ``upper``, refused up front when it is too long or its exponent absurd."""
    exponent = _EXPONENT.search(text)
    if len(text) > 60 or (exponent is not None and abs(int(exponent.group(1)[:6])) > 30):
        raise SymnnError(f"{what} must be a positive decimal such as 0.05, got {text[:40]!r}")
    from symnn.exact import exact

    value = exact(text, what)
    if not (value.is_Rational and value > 0):
        raise SymnnError(f"{what} must be a positive decimal such as 0.05, got {text!r}")
    if value >= upper:
        raise SymnnError(f"{what} = {text} is past {upper:g}: training would diverge at once")
    return float(value)


def _eta(text: str) -> float:
    return _decimal(text, "eta")


def run(args: argparse.Namespace) -> int:
    if args.problem == "digits":
        return run_digits(args)
    started = time.perf_counter()
    args.seed = DEFAULT_SEED if args.seed is None else args.seed
    args.eta = DEFAULT_ETA if args.eta is None else args.eta
    if args.steps < 1:
        raise SymnnError(f"--steps must be at least 1, got {args.steps}")
    if args.steps > MAX_STEPS:
        raise SymnnError(f"--steps {args.steps} is past {MAX_STEPS:,} (10^6 steps take about a second)")
    if args.seed < 0:
        raise SymnnError(f"--seed must be >= 0, got {args.seed}")
    eta = _eta(args.eta)
    folder = check_output(args.output, folder=True)  # before the work: an unwritable folder loses nothing
    import numpy as np
    from tqdm import tqdm

    from symnn.network import Network
    from symnn.numeric import numba_available
    from symnn.train import as_arrays, higham_data, misclassified, train

    backend = args.backend or ("numba" if numba_available() else "numpy")
    if backend not in ("numba", "numpy"):
        raise SymnnError(f"the higham experiment runs on numba or numpy, not {backend}")
    record_every = args.record_every or max(1, args.steps // 1000)
    X, Y = as_arrays(higham_data(args.points))
    compiled = Network(HIGHAM_LAYERS).compile(backend)
    with tqdm(total=args.steps, file=sys.stderr, unit="step", unit_scale=True, desc="stochastic gradient") as bar:
        result = train(
            compiled,
            X,
            Y,
            steps=args.steps,
            eta=eta,
            method="sgd",
            rng=np.random.default_rng(args.seed),
            record_every=record_every,
            progress=bar.update,
        )
    wrong = misclassified(compiled, result.theta, X, Y)
    seconds = time.perf_counter() - started
    _report(args, backend, compiled, result, wrong, seconds, X.shape[0])
    for path in _figures(compiled, result, X, Y, folder, args.points):  # results printed first (issue 12.5)
        print(f"wrote {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def _report(args, backend, compiled, result, wrong, seconds, n) -> None:  # type: ignore[no-untyped-def]
    if args.json:
        print(
            json.dumps(
                {
                    "steps": args.steps,
                    "seed": args.seed,
                    "backend": backend,
                    "initial_cost": result.initial_cost,
                    "final_cost": result.final_cost,
                    "initial_scaled_cost": result.initial_scaled_cost,
                    "final_scaled_cost": result.final_scaled_cost,
                    "misclassified": wrong,
                    "seconds": round(seconds, 3),
                }
            ),
            flush=True,
        )
        return
    print(
        f"Higham & Higham (2019), Section 6: 2-2-3-2 sigmoid network, {n} points, eta = {args.eta}, "
        f"{args.steps} stochastic gradient steps, seed {args.seed}, backend {backend}"
    )
    print(
        f"compiled in {compiled.timings['compile'] + compiled.timings['generate']:.2f} s, "
        f"trained in {result.seconds:.2f} s"
    )
    print(f"initial cost (9) {_number(result.initial_cost)}, scaled (netbp.m) {_number(result.initial_scaled_cost)}")
    print(f"final cost (9)   {_number(result.final_cost)}, scaled (netbp.m) {_number(result.final_scaled_cost)}")
    print(f"misclassified: {wrong} of {n}", flush=True)


def _number(value: float) -> str:
    return f"{value:.4g}" if math.isfinite(value) else str(value)


def _figures(compiled, result, X, Y, folder: Path, points: int) -> list[Path]:  # type: ignore[no-untyped-def]
    from symnn.plots import plot_cost, plot_regions  # matplotlib is an optional extra

    stem = folder / f"higham-{points}"
    cost = plot_cost(result.history, f"{stem}-cost")
    regions = plot_regions(compiled, result.theta, X, Y, f"{stem}-regions")
    return cost + regions


# ---------------------------------------------------------------------------- digits
def run_digits(args: argparse.Namespace) -> int:
    """``symnn train digits``: checks first, then data, compile, train, print, and the figures last."""
    started = time.perf_counter()
    seed = 0 if args.seed is None else args.seed
    eta = _decimal("0.1" if args.eta is None else args.eta, "eta")
    momentum = 0.0 if args.momentum in ("0", "0.0") else _decimal(args.momentum, "momentum", upper=1)
    backend = args.backend or "numpy"
    if backend not in DIGITS_BACKENDS:
        raise SymnnError(f"the digits run uses the matrix program on numpy, jax or torch, not {backend}")
    if not 1 <= args.epochs <= MAX_EPOCHS:
        raise SymnnError(f"--epochs must be 1..{MAX_EPOCHS}, got {args.epochs}")
    if not 1 <= args.batch_size <= 1437:
        raise SymnnError(f"--batch-size must be 1..1437 (the training set), got {args.batch_size}")
    if seed < 0:
        raise SymnnError(f"--seed must be >= 0, got {seed}")
    from tqdm import tqdm

    from symnn.train_digits import digits_network, load_digits_data, train_digits

    network = digits_network(args.activation)
    folder = check_output(args.output, folder=True)
    data = load_digits_data()
    compiled = network.compile(backend)
    with (
        _one_thread(backend),
        tqdm(
            total=args.epochs, file=sys.stderr, unit="epoch", desc="mini-batch SGD", disable=not sys.stderr.isatty()
        ) as bar,
    ):
        result = train_digits(
            compiled,
            data,
            epochs=args.epochs,
            batch_size=args.batch_size,
            eta=eta,
            momentum=momentum,
            seed=seed,
            progress=bar.update,
        )
    summary = {
        "train_accuracy": float(result.train_accuracy[-1]),
        "test_accuracy": float(result.test_accuracy[-1]),
        "final_loss": result.final_loss,
        "seconds": round(time.perf_counter() - started, 3),
        "backend": backend,
    }
    if args.json:
        print(json.dumps(summary), flush=True)
    else:
        print(
            f"8x8 digits (scikit-learn), 64-32-10 {args.activation}/softmax cross-entropy, {len(data.y_train)} "
            f"training and {len(data.y_test)} test images, {args.epochs} epochs of mini-batch SGD (batch "
            f"{args.batch_size}, eta {eta:g}, momentum {momentum:g}), backend {backend}, {compiled.form} program"
        )
        print(f"train accuracy {summary['train_accuracy']:.4f}, test accuracy {summary['test_accuracy']:.4f}")
        print(f"final training cost {_number(result.final_loss)}; {summary['seconds']} s", flush=True)
    from symnn.plots import plot_confusion, plot_digits_history, plot_misclassified

    stem = folder / "digits"
    paths = plot_digits_history(result, f"{stem}-history") + plot_confusion(result.confusion, f"{stem}-confusion")
    paths += plot_misclassified(data, result, compiled, f"{stem}-misclassified")
    for path in paths:
        print(f"wrote {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def _one_thread(backend: str):  # type: ignore[no-untyped-def]
    """BLAS (and torch) on one thread: these matrices are small, and threads contend on a shared machine."""
    from contextlib import nullcontext

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    if backend == "torch":
        import torch

        torch.set_num_threads(1)
    return threadpool_limits(1)
