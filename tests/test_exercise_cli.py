"""``symnn exercise`` and ``symnn mark`` as a teacher runs them: real subprocesses, real files.

Bad input gives one line on stderr and exit 2; the same seed writes byte-identical files;
a class of 30 hand-worked submissions is marked (the time is printed, not asserted).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "exercise_cases"))
from handwork import exact_text, round_figures, work


def symnn(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "symnn", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def _one_line_error(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert words in lines[0], lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["exercise", "integrals"], "unknown topic 'integrals'"),
        (["exercise", "gradient", "--layers", "2-2-2"], "no option 'layers'"),
        (["exercise", "descent", "--variants", "0"], "between 1 and"),
        (["exercise", "descent", "-o", "sheet.docx"], "must end in"),
        (["exercise", "backprop", "--activation", "swish"], "unknown activation"),
        (["exercise", "backprop", "--layers", "2-x-2"], "malformed layer spec"),
    ],
)
def test_bad_exercise_input_is_one_line_and_exit_2(tmp_path, args, words):
    _one_line_error(symnn(*args, cwd=tmp_path), words)


def test_the_same_seed_writes_byte_identical_files(tmp_path):
    for run in ("a", "b"):
        folder = tmp_path / run
        folder.mkdir()
        result = symnn(
            "exercise", "gradient", "--seed", "9", "--variants", "2", "-o", "sheet.html", "--key", "key.md", cwd=folder
        )
        assert result.returncode == 0, result.stderr
        result = symnn("exercise", "descent", "--seed", "9", "-o", "d.pdf", "--key", "dk.pdf", cwd=folder)
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert {"sheet-1.html", "sheet-2.html", "key-1.md", "key-2.md", "key.json", "d.pdf", "dk.pdf", "dk.json"} <= set(
        names
    )
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "sheet-1.html").read_bytes() != (tmp_path / "a" / "sheet-2.html").read_bytes()
    key = json.loads((tmp_path / "a" / "key.json").read_text())
    assert key["verified"] is True and [v["variant"] for v in key["variants"]] == [1, 2]


def test_json_summary(tmp_path):
    result = symnn("exercise", "chain-rule", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["ok"] and summary["failed"] == 0 and summary["verified"] > 0
    question = summary["key"]["variants"][0]["questions"][-1]
    assert question["depends_on"] and set(question["inputs"].values()) == set(question["depends_on"])


@pytest.fixture(scope="module")
def class_key(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    result = symnn(
        "exercise", "backprop", "--seed", "21", "--variants", "3", "-o", "sheet.md", "--key", "key.md", cwd=folder
    )
    assert result.returncode == 0, result.stderr
    return folder, json.loads((folder / "key.json").read_text())


def _hand_answers(key, variant, rng):
    sheet = key["variants"][variant - 1]
    values = work([2, 2, 2], "sigmoid", sheet["givens"])
    lines = [f"name: student {variant}", f"variant: {variant}"]
    for q in sheet["questions"]:
        x = values[q["name"]]
        text = exact_text(x) if q["digits"] is None else round_figures(x, q["digits"])
        if rng.random() < 0.1:
            text = "1.234"  # a slip
        lines.append(f"{q['id']}: {text}")
    return "\n".join(lines) + "\n"


def test_a_class_of_30_is_marked(class_key):
    folder, key = class_key
    rng = random.Random(0)
    answers = folder / "answers"
    answers.mkdir(exist_ok=True)
    for n in range(30):
        (answers / f"s{n:02d}.txt").write_text(_hand_answers(key, n % 3 + 1, rng))
    start = time.perf_counter()
    result = symnn(
        "mark",
        "key.json",
        *sorted(f"answers/{p.name}" for p in answers.iterdir()),
        "-o",
        "feedback",
        "--json",
        cwd=folder,
    )
    print(f"\nmarking 30 submissions (symnn mark, subprocess): {time.perf_counter() - start:.2f} s")
    assert result.returncode == 0, result.stderr
    marked = json.loads(result.stdout)
    assert len(marked["students"]) == 30
    table = (folder / "feedback" / "marks.csv").read_text().splitlines()
    assert len(table) == 31 and table[0].startswith("student,file,variant,q1,")
    assert len(list((folder / "feedback").glob("*.html"))) == 30
    for student in marked["students"]:
        for q in student["questions"]:
            assert q["status"] in ("right", "wrong", "carried"), q


def test_bad_mark_input_is_one_line_and_exit_2(class_key, tmp_path):
    folder, key = class_key
    other = dict(key, version=99)
    (tmp_path / "old.json").write_text(json.dumps(other))
    (tmp_path / "notjson.json").write_text("{not json")
    (tmp_path / "empty.txt").write_text("I did my best.\n")
    (tmp_path / "good.txt").write_text("variant: 1\nq1: 0.5\n")
    shutil.copy(folder / "key.json", tmp_path / "key.json")
    _one_line_error(symnn("mark", "old.json", "good.txt", cwd=tmp_path), "format version 99")
    _one_line_error(symnn("mark", "notjson.json", "good.txt", cwd=tmp_path), "is not JSON")
    _one_line_error(symnn("mark", "key.json", "empty.txt", cwd=tmp_path), "names no question")
    _one_line_error(symnn("mark", "key.json", "missing.txt", cwd=tmp_path), "cannot read submission")
    (tmp_path / "novariant.txt").write_text("q1: 0.5\n")
    _one_line_error(symnn("mark", "key.json", "novariant.txt", cwd=tmp_path), "write 'variant: N'")
