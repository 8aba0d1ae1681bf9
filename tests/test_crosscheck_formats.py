"""``symnn crosscheck`` on the code people write: each example in examples/, run by the real CLI, and hostile code.

The examples are correct (exit 0) unless their docstring plants a slip; the expected verdicts come
from reading them, not from the checker's output.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "crosscheck_cases" / "hostile_process.py"

EXAMPLES = [
    # args, exit code, words in stdout
    (["examples/higham_backprop.py:grad", "--layers", "2-2-3-2"], 0, "a list of (dW, db) pairs, float64"),
    (["examples/nielsen_style.py:Network.backprop", "--layers", "2-2-3-2"], 0, "Nielsen's (nabla_b, nabla_w)"),
    (["examples/nielsen_style.py:Network.backprop", "--layers", "3-4-2"], 0, "layout columns: W @ x"),
    (
        ["examples/batched_rows.py:gradients", "--layers", "3-4-2", "--batch", "5", "--layout", "rows"],
        0,
        "dict keyed W1",
    ),
    (
        ["examples/batched_rows.py:gradients_summed", "--layers", "3-4-2", "--batch", "5", "--layout", "rows"],
        1,
        "every block is 5 × the exact gradient: the gradients of the 5 points summed where the cost is their mean",
    ),
    (["examples/torch_mse.py:build", "--layers", "2-3-1", "--cost", "mse", "--batch", "4"], 0, "MSELoss, float32"),
    (["examples/torch_mse.py:build_float64", "--layers", "2-3-1", "--cost", "mse", "--batch", "4"], 0, "float64"),
    (["examples/jax_loss.py:loss", "--layers", "2-2-3-2"], 0, "jax.grad"),
    (
        [
            "examples/torch_custom.py:Net",
            "--layers",
            "3-5-4",
            "--activation",
            "leaky_relu,softmax",
            "--cost",
            "cross-entropy",
            "--labels",
            "--batch",
            "6",
        ],
        0,
        "activations leaky_relu,softmax",
    ),
    (
        [
            "examples/torch_custom.py:build_slip",
            "--layers",
            "3-5-4",
            "--activation",
            "leaky_relu,softmax",
            "--cost",
            "cross-entropy",
            "--labels",
            "--batch",
            "6",
        ],
        1,
        "δ[2] uses relu′(z[2]) where layer 2 is leaky_relu; W2 follows from it by eq. (25)",
    ),
    (["examples/jax_loss.py:loss_custom_vjp", "--layers", "2-2-3-2"], 0, "float32"),
]


@pytest.mark.parametrize(("args", "code", "words"), EXAMPLES, ids=[" ".join(a[:1]) for a, *_ in EXAMPLES])
def test_each_example_format_is_checked_with_no_glue(symnn_cli, args, code, words):
    run = symnn_cli("crosscheck", *args)
    assert run.returncode == code, run.stdout + run.stderr
    assert words in run.stdout
    assert "Traceback" not in run.stderr


def test_torch_mse_on_a_one_output_network_is_not_the_quadratic_cost(symnn_cli):
    # MSELoss is a mean over outputs and batch: with one output it is 2 × the quadratic cost's gradient.
    run = symnn_cli("crosscheck", "examples/torch_mse.py:build", "--layers", "2-3-1", "--batch", "4", "--json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["code"]["dtype"] == "float32"
    assert any("2 × the exact gradient" in line for line in report["diagnoses"])


def test_header_names_each_layers_activation_as_given(symnn_cli):
    run = symnn_cli(
        "crosscheck",
        "tests/crosscheck_cases/correct_relu.py:grad",
        "--layers",
        "2-3-3-2",
        "--activation",
        "relu,relu,relu",
    )
    assert "activations relu,relu,relu" in run.stdout


@pytest.mark.parametrize(
    ("function", "words"),
    [
        ("exits", "called sys.exit(0)"),
        ("hard_exit", "ended the process with exit status 0"),
        ("escapes", "raised Escape: out"),
    ],
)
def test_user_code_that_ends_its_process_is_a_wrong_gradient(symnn_cli, function, words):
    run = symnn_cli("crosscheck", f"{HOSTILE}:{function}", "--layers", "2-2-3-2")
    assert run.returncode == 1, run.stderr
    assert words in run.stdout
    assert "WRONG" in run.stdout
    assert "Traceback" not in run.stderr


def test_user_code_that_hangs_is_stopped_by_the_timeout(symnn_cli):
    started = time.monotonic()
    run = symnn_cli("crosscheck", f"{HOSTILE}:hangs", "--layers", "2-2-3-2", "--timeout", "2")
    assert time.monotonic() - started < 30
    assert run.returncode == 1
    assert "did not return within --timeout 2 s" in run.stdout


def test_a_file_that_exits_while_importing_is_one_line_of_bad_usage(symnn_cli):
    run = symnn_cli("crosscheck", "tests/crosscheck_cases/hostile_import.py:grad", "--layers", "2-2")
    assert run.returncode == 2
    assert run.stdout == ""
    assert "called sys.exit(3)" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_the_timeout_default_is_stated_in_help(symnn_cli):
    run = symnn_cli("crosscheck", "--help")
    assert "(default 60)" in " ".join(run.stdout.split())


def test_an_ambiguous_layout_asks_for_layout(tmp_path, symnn_cli):
    (tmp_path / "square.py").write_text(
        "import numpy as np\n\nclass Net:\n    def __init__(self, sizes):\n"
        "        self.weights = [np.zeros((2, 2))]\n        self.biases = [np.zeros(2)]\n\n"
        "    def backprop(self, x, y):\n        return [np.zeros(2)], [np.zeros((2, 2))]\n"
    )
    run = symnn_cli("crosscheck", f"{tmp_path / 'square.py'}:Net.backprop", "--layers", "2-2")
    assert run.returncode == 2
    assert "give --layout" in run.stderr


CASES = ROOT / "tests" / "crosscheck_cases"

MORE_SLIPS = [
    # file, layers, options, wrong blocks, {block: words}, words of a summary line
    (
        "slip_wrong_weight_index.py",
        "2-2-2-2",
        {},
        ("W2", "b2", "W3", "b3"),
        {"b3": "δ[3] uses W[3] where eq. (23) has W[4]"},
        "the first wrong δ is δ[3]",
    ),
    (
        "slip_assign_not_accumulate.py",
        "2-3-2",
        {"layout": "rows", "batch": 4},
        ("W2", "b2", "W3", "b3"),
        {"b3": "only the last point of the batch counts"},
        "assigned (`=`), not accumulated (`+=`)",
    ),
    (
        "slip_bias_wrong_axis.py",
        "2-3-3",
        {"layout": "rows", "batch": 3},
        ("b2", "b3"),
        {"b2": "summed over the wrong axis", "b3": "summed over the wrong axis"},
        "b3: summed over the wrong axis",
    ),
]


@pytest.mark.parametrize(
    ("file", "layers", "options", "wrong", "words", "summary"), MORE_SLIPS, ids=[s[0] for s in MORE_SLIPS]
)
def test_more_slips_are_named_at_their_block(file, layers, options, wrong, words, summary):
    from symnn.crosscheck import crosscheck

    result = crosscheck(layers, f"{CASES / file}:grad", **options)
    assert result.wrong == wrong
    for name, phrase in words.items():
        assert phrase in (result.block(name).diagnosis or ""), (name, result.block(name).diagnosis)
    assert any(summary in line for line in result.diagnoses), result.diagnoses
    assert not any("first wrong δ" in line for line in result.diagnoses) or "weight_index" in file


def test_a_wrong_activation_is_named_with_the_one_that_fits():
    from symnn.crosscheck import crosscheck

    result = crosscheck("2-2-3-2", f"{CASES / 'correct_tanh.py'}:grad", activation="sigmoid")
    assert result.wrong == ("W2", "b2", "W3", "b3", "W4", "b4")
    assert "with --activation tanh every block agrees" in result.diagnoses[-1]


def test_integer_labels_and_softmax_cross_entropy_from_torch(tmp_path):
    from symnn.crosscheck import crosscheck

    (tmp_path / "ce.py").write_text(
        "from torch import nn\n\ndef build(sizes):\n"
        "    return nn.Sequential(nn.Linear(sizes[0], sizes[1]), nn.Tanh(), nn.Linear(sizes[1], sizes[2])), "
        "nn.CrossEntropyLoss()\n"
    )
    result = crosscheck(
        "3-4-3", f"{tmp_path / 'ce.py'}:build", activation="tanh", cost="cross-entropy", labels=True, batch=4
    )
    assert result.ok, result.diagnoses
    assert result.dtype == "float32"


def test_another_activations_derivative_is_named_and_weights_bias_lists_are_found(symnn_cli):
    run = symnn_cli(
        "crosscheck",
        f"{CASES / 'slip_other_derivative.py'}:Net.backprop",
        "--layers",
        "3-4-2",
        "--activation",
        "relu,sigmoid",
    )
    assert run.returncode == 1, run.stderr
    assert "weights/bias lists; layout rows: x @ W from the shapes" in run.stdout
    assert "δ[2] uses sigmoid′(z[2]) where layer 2 is relu; W2 follows from it by eq. (25)" in run.stdout
    assert "WRONG: W2, b2 (2 of 4 blocks)" in run.stdout


@pytest.mark.parametrize("suffix", [".html", ".md", ".txt"])
def test_report_in_every_format_of_the_document_model(symnn_cli, tmp_path, suffix):
    out = tmp_path / f"report{suffix}"
    run = symnn_cli(
        "crosscheck", f"{CASES / 'slip_missing_sigma_prime_layer3.py'}:grad", "--layers", "2-2-3-2", "-o", str(out)
    )
    assert run.returncode == 1, run.stderr
    text = out.read_text()
    assert "Diagnosis" in text and "lacks the factor" in text
    assert f"wrote {out}" in run.stdout


def test_an_unwritable_report_is_refused_before_the_work(symnn_cli, tmp_path):
    run = symnn_cli("crosscheck", "examples/higham_backprop.py:grad", "--layers", "2-2-3-2", "-o", "/proc/x/r.tex")
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("function", "ok"), [("grad", True), ("grad_summed", False)])
def test_numpy_softmax_cross_entropy_on_integer_labels_in_rows(function, ok):
    from symnn.crosscheck import crosscheck

    result = crosscheck(
        "3-5-4",
        f"{CASES / 'correct_softmax_labels_rows.py'}:{function}",
        activation=["tanh", "softmax"],
        cost="cross-entropy",
        labels=True,
        batch=6,
        layout="rows",
    )
    assert result.ok is ok, result.diagnoses
    if not ok:
        assert result.diagnoses == (
            "every block is 6 × the exact gradient: the gradients of the 6 points summed where the cost is their "
            "mean — divide by N",
        )


def test_a_method_returning_loss_and_grads_in_a_params_dict_class(symnn_cli):
    run = symnn_cli(
        "crosscheck",
        f"{CASES / 'correct_loss_and_grads.py'}:Model.loss",
        "--layers",
        "3-4-2",
        "--activation",
        "sigmoid,identity",
        "--batch",
        "5",
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "params dict W1, b1, W2, b2; layout rows: x @ W from the shapes" in run.stdout
    assert "returned (loss, grads), grads as a dict keyed W1, b1, ..." in run.stdout
