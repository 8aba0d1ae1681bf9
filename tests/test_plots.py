"""The training figures: cost history and decision regions, PNG and PDF, deterministic."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from symnn import Network, SymnnError
from symnn.plots import decision_grid, plot_cost, plot_regions
from symnn.train import History, as_arrays, higham_data

pytest.importorskip("matplotlib")


def _vertical_boundary() -> tuple[object, np.ndarray]:
    """A 2-2 sigmoid network with F_1 > F_2 exactly where x_1 > 1/2."""
    compiled = Network([2, 2]).compile()
    # z_1 = 10 x_1 - 5, z_2 = -10 x_1 + 5; θ order: w_11, w_12, w_21, w_22, b_1, b_2
    return compiled, np.array([10.0, 0.0, -10.0, 0.0, -5.0, 5.0])


def test_decision_grid_shades_where_f1_exceeds_f2() -> None:
    compiled, theta = _vertical_boundary()
    u, v, category_a = decision_grid(compiled, theta, grid=11)
    assert u.shape == v.shape == category_a.shape == (11, 11)
    assert np.array_equal(category_a, u > 0.5)  # at x_1 = 1/2 exactly, F_1 = F_2: not category A
    assert v[3, 0] == pytest.approx(0.3)


def test_decision_grid_needs_two_inputs_and_outputs() -> None:
    with pytest.raises(SymnnError, match="2 inputs and 2 outputs"):
        decision_grid(Network([3, 2]).compile(), np.zeros(8))


def test_figures_are_png_and_pdf_and_deterministic(tmp_path: Path) -> None:
    compiled, theta = _vertical_boundary()
    X, Y = as_arrays(higham_data())
    history = History(np.arange(0, 301, 100), np.array([0.3, 0.2, 0.01, 1e-4]), np.array([6.0, 4.0, 0.2, 2e-3]))
    written = []
    for run in ("first", "second"):
        paths = plot_cost(history, tmp_path / run / "cost") + plot_regions(
            compiled, theta, X, Y, tmp_path / run / "regions", grid=51
        )
        assert [p.name for p in paths] == ["cost.png", "cost.pdf", "regions.png", "regions.pdf"]
        written.append([p.read_bytes() for p in paths])
    for png in (written[0][0], written[0][2]):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
    for pdf in (written[0][1], written[0][3]):
        assert pdf[:5] == b"%PDF-"
        assert b"CreationDate" not in pdf
    assert written[0] == written[1]
