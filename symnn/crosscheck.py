r"""Cross-check a user's numeric backpropagation against the exact gradient, block by block.

Finite differences say "off by 1e-3 somewhere"; symnn knows the exact gradient, so it can
say which block is wrong and, often, why. The pipeline of :func:`crosscheck`:

1. **sample** random points whose every entry is a dyadic rational k/64 (parameters in
   [−2, 2], x and y in [0, 1], y a probability vector for a softmax output): float64 holds
   them exactly, so the arrays handed to the
   user's function *are* the rational point, not an approximation of it;
2. **exact**: Lemma 1 of Higham & Higham (2019), eqs. (22)–(25), compiled from symnn's
   backprop program and run in mpmath at two working precisions (``digits + 15`` and
   ``digits + 35``); the two must agree beyond ``digits`` significant digits, so the
   printed exact values are stable to every digit shown;
3. **finite differences**: central differences of the point cost (18), compiled from the
   same program to NumPy, shown beside the exact value so the user sees how far they are
   from the truth;
4. **yours**: the user's function, called on fresh float64 copies;
5. **compare** each block W[l], b[l] with the exact values (see :class:`Tolerance`);
6. **diagnose** each wrong block: transposed, sign flipped, scaled by a constant, entries
   in the wrong places, a missing σ'(z[l]), or an error that starts in δ[l] and
   propagates backwards through eq. (23).

The user's function has the form ``grad(params, x, y)`` with ``params`` a list of
``(W, b)`` arrays for layers 2..L (W of shape (n_l, n_{l−1}), b of shape (n_l,)), ``x`` of
shape (n_1,) and ``y`` of shape (n_L,). It returns the gradient of the network's point
cost (C = ½‖y − F(x)‖² by default) either in the same layout or as a flat vector in
:meth:`symnn.network.Network.parameters` order.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import random
import sys
import sysconfig
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symnn.errors import SymnnError
from symnn.gradcheck import finite_difference_gradient
from symnn.latex import latex
from symnn.network import Network
from symnn.report.tex import document, escape

__all__ = [
    "TOLERANCE",
    "BlockResult",
    "CrossCheck",
    "SamplePoint",
    "Tolerance",
    "crosscheck",
    "format_text",
    "load_function",
    "render_tex",
]

Array = NDArray[np.float64]
GradFn = Callable[[list[tuple[Array, Array]], Array, Array], Any]

#: Every sampled entry is k / DENOMINATOR: a dyadic rational, exact in float64.
DENOMINATOR = 64
#: Parameters lie in [−PARAMETER_BOUND, PARAMETER_BOUND]; x and y in [0, 1].
PARAMETER_BOUND = 2
#: Central-difference step: a power of two, so θ ± h is exact in float64. Its error
#: h²/6·|C'''| + ε|C|/h is about 1e-11 for these networks.
FD_STEP = 2.0**-17
#: Significant digits of the exact values shown.
DIGITS = 30


@dataclass(frozen=True)
class Tolerance:
    r"""When an entry of the user's gradient counts as equal to the exact one.

    An entry agrees when :math:`|g_\text{yours} - g_\text{exact}| \le
    \text{atol} + \text{rtol}\,|g_\text{exact}|`. The defaults suit float64: a correct
    backprop of a small network computes each entry with a few dozen roundings of O(1)
    numbers, an error of about 1e-16 to 1e-15 (``tests/test_crosscheck.py`` measures it),
    while every slip this module diagnoses changes entries by an O(1) factor. rtol = 1e-7
    sits eight orders above the rounding and six below a slip; atol = 1e-9 keeps entries
    that are nearly zero from demanding a relative accuracy no float64 code has. Code
    that computes in float32 needs ``Tolerance(1e-4, 1e-6)``.

    Attributes:
        rtol: relative tolerance.
        atol: absolute tolerance.
    """

    rtol: float = 1e-7
    atol: float = 1e-9

    def agrees(self, yours: Array, exact: Array) -> NDArray[np.bool_]:
        """Entrywise verdict (NaN and inf never agree)."""
        return np.abs(yours - exact) <= self.atol + self.rtol * np.abs(exact)

    def __str__(self) -> str:
        return f"|yours - exact| <= {self.atol:g} + {self.rtol:g}*|exact|"


#: The default tolerance.
TOLERANCE = Tolerance()


# ============================================================================ the blocks


@dataclass(frozen=True)
class _Block:
    """One parameter block, W[l] or b[l], and where it sits in the flat parameter vector."""

    name: str
    layer: int
    kind: str
    shape: tuple[int, ...]
    start: int
    symbols: tuple[sp.Symbol, ...]

    @property
    def size(self) -> int:
        return len(self.symbols)

    @property
    def stop(self) -> int:
        return self.start + self.size

    def entry(self, i: int) -> str:
        """Plain name of flat entry i: ``w[3]_21`` or ``b[3]_2``."""
        if self.kind == "b":
            return f"b[{self.layer}]_{i + 1}"
        j, k = divmod(i, self.shape[1])
        sep = "" if max(self.shape) < 10 else ","
        return f"w[{self.layer}]_{j + 1}{sep}{k + 1}"


def _blocks(network: Network) -> tuple[_Block, ...]:
    blocks, start = [], 0
    for name, matrix in network.parameter_blocks():
        layer, kind = int(name[1:]), name[0]
        shape = matrix.shape if kind == "W" else (matrix.shape[0],)
        blocks.append(_Block(name, layer, kind, tuple(shape), start, tuple(matrix)))
        start += len(matrix)
    return tuple(blocks)


def _entry_name(blocks: Sequence[_Block], index: int) -> str:
    for block in blocks:
        if block.start <= index < block.stop:
            return block.entry(index - block.start)
    raise IndexError(index)


# ============================================================================ 1. sample


@dataclass(frozen=True, eq=False)
class SamplePoint:
    """One random point; every entry is k/64, so the float64 arrays equal it exactly.

    Attributes:
        values: the exact point: each parameter, x_k and y_j as a ``sympy.Rational``.
        theta: the parameters in ``network.parameters()`` order, shape (P,).
        x: the input, shape (n_1,).
        y: the target, shape (n_L,).
    """

    values: dict[sp.Symbol, sp.Rational]
    theta: Array
    x: Array
    y: Array

    def params(self, network: Network) -> list[tuple[Array, Array]]:
        """Fresh copies of ``[(W2, b2), ..., (WL, bL)]``, W[l] of shape (n_l, n_{l−1})."""
        pairs, blocks = [], _blocks(network)
        for W, b in zip(blocks[::2], blocks[1::2], strict=True):
            pairs.append((self.theta[W.start : W.stop].reshape(W.shape).copy(), self.theta[b.start : b.stop].copy()))
        return pairs


def _dyadic(rng: random.Random, low: int, high: int) -> sp.Rational:
    return sp.Rational(rng.randint(low * DENOMINATOR, high * DENOMINATOR), DENOMINATOR)


def _probabilities(rng: random.Random, n: int) -> list[sp.Rational]:
    """A dyadic probability vector (entries k/64 summing to 1): the target of a softmax output."""
    cuts = sorted(rng.randint(0, DENOMINATOR) for _ in range(n - 1))
    edges = [0, *cuts, DENOMINATOR]
    return [sp.Rational(high - low, DENOMINATOR) for low, high in itertools.pairwise(edges)]


def _draw(network: Network, rng: random.Random) -> SamplePoint:
    theta = [_dyadic(rng, -PARAMETER_BOUND, PARAMETER_BOUND) for _ in network.parameters()]
    x = [_dyadic(rng, 0, 1) for _ in network.x]
    y = _probabilities(rng, len(network.y)) if network.loss.softmax_output else [_dyadic(rng, 0, 1) for _ in network.y]
    free = [*network.parameters(), *network.x, *network.y]
    values = dict(zip(free, theta + x + y, strict=True))

    def as_floats(column: list[sp.Rational]) -> Array:
        return np.array([v.p / v.q for v in column], dtype=np.float64)  # exact: q = 64

    return SamplePoint(values, as_floats(theta), as_floats(x), as_floats(y))


# ============================================================================ 2. exact


@dataclass(frozen=True, eq=False)
class _ExactPoint:
    """The exact gradient at one point, and the float64 roundings of z[l], a[l], δ[l]."""

    text: tuple[str, ...]
    gradient: Array
    named: dict[str, float]
    on_kink: bool


class _ExactGradient:
    """symnn's backprop program (Lemma 1) compiled to one mpmath function of the point."""

    def __init__(self, network: Network, digits: int) -> None:
        backprop = network.backprop()
        steps = list(backprop.program.steps)
        self.names = [str(name) for name, _ in steps]
        self.size = len(network.parameters())
        self.digits = digits
        self.free = [*network.parameters(), *network.x, *network.y]
        outputs = [*backprop.gradient(), *(name for name, _ in steps)]
        # The program's steps are the common subexpressions: the generated code is the
        # straight-line program itself, readable with inspect.getsource.
        self.function = sp.lambdify(self.free, outputs, "mpmath", cse=lambda exprs: (steps, exprs), docstring_limit=0)
        self.kinked = {
            f"z_{j}__{layer}"
            for layer in network.hidden_and_output
            if network.activations[layer].kink
            for j in range(1, network.layers[layer - 1] + 1)
        }

    def _run(self, point: SamplePoint, dps: int) -> list[mpmath.mpf]:
        with mpmath.workdps(dps):
            args = [mpmath.mpf(point.values[s].p) / point.values[s].q for s in self.free]
            return [mpmath.mpf(v) for v in self.function(*args)]

    def at(self, point: SamplePoint) -> _ExactPoint:
        coarse = self._run(point, self.digits + 15)
        fine = self._run(point, self.digits + 35)
        for a, b in zip(coarse[: self.size], fine[: self.size], strict=True):
            if abs(a - b) > mpmath.mpf(10) ** -(self.digits + 5) * max(abs(b), 1):
                raise ArithmeticError("the exact gradient is not stable at two working precisions")
        with mpmath.workdps(self.digits + 35):
            text = tuple(mpmath.nstr(v, self.digits, strip_zeros=False) for v in fine[: self.size])
        named = {name: float(v) for name, v in zip(self.names, fine[self.size :], strict=True)}
        on_kink = any(fine[self.size + self.names.index(z)] == 0 for z in self.kinked)
        return _ExactPoint(text, np.array([float(v) for v in fine[: self.size]]), named, on_kink)


def _sample(network: Network, exact: _ExactGradient, count: int, seed: int) -> list[tuple[SamplePoint, _ExactPoint]]:
    """``count`` points with their exact gradients; points on a ReLU kink are redrawn."""
    rng = random.Random(seed)
    sample: list[tuple[SamplePoint, _ExactPoint]] = []
    for _ in range(100 * count):
        if len(sample) == count:
            break
        point = _draw(network, rng)
        values = exact.at(point)
        if not values.on_kink:
            sample.append((point, values))
    if len(sample) < count:
        raise SymnnError(f"found only {len(sample)} of {count} random points off the activation's kinks")
    return sample


# ============================================================================ 3. finite differences


def _cost_function(network: Network) -> Callable[..., float]:
    """The point cost (18) as a NumPy function of (θ..., x..., y...), via the forward program."""
    forward = network.forward()
    steps = list(forward.program.steps)
    cost = network.loss.value(network.y, forward.output)
    free = [*network.parameters(), *network.x, *network.y]
    return sp.lambdify(free, cost, "numpy", cse=lambda exprs: (steps, exprs), docstring_limit=0)


def _finite_differences(network: Network, points: list[SamplePoint]) -> list[Array]:
    """Central differences (step :data:`FD_STEP`) of the point cost at each point, shape (P,) each."""
    cost = _cost_function(network)

    def at(point: SamplePoint) -> Array:
        return finite_difference_gradient(lambda theta: float(cost(*theta, *point.x, *point.y)), point.theta, FD_STEP)

    return [at(point) for point in points]


# ============================================================================ 4. yours


@dataclass(frozen=True, eq=False)
class _Yours:
    """The user's gradient at one point: each block flattened row-major as returned."""

    blocks: dict[str, Array]
    transposed_shape: frozenset[str]


def _where(error: BaseException) -> str:
    """`` (at FILE:LINE)`` of the innermost frame in the user's own code, not in a library."""
    libraries = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename != __file__ and not any(frame.filename.startswith(lib) for lib in libraries)
    ]
    if not frames:
        return ""
    return f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})"


@contextlib.contextmanager
def _user_code() -> Iterator[None]:
    """Run a user's code with its prints sent to stderr, so symnn's own output stays clean."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def _call(grad_fn: GradFn, network: Network, point: SamplePoint, name: str, index: int) -> Any:
    try:
        with _user_code(), np.errstate(all="ignore"):
            return grad_fn(point.params(network), point.x.copy(), point.y.copy())
    except Exception as error:
        message = str(error).splitlines()[0] if str(error) else ""
        raise SymnnError(f"{name} raised {type(error).__name__}: {message} at point {index}{_where(error)}") from None


def _as_array(value: Any, what: str, name: str) -> Array:
    if value is None:
        raise SymnnError(f"{name} returned None for {what} (a missing return?)")
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise SymnnError(
            f"{name} returned {what} that is not an array of real numbers: {type(value).__name__}"
        ) from None
    return array


def _shape_text(shape: tuple[int, ...]) -> str:
    return " × ".join(str(n) for n in shape)


def _read_layers(network: Network, returned: Sequence[Any], name: str) -> _Yours:
    blocks = _blocks(network)
    flat: dict[str, Array] = {}
    transposed: set[str] = set()
    for W, b, pair in zip(blocks[::2], blocks[1::2], returned, strict=True):
        dW = _as_array(pair[0], f"dC/dW[{W.layer}]", name)
        db = _as_array(pair[1], f"dC/db[{b.layer}]", name)
        if dW.shape == W.shape[::-1] and W.shape != W.shape[::-1]:
            transposed.add(W.name)
        elif dW.shape != W.shape:
            expected = [blk.shape for blk in blocks[::2]]
            got = [np.shape(p[0]) for p in returned]
            if got == expected[::-1]:
                raise SymnnError(f"{name} returned the layers in reverse order (L..2); symnn expects layers 2..L")
            raise SymnnError(
                f"{name} returned dC/dW[{W.layer}] of shape {dW.shape}; W[{W.layer}] is "
                f"{_shape_text(W.shape)} (n_{W.layer} × n_{W.layer - 1})"
            )
        if db.size != b.size or db.ndim > 2 or (db.ndim == 2 and 1 not in db.shape):
            raise SymnnError(
                f"{name} returned dC/db[{b.layer}] of shape {db.shape}; b[{b.layer}] has shape ({b.size},)"
            )
        flat[W.name], flat[b.name] = dW.ravel(), db.ravel()
    return _Yours(flat, frozenset(transposed))


def _read(network: Network, returned: Any, name: str) -> _Yours:
    """The user's return value as blocks, or a :class:`SymnnError` saying what is wrong with it."""
    pairs = network.L - 1
    if (
        isinstance(returned, (list, tuple))
        and returned
        and all(isinstance(item, (list, tuple)) and len(item) == 2 for item in returned)
    ):
        if len(returned) != pairs:
            raise SymnnError(
                f"{name} returned {len(returned)} (dW, db) pairs; the network has {pairs} (layers 2..{network.L})"
            )
        return _read_layers(network, returned, name)
    if isinstance(returned, (list, tuple)) and len(returned) == 2 * pairs and np.ndim(returned[0]) == 2:
        raise SymnnError(
            f"{name} returned {len(returned)} separate arrays; "
            f"pair them as [(dW2, db2), ..., (dW{network.L}, db{network.L})]"
        )
    flat = _as_array(returned, "the gradient", name)
    size = len(network.parameters())
    if flat.size != size or flat.ndim > 2 or (flat.ndim == 2 and 1 not in flat.shape):
        raise SymnnError(
            f"{name} returned an array of shape {flat.shape}; expected a list of {pairs} (dW, db) pairs "
            f"for layers 2..{network.L} or a flat vector of {size} numbers in net.parameters() order"
        )
    flat = flat.ravel()
    return _Yours({blk.name: flat[blk.start : blk.stop] for blk in _blocks(network)}, frozenset())


# ============================================================================ 5. compare


@dataclass(frozen=True)
class BlockResult:
    """The verdict on one block, W[l] or b[l], over all sampled points.

    Attributes:
        name: ``"W3"``, ``"b3"``, ...
        layer: l.
        ok: True when every entry agrees at every point (see :class:`Tolerance`).
        max_abs_error: the largest |yours − exact| (inf when yours is not finite).
        max_rel_error: the largest |yours − exact| / max(|exact|, atol).
        worst_point: the point (1-based) of the entry furthest outside its tolerance.
        worst_entry: that entry's name, ``"w[3]_21"``.
        worst_symbol: that entry's parameter symbol, ``w_21__3``.
        exact: the exact value there, to ``digits`` significant digits.
        yours: your value there.
        central_difference: the central difference there.
        central_difference_error: the largest |central difference − exact| in the block.
        diagnosis: what is wrong, when a pattern fits; None when ok or none fits.
    """

    name: str
    layer: int
    ok: bool
    max_abs_error: float
    max_rel_error: float
    worst_point: int
    worst_entry: str
    worst_symbol: sp.Symbol
    exact: str
    yours: float
    central_difference: float
    central_difference_error: float
    diagnosis: str | None = None


@dataclass(frozen=True, eq=False)
class _Table:
    """One block's values over all points: rows are points, columns the block's entries."""

    exact: Array
    yours: Array
    fd: Array
    text: list[tuple[str, ...]]


def _compare_blocks(
    network: Network,
    sample: list[tuple[SamplePoint, _ExactPoint]],
    fd: list[Array],
    yours: list[_Yours],
    tol: Tolerance,
) -> list[BlockResult]:
    """One :class:`BlockResult` per block, in parameter order."""

    def table(blk: _Block) -> _Table:
        return _Table(
            np.array([e.gradient[blk.start : blk.stop] for _, e in sample]),
            np.array([y.blocks[blk.name] for y in yours]),
            np.array([f[blk.start : blk.stop] for f in fd]),
            [e.text[blk.start : blk.stop] for _, e in sample],
        )

    return [_compare(blk, table(blk), tol) for blk in _blocks(network)]


def _compare(block: _Block, table: _Table, tol: Tolerance) -> BlockResult:
    error = np.abs(table.yours - table.exact)
    error[~np.isfinite(error)] = np.inf
    excess = error / (tol.atol + tol.rtol * np.abs(table.exact))
    point, entry = np.unravel_index(int(np.argmax(excess)), excess.shape)
    rel = error / np.maximum(np.abs(table.exact), tol.atol)
    return BlockResult(
        name=block.name,
        layer=block.layer,
        ok=bool(np.all(tol.agrees(table.yours, table.exact))),
        max_abs_error=float(error.max()),
        max_rel_error=float(rel.max()),
        worst_point=int(point) + 1,
        worst_entry=block.entry(int(entry)),
        worst_symbol=block.symbols[int(entry)],
        exact=table.text[point][entry],
        yours=float(table.yours[point, entry]),
        central_difference=float(table.fd[point, entry]),
        central_difference_error=float(np.abs(table.fd - table.exact).max()),
    )


# ============================================================================ 6. diagnose


@dataclass(frozen=True, eq=False)
class _Trace:
    """Float64 roundings of the exact forward and backward values at one point."""

    y: Array
    W: dict[int, Array]
    z: dict[int, Array]
    a: dict[int, Array]
    delta: dict[int, Array]


def _trace(network: Network, point: SamplePoint, exact: _ExactPoint) -> _Trace:
    def column(stem: str, layer: int) -> Array:
        return np.array([exact.named[f"{stem}_{j}__{layer}"] for j in range(1, network.layers[layer - 1] + 1)])

    layers = network.hidden_and_output
    W = {pair_layer: W for pair_layer, (W, _) in zip(layers, point.params(network), strict=True)}
    a = {1: point.x, **{layer: column("a", layer) for layer in layers}}
    return _Trace(point.y, W, {l: column("z", l) for l in layers}, a, {l: column("delta", l) for l in layers})


class _Diagnosis:
    """Names the pattern behind each wrong block; every test is 'agrees at every point'."""

    def __init__(self, network: Network, traces: list[_Trace], yours: list[_Yours], exact: Array, tol: Tolerance):
        self.net, self.traces, self.tol = network, traces, tol
        self.yours = {name: np.array([y.blocks[name] for y in yours]) for name in yours[0].blocks}
        self.transposed_shape = yours[0].transposed_shape
        self.exact = exact  # points × P
        self.blocks = {blk.name: blk for blk in _blocks(network)}
        t = sp.Symbol("t")
        self.sigma_prime = {
            l: sp.lambdify(t, network.activations[l].derivative(t), "numpy") for l in network.hidden_and_output
        }

    def matches(self, yours: Array, reference: Array) -> bool:
        return bool(np.all(self.tol.agrees(yours, reference)))

    def _each(self, make: Callable[[_Trace], Array]) -> Array:
        """``make(trace)`` at every point, as rows."""
        with np.errstate(all="ignore"):
            return np.array([np.asarray(make(trace), dtype=np.float64).ravel() for trace in self.traces])

    def _apply(self, table: dict[int, Callable[..., Any]], layer: int, values: Array) -> Array:
        """An activation (or its derivative) compiled from the table, broadcast to ``values``."""
        return np.broadcast_to(np.asarray(table[layer](values), dtype=np.float64), values.shape)

    # ------------------------------------------------------------ block-local patterns
    def local(self, name: str) -> _Pattern | None:
        """How the block differs from the exact one, when it is a simple transformation of it."""
        blk, yours = self.blocks[name], self.yours[name]
        exact = self.exact[:, blk.start : blk.stop]
        if not np.all(np.isfinite(yours)):
            p, i = np.argwhere(~np.isfinite(yours))[0]
            return _Pattern("not finite", f"not finite: {yours[p, i]} in {blk.entry(int(i))} at point {p + 1}")
        if np.all(yours == 0):
            return _Pattern("zeros", "all zeros, where the exact block is not")
        scale = float(np.vdot(yours, exact) / np.vdot(exact, exact))
        if self.matches(yours, scale * exact):
            text = "sign flipped (−1 × the exact value)" if _constant(scale) == "−1" else None
            return _Pattern("scaled", text or f"{_constant(scale)} × the exact value", _constant(scale))
        if blk.kind == "W" and self.matches(yours, self._transpose(exact, blk)):
            return _Pattern("transposed", self._transposed_text(blk))
        if blk.kind == "W":
            W = self._each(lambda tr: tr.W[blk.layer])
            decay = float(np.vdot(yours - exact, W) / np.vdot(W, W))
            if self.matches(yours, exact + decay * W):
                return _Pattern(
                    "decay",
                    f"the exact value + {_constant(decay)} × W[{blk.layer}]: a weight-decay term that the cost, "
                    "eq. (18), does not have",
                )
        misplaced = self._permutation(blk, yours)
        return _Pattern("misplaced", misplaced) if misplaced else None

    @staticmethod
    def _transpose(values: Array, blk: _Block) -> Array:
        return np.array([row.reshape(blk.shape).T.ravel() for row in values])

    def _transposed_text(self, blk: _Block) -> str:
        text = f"transposed: it holds (∂C/∂W[{blk.layer}])ᵀ"
        if blk.name in self.transposed_shape:
            n_l, n_prev = blk.shape
            text += f", returned as {n_prev} × {n_l} where W[{blk.layer}] is {n_l} × {n_prev}"
        return text

    def _permutation(self, blk: _Block, yours: Array) -> str | None:
        """Each entry equal to exactly one exact entry somewhere in the gradient, some misplaced."""
        exact = self.exact
        close = self.tol.agrees(yours[:, :, None], exact[:, None, :])
        candidates: NDArray[np.bool_] = np.asarray(close.all(axis=0))  # (block entries, P)
        moves: list[str] = []
        for i in range(blk.size):
            found = np.flatnonzero(candidates[i])
            if blk.start + i in found:
                continue
            if len(found) != 1:
                return None
            moves.append(f"{blk.entry(i)} holds ∂C/∂{_entry_name(list(self.blocks.values()), int(found[0]))}")
        if not moves:
            return None
        for other in self.blocks.values():
            if (
                other is not blk
                and other.size == blk.size
                and np.all(candidates[:, other.start : other.stop].diagonal())
            ):
                return f"entries in the wrong places: it holds ∂C/∂{other.name}, the block of layer {other.layer}"
        shown = ", ".join(moves[:4]) + (", ..." if len(moves) > 4 else "")
        return f"entries in the wrong places: {shown}"

    # ------------------------------------------------------------ δ[l] and its recursion (22)-(23)
    def incoming(self, layer: int, delta_next: Array | None) -> Array:
        """What σ'(z[l]) multiplies in eq. (22)/(23): a[L] − y, or W[l+1]ᵀ δ[l+1] (δ given per point)."""
        if layer == self.net.L:
            return self._each(lambda tr: tr.a[layer] - tr.y)
        assert delta_next is not None
        return np.array([tr.W[layer + 1].T @ d for tr, d in zip(self.traces, delta_next, strict=True)])

    def delta_given(self, layer: int, delta_next: Array | None) -> Array:
        """δ[l] by eq. (22)/(23) from the given δ[l+1]."""
        sp_z = self._each(lambda tr: self._apply(self.sigma_prime, layer, tr.z[layer]))
        return sp_z * self.incoming(layer, delta_next)

    def delta_slip(self, layer: int, delta_next: Array | None, relative: bool = False) -> str | None:
        """A known slip in δ[l], given the δ[l+1] it was computed from.

        With ``relative`` (δ[l+1] is itself wrong) a constant factor against eq. (23) applied
        to that δ[l+1] is a slip of its own; otherwise the block-local test has named it.
        """
        yours = self.yours[f"b{layer}"]
        eq = "(22)" if layer == self.net.L else "(23)"
        if layer == self.net.L and self.net.loss.softmax_output:
            return None
        incoming = self.incoming(layer, delta_next)
        slips = [
            (incoming, f"δ[{layer}] lacks the factor σ′(z[{layer}]) of eq. {eq}"),
            (
                self._each(lambda tr: self._apply(self.sigma_prime, layer, tr.a[layer])) * incoming,
                f"δ[{layer}] uses σ′(a[{layer}]) where eq. {eq} has σ′(z[{layer}])",
            ),
            (
                self._each(lambda tr: tr.a[layer]) * incoming,
                f"δ[{layer}] uses σ(z[{layer}]) = a[{layer}] where eq. {eq} has σ′(z[{layer}])",
            ),
        ]
        if delta_next is not None and self.traces[0].W[layer + 1].shape[0] == self.traces[0].W[layer + 1].shape[1]:
            sp_z = self._each(lambda tr: self._apply(self.sigma_prime, layer, tr.z[layer]))
            plain = np.array([tr.W[layer + 1] @ d for tr, d in zip(self.traces, delta_next, strict=True)])
            slips.append((sp_z * plain, f"δ[{layer}] uses W[{layer + 1}] where eq. (23) has W[{layer + 1}]ᵀ"))
        for reference, text in slips:
            if self.matches(yours, reference):
                return text
        if relative:
            given = self.delta_given(layer, delta_next)
            scale = float(np.vdot(yours, given) / np.vdot(given, given))
            if self.matches(yours, scale * given):
                return f"δ[{layer}] is {_constant(scale)} × what eq. {eq} gives from your δ[{layer + 1}]"
        return None

    def weight_slip(self, layer: int, delta: Array) -> str | None:
        """A known slip in eq. (25), dC/dW[l] = δ[l] a[l−1]ᵀ, given δ[l]: another layer's z or a in place of a[l−1]."""
        yours = self.yours[f"W{layer}"]
        size = self.net.layers[layer - 2]
        stand_ins = [("z", k) for k in self.net.hidden_and_output] + [("a", k) for k in range(1, self.net.L + 1)]
        for stem, k in stand_ins:
            if (stem, k) == ("a", layer - 1) or self.net.layers[k - 1] != size:
                continue
            built = np.array(
                [np.outer(d, getattr(tr, stem)[k]).ravel() for tr, d in zip(self.traces, delta, strict=True)]
            )
            if self.matches(yours, built):
                used = "x = a[1]" if (stem, k) == ("a", 1) else f"{stem}[{k}]"
                return f"uses {used} where eq. (25) has a[{layer - 1}]: dC/dW[{layer}] = δ[{layer}] a[{layer - 1}]ᵀ"
        return None

    def follows_from(self, layer: int, delta: Array) -> bool:
        """Whether your dC/dW[l] is eq. (25) applied to the given δ[l]."""
        built = np.array([np.outer(d, tr.a[layer - 1]).ravel() for tr, d in zip(self.traces, delta, strict=True)])
        return self.matches(self.yours[f"W{layer}"], built)


def _constant(c: float) -> str:
    """A scale factor as a short fraction when it is one (2, 1/2, −1/10), else 6 digits."""
    fraction = Fraction(c).limit_denominator(100)
    if abs(float(fraction) - c) <= 1e-9 * abs(c):
        return str(fraction).replace("-", "−")
    return f"{c:.6g}".replace("-", "−")


@dataclass(frozen=True)
class _Pattern:
    """A block-local pattern: what kind, how to say it, and the constant of a scaled block."""

    kind: str
    text: str
    constant: str = ""


@dataclass
class _Findings:
    """What :func:`_diagnose` found, layer by layer (a scratch record, filled from L down to 2)."""

    local: dict[str, _Pattern | None]
    text: dict[str, list[str]]
    origin: dict[int, int]  # layer -> the layer whose δ first went wrong
    cause: dict[int, str | None]
    follows: set[str]


def _diagnose(results: list[BlockResult], diagnosis: _Diagnosis) -> tuple[list[BlockResult], tuple[str, ...]]:
    """Per-block diagnoses, and the summary: where the error starts and what it reaches."""
    net = diagnosis.net
    ok = {r.name: r.ok for r in results}
    wrong = [r.name for r in results if not r.ok]
    local = {name: diagnosis.local(name) for name in wrong}
    found = _Findings(local, {name: [p.text] if (p := local[name]) else [] for name in wrong}, {}, {}, set())
    for layer in range(net.L, 1, -1):
        if not ok[f"b{layer}"]:
            _diagnose_delta(layer, ok, diagnosis, found)
        if not ok[f"W{layer}"]:
            _diagnose_weight(layer, ok, diagnosis, found)
    diagnosed = [
        r if r.ok else _with_diagnosis(r, "; ".join(dict.fromkeys(found.text[r.name])) or None) for r in results
    ]
    return diagnosed, _summary(diagnosed, found)


def _diagnose_delta(layer: int, ok: dict[str, bool], diagnosis: _Diagnosis, found: _Findings) -> None:
    """b[l] = δ[l] is wrong: carried back from a wrong δ[l+1] by eq. (23), or a slip at layer l."""
    net, name = diagnosis.net, f"b{layer}"
    above = None if layer == net.L else diagnosis.yours[f"b{layer + 1}"]
    carried = layer < net.L and not ok[f"b{layer + 1}"]
    if (
        carried
        and layer + 1 in found.origin
        and diagnosis.matches(diagnosis.yours[name], diagnosis.delta_given(layer, above))
    ):
        found.origin[layer] = found.origin[layer + 1]
        found.text[name].append(f"propagated backwards from the wrong δ[{found.origin[layer]}] through eq. (23)")
        return
    if _misplaced(found, name):
        return  # the right numbers returned in the wrong places: a packaging slip, not a wrong δ
    cause = diagnosis.delta_slip(layer, above, relative=carried)
    found.origin[layer] = layer
    found.cause[layer] = cause
    if cause:
        found.text[name].append(cause)


def _diagnose_weight(layer: int, ok: dict[str, bool], diagnosis: _Diagnosis, found: _Findings) -> None:
    """dC/dW[l] is wrong: built by eq. (25) from a wrong δ[l], or a slip in eq. (25) itself."""
    name = f"W{layer}"
    yours_delta = diagnosis.yours[f"b{layer}"]
    if layer in found.origin and diagnosis.follows_from(layer, yours_delta):
        source = found.origin[layer]
        found.follows.add(name)
        found.text[name].append(
            f"follows by eq. (25) from the wrong δ[{layer}]"
            if source == layer
            else f"follows by eq. (25) from δ[{layer}], wrong because the error in δ[{source}] propagates backwards"
        )
        return
    if _misplaced(found, name):
        return
    exact_delta = np.array([tr.delta[layer] for tr in diagnosis.traces])
    slip = diagnosis.weight_slip(layer, yours_delta) or diagnosis.weight_slip(layer, exact_delta)
    if slip:
        found.text[name].append(slip)


def _misplaced(found: _Findings, name: str) -> bool:
    pattern = found.local[name]
    return pattern is not None and pattern.kind == "misplaced"


def _with_diagnosis(result: BlockResult, diagnosis: str | None) -> BlockResult:
    fields = dict(result.__dict__)
    fields["diagnosis"] = diagnosis
    return BlockResult(**fields)


_SCALE_HINTS = {
    "−1": ": the gradient of −C, e.g. y − a[L] where eq. (22) has a[L] − y",
    "2": ": as if the cost were ‖y − F(x)‖² without the ½ of eq. (18)",
    "1/2": ": an extra factor ½",
}


def _summary(results: list[BlockResult], found: _Findings) -> tuple[str, ...]:
    """One line per finding: a common factor, where each wrong δ starts and what it reaches, the rest."""
    wrong = [r for r in results if not r.ok]
    if not wrong:
        return ()
    patterns = [found.local[r.name] for r in wrong]
    constants = {p.constant if p and p.kind == "scaled" else None for p in patterns}
    if len(wrong) == len(results) and len(constants) == 1 and (constant := constants.pop()):
        return (f"every block is {constant} × the exact gradient{_SCALE_HINTS.get(constant, '')}",)
    lines: list[str] = []
    if all(p and p.kind == "misplaced" for p in patterns):
        lines.append(
            "the wrong blocks hold the exact gradient's numbers in the wrong places; "
            "symnn's order is net.parameters(): W2 row-major, b2, W3 row-major, b3, ..."
        )
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


# ============================================================================ the pipeline


@dataclass(frozen=True, eq=False)
class CrossCheck:
    """The outcome of :func:`crosscheck`.

    Attributes:
        network: the architecture checked.
        function: the name of the user's function.
        points: how many random points were compared.
        seed: the seed they were drawn with.
        tolerance: the per-entry tolerance.
        digits: significant digits of the exact values shown.
        blocks: one :class:`BlockResult` per block, in parameter order: W2, b2, W3, b3, ...
        diagnoses: the summary, one line per finding (empty when every block agrees).
        sample: the points, exact and as float64 arrays.
    """

    network: Network
    function: str
    points: int
    seed: int
    tolerance: Tolerance
    digits: int
    blocks: tuple[BlockResult, ...]
    diagnoses: tuple[str, ...]
    sample: tuple[SamplePoint, ...]

    @property
    def ok(self) -> bool:
        """True when every block agrees with the exact gradient."""
        return all(block.ok for block in self.blocks)

    @property
    def wrong(self) -> tuple[str, ...]:
        """The names of the wrong blocks, in parameter order."""
        return tuple(block.name for block in self.blocks if not block.ok)

    def block(self, name: str) -> BlockResult:
        """The result for block ``name`` (``"W3"``)."""
        for block in self.blocks:
            if block.name == name:
                return block
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: ``ok``, ``blocks`` (name, ok, errors, diagnosis, worst entry), ``points``."""
        return {
            "ok": self.ok,
            "function": self.function,
            "network": {
                "layers": list(self.network.layers),
                "activations": [self.network.activations[l].name for l in self.network.hidden_and_output],
                "cost": self.network.loss.name,
            },
            "points": self.points,
            "seed": self.seed,
            "tolerance": {"rtol": self.tolerance.rtol, "atol": self.tolerance.atol},
            "blocks": [
                {
                    "name": b.name,
                    "ok": b.ok,
                    "max_abs_error": _finite(b.max_abs_error),
                    "max_rel_error": _finite(b.max_rel_error),
                    "diagnosis": b.diagnosis,
                    "worst_entry": b.worst_entry,
                    "worst_point": b.worst_point,
                    "exact": b.exact,
                    "yours": _finite(b.yours),
                    "central_difference": b.central_difference,
                    "central_difference_max_abs_error": b.central_difference_error,
                }
                for b in self.blocks
            ],
            "wrong": list(self.wrong),
            "diagnoses": list(self.diagnoses),
        }


def _finite(value: float) -> float | None:
    return value if np.isfinite(value) else None


def crosscheck(
    network: Network,
    grad_fn: GradFn,
    points: int = 3,
    seed: int = 0,
    tolerance: Tolerance = TOLERANCE,
    digits: int = DIGITS,
    name: str | None = None,
) -> CrossCheck:
    r"""Compare a user's gradient function with the exact gradient, block by block.

    Args:
        network: the architecture (layer sizes, activations, cost) the function is for.
        grad_fn: ``grad(params, x, y)``; ``params`` is ``[(W2, b2), ..., (WL, bL)]``
            with W[l] of shape (n_l, n_{l−1}) and b[l] of shape (n_l,), ``x`` of shape
            (n_1,), ``y`` of shape (n_L,). It returns ∂C/∂θ as ``[(dW2, db2), ...]`` in the
            same shapes (b as (n_l, 1) is accepted too) or as a flat vector of shape (P,)
            in ``network.parameters()`` order.
        points: how many random dyadic points to compare at.
        seed: the seed of the points.
        tolerance: when an entry agrees (see :class:`Tolerance`).
        digits: significant digits of the exact values.
        name: how to call the function in messages (default: its ``__name__``).

    Returns:
        A :class:`CrossCheck` with a :class:`BlockResult` per block and the diagnoses.

    Raises:
        SymnnError: when the function raises, or returns something that is not the
            gradient's layout (wrong number of blocks, wrong shapes).

    Examples:
        >>> import numpy as np
        >>> net = Network([1, 1], activation="identity")
        >>> def grad(params, x, y):  # C = ½(w x + b − y)²
        ...     (W, b), = params
        ...     r = W @ x + b - y
        ...     return [(np.outer(r, x), r)]
        >>> crosscheck(net, grad).ok
        True
        >>> crosscheck(net, lambda p, x, y: [(2 * g, d) for g, d in grad(p, x, y)]).wrong
        ('W2',)
    """
    if points < 1:
        raise SymnnError(f"the number of points must be at least 1, got {points}")
    label = str(name or getattr(grad_fn, "__name__", "the gradient function"))
    sample = _sample(network, _ExactGradient(network, digits), points, seed)  # 1, 2
    fd = _finite_differences(network, [point for point, _ in sample])  # 3
    yours = [_read(network, _call(grad_fn, network, p, label, i), label) for i, (p, _) in enumerate(sample, 1)]  # 4
    results = _compare_blocks(network, sample, fd, yours, tolerance)  # 5
    traces = [_trace(network, p, e) for p, e in sample]  # 6
    diagnosis = _Diagnosis(network, traces, yours, np.array([e.gradient for _, e in sample]), tolerance)
    with np.errstate(divide="ignore", invalid="ignore"):  # a block that is exactly 0 has no scale factor
        blocks, diagnoses = _diagnose(results, diagnosis)
    return CrossCheck(
        network, label, points, seed, tolerance, digits, tuple(blocks), diagnoses, tuple(p for p, _ in sample)
    )


# ============================================================================ loading a user's file


def load_function(spec: str) -> tuple[GradFn, str]:
    """Import ``PATH.py:FUNCTION`` as the user's own module and return the function and its label.

    The file runs as the user would run it: its directory is on ``sys.path`` while it
    imports, and its prints go to stderr.

    Raises:
        SymnnError: one line for a malformed spec, a missing file, a file that fails to
            import, or a missing or non-callable function.
    """
    path_text, sep, function = spec.rpartition(":")
    if not sep or not path_text or not function:
        raise SymnnError(f"give the function as PATH.py:FUNCTION, e.g. examples/higham_backprop.py:grad, not {spec!r}")
    path = Path(path_text)
    if not path.is_file():
        raise SymnnError(f"no such file: {path}")
    module_name = f"symnn_user_{abs(hash(str(path.resolve())))}"
    loader_spec = importlib.util.spec_from_file_location(module_name, path)
    if loader_spec is None or loader_spec.loader is None:
        raise SymnnError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(loader_spec)
    # Registered while it runs, as `import` would: dataclasses and pickling in it look it up.
    sys.modules[module_name] = module
    sys.path.insert(0, str(path.resolve().parent))
    try:
        with _user_code():
            loader_spec.loader.exec_module(module)
    except SyntaxError as error:
        del sys.modules[module_name]
        raise SymnnError(f"{path} does not parse: {error.msg} (line {error.lineno})") from None
    except (Exception, SystemExit) as error:
        del sys.modules[module_name]
        raise SymnnError(f"importing {path} raised {type(error).__name__}: {error}{_where(error)}") from None
    finally:
        sys.path.remove(str(path.resolve().parent))
    found = getattr(module, function, None)
    if found is None:
        defined = sorted(k for k, v in vars(module).items() if callable(v) and not k.startswith("_"))
        listing = f"; it defines {', '.join(defined)}" if defined else ""
        raise SymnnError(f"{path} has no function {function!r}{listing}")
    if not callable(found):
        raise SymnnError(f"{path}:{function} is a {type(found).__name__}, not a function")
    return found, f"{path}:{function}"


# ============================================================================ rendering


def _network_line(result: CrossCheck) -> str:
    net = result.network
    names = sorted({a.name for a in net.activations.values()})
    return f"network {'-'.join(map(str, net.layers))}, {', '.join(names)}, {net.loss.name} cost"


def format_text(result: CrossCheck) -> str:
    """The cross-check as plain-text tables: one row per block, then the worst entries, then diagnoses."""
    head = [
        f"cross-check of {result.function} against the exact gradient",
        f"{_network_line(result)}; {result.points} random points (seed {result.seed}), every entry k/64, "
        "exact in float64",
        f"exact: Lemma 1 at the rational point, {result.digits} significant digits; "
        f"an entry agrees when {result.tolerance}",
        "",
    ]
    rows = [("block", "verdict", "max abs error", "max rel error", "central diff. max abs error", "diagnosis")]
    for b in result.blocks:
        verdict = "ok" if b.ok else "WRONG"
        diag = b.diagnosis or ("" if b.ok else "no simple pattern fits")
        rows.append(
            (
                b.name,
                verdict,
                f"{b.max_abs_error:.2e}",
                f"{b.max_rel_error:.2e}",
                f"{b.central_difference_error:.2e}",
                diag,
            )
        )
    worst = [("block", "worst entry", "point", f"exact ({result.digits} digits)", "yours", "central difference")]
    for b in result.blocks:
        worst.append(
            (b.name, b.worst_entry, str(b.worst_point), b.exact, f"{b.yours:.17g}", f"{b.central_difference:.17g}")
        )
    if result.ok:
        verdict_line = f"all {len(result.blocks)} blocks agree with the exact gradient"
    else:
        verdict_line = f"WRONG: {', '.join(result.wrong)} ({len(result.wrong)} of {len(result.blocks)} blocks)"
    tail = [verdict_line] + [f"  - {line}" for line in result.diagnoses]
    return "\n".join([*head, *_columns(rows), "", *_columns(worst), "", *tail])


def _columns(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


#: How the Unicode in diagnoses typesets (pdflatex with inputenc utf8).
_UNICODE_TEX = {
    "δ": r"\ensuremath{\delta}",
    "σ": r"\ensuremath{\sigma}",
    "′": r"\ensuremath{'}",
    "ᵀ": r"\ensuremath{^{T}}",
    "×": r"\ensuremath{\times}",
    "−": r"\ensuremath{-}",
    "‖": r"\ensuremath{\|}",
    "½": r"\ensuremath{\tfrac12}",
    "²": r"\ensuremath{^2}",
    "∂": r"\ensuremath{\partial}",
    "—": r"---",
}
_PREAMBLE_EXTRA = "".join(
    rf"\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{{tex}}}" + "\n" for ch, tex in _UNICODE_TEX.items()
)


def render_tex(result: CrossCheck) -> str:
    r"""The cross-check as a complete LaTeX document (shared preamble, \verified/\failed marks)."""
    net = result.network
    layers = "-".join(map(str, net.layers))
    intro = (
        f"The function \\texttt{{{escape(result.function)}}} was compared with the exact gradient of the "
        f"{layers} network ({escape(', '.join(sorted({a.name for a in net.activations.values()})))}, "
        f"{escape(net.loss.name)} cost ${net.loss.latex}$, Higham \\& Higham (2019), eq.~(18)) at "
        f"{result.points} random points (seed {result.seed}). Every parameter, input and target is a "
        r"dyadic rational $k/64$, so the float64 arrays handed to the function are exactly the rational "
        "point at which the exact gradient was computed by Lemma~1, eqs.~(22)--(25). Exact values are "
        f"shown to {result.digits} significant digits, with the central differences "
        f"($h = 2^{{-17}}$) beside them. An entry agrees when "
        rf"$|g_\text{{yours}} - g_\text{{exact}}| \le {_tex_number(result.tolerance.atol)} + "
        rf"{_tex_number(result.tolerance.rtol)}\,|g_\text{{exact}}|$."
    )
    if result.ok:
        verdict = rf"\verified\ All {len(result.blocks)} blocks agree with the exact gradient."
    else:
        verdict = rf"\failed\ Wrong blocks: {', '.join(_block_tex(n) for n in result.wrong)}."
    summary = [
        r"\begin{center}\small",
        r"\begin{tabular}{llrrrl}",
        r"\toprule",
        r"block & & max abs error & max rel error & central diff.\ error & diagnosis \\",
        r"\midrule",
    ]
    for b in result.blocks:
        mark = r"\verified" if b.ok else r"\failed"
        diag = escape(b.diagnosis) if b.diagnosis else ("" if b.ok else "no simple pattern fits")
        summary.append(
            f"{_block_tex(b.name)} & {mark} & ${_tex_number(b.max_abs_error)}$ & ${_tex_number(b.max_rel_error)}$ & "
            rf"${_tex_number(b.central_difference_error)}$ & \parbox[t]{{5.2cm}}{{\raggedright {diag}}} \\"
        )
    summary += [r"\bottomrule", r"\end{tabular}", r"\end{center}"]
    worst = [
        r"\begin{center}\footnotesize",
        r"\begin{tabular}{lrlll}",
        r"\toprule",
        rf"entry & point & exact ({result.digits} digits) & yours & central difference \\",
        r"\midrule",
    ]
    for b in result.blocks:
        worst.append(
            rf"$\partial C/\partial {latex(b.worst_symbol)}$ & {b.worst_point} & \texttt{{{b.exact}}} & "
            rf"\texttt{{{b.yours:.17g}}} & \texttt{{{b.central_difference:.17g}}} \\"
        )
    worst += [r"\bottomrule", r"\end{tabular}", r"\end{center}"]
    findings = ""
    if result.diagnoses:
        items = "\n".join(rf"\item {escape(line)}" for line in result.diagnoses)
        findings = "\\section*{Diagnosis}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n"
    body = "\n".join(
        [
            intro,
            "",
            verdict,
            findings,
            r"\section*{Blocks}",
            *summary,
            r"\section*{The worst entry of each block}",
            *worst,
        ]
    )
    return document(f"Cross-check of {result.function} against the exact gradient", body, _PREAMBLE_EXTRA)


def _block_tex(name: str) -> str:
    return rf"$\partial C/\partial {name[0]}^{{[{name[1:]}]}}$"


def _tex_number(value: float) -> str:
    r"""``1.23e-07`` as math-mode ``1.23\cdot 10^{-7}`` (no dollars)."""
    if not np.isfinite(value):
        return r"\infty"
    mantissa, exponent = f"{value:.2e}".split("e")
    return rf"{mantissa}\cdot 10^{{{int(exponent)}}}"
