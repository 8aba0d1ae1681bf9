"""The outcome of a cross-check: one verdict per block, the findings, and how the code was read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from symnn.crosscheck.compare import BlockResult
from symnn.crosscheck.document import activation_names
from symnn.crosscheck.sample import SamplePoint
from symnn.crosscheck.tolerance import Tolerance
from symnn.network import Network

__all__ = ["CrossCheck"]


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
        kind: what the user's code is (a function, a method, a PyTorch module, a JAX loss).
        layout: the array layout it was called with, and how symnn found it.
        format: how its return value was read (Nielsen's (nabla_b, nabla_w), pairs, a dict, ...).
        dtype: the float type of what it returned, from which the tolerance was derived.
        batch: N, the points in each batch.
        mean: whether the batch cost is the mean of the point costs (else their sum).
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
    kind: str = ""
    layout: str = ""
    format: str = ""
    dtype: str = "float64"
    batch: int = 1
    mean: bool = True

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
                "activations": activation_names(self).split(","),
                "cost": self.network.loss.name,
            },
            "code": {"kind": self.kind, "layout": self.layout, "format": self.format, "dtype": self.dtype},
            "batch": {"size": self.batch, "reduction": "mean" if self.mean else "sum"},
            "points": self.points,
            "seed": self.seed,
            "tolerance": {"rtol": self.tolerance.rtol, "atol": self.tolerance.atol, "reason": self.tolerance.reason},
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
