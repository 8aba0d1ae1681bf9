"""Comparing the user's blocks with the exact ones: one verdict per block over all points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symnn.crosscheck.blocks import Block
from symnn.crosscheck.formats import Reading
from symnn.crosscheck.reference import ExactPoint
from symnn.crosscheck.tolerance import Tolerance

__all__ = ["BlockResult", "compare_blocks", "yours_table"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class BlockResult:
    """The verdict on one block, W[l] or b[l], over all sampled points.

    Attributes:
        name: ``"W3"``, ``"b3"``, ...
        layer: l.
        ok: True when every entry agrees at every point (see :class:`Tolerance`).
        max_abs_error: the largest |yours − exact| (inf when yours is not finite or not returned).
        max_rel_error: the largest |yours − exact| / max(|exact|, atol).
        worst_point: the point (1-based) of the entry furthest outside its tolerance.
        worst_entry: that entry's name, ``"w[3]_21"``.
        worst_symbol: that entry's parameter symbol, ``w_21__3``.
        exact: the exact value there, to ``digits`` significant digits.
        yours: your value there (NaN when the block was not returned in a usable shape).
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


def yours_table(block: Block, readings: list[Reading]) -> Array:
    """The user's values of one block, rows = points; NaN where it was not returned usably."""
    rows = []
    for reading in readings:
        values = reading.blocks.get(block.name)
        if values is None or values.size != block.size:
            rows.append(np.full(block.size, np.nan))
        else:
            rows.append(values)
    return np.array(rows)


def compare_blocks(
    all_blocks: tuple[Block, ...],
    exact: list[ExactPoint],
    fd: list[Array],
    readings: list[Reading],
    tol: Tolerance,
    digits: int,
) -> list[BlockResult]:
    """One :class:`BlockResult` per block, in parameter order."""
    results = []
    for block in all_blocks:
        table = np.array([e.gradient[block.start : block.stop] for e in exact])
        yours = yours_table(block, readings)
        differences = np.array([f[block.start : block.stop] for f in fd])
        error = np.abs(yours - table)
        error[~np.isfinite(error)] = np.inf
        excess = error / (tol.atol + tol.rtol * np.abs(table))
        point, entry = np.unravel_index(int(np.argmax(excess)), excess.shape)
        rel = error / np.maximum(np.abs(table), tol.atol)
        results.append(
            BlockResult(
                name=block.name,
                layer=block.layer,
                ok=bool(np.all(tol.agrees(yours, table))),
                max_abs_error=float(error.max()),
                max_rel_error=float(rel.max()),
                worst_point=int(point) + 1,
                worst_entry=block.entry(int(entry)),
                worst_symbol=block.symbols[int(entry)],
                exact=exact[int(point)].digits(block, int(entry), digits),
                yours=float(yours[point, entry]),
                central_difference=float(differences[point, entry]),
                central_difference_error=float(np.abs(differences - table).max()),
            )
        )
    return results
