r"""The slips symnn can name, each a test "your block equals this transformation of the exact one".

Block-local patterns (:meth:`Patterns.local`) compare a block with the exact block alone: a
constant factor (−1: a sign; 2: the ½ of eq. (18) left out; N or 1/N: a batch summed where
the cost is a mean, or the reverse), a transpose, a weight-decay term, entries in the wrong
places, a bias summed over the wrong axis, a batch where only the last point counts (``=``
for ``+=``). δ patterns (:meth:`Patterns.delta_slip`) rebuild δ[l] from eq. (22)/(23) with
one known slip: σ′ left out, σ′(a) for σ′(z), σ(z) for σ′(z), W for Wᵀ, W[l] for W[l+1].
Weight patterns (:meth:`Patterns.weight_slip`) rebuild eq. (25) with another layer's z or a.
Every test is "agrees at every point" under the same tolerance as the verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symnn.crosscheck.blocks import Block, entry_name
from symnn.crosscheck.reference import ExactPoint
from symnn.crosscheck.tolerance import Tolerance
from symnn.network import Network

__all__ = ["Pattern", "Patterns", "constant"]

Array = NDArray[np.float64]


def constant(c: float) -> str:
    """A scale factor as a short fraction when it is one (2, 1/2, −1/10), else 6 digits."""
    fraction = Fraction(c).limit_denominator(100)
    if abs(float(fraction) - c) <= 1e-9 * abs(c):
        return str(fraction).replace("-", "−")
    return f"{c:.6g}".replace("-", "−")


@dataclass(frozen=True)
class Pattern:
    """A block-local pattern: what kind, how to say it, and the constant of a scaled block."""

    kind: str
    text: str
    constant: str = ""


class Patterns:
    """The tests behind each diagnosis, over all sample points (rows) and their batches."""

    def __init__(
        self,
        network: Network,
        all_blocks: tuple[Block, ...],
        exact: list[ExactPoint],
        weights: list[dict[int, Array]],
        targets: list[Array],
        yours: dict[str, Array],
        transposed_shape: dict[str, str],
        tol: Tolerance,
    ) -> None:
        self.net, self.exact, self.W, self.Y, self.tol = network, exact, weights, targets, tol
        self.yours, self.transposed_shape = yours, transposed_shape
        self.blocks = {blk.name: blk for blk in all_blocks}
        self.all_blocks = all_blocks
        self.gradient = np.array([e.gradient for e in exact])  # points × P
        self.batch = exact[0].a[1].shape[0]
        #: The per-point δ[l] (S, N, n_l) of each named δ slip: a batch's W[l] may follow from it.
        self.named_delta: dict[int, Array] = {}
        self.mean = exact[0].mean
        t = sp.Symbol("t")
        self.sigma_prime = {
            l: sp.lambdify(t, network.activations[l].derivative(t), "numpy") for l in network.hidden_and_output
        }

    def matches(self, yours: Array, reference: Array) -> bool:
        return bool(np.all(self.tol.agrees(yours, reference)))

    def reduce(self, per_point: Array) -> Array:
        """(S, N, k) per point of each batch -> (S, k), the batch cost's mean or sum."""
        return per_point.mean(axis=1) if self.mean else per_point.sum(axis=1)

    def _sp(self, layer: int, values: Array) -> Array:
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self.sigma_prime[layer](values), dtype=np.float64), values.shape)

    def stacked(self, field: str, layer: int) -> Array:
        """z, a or delta of ``layer`` at every point: (S, N, n_l)."""
        return np.array([getattr(e, field)[layer] for e in self.exact])

    def weights(self, layer: int) -> Array:
        return np.array([w[layer] for w in self.W])

    # ------------------------------------------------------------ block-local patterns
    def local(self, name: str) -> Pattern | None:
        """How the block differs from the exact one, when it is a simple transformation of it."""
        blk, yours = self.blocks[name], self.yours[name]
        exact = self.gradient[:, blk.start : blk.stop]
        if not np.all(np.isfinite(yours)):
            p, i = np.argwhere(~np.isfinite(yours))[0]
            return Pattern("not finite", f"not finite: {yours[p, i]} in {blk.entry(int(i))} at point {p + 1}")
        if np.all(yours == 0):
            return Pattern("zeros", "all zeros, where the exact block is not")
        with np.errstate(all="ignore"):
            scale = float(np.vdot(yours, exact) / np.vdot(exact, exact))
        if np.isfinite(scale) and self.matches(yours, scale * exact):
            return Pattern("scaled", self._scaled_text(scale), constant(scale))
        if blk.kind == "W" and self.matches(yours, self._transpose(exact, blk)):
            return Pattern("transposed", self._transposed_text(blk))
        if blk.kind == "W":
            W = np.array([w[blk.layer].ravel() for w in self.W])
            decay = float(np.vdot(yours - exact, W) / np.vdot(W, W))
            if self.matches(yours, exact + decay * W):
                return Pattern(
                    "decay",
                    f"the exact value + {constant(decay)} × W[{blk.layer}]: a weight-decay term that the cost, "
                    "eq. (18), does not have",
                )
        if self.batch > 1:
            found = self._batch_slip(blk, yours)
            if found:
                return found
        misplaced = self._permutation(blk, yours)
        return Pattern("misplaced", misplaced) if misplaced else None

    def _scaled_text(self, scale: float) -> str:
        c = constant(scale)
        if c == "−1":
            return "sign flipped (−1 × the exact value)"
        N = self.batch
        if N > 1 and abs(scale - N) <= 1e-9 * N and self.mean:
            return f"{c} × the exact value: summed over the batch of {N} where the cost is the mean (divide by N)"
        if N > 1 and abs(scale * N - 1) <= 1e-9 and not self.mean:
            return f"{c} × the exact value: the mean over the batch of {N} where the cost is the sum"
        return f"{c} × the exact value"

    def _batch_slip(self, blk: Block, yours: Array) -> Pattern | None:
        """``=`` for ``+=`` (one point of the batch counts), or a bias summed over the wrong axis."""
        delta = self.stacked("delta", blk.layer)
        scale = 1 / self.batch if self.mean else 1.0
        for which, index in (("last", -1), ("first", 0)):
            if blk.kind == "b":
                one = delta[:, index, :]
            else:
                a_prev = self.stacked("a", blk.layer - 1)
                one = np.einsum("sj,sk->sjk", delta[:, index, :], a_prev[:, index, :]).reshape(len(self.exact), -1)
            for factor in (scale, 1.0):
                if self.matches(yours, factor * one):
                    return Pattern(
                        "accumulate",
                        f"only the {which} point of the batch counts: `=` where the sum over the points needs `+=`",
                    )
        if blk.kind == "b" and blk.size == self.batch:
            over_units = delta.sum(axis=2)
            for factor in (1.0, scale, 1 / blk.size):
                if self.matches(yours, factor * over_units):
                    return Pattern(
                        "axis", "summed over the wrong axis: over the units of each point, not over the batch"
                    )
        return None

    @staticmethod
    def _transpose(values: Array, blk: Block) -> Array:
        return np.array([row.reshape(blk.shape).T.ravel() for row in values])

    def _transposed_text(self, blk: Block) -> str:
        text = f"transposed: it holds (∂C/∂W[{blk.layer}])ᵀ"
        if blk.name in self.transposed_shape:
            text += f", {self.transposed_shape[blk.name]}"
        return text

    def _candidates(self, yours: Array, entries: range | list[int] | None = None) -> list[NDArray[np.intp]]:
        """For each entry of the block, the indices of exact entries it equals at every point.

        Sorted search on the first point, then the other points filter: memory linear in P
        (the dense comparison of every pair took 24 GB at 784-30-10).
        """
        first = self.gradient[0]
        order = np.argsort(first)
        ordered = first[order]
        width = self.tol.atol + self.tol.rtol * np.abs(yours[0])
        low = np.searchsorted(ordered, yours[0] - width, side="left")
        high = np.searchsorted(ordered, yours[0] + width * 1.0000001, side="right")
        found = []
        for i in range(yours.shape[1]) if entries is None else entries:
            if high[i] - low[i] > 64:  # a value shared by many entries (zeros): nothing to locate
                found.append(np.array([-1]))
                continue
            candidates = order[low[i] : high[i]]
            keep = np.all(self.tol.agrees(yours[:, i : i + 1], self.gradient[:, candidates]), axis=0)
            found.append(candidates[keep])
        return found

    def _permutation(self, blk: Block, yours: Array) -> str | None:
        """Each entry equal to exactly one exact entry somewhere in the gradient, some misplaced."""
        probe = list(range(0, yours.shape[1], max(1, yours.shape[1] // 32)))
        if any(found.size == 0 for found in self._candidates(yours, probe)):
            return None  # some entry equals no exact entry: not a permutation (cheap test first)
        candidates = self._candidates(yours)
        moves: list[str] = []
        sources: list[int] = []
        for i, found in enumerate(candidates):
            if blk.start + i in found:
                sources.append(blk.start + i)
                continue
            if len(found) != 1 or found[0] < 0:
                return None
            sources.append(int(found[0]))
            moves.append(f"{blk.entry(i)} holds ∂C/∂{entry_name(self.all_blocks, int(found[0]))}")
        if not moves:
            return None
        for other in self.all_blocks:
            if other is not blk and other.size == blk.size and sources == list(range(other.start, other.stop)):
                return f"entries in the wrong places: it holds ∂C/∂{other.name}, the block of layer {other.layer}"
        shown = ", ".join(moves[:4]) + (", ..." if len(moves) > 4 else "")
        return f"entries in the wrong places: {shown}"

    # ------------------------------------------------------------ δ[l] and its recursion (22)-(23)
    def incoming(self, layer: int, delta_next: Array | None) -> Array:
        """What σ'(z[l]) multiplies in eq. (22)/(23), per point: a[L] − y, or W[l+1]ᵀ δ[l+1]."""
        if layer == self.net.L:
            return self.stacked("a", layer) - np.array(self.Y)
        assert delta_next is not None
        return np.einsum("snj,sjk->snk", delta_next, self.weights(layer + 1))

    def delta_given(self, layer: int, delta_next: Array | None) -> Array:
        """δ[l] of the batch by eq. (22)/(23) from the given per-point δ[l+1]."""
        return self.reduce(self._sp(layer, self.stacked("z", layer)) * self.incoming(layer, delta_next))

    def delta_slip(self, layer: int, delta_next: Array | None, relative: bool = False) -> str | None:
        """A known slip in δ[l], given the per-point δ[l+1] (S, N, n_{l+1}) it was computed from.

        With ``relative`` (δ[l+1] is itself wrong) a constant factor against eq. (23) applied
        to that δ[l+1] is a slip of its own; otherwise the block-local test has named it.
        """
        yours = self.yours[f"b{layer}"]
        eq = "(22)" if layer == self.net.L else "(23)"
        if layer == self.net.L and self.net.loss.softmax_output:
            return None
        incoming = self.incoming(layer, delta_next)
        z, a = self.stacked("z", layer), self.stacked("a", layer)
        sp_z = self._sp(layer, z)
        slips: list[tuple[Callable[[], Array], str]] = [
            (lambda: incoming, f"δ[{layer}] lacks the factor σ′(z[{layer}]) of eq. {eq}"),
            (
                lambda: self._sp(layer, a) * incoming,
                f"δ[{layer}] uses σ′(a[{layer}]) where eq. {eq} has σ′(z[{layer}])",
            ),
            (lambda: a * incoming, f"δ[{layer}] uses σ(z[{layer}]) = a[{layer}] where eq. {eq} has σ′(z[{layer}])"),
        ]
        from symnn.activations import ACTIVATIONS

        name = self.net.activations[layer].name
        for other in ACTIVATIONS.values():
            if other.name != name:
                slips.append(
                    (
                        self._other_prime(other.derivative, z, incoming),
                        f"δ[{layer}] uses {other.name}′(z[{layer}]) where layer {layer} is {name}",
                    )
                )
        if delta_next is not None:
            W_next = self.weights(layer + 1)
            if W_next.shape[1] == W_next.shape[2]:
                untransposed = np.einsum("sjk,snk->snj", W_next, delta_next)
                slips.append(
                    (lambda: sp_z * untransposed, f"δ[{layer}] uses W[{layer + 1}] where eq. (23) has W[{layer + 1}]ᵀ")
                )
            W_here = self.weights(layer)
            if W_here.shape[1:] == W_next.shape[1:][::-1] or W_here.shape[1:] == W_next.shape[1:]:
                if W_here.shape[1] == delta_next.shape[2] and W_here.shape[2] == z.shape[2]:
                    wrong = np.einsum("snj,sjk->snk", delta_next, W_here)
                    slips.append(
                        (lambda: sp_z * wrong, f"δ[{layer}] uses W[{layer}] where eq. (23) has W[{layer + 1}]")
                    )
        for reference, text in slips:
            per_point = reference()
            if self.matches(yours, self.reduce(per_point)):
                self.named_delta[layer] = per_point
                return text
        if relative:
            given = self.delta_given(layer, delta_next)
            scale = float(np.vdot(yours, given) / np.vdot(given, given))
            if self.matches(yours, scale * given):
                return f"δ[{layer}] is {constant(scale)} × what eq. {eq} gives from your δ[{layer + 1}]"
        return None

    @staticmethod
    def _other_prime(derivative: sp.Lambda, z: Array, incoming: Array) -> Callable[[], Array]:
        """σ̃'(z) ∘ incoming for another activation's derivative σ̃' (computed when called)."""
        t = sp.Symbol("t")
        prime = sp.lambdify(t, derivative(t), "numpy")

        def reference() -> Array:
            return np.broadcast_to(np.asarray(prime(z), dtype=np.float64), z.shape) * incoming

        return reference

    def weight_slip(self, layer: int, delta: Array) -> str | None:
        """A slip in eq. (25), dC/dW[l] = δ[l] a[l−1]ᵀ, given per-point δ[l]: another layer's z or a for a[l−1]."""
        yours = self.yours[f"W{layer}"]
        size = self.net.layers[layer - 2]
        stand_ins = [("z", k) for k in self.net.hidden_and_output] + [("a", k) for k in range(1, self.net.L + 1)]
        for stem, k in stand_ins:
            if (stem, k) == ("a", layer - 1) or self.net.layers[k - 1] != size:
                continue
            built = self.reduce(np.einsum("snj,snk->snjk", delta, self.stacked(stem, k)).reshape(*delta.shape[:2], -1))
            if self.matches(yours, built):
                used = "x = a[1]" if (stem, k) == ("a", 1) else f"{stem}[{k}]"
                return f"uses {used} where eq. (25) has a[{layer - 1}]: dC/dW[{layer}] = δ[{layer}] a[{layer - 1}]ᵀ"
        return None

    def follows_from(self, layer: int, delta: Array) -> bool:
        """Whether your dC/dW[l] is eq. (25) applied to the given per-point δ[l]."""
        a_prev = self.stacked("a", layer - 1)
        built = self.reduce(np.einsum("snj,snk->snjk", delta, a_prev).reshape(*delta.shape[:2], -1))
        return self.matches(self.yours[f"W{layer}"], built)
