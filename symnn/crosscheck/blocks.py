"""The parameter blocks W[l], b[l] of a network and where each sits in the flat parameter vector."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from symnn.network import Network

__all__ = ["Block", "blocks", "entry_name"]


@dataclass(frozen=True)
class Block:
    """One parameter block, W[l] or b[l], and where it sits in ``network.parameters()``.

    Attributes:
        name: ``"W3"`` or ``"b3"``.
        layer: l.
        kind: ``"W"`` or ``"b"``.
        shape: (n_l, n_{l−1}) for W, (n_l,) for b.
        start: index of its first entry in the flat vector.
        symbols: its parameter symbols, W row-major.
    """

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


def blocks(network: Network) -> tuple[Block, ...]:
    """The blocks in parameter order: W2, b2, W3, b3, ..."""
    found, start = [], 0
    for name, matrix in network.parameter_blocks():
        layer, kind = int(name[1:]), name[0]
        shape = matrix.shape if kind == "W" else (matrix.shape[0],)
        found.append(Block(name, layer, kind, tuple(shape), start, tuple(matrix)))
        start += len(matrix)
    return tuple(found)


def entry_name(all_blocks: Sequence[Block], index: int) -> str:
    """The plain name of entry ``index`` of the flat parameter vector."""
    for block in all_blocks:
        if block.start <= index < block.stop:
            return block.entry(index - block.start)
    raise IndexError(index)
