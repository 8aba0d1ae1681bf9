r"""From wrong blocks to findings: where the error starts, what it reaches, what the slip was.

Walks the layers from L down to 2 (the order of eqs. (22)–(25)): a wrong b[l] = δ[l] is
either carried back from a wrong δ[l+1] by eq. (23) or a slip at layer l; a wrong W[l]
either follows from a wrong δ[l] by eq. (25) or is a slip in eq. (25) itself. The summary
says each in one line. With a batch of N > 1 the user's δ of single points is not visible,
so each layer's δ is tested against the exact δ of the layer above.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from symnn.crosscheck.compare import BlockResult
from symnn.crosscheck.patterns import Pattern, Patterns

__all__ = ["diagnose"]

#: Patterns that are a packaging slip (right numbers, wrong place or axis), not a wrong δ.
_PACKAGING = {"misplaced", "axis", "unreadable", "accumulate"}


@dataclass
class _Findings:
    """What :func:`diagnose` found, layer by layer (a scratch record, filled from L down to 2)."""

    local: dict[str, Pattern | None]
    text: dict[str, list[str]]
    origin: dict[int, int]  # layer -> the layer whose δ first went wrong
    cause: dict[int, str | None]
    follows: set[str]


def diagnose(
    results: list[BlockResult], patterns: Patterns, problems: dict[str, str]
) -> tuple[list[BlockResult], tuple[str, ...]]:
    """Per-block diagnoses, and the summary: where the error starts and what it reaches.

    Args:
        results: the verdicts, in parameter order.
        patterns: the tests.
        problems: blocks that were not returned usably, with why (a wrong shape).
    """
    net = patterns.net
    ok = {r.name: r.ok for r in results}
    wrong = [r.name for r in results if not r.ok]
    local: dict[str, Pattern | None] = {}
    with np.errstate(all="ignore"):
        for name in wrong:
            local[name] = Pattern("unreadable", problems[name]) if name in problems else patterns.local(name)
        found = _Findings(local, {n: [p.text] if (p := local[n]) else [] for n in wrong}, {}, {}, set())
        for layer in range(net.L, 1, -1):
            if not ok[f"b{layer}"]:
                _delta(layer, ok, patterns, found)
            if not ok[f"W{layer}"]:
                _weight(layer, ok, patterns, found)
    diagnosed = [
        r if r.ok else replace(r, diagnosis="; ".join(dict.fromkeys(found.text[r.name])) or None) for r in results
    ]
    return diagnosed, _summary(diagnosed, found, patterns)


def _yours_delta(patterns: Patterns, layer: int) -> np.ndarray | None:
    """Your δ[l] per point, (S, 1, n_l), when the batch is one point (b[l] = δ[l]); else None."""
    if patterns.batch != 1:
        return None
    values = patterns.yours[f"b{layer}"]
    return values[:, None, :] if np.all(np.isfinite(values)) else None


def _delta(layer: int, ok: dict[str, bool], patterns: Patterns, found: _Findings) -> None:
    """b[l] = δ[l] is wrong: carried back from a wrong δ[l+1] by eq. (23), or a slip at layer l."""
    name = f"b{layer}"
    pattern = found.local[name]
    if pattern is not None and pattern.kind in _PACKAGING:
        return  # the right numbers returned in the wrong places or shape: not a wrong δ
    above: np.ndarray | None = None
    carried = False
    if layer < patterns.net.L:
        mine = _yours_delta(patterns, layer + 1)
        carried = mine is not None and not ok[f"b{layer + 1}"]
        above = mine if mine is not None else patterns.stacked("delta", layer + 1)
    if (
        carried
        and layer + 1 in found.origin
        and patterns.matches(patterns.yours[name], patterns.delta_given(layer, above))
    ):
        found.origin[layer] = found.origin[layer + 1]
        found.text[name].append(f"propagated backwards from the wrong δ[{found.origin[layer]}] through eq. (23)")
        return
    cause = patterns.delta_slip(layer, above, relative=carried)
    if cause is None and patterns.batch > 1 and layer < patterns.net.L and layer + 1 in found.origin:
        # A batch shows only the sum of the points' δ, so carried and new cannot be told apart.
        found.origin[layer] = found.origin[layer + 1]
        found.text[name].append(
            f"wrong, perhaps carried from the wrong δ[{found.origin[layer]}] "
            "(a batch hides each point's δ; --batch 1 tells carried from new)"
        )
        return
    found.origin[layer] = layer
    found.cause[layer] = cause
    if cause:
        found.text[name].append(cause)


def _weight(layer: int, ok: dict[str, bool], patterns: Patterns, found: _Findings) -> None:
    """dC/dW[l] is wrong: built by eq. (25) from a wrong δ[l], or a slip in eq. (25) itself."""
    name = f"W{layer}"
    pattern = found.local[name]
    if pattern is not None and pattern.kind in _PACKAGING:
        return
    mine = _yours_delta(patterns, layer)
    if mine is None:
        mine = patterns.named_delta.get(layer)
    if mine is not None and layer in found.origin and patterns.follows_from(layer, mine):
        source = found.origin[layer]
        found.follows.add(name)
        found.text[name].append(
            f"follows by eq. (25) from the wrong δ[{layer}]"
            if source == layer
            else f"follows by eq. (25) from δ[{layer}], wrong because the error in δ[{source}] propagates backwards"
        )
        return
    exact_delta = patterns.stacked("delta", layer)
    slip = (patterns.weight_slip(layer, mine) if mine is not None else None) or patterns.weight_slip(layer, exact_delta)
    if slip:
        found.text[name].append(slip)


def _scale_hint(constant: str, patterns: Patterns) -> str:
    hints = {
        "−1": ": the gradient of −C, e.g. y − a[L] where eq. (22) has a[L] − y",
        "2": ": as if the cost were ‖y − F(x)‖² without the ½ of eq. (18)",
        "1/2": ": an extra factor ½",
    }
    N = patterns.batch
    if N > 1 and patterns.mean:
        hints[str(N)] = f": the gradients of the {N} points summed where the cost is their mean — divide by N"
    if N > 1 and not patterns.mean:
        hints[f"1/{N}"] = f": the mean over the {N} points where the cost is their sum"
    return hints.get(constant, "")


def _summary(results: list[BlockResult], found: _Findings, patterns: Patterns) -> tuple[str, ...]:
    """One line per finding: a common factor, where each wrong δ starts and what it reaches, the rest."""
    wrong = [r for r in results if not r.ok]
    if not wrong:
        return ()
    kinds = [found.local[r.name] for r in wrong]
    constants = {p.constant if p and p.kind == "scaled" else None for p in kinds}
    if len(wrong) == len(results) and len(constants) == 1 and (constant := constants.pop()):
        return (f"every block is {constant} × the exact gradient{_scale_hint(constant, patterns)}",)
    lines: list[str] = []
    if all(p and p.kind == "misplaced" for p in kinds):
        lines.append(
            "the wrong blocks hold the exact gradient's numbers in the wrong places; "
            "symnn's order is net.parameters(): W2 row-major, b2, W3 row-major, b3, ..."
        )
    if all(p and p.kind == "accumulate" for p in kinds):
        return ("only one point of each batch counts: the gradients are assigned (`=`), not accumulated (`+=`)",)
    covered: set[str] = set()
    for rank, m in enumerate(sorted(set(found.origin.values()), reverse=True)):
        pattern = found.local.get(f"b{m}")
        why = found.cause.get(m) or f"δ[{m}] is {pattern.text if pattern else 'wrong, and no simple pattern fits'}"
        if rank == 0:
            line = f"the error starts at layer {m}: the first wrong δ is δ[{m}] — {why}"
        else:
            line = f"a second slip at layer {m}, not carried from above — {why}"
        if f"W{m}" in found.follows:
            line += f"; W{m} follows from it by eq. (25)"
        earlier = [r.name for r in wrong if r.layer < m and found.origin.get(r.layer) == m]
        earlier = [n for n in earlier if n.startswith("b") or n in found.follows]
        if earlier:
            line += f"; it propagates backwards through eq. (23) into {', '.join(earlier)}"
        lines.append(line)
        covered |= {f"b{m}", f"W{m}" if f"W{m}" in found.follows else "", *earlier}
    lines += [f"{r.name}: {r.diagnosis or 'wrong, no simple pattern fits'}" for r in wrong if r.name not in covered]
    return tuple(lines)
