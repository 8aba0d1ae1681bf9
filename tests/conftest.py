"""Shared test helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_symnn(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (``python -m symnn ...``)."""
    return subprocess.run(
        [sys.executable, "-m", "symnn", *args],
        cwd=cwd or ROOT,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def symnn_cli():
    """The ``run_symnn`` helper as a fixture."""
    return run_symnn


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With ``SYMNN_NO_SKIPS=1`` (set by ``.ci/run``) a skipped test fails instead.

    CI installs everything the tests need (TeX Live, poppler, numba, matplotlib), so a
    skip there would be a check reported as passing that never ran.
    """
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("SYMNN_NO_SKIPS") == "1":
        report.outcome = "failed"
        report.longrepr = f"skipped under SYMNN_NO_SKIPS=1 (CI must run every test): {report.longrepr}"
