"""The exact zero test on a likelihood's derivative: symnn's ``is_zero`` against SymPy's ``simplify`` alone.

A Bernoulli likelihood L(p) = Π_i p^{y_i} (1 - p)^{1 - y_i}, differentiated through its logarithm, leaves
powers with symbolic exponents (``(1 - p)^{y_1 - 1} (1 - p)^{1 - y_1}``). ``symnn.exact.is_zero`` combines
x^a x^b = x^{a + b} and cancels before it falls back on ``simplify``; this script times, in one process, the
difference d ln L/dp − Σ_i [y_i/p − (1 − y_i)/(1 − p)] (zero) for n = 1, 2, 3 samples, both ways, and prints
the ratio.

Run: ``python benchmarks/zero_test_powers.py``
"""

from __future__ import annotations

import time

import sympy as sp

from symnn.exact import is_zero


def difference(n: int) -> sp.Expr:
    """d ln L/dp written as (dL/dp)/L, minus the sum it equals, for n samples y_1 … y_n."""
    p = sp.Symbol("p", real=True)
    ys = sp.symbols(f"y_1:{n + 1}", real=True)
    likelihood = sp.Mul(*[p**y * (1 - p) ** (1 - y) for y in ys])
    claimed = sp.Add(*[y / p - (1 - y) / (1 - p) for y in ys])
    return sp.diff(likelihood, p) / likelihood - claimed


def seconds(decide, expr: sp.Expr) -> tuple[float, object]:
    sp.core.cache.clear_cache()  # (each way starts cold: SymPy caches what the other computed)
    started = time.perf_counter()
    verdict = decide(expr)
    return time.perf_counter() - started, verdict


def main() -> None:
    print(f"{'n':>2}  {'symnn is_zero':>14}  {'sympy simplify':>15}  {'simplify gives 0':>16}  ratio")
    for n in (1, 2, 3):
        expr = difference(n)
        ours, verdict = seconds(is_zero, expr)
        theirs, simplified = seconds(sp.simplify, expr)
        assert verdict is True  # (proved zero; simplify alone may leave it unproved)
        shown = f"{ours * 1000:>11.1f} ms  {theirs * 1000:>12.1f} ms  {simplified == 0!s:>16}"
        print(f"{n:>2}  {shown}  {theirs / ours:5.1f}×")


if __name__ == "__main__":
    main()
