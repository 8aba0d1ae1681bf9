"""How deriving the gradient scales: program form (Lemma 1) against naive differentiation.

For each architecture, prints the time to derive the gradient of the one-point cost (18)
each way and the operation counts (``sympy.count_ops``, summed over the gradient; for the
program, over all its right-hand sides plus the gradient entries). The naive way
differentiates the nested F(X) and is cut off after ``--limit`` seconds (run in a child
process so it can be stopped).

    python benchmarks/derive_scaling.py [--limit SECONDS]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time

import sympy as sp

from symnn import Network, direct_gradient

ARCHITECTURES = ([2, 2, 3, 2], [2, 8, 8, 2], [2, 16, 16, 16, 2], [2, 64, 64, 2], [4, 32, 32, 32, 4])


def program_form(layers: list[int]) -> tuple[float, int]:
    """Seconds to build the backprop program, and its operation count."""
    start = time.perf_counter()
    bp = Network(layers).backprop()
    grad = bp.gradient()
    elapsed = time.perf_counter() - start
    ops = bp.program.count_ops() + sum(int(sp.count_ops(g)) for g in grad)
    return elapsed, ops


def _naive(layers: list[int], queue: mp.Queue) -> None:
    start = time.perf_counter()
    grad = direct_gradient(Network(layers))
    elapsed = time.perf_counter() - start
    queue.put((elapsed, sum(int(sp.count_ops(g)) for g in grad)))


def naive_form(layers: list[int], limit: float) -> tuple[float, int] | None:
    """Seconds and operation count of naive differentiation, or None when cut off."""
    queue: mp.Queue = mp.Queue()
    child = mp.Process(target=_naive, args=(layers, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return queue.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=60.0, help="cut-off for the naive way, seconds")
    args = parser.parse_args()
    header = (
        f"{'layers':<20}{'params':>8}{'program s':>11}{'program ops':>13}{'naive s':>11}{'naive ops':>12}{'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    for layers in ARCHITECTURES:
        n = len(Network(layers).parameters())
        seconds, ops = program_form(layers)
        naive = naive_form(layers, args.limit)
        if naive is None:
            naive_s, naive_ops, ratio = f">{args.limit:.0f}", "cut off", "-"
        else:
            naive_s, naive_ops, ratio = f"{naive[0]:.3f}", str(naive[1]), f"{naive[1] / ops:.0f}x"
        name = "-".join(map(str, layers))
        print(f"{name:<20}{n:>8}{seconds:>11.3f}{ops:>13}{naive_s:>11}{naive_ops:>12}{ratio:>8}", flush=True)


if __name__ == "__main__":
    main()
