"""Fuzz (issue 12.7): layer specs and activation specs for `symnn prove` and `symnn train` never crash.

Every generated input ends in exit 0 or 1 (a proof ran) or in exit 2 with ONE line on stderr
starting ``symnn: error:``; never a traceback or an internal error. Run in-process (the CLI's
``main``) so the budget stays small; the proofs that would run are kept tiny by the spec
alphabet below.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symnn.cli import main

specs = st.text(alphabet="0123-,x ", min_size=0, max_size=12) | st.sampled_from(
    ["", "-", "1", "0-1", "2--2", "1,1", "3-0-3", "99999999999-1", "1-1-1-1-1-1-1-1-1-1-1-1-1-1"]
)
activations = st.text(alphabet="sigmodtanhrelu_,-Λ ", min_size=0, max_size=14) | st.sampled_from(
    ["sigmoid", "softmax", "tanh,softmax", "leaky-relu", "relu,relu,relu", "SIGMOID", ",", "softmax,tanh"]
)
costs = st.sampled_from(["quadratic", "mse", "bce", "cross-entropy", "sum-of-squares", "hinge", ""])


def _run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's own usage errors
            code = int(exit_.code or 0)
    return code, err.getvalue()


def _assert_clean(code: int, stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    if code == 2:
        lines = stderr.strip().splitlines()
        assert lines and lines[-1].startswith(("symnn: error:", "symnn prove: error:", "symnn train: error:")), stderr
    else:
        assert code in (0, 1), (code, stderr)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layers=specs, activation=activations, cost=costs)
def test_prove_fuzzed_specs_give_a_verdict_or_one_line(layers: str, activation: str, cost: str) -> None:
    # sizes capped so that the specs which are valid prove in well under a second
    if any(part.strip().isdigit() and 3 < int(part) < 10**6 for part in layers.replace(",", "-").split("-")):
        layers = "2-2"
    code, stderr = _run(["prove", "--layers", layers, "--activation", activation, "--cost", cost, "--points", "1"])
    _assert_clean(code, stderr)


@settings(max_examples=25, deadline=None)
@given(eta=st.text(min_size=0, max_size=20) | st.sampled_from(["1e999999999", "1e-999999", "0x10", "nan", "inf"]))
def test_train_fuzzed_eta_is_refused_in_one_line(eta: str) -> None:
    # -o names an existing FILE, so a valid eta still ends in exit 2 (before any training), and
    # an invalid one is refused first; either way one line, in well under a second.
    with tempfile.TemporaryDirectory() as folder:
        blocker = Path(folder) / "a-file"
        blocker.write_text("")
        code, stderr = _run(["train", "higham", "--steps", "1", "--eta", eta, "-o", str(blocker)])
    _assert_clean(code, stderr)
    assert code == 2
