"""An independent backprop by hand, for the exercise and marking tests.

Works from a key file's givens only (weights, biases, x, y, eta as exact strings), with mpmath
at 50 digits and plain loops, never through symnn: the textbook recursion of Higham & Higham
(2019), eqs. (22)-(25), written out again. Also rounds the way a student does (to 4
significant figures, half up, with Python's decimal module).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import mpmath

mpmath.mp.dps = 50


def value(text: str) -> mpmath.mpf:
    """An exact given such as ``"-3/10"`` as a 50-digit number."""
    f = Fraction(text)
    return mpmath.mpf(f.numerator) / f.denominator


def sigma(z, activation):
    return {
        "sigmoid": lambda t: 1 / (1 + mpmath.exp(-t)),
        "tanh": mpmath.tanh,
        "identity": lambda t: t,
        "relu": lambda t: t if t > 0 else mpmath.mpf(0),
    }[activation](z)


def sigma_prime_from(z, a, activation):
    return {
        "sigmoid": lambda: a * (1 - a),
        "tanh": lambda: 1 - a * a,
        "identity": lambda: mpmath.mpf(1),
        "relu": lambda: mpmath.mpf(1) if z > 0 else mpmath.mpf(0),
    }[activation]()


def round_figures(x, figures: int = 4, rounding: str = ROUND_HALF_UP) -> str:
    """``x`` to ``figures`` significant figures, half up (or ``ROUND_DOWN``: truncated), as a student writes it."""
    d = Decimal(mpmath.nstr(x, 45, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))
    if d == 0:
        return "0"
    exponent = d.adjusted() - figures + 1
    q = d.quantize(Decimal(1).scaleb(exponent), rounding=rounding)
    return f"{q:f}" if exponent < 0 else str(int(q))


def exact_text(x) -> str:
    """An answer that terminates within 12 places, written exactly."""
    text = mpmath.nstr(x, 40, min_fixed=-mpmath.inf, max_fixed=mpmath.inf)
    d = Decimal(text).quantize(Decimal("1e-12"), rounding=ROUND_HALF_UP).normalize()
    return f"{d:f}"


def work(layers, activation, givens, held=None):
    """Every quantity of the backprop sheet, by name, from the givens.

    ``held``: name -> the student's own (rounded) value for quantities worked earlier; the
    later ones are then worked from those, as a student with a calculator does.
    """
    held = held or {}
    g = {k: value(v) for k, v in givens.items()}
    out = {}

    def keep(name, x):
        out[name] = x
        return held.get(name, x)

    L = len(layers)
    a = {1: [g[f"x_{k}"] for k in range(1, layers[0] + 1)]}
    z = {}
    for layer in range(2, L + 1):
        z[layer] = [
            keep(
                f"z_{j}__{layer}",
                mpmath.fsum(g[f"w_{j}{k}__{layer}"] * a[layer - 1][k - 1] for k in range(1, layers[layer - 2] + 1))
                + g[f"b_{j}__{layer}"],
            )
            for j in range(1, layers[layer - 1] + 1)
        ]
        a[layer] = [keep(f"a_{j}__{layer}", sigma(zz, activation)) for j, zz in enumerate(z[layer], start=1)]
    keep("C", mpmath.fsum((a[L][j - 1] - g[f"y_{j}"]) ** 2 for j in range(1, layers[-1] + 1)) / 2)
    delta = {}
    for layer in range(L, 1, -1):
        delta[layer] = []
        for j in range(1, layers[layer - 1] + 1):
            slope = sigma_prime_from(z[layer][j - 1], a[layer][j - 1], activation)
            if layer == L:
                back = a[L][j - 1] - g[f"y_{j}"]
            else:
                back = mpmath.fsum(
                    g[f"w_{k}{j}__{layer + 1}"] * delta[layer + 1][k - 1] for k in range(1, layers[layer] + 1)
                )
            delta[layer].append(keep(f"delta_{j}__{layer}", slope * back))
    for name in list(givens):
        if name.startswith(("w_", "b_")):
            stem, layer = name.split("__")
            layer = int(layer)
            sub = stem.split("_")[1]
            j = int(sub[0])
            grad = delta[layer][j - 1] * (a[layer - 1][int(sub[1]) - 1] if stem.startswith("w") else 1)
            grad = keep(f"dC_d{name}", grad)
            keep(f"new_{name}", g[name] - g["eta"] * grad)
    return out
