"""``symnn check`` as a user runs it: a real subprocess, real files, real pdflatex."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_symnn

NOTES = Path(__file__).parent / "notes"


def test_exit_1_and_table_on_slips():
    result = run_symnn("check", str(NOTES / "slips.md"))
    assert result.returncode == 1, result.stderr
    # issue 13: decimals to the claimed digits, the fraction beside them
    assert "slips.md:20  ✗  0.02 + 0.04 = 0.07  claimed 0.07 (7/100), exact 0.06 (3/50)" in result.stdout
    assert "10 failed" in result.stdout.splitlines()[-1]


def test_exit_0_on_correct_notes():
    result = run_symnn("check", str(NOTES / "correct.md"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].endswith("0 failed, 1 unchecked")


def test_json_schema_one_file():
    result = run_symnn("check", "--json", str(NOTES / "slips.tex"))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert set(payload) == {"file", "claims", "summary"}
    assert payload["file"].endswith("slips.tex")
    # issue 13: the summary also counts claims right to the printed digits, the math blocks and the reasons
    assert set(payload["summary"]) == {
        "verified",
        "printed",
        "failed",
        "unchecked",
        "math_blocks",
        "blocks_without_claim",
        "unchecked_reasons",
    }
    for claim in payload["claims"]:
        assert set(claim) == {"line", "text", "status", "claimed", "exact", "reason"}
        assert isinstance(claim["line"], int)
        assert claim["status"] in ("verified", "failed", "unchecked")
        assert all(isinstance(claim[k], str) for k in ("text", "claimed", "exact", "reason"))
    assert payload["summary"]["failed"] == sum(c["status"] == "failed" for c in payload["claims"])
    failed = [c for c in payload["claims"] if c["status"] == "failed"]
    assert {"line": 7, "text": "4 + 1 = 6", "status": "failed", "claimed": "6", "exact": "5"}.items() <= failed[
        0
    ].items()


def test_json_several_files_is_a_list():
    result = run_symnn("check", "--json", str(NOTES / "correct.md"), str(NOTES / "slips.md"))
    payload = json.loads(result.stdout)
    assert isinstance(payload, list) and len(payload) == 2
    assert payload[0]["summary"]["failed"] == 0 and payload[1]["summary"]["failed"] == 10
    assert result.returncode == 1


@pytest.mark.parametrize("problem", ["missing", "directory", "binary"])
def test_unreadable_input_exits_2_with_one_line(tmp_path, problem):
    target = tmp_path / "notes.md"
    if problem == "directory":
        target.mkdir()
    elif problem == "binary":
        target.write_bytes(b"\xff\xfe\x00$1+1=2$")
    result = run_symnn("check", str(target))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_bad_report_suffix_exits_2(tmp_path):
    result = run_symnn("check", str(NOTES / "correct.md"), "-o", str(tmp_path / "report.docx"))
    # issue 13 item 9: the report goes through the shared writer, so .md, .txt and .html are offered too
    assert result.returncode == 2 and "must end in .tex, .pdf, .md, .txt or .html" in result.stderr


def test_tex_report(tmp_path):
    result = run_symnn("check", str(NOTES / "slips.md"), "-o", str(tmp_path / "report.tex"))
    assert result.returncode == 1
    tex = (tmp_path / "report.tex").read_text()
    assert r"\failed" in tex and r"\verified" in tex and r"\begin{longtable}" in tex
    assert not (tmp_path / "report.pdf").exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="no TeX engine installed")
def test_pdf_report_builds_and_is_deterministic(tmp_path):
    first = run_symnn("check", str(NOTES / "slips.md"), "-o", str(tmp_path / "report.pdf"))
    assert first.returncode == 1, first.stderr
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    run_symnn("check", str(NOTES / "slips.md"), "-o", str(tmp_path / "report.pdf"))
    assert (tmp_path / "report.pdf").read_bytes() == pdf


HOSTILE = r"""# Notes that try to run code

$__import__('os').system('touch {marker1}')$ and $__import__('os').system('touch {marker1}') = 0$

$$
eval("__import__('os').system('touch {marker2}')") = 1
$$

$\immediate\write18{{touch {marker3}}} = 1$ and $\input{{{secret}}} = 2$

$$
\def\x{{1}} \x = 1 \quad \catcode`\$=11 \quad \openout5={marker4} = 3
$$

$1 + 1 = 2$
"""


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="no TeX engine installed")
def test_hostile_notes_run_nothing(tmp_path):
    markers = [tmp_path / f"pwned{i}" for i in range(1, 5)]
    secret = tmp_path / "secret.tex"
    secret.write_text("SECRETCONTENT")
    notes = tmp_path / "hostile.md"
    notes.write_text(
        HOSTILE.format(
            marker1=markers[0],
            marker2=markers[1],
            marker3=markers[2],
            marker4=markers[3],
            secret=secret.with_suffix(""),
        )
    )
    result = run_symnn("check", "--json", str(notes), "-o", str(tmp_path / "report.pdf"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for marker in markers:
        assert not marker.exists()
    payload = json.loads(result.stdout)
    statuses = [c["status"] for c in payload["claims"]]
    assert statuses[-1] == "verified"  # 1 + 1 = 2 is still checked
    # \def\x{1} is a macro the notes define: \x = 1 reads 1 = 1 (its text put in place, never run)
    assert [c["status"] for c in payload["claims"] if c["text"] == "1 = 1"] == ["verified"]
    assert {c["status"] for c in payload["claims"][:-1] if c["text"] != "1 = 1"} == {"unchecked"}
    tex = (tmp_path / "report.tex").read_text()
    assert r"\input{" not in tex and r"\write18" not in tex and r"\def\x" not in tex
    # The PDF's page text is compressed: read it back with pdftotext, not as bytes.
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "1 + 1" in text.replace("\n", " ") or "1+1" in text  # the text is really there to search
    assert "SECRETCONTENT" not in text
