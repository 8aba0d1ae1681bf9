"""Marking against an exercise key: full marks, credit carried forward, slips, missing and unread answers.

Every expected answer here is worked by ``exercise_cases/handwork.py``, an independent backprop
in mpmath with plain loops, from the key file's givens; the marker only sees the text files.
"""

from __future__ import annotations

import json
import sys
from decimal import ROUND_DOWN
from pathlib import Path

import pytest
import sympy as sp

from symnn.exercise import generate, key_json, mark_all, read_key, read_submission, verify
from symnn.exercise.submission import read_answers, read_working

sys.path.insert(0, str(Path(__file__).parent / "exercise_cases"))
from handwork import exact_text, round_figures, work


@pytest.fixture(scope="module")
def sigmoid_key(tmp_path_factory):
    folder = tmp_path_factory.mktemp("key")
    path = folder / "key.json"
    path.write_text(json.dumps(key_json([verify(s) for s in generate("backprop", seed=7)])))
    data = json.loads(path.read_text())
    return path, data


def _answers(data, held_names=(), plant=None, rounded_chain=False):
    """The hand-worked answers file text; ``plant``: name -> a wrong value the student holds."""
    sheet = data["variants"][0]
    layers = [int(n) for n in data["options"]["layers"].split("-")]
    questions = sheet["questions"]
    held = dict(plant or {})
    if rounded_chain or plant:
        # work question by question, each from the student's own written (rounded) values
        for q in questions:
            values = work(layers, data["options"]["activation"], sheet["givens"], held)
            x = held.get(q["name"], values[q["name"]])
            text = exact_text(x) if q["digits"] is None else round_figures(x, q["digits"])
            held[q["name"]] = _as_mp(text)
    else:
        values = work(layers, data["options"]["activation"], sheet["givens"])
        held = {q["name"]: values[q["name"]] for q in questions}
    lines = []
    for q in questions:
        x = held[q["name"]]
        text = exact_text(x) if q["digits"] is None else round_figures(x, q["digits"])
        lines.append(f"{q['id']}: {text}")
    return "\n".join(lines) + "\n", {q["name"]: q for q in questions}


def _as_mp(text):
    from handwork import value

    return value(text)


def _mark(path, text, name="student.txt"):
    key = read_key(path)
    return mark_all(key, [read_answers(text, name)])[0]


def test_a_correct_submission_gets_full_marks(sigmoid_key):
    path, data = sigmoid_key
    text, _ = _answers(data)
    marked = _mark(path, text)
    assert [m.status for m in marked.marks] == ["right"] * len(marked.marks)
    assert marked.total == marked.out_of == len(data["variants"][0]["questions"])


def test_working_from_ones_own_rounded_answers_is_right(sigmoid_key):
    path, data = sigmoid_key
    text, _ = _answers(data, rounded_chain=True)
    marked = _mark(path, text)
    assert {m.status for m in marked.marks} == {"right"}, [
        (m.question.id, m.status, m.given, m.expected) for m in marked.marks if m.status != "right"
    ]


def test_a_planted_wrong_output_delta_carries_forward(sigmoid_key):
    path, data = sigmoid_key
    correct, by_name = _answers(data)
    right_value = _as_mp(dict(line.split(": ") for line in correct.splitlines())[by_name["delta_1__3"]["id"]])
    text, _ = _answers(data, plant={"delta_1__3": right_value + _as_mp("0.1")})
    marked = _mark(path, text)
    delta_id = by_name["delta_1__3"]["id"]
    status = {m.question.id: m for m in marked.marks}
    assert status[delta_id].status == "wrong"
    # the same student without the slip, each answer worked from their own rounded earlier ones
    baseline, _ = _answers(data, rounded_chain=True)
    correct_answers = dict(line.split(": ") for line in baseline.splitlines())
    given = dict(line.split(": ") for line in text.splitlines())
    carried = 0
    for q in data["variants"][0]["questions"]:
        if int(q["id"][1:]) <= int(delta_id[1:]):
            assert status[q["id"]].status == ("wrong" if q["id"] == delta_id else "right"), q["id"]
        elif given[q["id"]] != correct_answers[q["id"]]:
            # this answer changed with the wrong delta and was worked correctly from it
            assert status[q["id"]].status == "carried", (q["id"], status[q["id"]])
            assert status[q["id"]].first_wrong == delta_id
            assert status[q["id"]].marks == 1
            carried += 1
        else:
            assert status[q["id"]].status == "right", q["id"]
    assert carried >= 5  # both hidden deltas, the layer-2 gradient entry and its step at least


def _digit_question(data, exact=True):
    for q in data["variants"][0]["questions"]:
        if (q["digits"] is None) == exact:
            return q
    raise AssertionError("no such question")


def test_a_wrong_digit_is_wrong_with_the_expected_value(sigmoid_key):
    path, data = sigmoid_key
    text, _ = _answers(data)
    q = _digit_question(data, exact=True)  # z[2]_1, an exact answer
    lines = dict(line.split(": ") for line in text.splitlines())
    right = lines[q["id"]]
    wrong = right[:-1] + str((int(right[-1]) + 3) % 10)
    text = text.replace(f"{q['id']}: {right}\n", f"{q['id']}: {wrong}\n")
    m = next(m for m in _mark(path, text).marks if m.question.id == q["id"])
    assert m.status == "wrong" and m.marks == 0
    assert right in m.comment


def test_a_wrong_rounding_and_too_few_figures_are_rounding_slips(sigmoid_key):
    path, data = sigmoid_key
    text, _ = _answers(data)
    values = work([2, 2, 2], "sigmoid", data["variants"][0]["givens"])
    lines = dict(line.split(": ") for line in text.splitlines())
    # a question whose value truncated to 4 figures differs from its rounding
    for q in data["variants"][0]["questions"]:
        truncated = round_figures(values[q["name"]], 4, ROUND_DOWN)
        if q["digits"] and truncated != round_figures(values[q["name"]], 4):
            break
    else:
        raise AssertionError("no question to truncate")
    assert truncated != lines[q["id"]]
    slip = text.replace(f"{q['id']}: {lines[q['id']]}\n", f"{q['id']}: {truncated}\n")
    m = next(m for m in _mark(path, slip).marks if m.question.id == q["id"])
    assert (m.status, m.marks) == ("rounding", 0.5)
    short = text.replace(f"{q['id']}: {lines[q['id']]}\n", f"{q['id']}: {round_figures(values[q['name']], 2)}\n")
    m = next(m for m in _mark(path, short).marks if m.question.id == q["id"])
    assert m.status == "rounding"


def test_missing_and_unreadable_answers_are_said_so(sigmoid_key):
    path, data = sigmoid_key
    text, _ = _answers(data)
    lines = text.splitlines()
    lines[1] = "q2: \\frac{1}{"  # unreadable math
    del lines[2]  # q3 missing
    marked = _mark(path, "\n".join(lines))
    status = {m.question.id: m.status for m in marked.marks}
    assert status["q2"] == "not read" and status["q3"] == "missing"
    assert status["q1"] == "right" and status["q4"] == "right"


def test_markdown_working_is_read_for_its_last_value(sigmoid_key, tmp_path):
    path, data = sigmoid_key
    text, _ = _answers(data)
    lines = dict(line.split(": ") for line in text.splitlines())
    working = (
        "# My working\n\n"
        f"**q1.** The weighted input $z^{{[2]}}_1 = w x + b = {lines['q1']}$.\n\n"
        f"(q3) $$a^{{[2]}}_1 = \\frac{{1}}{{1 + e^{{-z}}}} \\approx {lines['q3']}$$\n\n"
        "q4: $\\sigma(\\text{something odd}$\n"
    )
    source = tmp_path / "ann.md"
    source.write_text(working)
    submission = read_submission(source)
    assert submission.answers["q1"].text == lines["q1"]
    assert submission.answers["q3"].text == lines["q3"]
    marked = mark_all(read_key(path), [submission])[0]
    status = {m.question.id: m.status for m in marked.marks}
    assert status["q1"] == "right" and status["q3"] == "right"
    assert status["q4"] == "not read" and status["q2"] == "missing"


def test_working_labels_need_a_question(tmp_path):
    assert read_working("No labels here, $x = 1$.\n", "x.md").answers == {}


def test_latex_working_is_read(sigmoid_key, tmp_path):
    path, data = sigmoid_key
    text, _ = _answers(data)
    lines = dict(line.split(": ") for line in text.splitlines())
    source = tmp_path / "cy.tex"
    source.write_text(
        "\\documentclass{article}\\begin{document}\n"
        f"q1: \\[ z^{{[2]}}_1 = {lines['q1']} \\]\n"
        f"q2: \\begin{{equation}} z^{{[2]}}_2 = 0.1 + 0.2 = {lines['q2']} \\end{{equation}}\n"
        "\\end{document}\n"
    )
    marked = mark_all(read_key(path), [read_submission(source)])[0]
    status = {m.question.id: m.status for m in marked.marks}
    assert status["q1"] == "right" and status["q2"] == "right" and status["q3"] == "missing"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.25", "1/4"),
        ("-3/10", "-3/10"),
        ("2.5e-3", "1/400"),
        ("\\frac{23}{50}", "23/50"),
        ("−0.4", "-2/5"),
        ("≈ 0.59", "59/100"),
        ("0,5933", None),
        ("abc", None),
        ("\\frac{1}{", None),
        ("1/0", None),
        ("", None),
    ],
)
def test_answer_values_read_exactly_or_not_at_all(text, value):
    from symnn.exercise.submission import read_value

    read, reason = read_value(text)
    if value is None:
        assert read is None and reason
    else:
        assert read == sp.Rational(value) and reason == ""
