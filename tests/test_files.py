"""Files symnn writes (issue 12.1, 12.5): TeX never sees a user's path, nothing is lost, nothing is left behind.

Real subprocesses of the CLI and real pdflatex: hostile output and notes file names must not
run a command; an unwritable output fails before any work with one line; SIGTERM during a
PDF build removes the scratch folder and leaves no partial file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symnn.errors import SymnnError
from symnn.files import check_output, write_atomic
from tests.conftest import ROOT, run_symnn

needs_tex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")

HOSTILE = ["`touch x`.pdf", 'a"; touch x; ".pdf', "$(touch x).pdf", "b'; touch x; '.pdf", "-shell-escape x.pdf"]


def _no_x(*folders: Path) -> None:
    for folder in folders:
        assert not list(folder.rglob("x")), f"a command ran: {folder} holds a file x"


@needs_tex
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_output_name_runs_nothing(tmp_path: Path, name: str) -> None:
    run = run_symnn("derive", "--layers", "1-1", "-o", name, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    assert (tmp_path / name).with_suffix(".tex").is_file()
    _no_x(tmp_path, ROOT)


@needs_tex
def test_a_hostile_output_folder_runs_nothing(tmp_path: Path) -> None:
    out = tmp_path / "`touch x`" / '"; touch x; "'
    run = run_symnn("report", "notes_slope", "-o", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (out / "notes_slope.pdf").read_bytes().startswith(b"%PDF")
    _no_x(tmp_path, ROOT)


@needs_tex
def test_a_hostile_notes_file_name_runs_nothing(tmp_path: Path) -> None:
    notes = tmp_path / "notes`touch x`.md"
    notes.write_text("We have $2 + 2 = 4$.\n", encoding="utf-8")
    run = run_symnn("check", notes.name, "-o", "out`touch x`.pdf", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "out`touch x`.pdf").read_bytes().startswith(b"%PDF")
    _no_x(tmp_path, ROOT)


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (["report", "--no-pdf"], "/proc/symnn-reports"),
        (["derive", "--layers", "2-2-1"], "/proc/symnn/derivation.pdf"),
        (["derive", "--layers", "2-2-1"], "FILE/derivation.tex"),
        (["derive", "--layers", "2-2-1"], "derivation.docx"),
    ],
)
def test_an_unwritable_output_fails_before_any_work(tmp_path: Path, command: list[str], output: str) -> None:
    (tmp_path / "FILE").write_text("a file, not a folder", encoding="utf-8")
    run = run_symnn(*command, "-o", output, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "cannot write" in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""  # nothing was derived or checked: no verdict printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]


def test_check_output_probes_by_writing(tmp_path: Path) -> None:
    assert check_output(tmp_path / "new" / "deeper" / "x.tex") == tmp_path / "new" / "deeper" / "x.tex"
    assert not (tmp_path / "new").exists()  # checking creates nothing
    with pytest.raises(SymnnError, match="it is a folder"):
        check_output(tmp_path)
    with pytest.raises(SymnnError, match="not writable"):
        check_output("/proc/x.tex")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "a.txt", "old")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@needs_tex
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)])
def test_a_signal_during_the_pdf_build_removes_the_scratch_folder(tmp_path: Path, signum: int, code: int) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    process = subprocess.Popen(
        [sys.executable, "-m", "symnn", "derive", "--layers", "2-2-3-2", "-o", "out.pdf"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while not list(scratch.glob("symnn-tex-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert list(scratch.iterdir()) == [], "a scratch folder was left behind"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]  # no PDF, no .tex, no partial temporary file


def test_a_failing_write_keeps_the_verdicts_printed(tmp_path: Path) -> None:
    """The output folder passes the check, but one report cannot be written: the table is still printed."""
    out = tmp_path / "out"
    (out / "notes_slope.tex").mkdir(parents=True)  # a folder where the report's file must go
    run = run_symnn("report", "notes_slope", "notes_jacobian", "--no-pdf", "-o", str(out))
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert any(line.startswith("notes_slope") and line.split()[1:3] == ["4", "0"] for line in lines), run.stdout
    assert any(line.startswith("notes_slope: ERROR writing failed") for line in lines), run.stdout
    assert (out / "notes_jacobian.tex").is_file()  # the other report is written
