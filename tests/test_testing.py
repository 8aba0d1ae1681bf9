"""Tests of symnn.testing.assert_backprop: passes on correct code, fails with the block table on a slip."""

from __future__ import annotations

from pathlib import Path

import pytest

from symnn.testing import assert_backprop

CASES = Path(__file__).resolve().parent / "crosscheck_cases"


def test_correct_backprop_passes_and_returns_the_result():
    result = assert_backprop(f"{CASES / 'correct_matlab_style.py'}:grad", "2-2-3-2")
    assert result.ok


def test_a_slip_fails_with_the_block_table_and_the_diagnosis():
    with pytest.raises(AssertionError) as failure:
        assert_backprop(f"{CASES / 'slip_missing_sigma_prime_layer3.py'}:grad", "2-2-3-2")
    message = str(failure.value)
    assert "block  verdict" in message
    assert "W3     WRONG" in message
    assert "δ[3] lacks the factor σ′(z[3])" in message


def test_symnn_crosscheck_is_the_function():
    import symnn
    import symnn.crosscheck  # binding the subpackage must not replace the function

    assert callable(symnn.crosscheck)
    assert symnn.crosscheck("2-2-3-2", f"{CASES.parent.parent / 'examples' / 'higham_backprop.py'}:grad").ok
