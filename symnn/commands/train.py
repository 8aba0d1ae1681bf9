"""``symnn train higham``: Higham & Higham's (2019) Section 6 experiment on the compiled exact gradients."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from symnn.errors import SymnnError
from symnn.exact import exact
from symnn.network import Network
from symnn.numeric import BACKENDS, numba_available
from symnn.train import as_arrays, higham_data, misclassified, train

ORDER = 60

#: The paper's protocol (netbp.m): the 2-2-3-2 sigmoid network, eta = 0.05, 10^6 stochastic steps.
HIGHAM_LAYERS = (2, 2, 3, 2)
DEFAULT_STEPS = 1_000_000
DEFAULT_ETA = "0.05"
DEFAULT_SEED = 5000  # netbp.m calls rng(5000); NumPy's stream differs from MATLAB's all the same


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "train",
        help="train on the compiled exact gradients (the Higham & Higham 2019 experiment)",
        description="Reproduce the experiment of Higham & Higham (2019), Section 6 (netbp.m): the 2-2-3-2 "
        "sigmoid network trained by stochastic gradient (one point drawn uniformly with replacement per "
        "step) on their 10 points, with the exact backprop program compiled to numeric code. Prints the "
        "initial and final cost and the misclassified points; writes the cost history and the decision "
        "regions as PNG and PDF.",
    )
    parser.add_argument("problem", choices=["higham"], help="the experiment: higham (Higham & Higham 2019)")
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS, help="stochastic gradient steps (default 10^6)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed of the generator (default {DEFAULT_SEED})"
    )
    parser.add_argument("--eta", default=DEFAULT_ETA, help=f"learning rate, a decimal (default {DEFAULT_ETA})")
    parser.add_argument("--points", type=int, choices=[10, 11], default=10, help="10 points, or 11 (Figure 9)")
    parser.add_argument("--backend", choices=BACKENDS, default=None, help="numba (default when installed) or numpy")
    parser.add_argument("-o", "--output", default="reports/train", help="folder for the figures (reports/train)")
    parser.add_argument(
        "--record-every", type=int, default=None, help="record the cost every this many steps (default steps/1000)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def _eta(text: str) -> float:
    value = exact(text, "eta")
    if not (value.is_Rational and value > 0):
        raise SymnnError(f"eta must be a positive decimal such as 0.05, got {text!r}")
    return float(value)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.steps < 1:
        raise SymnnError(f"--steps must be at least 1, got {args.steps}")
    if args.seed < 0:
        raise SymnnError(f"--seed must be >= 0, got {args.seed}")
    eta = _eta(args.eta)
    backend = args.backend or ("numba" if numba_available() else "numpy")
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
    figures = _figures(compiled, result, X, Y, Path(args.output), args.points)
    seconds = time.perf_counter() - started
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
            )
        )
        return 0
    n = X.shape[0]
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
    print(f"misclassified: {wrong} of {n}")
    for path in figures:
        print(f"wrote {path}")
    return 0


def _number(value: float) -> str:
    return f"{value:.4g}" if math.isfinite(value) else str(value)


def _figures(compiled, result, X, Y, folder: Path, points: int) -> list[Path]:  # type: ignore[no-untyped-def]
    from symnn.plots import plot_cost, plot_regions  # matplotlib is an optional extra

    stem = folder / f"higham-{points}"
    cost = plot_cost(result.history, f"{stem}-cost")
    regions = plot_regions(compiled, result.theta, X, Y, f"{stem}-regions")
    return cost + regions
