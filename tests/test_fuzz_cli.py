"""Fuzzing ``symnn derive`` and ``symnn report`` (issue 12.7): hypothesis, a bounded budget, in-process.

Generated ``--data`` files and argument lists must end in exit 0, 1 or 2; an exit 2 is exactly one
line on stderr naming the problem (never "internal error", never a traceback); and no file is
created anywhere but the output the arguments name.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symnn.cli import main

BUDGET = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.sampled_from(["0.1", "1/3", "-2.5", "1e999999999", "1e-999999999", "9" * 5000, "1/0", "nan", "inf", "0x10", ""]),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
)
JSON = st.recursive(
    st.one_of(NUMBERS, st.none(), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["x", "y", "W2", "b2"]), inner, max_size=3)
    ),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {"x": st.lists(NUMBERS, max_size=3), "y": st.lists(NUMBERS, max_size=2), "parameters": JSON}
) | JSON.map(lambda v: {"x": v, "y": [1], "parameters": [1, 2]})
DATA = st.one_of(
    RECORDS.map(json.dumps), st.text(max_size=80), st.just('{"x": [1e999999999], "y": [1], "parameters": [0, 0]}')
)


def _run(argv: list[str], folder: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse's usage errors and --help
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def _assert_clean_exit(code: int, stderr: str) -> None:
    assert code in (0, 1, 2), (code, stderr)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    if code == 2:
        assert stderr.count("\n") == 1 and ": error: " in stderr, stderr


@BUDGET
@given(DATA, st.sampled_from(["1-1", "2-1"]))
@example('{"x": ["0.5"], "y": [1], "parameters": {"W2": [["2"]], "b2": [0]}}', "1-1")  # a valid point: exit 0
def test_derive_data_files(text: str, layers: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "data.json").write_text(text, encoding="utf-8")
        code, _, stderr = _run(["derive", "--layers", layers, "--data", "data.json", "--json"], folder)
        _assert_clean_exit(code, stderr)
        assert sorted(p.name for p in folder.iterdir()) == ["data.json"]


TOKENS = st.sampled_from(
    [
        "--layers",
        "1-1",
        "2-1",
        "1-2-1",
        "0-1",
        "2--1",
        "-3",
        "x",
        "99999999999999999999-1",
        "5000-5000",
        "--activation",
        "tanh",
        "relu",
        "tanh,sigmoid",
        "bogus",
        "--cost",
        "cross-entropy",
        "hinge",
        "--wrt",
        "w[2]_11",
        "b[2]_1",
        "w[9]_99",
        "w[2]_{1,1}",
        "--json",
        "--data",
        "missing.json",
        "/dev/zero",
        "-o",
        "out.tex",
        "out.md",
        "out.txt",
        "out.html",
        "out.docx",
        "/proc/x.tex",
        "sub/dir/out.md",
        "--help-me",
    ]
)


@BUDGET
@given(st.lists(st.one_of(TOKENS, st.text(max_size=6)), max_size=8))
@example(["--layers", "2-1", "-o", "sub/dir/out.md"])
@example(["--layers", "1-1", "--wrt", "w[2]_11", "-o", "out.html"])
def test_derive_arguments(tokens: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        code, _, stderr = _run(["derive", *tokens], folder)
        _assert_clean_exit(code, stderr)
        outputs = {tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in ("-o", "--output")}
        named = [Path(o) for o in outputs if Path(o).parts]  # (-o '' names nothing, and is refused)
        allowed = {o.parts[0] for o in named} | {o.with_suffix(".tex").name for o in named if o.name}
        assert {p.name for p in folder.iterdir()} <= allowed


@BUDGET
@given(
    st.sampled_from(["notes_slope", "no_such_derivation", "../etc", ""]),
    st.lists(
        st.sampled_from(["--json", "--no-pdf", "--html", "-o", "out", "/proc/r", "--derivations", "nowhere"]),
        max_size=4,
    ),
)
def test_report_arguments(name: str, tokens: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        argv = ["report", *([name] if name else ["no_such_derivation"]), "--no-pdf", *tokens]
        code, _, stderr = _run(argv, folder)
        _assert_clean_exit(code, stderr)
        assert {p.name for p in folder.iterdir()} <= {"out", "reports", "/proc/r", "nowhere"}
