"""The CLI front end: help, errors as one line, the prove command, python -m symnn."""

from __future__ import annotations

import json


def test_help_lists_the_commands(symnn_cli) -> None:  # type: ignore[no-untyped-def]
    result = symnn_cli("--help")
    assert result.returncode == 0
    for command in ("report", "check", "crosscheck", "train", "prove"):
        assert command in result.stdout


def test_no_command_is_a_usage_error(symnn_cli) -> None:  # type: ignore[no-untyped-def]
    result = symnn_cli()
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_prove_reports_what_it_checked(symnn_cli) -> None:  # type: ignore[no-untyped-def]
    result = symnn_cli("prove", "--layers", "2-2-1", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert any("equal exactly" in check for check in data["checks"])


def test_bad_input_is_one_line_and_exit_2(symnn_cli) -> None:  # type: ignore[no-untyped-def]
    for args, message in [
        (("prove", "--layers", "2-x-1"), "malformed layer spec"),
        (("prove", "--layers", "2-0-1"), "at least one neuron"),
        (("prove", "--layers", "2-1", "--activation", "swish"), "unknown activation"),
    ]:
        result = symnn_cli(*args)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and message in result.stderr
        assert "Traceback" not in result.stderr


def test_usage_errors_are_one_line_and_exit_2(symnn_cli) -> None:  # type: ignore[no-untyped-def]
    """argparse's errors, which print the usage block by default, are one line naming the problem."""
    for args, message in [
        (["derive"], "the following arguments are required: --layers"),
        (["derive", "--layers"], "argument --layers: expected one argument"),
        (["report", "--bogus"], "unrecognized arguments: --bogus"),
        (["no-such-command"], "invalid choice: 'no-such-command'"),
    ]:
        result = symnn_cli(*args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert "usage:" not in result.stderr and result.stdout == ""
