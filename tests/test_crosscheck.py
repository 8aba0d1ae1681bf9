"""Tests of symnn.crosscheck and ``symnn crosscheck``: hand-written backprops, correct and with planted slips.

The users' files live in ``tests/crosscheck_cases/`` (and ``examples/``); each slip file says in its
docstring which blocks it gets wrong. The expected wrong blocks below come from reading the code,
not from the checker's output; the diagnosis phrases pin the wording symnn uses for each slip.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symnn import Network
from symnn.crosscheck import (
    _UNICODE_TEX,
    TOLERANCE,
    Tolerance,
    crosscheck,
    format_text,
    load_function,
    render_tex,
)
from symnn.errors import SymnnError
from symnn.report.tex import tex_engine

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "crosscheck_cases"
EXAMPLE = ROOT / "examples" / "higham_backprop.py"
BLOCKS = ("W2", "b2", "W3", "b3", "W4", "b4")


def case(name: str, function: str = "grad") -> str:
    return f"{CASES / name}:{function}"


def check(spec: str, layers: str = "2-2-3-2", activation: str = "sigmoid", cost: str = "quadratic", **options):
    grad_fn, label = load_function(spec)
    return crosscheck(Network(layers, activation, cost), grad_fn, name=label, **options)


# ---------------------------------------------------------------------------- correct code passes


@pytest.mark.parametrize(
    ("file", "function", "layers", "activation"),
    [
        ("examples/higham_backprop.py", "grad", "2-2-3-2", "sigmoid"),
        ("examples/higham_backprop.py", "grad", "3-4-2", "sigmoid"),
        ("examples/higham_backprop.py", "grad", "1-1", "sigmoid"),
        ("tests/crosscheck_cases/correct_matlab_style.py", "grad", "2-2-3-2", "sigmoid"),
        ("tests/crosscheck_cases/correct_flat_loops.py", "gradient", "2-2-3-2", "sigmoid"),
        ("tests/crosscheck_cases/correct_flat_loops.py", "gradient", "2-3-3-2-1", "sigmoid"),
        ("tests/crosscheck_cases/correct_tanh.py", "grad", "2-2-3-2", "tanh"),
        ("tests/crosscheck_cases/correct_netbp_port.py", "step", "2-2-3-2", "sigmoid"),
        ("tests/crosscheck_cases/correct_relu.py", "grad", "2-3-3-2", "relu"),
        ("tests/crosscheck_cases/correct_softmax_cross_entropy.py", "grad", "2-3-3", "sigmoid/cross-entropy"),
        # 2/n_L (a − y) is a − y when n_L = 2:
        ("tests/crosscheck_cases/slip_mean_cost.py", "grad", "2-2-3-2", "sigmoid"),
    ],
)
def test_correct_backprop_passes(file, function, layers, activation):
    activation, _, cost = activation.partition("/")
    result = check(f"{ROOT / file}:{function}", layers, activation, cost=cost or "quadratic")
    assert result.ok
    assert result.wrong == ()
    assert result.diagnoses == ()
    assert all(b.diagnosis is None for b in result.blocks)


def test_correct_float64_backprop_is_many_orders_inside_the_tolerance():
    # A correct float64 backprop differs from the exact gradient by rounding only: about 1e-15
    # relative. The tolerance (1e-7) must leave a wide margin, or correct code could fail.
    result = check(f"{EXAMPLE}:grad", points=10, seed=3)
    assert result.ok
    worst = max(b.max_rel_error for b in result.blocks)
    assert worst < 1e-12
    assert max(b.max_abs_error for b in result.blocks) < 1e-15


def test_a_tanh_backprop_checked_as_sigmoid_is_wrong_everywhere():
    result = check(case("correct_tanh.py"), activation="sigmoid")
    assert result.wrong == BLOCKS


# ---------------------------------------------------------------------------- planted slips are located

SLIPS = [
    # file, function, layers, the wrong blocks, {block: words its diagnosis must contain}, words of the summary
    (
        "slip_transposed_outer.py",
        "grad",
        "2-2-3-2",
        ("W2", "W3", "W4"),
        {"W2": "transposed", "W3": "returned as 2 × 3 where W[3] is 3 × 2", "W4": "transposed"},
        "W3: transposed",
    ),
    (
        "slip_output_sign.py",
        "backprop",
        "2-2-3-2",
        BLOCKS,
        {name: "sign flipped" for name in BLOCKS},
        "every block is −1 × the exact gradient",
    ),
    (
        "slip_no_half.py",
        "grad",
        "2-2-3-2",
        BLOCKS,
        {name: "2 × the exact value" for name in BLOCKS},
        "without the ½ of eq. (18)",
    ),
    (
        "slip_mean_cost.py",
        "grad",
        "2-2-3-3",
        BLOCKS,
        {name: "2/3 × the exact value" for name in BLOCKS},
        "every block is 2/3 × the exact gradient",
    ),
    (
        "slip_missing_sigma_prime_layer3.py",
        "grad",
        "2-2-3-2",
        ("W2", "b2", "W3", "b3"),
        {
            "b3": "δ[3] lacks the factor σ′(z[3])",
            "W3": "from the wrong δ[3]",
            "b2": "propagated backwards from the wrong δ[3]",
            "W2": "error in δ[3] propagates backwards",
        },
        "the error starts at layer 3: the first wrong δ is δ[3]",
    ),
    (
        "slip_missing_sigma_prime_all.py",
        "grad",
        "2-2-3-2",
        ("W2", "b2", "W3", "b3"),
        {"b3": "lacks the factor σ′(z[3])", "b2": "lacks the factor σ′(z[2])", "W2": "from the wrong δ[2]"},
        "a second slip at layer 2",
    ),
    (
        "slip_sigma_prime_of_a.py",
        "grad",
        "2-2-3-2",
        ("W2", "b2"),
        {"b2": "uses σ′(a[2]) where eq. (23) has σ′(z[2])", "W2": "from the wrong δ[2]"},
        "the first wrong δ is δ[2]",
    ),
    (
        "slip_z_for_a.py",
        "grad",
        "2-2-3-2",
        ("W3", "W4"),
        {"W3": "uses z[2] where eq. (25) has a[2]", "W4": "uses z[3] where eq. (25) has a[3]"},
        "W4: uses z[3]",
    ),
    (
        "slip_flat_order.py",
        "flat_grad",
        "2-2-3-2",
        ("b2", "W3", "b3", "W4"),
        {"b2": "b[2]_1 holds ∂C/∂w[3]_11", "W4": "w[4]_12 holds ∂C/∂b[2]_1"},
        "numbers in the wrong places",
    ),
    (
        "slip_weight_decay.py",
        "grad",
        "2-2-3-2",
        ("W2", "W3", "W4"),
        {name: "0.001 × W[" for name in ("W2", "W3", "W4")},
        "weight-decay",
    ),
    (
        "slip_no_transpose.py",
        "grad",
        "2-2-2-2",
        ("W2", "b2", "W3", "b3"),
        {"b3": "uses W[4] where eq. (23) has W[4]ᵀ", "b2": "uses W[3] where eq. (23) has W[3]ᵀ"},
        "the first wrong δ is δ[3]",
    ),
    (
        "slip_off_by_one_activation.py",
        "grad",
        "2-2-2-2",
        ("W3", "W4"),
        {"W3": "uses a[3] where eq. (25) has a[2]", "W4": "uses a[4] where eq. (25) has a[3]"},
        "W3: uses a[3]",
    ),
    (
        "slip_bias_from_next_layer.py",
        "grad",
        "2-2-2-2",
        ("b2",),
        {"b2": "it holds ∂C/∂b3, the block of layer 3"},
        "numbers in the wrong places",
    ),
    (
        "slip_layers_reversed.py",
        "grad",
        "2-2-2-2",
        ("W2", "b2", "W4", "b4"),
        {"W2": "it holds ∂C/∂W4", "b2": "it holds ∂C/∂b4", "W4": "it holds ∂C/∂W2", "b4": "it holds ∂C/∂b2"},
        "numbers in the wrong places",
    ),
    (
        "slip_typo_derivative.py",
        "grad",
        "2-2-3-2",
        BLOCKS,
        {"W4": "from the wrong δ[4]"},
        "the first wrong δ is δ[4]",
    ),
]


@pytest.mark.parametrize(("file", "function", "layers", "wrong", "words", "summary"), SLIPS, ids=[s[0] for s in SLIPS])
def test_planted_slip_is_named_and_only_the_wrong_blocks(file, function, layers, wrong, words, summary):
    result = check(case(file, function), layers)
    assert not result.ok
    assert result.wrong == wrong
    assert [b.name for b in result.blocks if b.ok] == [n for n in BLOCKS if n not in wrong]
    for name, phrase in words.items():
        assert phrase in (result.block(name).diagnosis or ""), (name, result.block(name).diagnosis)
    assert any(summary in line for line in result.diagnoses), result.diagnoses
    for block in result.blocks:
        if block.ok:
            assert block.diagnosis is None
        else:
            assert block.max_rel_error > 1e-3  # a real slip, far outside the float64 tolerance


def backprop_missing_sigma_prime_at(skip: int):
    """A generic sigmoid backprop whose δ[skip] lacks σ'(z[skip]) (eq. (23)); written here, not by symnn."""

    def grad(params, x, y):
        a, z = [x], []
        for W, b in params:
            z.append(W @ a[-1] + b)
            a.append(1 / (1 + np.exp(-z[-1])))
        delta = a[-1] * (1 - a[-1]) * (a[-1] - y)
        out = [None] * len(params)
        for i in reversed(range(len(params))):  # params[i] is layer i + 2
            out[i] = (np.outer(delta, a[i]), delta)
            if i:
                s = a[i] * (1 - a[i]) if i + 1 != skip else 1.0
                delta = s * (params[i][0].T @ delta)
        return out

    return grad


@pytest.mark.parametrize("layer", [2, 3, 4])
def test_an_error_starting_at_layer_l_is_traced_back_to_it(layer):
    # 2-3-3-3-2: L = 5. δ[layer] lacks σ', so every block of layers <= layer is wrong, and only those.
    net = Network([2, 3, 3, 3, 2])
    result = crosscheck(net, backprop_missing_sigma_prime_at(layer))
    assert result.wrong == tuple(f"{kind}{l}" for l in range(2, layer + 1) for kind in "Wb")
    assert result.block(f"b{layer}").diagnosis == f"δ[{layer}] lacks the factor σ′(z[{layer}]) of eq. (23)"
    (summary,) = result.diagnoses
    assert summary.startswith(f"the error starts at layer {layer}: the first wrong δ is δ[{layer}]")
    earlier = [f"{kind}{l}" for l in range(2, layer) for kind in "Wb"]
    if earlier:
        assert summary.endswith(f"it propagates backwards through eq. (23) into {', '.join(earlier)}")
        for name in earlier:
            assert f"δ[{layer}]" in result.block(name).diagnosis


def test_a_slip_with_no_pattern_is_named_but_not_explained():
    result = check(case("slip_typo_derivative.py"))
    assert result.wrong == BLOCKS
    assert result.block("b4").diagnosis is None  # s (1 − z): no pattern of the list fits
    assert "no simple pattern fits" in result.diagnoses[0]


# ---------------------------------------------------------------------------- the exact column is exact


def test_points_are_dyadic_so_the_float64_arrays_are_the_rational_point():
    net = Network([2, 2, 3, 2])
    result = check(f"{EXAMPLE}:grad", points=4, seed=7)
    free = [*net.parameters(), *net.x, *net.y]
    for point in result.sample:
        floats = [*point.theta, *point.x, *point.y]
        for symbol, value in zip(free, floats, strict=True):
            exact = point.values[symbol]
            assert isinstance(exact, sp.Rational)
            assert 64 % exact.q == 0
            assert Fraction(value) == Fraction(exact.p, exact.q)


def test_exact_values_agree_with_sympy_exact_evaluation_to_every_printed_digit():
    # Independent of mpmath (not of Lemma 1): run the backprop program exactly in SymPy, then evalf.
    net = Network([2, 2, 3, 2])
    result = check(f"{EXAMPLE}:grad", points=2, seed=11)
    backprop = net.backprop()
    order = list(net.parameters())
    for block in result.blocks:
        point = result.sample[block.worst_point - 1]
        entry = backprop.gradient()[order.index(block.worst_symbol)]
        exact = sp.N(entry.xreplace(backprop.evaluate(point.values)), 50)
        shown = sp.Float(block.exact, 50)
        assert len(block.exact.lstrip("-0.").replace(".", "")) >= 30
        assert abs(shown - exact) <= abs(exact) * sp.Float(10) ** -29


def test_central_differences_are_shown_beside_the_exact_value_and_are_less_accurate():
    result = check(f"{EXAMPLE}:grad")
    for block in result.blocks:
        assert 1e-14 < block.central_difference_error < 1e-8
        assert abs(block.central_difference - float(block.exact)) <= block.central_difference_error


def test_same_seed_same_result_other_seed_other_points():
    a, b = check(f"{EXAMPLE}:grad", seed=5), check(f"{EXAMPLE}:grad", seed=5)
    assert [x.values for x in a.sample] == [x.values for x in b.sample]
    assert format_text(a) == format_text(b)
    c = check(f"{EXAMPLE}:grad", seed=6)
    assert [x.values for x in a.sample] != [x.values for x in c.sample]


def test_tolerance_is_applied_per_entry():
    tol = Tolerance(rtol=1e-7, atol=1e-9)
    assert tol.agrees(np.array([1.0 + 0.9e-7]), np.array([1.0]))[0]
    assert not tol.agrees(np.array([1.0 + 1.2e-7]), np.array([1.0]))[0]
    assert tol.agrees(np.array([5e-10]), np.array([0.0]))[0]
    assert not tol.agrees(np.array([np.nan]), np.array([0.0]))[0]
    assert TOLERANCE == tol


def test_float32_code_is_judged_by_the_float32_tolerance():
    # Issue 14: the tolerance follows the float type returned. Correct float32 code passes by
    # default (it failed with float64's tolerance); a real slip in float32 code is still caught.
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")

    def in_float32(params, x, y):
        params32 = [(W.astype(np.float32), b.astype(np.float32)) for W, b in params]
        return grad_fn(params32, x.astype(np.float32), y.astype(np.float32))

    def slip_in_float32(params, x, y):
        grads = in_float32(params, x, y)
        return [(dW, 2 * db) if i == 1 else (dW, db) for i, (dW, db) in enumerate(grads)]

    net = Network([2, 2, 3, 2])
    result = crosscheck(net, in_float32)
    assert result.ok
    assert result.dtype == "float32"
    assert result.tolerance.rtol == 0.003  # 8 √ε of float32, one digit
    assert "float32: rtol = 8√ε" in format_text(result)
    assert not crosscheck(net, in_float32, tolerance=Tolerance(1e-7, 1e-9)).ok
    slip = crosscheck(net, slip_in_float32)
    assert slip.wrong == ("b3",)
    assert "2 × the exact value" in slip.block("b3").diagnosis


# ---------------------------------------------------------------------------- what the function may return


def test_flat_vector_and_column_biases_are_accepted():
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")

    def flat(params, x, y):
        return np.concatenate([part.ravel() for pair in grad_fn(params, x, y) for part in pair])

    def column(params, x, y):
        return [(W.tolist(), b.reshape(-1, 1)) for W, b in grad_fn(params, x, y)]

    net = Network([2, 2, 3, 2])
    assert crosscheck(net, flat).ok
    assert crosscheck(net, column).ok


def test_a_function_that_changes_its_arguments_does_not_disturb_the_check():
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")

    def careless(params, x, y):
        grads = grad_fn(params, x, y)
        for W, b in params:
            W *= 0
            b += 1
        x[:] = 0
        return grads

    assert crosscheck(Network([2, 2, 3, 2]), careless).ok


def test_non_finite_and_zero_blocks_are_wrong_and_said_so():
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")

    def broken(params, x, y):
        grads = grad_fn(params, x, y)
        (W2, b2), rest = grads[0], grads[1:]
        return [(W2 * np.nan, 0 * b2), *rest]

    result = crosscheck(Network([2, 2, 3, 2]), broken)
    assert result.wrong == ("W2", "b2")
    assert result.block("W2").diagnosis.startswith("not finite: nan")
    assert result.block("b2").diagnosis.startswith("all zeros")
    assert result.to_json()["blocks"][0]["max_abs_error"] is None  # JSON has no inf


ALL = BLOCKS


@pytest.mark.parametrize(
    ("returned", "message", "wrong"),
    [
        (lambda g: g[:2], "mine returned 2 (dW, db) pairs; the network has 3", ALL),
        (lambda g: g[::-1], "mine returned the layers in reverse order", ALL),
        (
            lambda g: [(g[0][0][:1], g[0][1]), *g[1:]],
            "∂C/∂W[2] returned with shape (1, 2), where W[2] is 2 × 2",
            ("W2",),
        ),
        (
            lambda g: [g[0], (g[1][0], g[1][1][:2]), g[2]],
            "∂C/∂b[3] returned with shape (2,), where b[3] has 3",
            ("b3",),
        ),
        (lambda g: np.zeros(22), "mine returned an array of shape (22,); expected a list of 3 (dW, db) pairs", ALL),
        (lambda g: None, "mine returned None (a missing return?)", ALL),
        (lambda g: [(None, None)] * 3, "∂C/∂W[2] is None (a missing return?)", ALL),
        (lambda g: [("dW", "db")] * 3, "∂C/∂W[2] is not an array of real numbers: str", ALL),
    ],
)
def test_wrong_shapes_are_a_wrong_gradient_with_the_reason(returned, message, wrong):
    # Issue 14: a wrong shape is a wrong gradient (exit 1), not bad usage; the reason is in the report.
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")
    result = crosscheck(Network([2, 2, 3, 2]), lambda p, x, y: returned(grad_fn(p, x, y)), name="mine")
    assert result.wrong == wrong
    said = [*result.diagnoses, *(b.diagnosis or "" for b in result.blocks)]
    assert any(message in line for line in said), said
    assert all("\n" not in line for line in said)


def test_separate_arrays_in_parameter_order_are_read_as_pairs():
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")
    result = crosscheck(Network([2, 2, 3, 2]), lambda p, x, y: [part for pair in grad_fn(p, x, y) for part in pair])
    assert result.ok
    assert result.format == "alternating dW2, db2, dW3, ..."


def test_a_raising_function_is_a_wrong_gradient_naming_the_exception_and_its_line():
    result = crosscheck(Network([2, 2, 3, 2]), case("slip_raises.py"))
    assert result.wrong == BLOCKS
    assert re.search(
        r"slip_raises.py:grad raised ValueError: matmul: .* \(at slip_raises.py:19\) at points 1, 2, 3",
        result.diagnoses[0],
    ), result.diagnoses


# ---------------------------------------------------------------------------- loading the user's file


def test_load_function_reports_each_problem_in_one_line(tmp_path):
    (tmp_path / "broken.py").write_text("import numpy\nraise RuntimeError('no data file')\n")
    (tmp_path / "syntax.py").write_text("def grad(:\n")
    (tmp_path / "fine.py").write_text("import helper\nVALUE = 3\n\ndef other(p, x, y):\n    return helper.f()\n")
    (tmp_path / "helper.py").write_text("def f():\n    return 1\n")
    problems = {
        "nowhere.py:grad": "no such file: nowhere.py",
        f"{tmp_path / 'fine.py'}": "give the function as PATH.py:FUNCTION",
        f"{tmp_path / 'fine.py'}:grad": "has no function 'grad'; it defines other",
        f"{tmp_path / 'fine.py'}:VALUE": "fine.py:VALUE is a int, not a function",
        f"{tmp_path / 'broken.py'}:grad": "importing",
        f"{tmp_path / 'syntax.py'}:grad": "does not parse",
    }
    for spec, message in problems.items():
        with pytest.raises(SymnnError) as error:
            load_function(spec)
        assert message in str(error.value), (spec, str(error.value))
    with pytest.raises(SymnnError, match=r"RuntimeError: no data file \(at broken.py:2\)"):
        load_function(f"{tmp_path / 'broken.py'}:grad")


def test_the_users_file_imports_its_neighbours_and_prints_go_to_stderr(tmp_path, capsys):
    (tmp_path / "mine.py").write_text(
        "from higham_copy import grad as _grad\nprint('loading')\n\n"
        "def grad(params, x, y):\n    print('called')\n    return _grad(params, x, y)\n"
    )
    (tmp_path / "higham_copy.py").write_text(EXAMPLE.read_text())
    grad_fn, label = load_function(f"{tmp_path / 'mine.py'}:grad")
    assert crosscheck(Network([2, 2, 3, 2]), grad_fn, name=label).ok
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "loading" in captured.err and "called" in captured.err


# ---------------------------------------------------------------------------- property: any block, any net


@settings(max_examples=12, deadline=None)
@given(
    layers=st.lists(st.integers(1, 3), min_size=2, max_size=4),
    which=st.integers(0, 100),
    factor=st.sampled_from([-1.0, 2.0, 0.5]),
)
def test_any_single_scaled_block_is_the_only_one_named(layers, which, factor):
    grad_fn, _ = load_function(f"{EXAMPLE}:grad")
    net = Network(layers)
    names = [name for name, _ in net.parameter_blocks()]
    target = names[which % len(names)]

    def one_block_off(params, x, y):
        grads = [list(pair) for pair in grad_fn(params, x, y)]
        layer, part = int(target[1:]) - 2, 0 if target[0] == "W" else 1
        grads[layer][part] = factor * grads[layer][part]
        return grads

    result = crosscheck(net, one_block_off, points=2)
    assert result.wrong == (target,)
    expected = "sign flipped" if factor == -1.0 else f"{'2' if factor == 2.0 else '1/2'} × the exact value"
    assert expected in result.block(target).diagnosis


# ---------------------------------------------------------------------------- rendering


def test_text_report_has_a_row_per_block_and_the_worst_entries():
    text = format_text(check(case("slip_z_for_a.py")))
    lines = text.splitlines()
    assert lines[0] == f"cross-check of {CASES / 'slip_z_for_a.py'}:grad against the exact gradient"
    assert any(line.startswith("W3     WRONG") for line in lines)
    assert any(line.startswith("b3     ok") for line in lines)
    assert "exact (30 digits)" in text and "central difference" in text
    assert "WRONG: W3, W4 (2 of 6 blocks)" in text


def test_every_character_of_every_diagnosis_typesets():
    for file, function, layers, *_ in SLIPS:
        result = check(case(file, function), layers)
        for line in [*result.diagnoses, *(b.diagnosis or "" for b in result.blocks)]:
            assert {ch for ch in line if ord(ch) > 127} <= set(_UNICODE_TEX), line


def test_tex_report_marks_blocks_and_lists_diagnoses():
    tex = render_tex(check(case("slip_missing_sigma_prime_layer3.py")))
    body = tex.split(r"\begin{document}")[1]
    assert body.count(r"\failed") == 5  # the verdict line and four wrong blocks
    assert body.count(r"\verified") == 2
    assert r"\section*{Diagnosis}" in tex
    assert r"$\partial C/\partial w^{[2]}_{11}$" in tex
    assert "δ" not in tex and r"$\delta$[3]" in tex  # the one document model: Unicode set as math


# ---------------------------------------------------------------------------- the command line


def test_cli_correct_example_exits_0(symnn_cli):
    run = symnn_cli("crosscheck", "examples/higham_backprop.py:grad", "--layers", "2-2-3-2")
    assert run.returncode == 0, run.stderr
    assert "all 6 blocks agree with the exact gradient" in run.stdout
    assert run.stderr == ""


@pytest.mark.parametrize(
    ("file", "function", "layers", "wrong"),
    [
        ("slip_missing_sigma_prime_layer3.py", "grad", "2-2-3-2", ["W2", "b2", "W3", "b3"]),
        ("slip_transposed_outer.py", "grad", "2-2-3-2", ["W2", "W3", "W4"]),
        ("slip_z_for_a.py", "grad", "2-2-3-2", ["W3", "W4"]),
        ("slip_flat_order.py", "flat_grad", "2-2-3-2", ["b2", "W3", "b3", "W4"]),
    ],
)
def test_cli_json_names_the_wrong_blocks_and_exits_1(symnn_cli, file, function, layers, wrong):
    run = symnn_cli("crosscheck", case(file, function), "--layers", layers, "--json", "--points", "2", "--seed", "4")
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert report["ok"] is False
    assert report["points"] == 2
    assert [b["name"] for b in report["blocks"]] == list(BLOCKS)
    assert [b["name"] for b in report["blocks"] if not b["ok"]] == wrong
    for block in report["blocks"]:
        assert set(block) >= {"name", "ok", "max_abs_error", "max_rel_error", "diagnosis"}
        assert (block["diagnosis"] is None) == block["ok"]


def test_cli_json_correct_and_tanh(symnn_cli):
    run = symnn_cli("crosscheck", case("correct_tanh.py"), "--layers", "3-4-2", "--activation", "tanh", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["ok"] is True
    assert [b["name"] for b in report["blocks"]] == ["W2", "b2", "W3", "b3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.py:grad", "--layers", "2-2-3-2"], "no such file: nowhere.py"),
        ([f"{EXAMPLE}:gradient", "--layers", "2-2-3-2"], "has no function 'gradient'"),
        ([f"{EXAMPLE}:grad", "--layers", "2-2-x"], "malformed layer spec"),
        ([f"{EXAMPLE}:grad", "--layers", "2-2-3-2", "-o", "report.docx"], "must end in .tex, .pdf, .md, .txt or .html"),
    ],
)
def test_cli_bad_usage_exits_2_with_one_line(symnn_cli, args, message):
    run = symnn_cli("crosscheck", *args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([case("slip_raises.py"), "--layers", "2-2-3-2"], "raised ValueError"),
        ([case("slip_bias_summed.py"), "--layers", "2-2-3-2"], "∂C/∂b[2] returned with shape (), where b[2] has 2"),
        ([case("slip_layers_reversed.py"), "--layers", "2-2-3-2"], "returned the layers in reverse order"),
    ],
)
def test_cli_wrong_shapes_and_exceptions_are_a_wrong_gradient_exit_1(symnn_cli, args, message):
    run = symnn_cli("crosscheck", *args)
    assert run.returncode == 1, run.stderr
    assert message in run.stdout
    assert "Traceback" not in run.stderr + run.stdout


def test_cli_writes_the_tex_report(symnn_cli, tmp_path):
    out = tmp_path / "cc" / "report.tex"
    run = symnn_cli("crosscheck", case("slip_sigma_prime_of_a.py"), "--layers", "2-2-3-2", "-o", str(out))
    assert run.returncode == 1
    assert f"wrote {out}" in run.stdout
    tex = out.read_text()
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    assert r"uses $\sigma'$(a[2])" in tex  # written through the one document model: Unicode set as math


@pytest.mark.slow
@pytest.mark.skipif(tex_engine() is None, reason="no TeX engine installed")
def test_cli_builds_the_pdf_report_deterministically(symnn_cli, tmp_path):
    out = tmp_path / "report.pdf"
    args = ("crosscheck", case("slip_missing_sigma_prime_layer3.py"), "--layers", "2-2-3-2", "--json", "-o", str(out))
    first = symnn_cli(*args)
    assert first.returncode == 1, first.stderr
    assert json.loads(first.stdout)["ok"] is False
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert (tmp_path / "report.tex").exists()
    again = symnn_cli(*args)
    assert again.returncode == 1
    assert out.read_bytes() == pdf
