"""Tests of ``symnn derive``: golden LaTeX, hand-computed numbers, PDFs by real pdflatex, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

from symnn import Network, SymnnError
from symnn.derive import Budget, Derivation, _check, data_point, derive, parameter
from tests.conftest import run_symnn

GOLDEN = Path(__file__).parent / "golden"


# ---------------------------------------------------------------------------- golden LaTeX


def _from_title(document: str) -> str:
    # The preamble belongs to symnn.report.tex; the golden file pins what derive writes.
    return document[document.index(r"\title{") :]


def test_golden_latex_of_the_1_2_2_network() -> None:
    """Every formula of this file was checked by hand against Higham & Higham (2019), Lemma 1."""
    net = Network([1, 2, 2])
    written = derive(net, wrt=[parameter(net, "w[2]_21")]).latex()
    golden = (GOLDEN / "derive_1-2-2_w21.tex").read_text(encoding="utf-8")
    assert _from_title(written) == _from_title(golden)


FRAGMENTS = [
    # (layers, activation, wrt, a line the document must contain, checked by hand)
    (
        [2, 2, 3, 2],
        "sigmoid",
        "w[2]_11",
        r"z^{[3]}_{2} &= w^{[3]}_{21} a^{[2]}_{1} + w^{[3]}_{22} a^{[2]}_{2} + b^{[3]}_{2}",
    ),
    (
        [2, 2, 3, 2],
        "sigmoid",
        "w[2]_11",
        r"\delta^{[3]}_{1} &= \sigma'(z^{[3]}_{1}) "
        r"\left(w^{[4]}_{11} \delta^{[4]}_{1} + w^{[4]}_{21} \delta^{[4]}_{2}\right)",
    ),
    (
        [2, 2, 3, 2],
        "sigmoid",
        "w[2]_11",
        r"\delta^{[2]} &= D^{[2]} (W^{[3]})^T D^{[3]} (W^{[4]})^T D^{[4]} (a^{[4]} - y)",
    ),
    ([2, 2, 3, 2], "sigmoid", "w[2]_11", r"&= \delta^{[2]}_{1} x_{1} && \text{by (23), (25)}"),
    (
        [2, 2, 3, 2],
        "sigmoid",
        "w[2]_11",
        r"F(x) &= a^{[4]} = \sigma\bigl(W^{[4]} \sigma\bigl(W^{[3]} "
        r"\sigma\bigl(W^{[2]} x + b^{[2]}\bigr) + b^{[3]}\bigr) + b^{[4]}\bigr).",
    ),
    ([3, 4, 1], "tanh", "b[3]_1", r"\delta^{[3]}_{1} &= \tanh'(z^{[3]}_{1}) \left(a^{[3]}_{1} - y_{1}\right)"),
    (
        [3, 4, 1],
        "tanh",
        "b[3]_1",
        r"\frac{\partial C}{\partial b^{[3]}_{1}} &= \delta^{[3]}_{1} && \text{by (22), (25)}",
    ),
    ([1, 1], "identity", "w[2]_11", r"\frac{\partial C}{\partial W^{[2]}} &= \delta^{[2]} x^T"),
]


@pytest.mark.parametrize(("layers", "act", "wrt", "line"), FRAGMENTS)
def test_golden_fragments(layers: list[int], act: str, wrt: str, line: str) -> None:
    net = Network(layers, act)
    assert line in derive(net, wrt=[parameter(net, wrt)]).latex()


# ---------------------------------------------------------------------------- checks are real


def test_a_wrong_printed_formula_fails_its_check() -> None:
    a, b = sp.symbols("a b")
    assert _check("x", "how", 2 * a * b, 3 * a * b, "test").status == "failed"
    assert _check("x", "how", (a + b) ** 2, a**2 + 2 * a * b + b**2, "test").status == "verified"


@pytest.fixture(scope="module")
def cross_entropy() -> Derivation:
    # prove_backprop differentiates a softmax output directly, which takes seconds: derive it once.
    net = Network([2, 2, 2], "relu", "cross-entropy")
    return derive(net, wrt=[net.parameters()[0], net.parameters()[-1]])


@pytest.mark.parametrize(
    ("layers", "act"),
    [([2, 2, 3, 2], "sigmoid"), ([3, 4, 1], ["tanh", "sigmoid"]), ([2, 3, 1], "softplus")],
)
def test_every_stated_identity_is_verified(layers: list[int], act: object) -> None:
    net = Network(layers, act)
    d = derive(net, wrt=[net.parameters()[0], net.parameters()[-1]])
    assert d.ok and d.proof.ok
    assert d.proved_on is net
    assert {c.status for c in d.checks} == {"verified"}
    assert sum("path" in c.statement for c in d.checks) == 2  # one path-sum check per --wrt parameter


def test_cross_entropy_identities_are_verified(cross_entropy: Derivation) -> None:
    assert cross_entropy.ok and cross_entropy.proof.ok
    assert {c.status for c in cross_entropy.checks} == {"verified"}
    assert sum("path" in c.statement for c in cross_entropy.checks) == 2


def test_cross_entropy_document_states_the_softmax_jacobian(cross_entropy: Derivation) -> None:
    text = cross_entropy.latex()
    assert r"\bigl([i = k] - a^{[3]}_k\bigr)" in text
    assert r"a^{[3]}_{1} \left(y_{1} + y_{2}\right) - y_{1}" in text
    assert "ReLU'(0) = 0" in text
    assert "The activation is piecewise" in text  # and why the real-activation comparison was not run


# ---------------------------------------------------------------------------- size-aware


@pytest.mark.slow
def test_784_30_10_leaves_out_what_is_unreadable() -> None:
    net = Network([784, 30, 10])
    d = derive(net, wrt=[parameter(net, "w[2]_{1,784}")])
    assert d.ok
    assert d.proved_on.layers == (3, 3, 3)
    omitted = " ".join(d.omitted)
    assert "each is a sum of 784 products" in omitted
    assert "23,860 parameters are not listed" in omitted
    text = d.latex()
    assert len(text) < 60_000
    assert r"w^{[2]}_{1,784}" in text
    assert "3-3-3 network" in text


def test_small_budget_switches_to_the_matrix_form() -> None:
    net = Network([2, 2, 3, 2])
    d = derive(net, budget=Budget(entries=2))
    assert any("entries of $z^{[3]}$ are not written out" in note for note in d.omitted)
    assert r"z^{[3]}_{j} &= \sum_{k=1}^{2}" in d.latex()


# ---------------------------------------------------------------------------- numbers at a point


def test_numbers_of_an_identity_network_by_hand() -> None:
    # x = 2, y = 1, w2 = 3, b2 = 0, w3 = 1/2, b3 = 1:
    # z2 = a2 = 6, z3 = a3 = 4, C = (1 - 4)^2 / 2 = 9/2, delta3 = 3, delta2 = w3 delta3 = 3/2,
    # dC/dw2 = delta2 x = 3, dC/db2 = 3/2, dC/dw3 = delta3 a2 = 18, dC/db3 = 3.
    net = Network([1, 1, 1], "identity")
    point = data_point(net, {"x": [2], "y": [1], "parameters": {"W2": [[3]], "b2": [0], "W3": [["1/2"]], "b3": [1]}})
    values = {value.name: value.exact for value in derive(net, data=point).values}
    expected = {
        "z_1__2": 6,
        "a_1__3": 4,
        "C": sp.Rational(9, 2),
        "delta_1__3": 3,
        "delta_1__2": sp.Rational(3, 2),
        "dC/dw_11__2": 3,
        "dC/db_1__2": sp.Rational(3, 2),
        "dC/dw_11__3": 18,
        "dC/db_1__3": 3,
    }
    for name, value in expected.items():
        assert values[name] == value and isinstance(values[name], sp.Rational), name


def test_json_numbers_of_a_sigmoid_neuron_by_hand(tmp_path: Path) -> None:
    # w = 0, b = 0: z = 0, a = sigma(0) = 1/2, C = (1 - 1/2)^2 / 2 = 1/8,
    # delta = sigma'(0) (a - y) = 1/4 * (-1/2) = -1/8, dC/dw = delta x = -5/8 at x = 5.
    data = tmp_path / "point.json"
    data.write_text('{"x": [5], "y": [1.0], "parameters": [0, 0.0]}', encoding="utf-8")
    run = run_symnn("derive", "--layers", "1-1", "--data", str(data), "--json", "--wrt", "w[2]_11")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    values = summary["values"]
    assert values["a_1__2"]["exact"] == "1/2"
    assert values["C"]["exact"] == "1/8"
    assert values["delta_1__2"]["exact"] == "-1/8"
    assert values["dC/dw_11__2"] == {"exact": "-5/8", "decimal": "-0.625000000000"}
    assert summary["ok"] is True and summary["output"] is None
    assert summary["latex"].startswith(r"\documentclass")


def test_json_decimals_are_read_as_written() -> None:
    net = Network([1, 1])
    point = data_point(net, json.loads('{"x": [0.1], "y": [1], "parameters": [0.05, "1/3"]}', parse_float=str))
    assert point.x == (sp.Rational(1, 10),)
    assert point.theta == (sp.Rational(1, 20), sp.Rational(1, 3))


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"x": [1], "y": [1]}, "no 'parameters'"),
        ({"x": [1, 2], "y": [1], "parameters": [0, 0]}, "input x has 2 entries"),
        ({"x": [1], "y": [1], "parameters": [0]}, "1 parameter values given"),
        ({"x": [1], "y": [1], "parameters": {"W2": [[0]]}}, "no block 'b2'"),
        ({"x": [1], "y": [1], "parameters": [0.5, 0]}, "not exact"),
    ],
)
def test_bad_data_records(record: dict[str, object], message: str) -> None:
    with pytest.raises(SymnnError, match=message):
        data_point(Network([1, 1]), record)


# ---------------------------------------------------------------------------- parameters by name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("w[2]_11", "w_11__2"),
        ("w[3]_{2,1}", "w_21__3"),
        ("W[3]_2_1", "w_21__3"),
        ("b[4]_2", "b_2__4"),
        ("w_12__2", "w_12__2"),
    ],
)
def test_parameter_names(text: str, name: str) -> None:
    assert parameter(Network([2, 2, 3, 2]), text) == sp.Symbol(name)


@pytest.mark.parametrize("text", ["w[5]_11", "w[2]_13", "b[1]_1", "w[2]_1", "q", "b[2]_{1,1}"])
def test_parameters_that_do_not_exist(text: str) -> None:
    with pytest.raises(SymnnError):
        parameter(Network([2, 2, 3, 2]), text)


# ---------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layers", "2-x-1"], "malformed layer spec"),
        (["--layers", "2-2-1", "--activation", "swish"], "unknown activation 'swish'"),
        (["--layers", "2-2-1", "--activation", "tanh,tanh,tanh"], "3 activations given for 2 layers"),
        (["--layers", "2-2-1", "--cost", "hinge"], "unknown cost"),
        (["--layers", "2-2-1", "--wrt", "w[3]_13"], "has no parameter 'w[3]_13'"),
        (["--layers", "2-2-1", "--data", "does-not-exist.json"], "cannot read the data file"),
        (["--layers", "2-2-1", "-o", "out.docx"], "must end in .tex, .pdf, .md, .txt or .html"),
        # Issue 12.4: sizes and inputs refused up front, in about a second, not after minutes.
        (["--layers", "5000-5000"], "has 25,005,000 parameters; symnn derive writes derivations for at most 100,000"),
        (["--layers", "-".join(["2"] * 14)], "has 14 layers"),
        (["--layers", "2-1", "--data", "/dev/zero"], "is not a regular file"),
        (["--layers", "2-1", "-o", "/proc/derivation.pdf"], "is not writable"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    run = run_symnn("derive", *args)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and message in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_the_document_is_the_same_in_every_run() -> None:
    args = ["derive", "--layers", "1-2-2", "--activation", "tanh,sigmoid", "--wrt", "w[2]_21"]
    runs = [run_symnn(*args, env=dict(os.environ, PYTHONHASHSEED=seed)) for seed in ("1", "2")]
    assert runs[0].returncode == 0 and runs[0].stdout == runs[1].stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"x": [1e999999999, 1], "y": [1], "parameters": [1, 2, 3]}', "exponents beyond ±300 are refused"),
        ('{"x": ["1e-400000"], "y": [1], "parameters": [1, 2]}', "exponents beyond ±300 are refused"),
        ('{"x": [' + "9" * 5000 + '], "y": [1], "parameters": [1, 2]}', "a value of 5,000 characters"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_a_number_too_large_to_make_exact_is_refused(tmp_path: Path, text: str, message: str) -> None:
    data = tmp_path / "big.json"
    data.write_text(text, encoding="utf-8")
    run = run_symnn("derive", "--layers", "1-1", "--data", str(data))
    assert run.returncode == 2 and message in run.stderr and run.stderr.count("\n") == 1, run.stderr


def test_a_data_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "huge.json"
    data.write_bytes(b" " * (4 * 1024 * 1024 + 1))
    run = run_symnn("derive", "--layers", "1-1", "--data", str(data))
    assert run.returncode == 2 and "at most 4,194,304 are read" in run.stderr


def test_malformed_data_file(tmp_path: Path) -> None:
    data = tmp_path / "bad.json"
    data.write_text('{"x": [1], ', encoding="utf-8")
    run = run_symnn("derive", "--layers", "1-1", "--data", str(data))
    assert run.returncode == 2 and "is not valid JSON" in run.stderr and run.stderr.count("\n") == 1


def test_markdown_output(tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    run = run_symnn("derive", "--layers", "2-1", "-o", str(out))
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Backpropagation for the 2-1 network")
    assert "$$\n\\begin{aligned}\n" in text and r"\begin{align*}" not in text


needs_tex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")


@needs_tex
@pytest.mark.parametrize(
    "args",
    [
        ["--layers", "2-2-3-2", "--wrt", "w[2]_11,b[3]_1"],
        ["--layers", "3-4-1", "--activation", "tanh,sigmoid", "--wrt", "w[2]_32"],
        ["--layers", "2-2-2", "--activation", "tanh", "--cost", "cross-entropy", "--wrt", "b[2]_2,w[3]_12"],
        ["--layers", "2-2-1", "--activation", "softplus", "--data", "POINT"],
    ],
)
def test_pdf_builds_with_real_pdflatex(tmp_path: Path, args: list[str]) -> None:
    point = tmp_path / "point.json"
    point.write_text(
        '{"x": [0.1, 0.3], "y": [1], "parameters": {"W2": [[1, -1], [0.5, 2]], "b2": [0, 0.25],'
        ' "W3": [[1, "-1/3"]], "b3": [0]}}',
        encoding="utf-8",
    )
    out = tmp_path / "d.pdf"
    run = run_symnn("derive", *[str(point) if a == "POINT" else a for a in args], "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF") and out.with_suffix(".tex").exists()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Lemma 1" in text and "What symnn checked" in text


# ---------------------------------------------------------------------------- notebooks


def test_notebook_display() -> None:
    net = Network([2, 2, 3, 2])
    assert net._repr_latex_().startswith(r"$$F(x) = \sigma\bigl(W^{[4]} \sigma\bigl(W^{[3]}")
    forward = net.forward()._repr_latex_()
    assert forward.startswith("$$") and r"z^{[2]}_{1} &=" in forward and forward.endswith("$$")
    backward = net.backprop()._repr_latex_()
    assert r"\delta^{[4]}_{1} &=" in backward and r"\delta^{[2]}_{2} &=" in backward
    assert derive(Network([1, 1]))._repr_markdown_().startswith("# Backpropagation for the 1-1 network")
