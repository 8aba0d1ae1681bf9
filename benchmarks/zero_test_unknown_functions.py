"""The exact zero test with functions the notes never define: symnn's ``is_zero`` against SymPy's ``simplify`` alone.

Calculus notes write claims about an f they never define (``f(x + h) = f(x) + f'(x) h + ε(h) h``). ``symnn check``
judges such a claim again with f an unknown function, and takes only a ✓, so most of these differences are not
zero. ``symnn.exact.is_zero`` puts one concrete function in for each unknown one (e^{u/3} + u²/5) at a rational
point and proves the difference nonzero there before it falls back on ``simplify``; this script times, in one
process, three such nonzero differences and one zero one (the sum rule), both ways, and prints the ratios.

Run: ``python benchmarks/zero_test_unknown_functions.py``
"""

from __future__ import annotations

import time

import sympy as sp

from symnn.exact import is_zero

x, h, a = sp.symbols("x h a", real=True)
f, g, eps = sp.Function("f"), sp.Function("g"), sp.Function("epsilon")

CASES = {
    "f(x+h) - f(x) - f'(x)h - eps(h)h": f(x + h) - f(x) - sp.diff(f(x), x) * h - eps(h) * h,
    "(f(x+h) - f(x))/h - f'(x)": (f(x + h) - f(x)) / h - sp.diff(f(x), x),
    "(a f)' - 2a f'": sp.diff(a * f(x), x) - 2 * a * sp.diff(f(x), x),
    "(f + g)' - f' - g'  (zero)": sp.diff(f(x) + g(x), x) - sp.diff(f(x), x) - sp.diff(g(x), x),
}


def seconds(decide, expr: sp.Expr) -> tuple[float, object]:
    sp.core.cache.clear_cache()  # (each way starts cold: SymPy caches what the other computed)
    started = time.perf_counter()
    verdict = decide(expr)
    return time.perf_counter() - started, verdict


def main() -> None:
    print(f"{'difference':36}  {'is_zero':>12}  {'simplify':>12}  ratio")
    for label, expr in CASES.items():
        ours, verdict = seconds(is_zero, expr)
        theirs, simplified = seconds(sp.simplify, expr)
        print(f"{label:36}  {ours * 1000:8.1f} ms  {theirs * 1000:8.1f} ms  {theirs / max(ours, 1e-9):5.1f}×"
              f"   (is_zero: {verdict}; simplify gives 0: {simplified == 0})")


if __name__ == "__main__":
    main()
