"""Exercise sheets: drawn from a seed, readable numbers, keys that verify, and independent answers.

The backprop answers are compared with ``exercise_cases/handwork.py``, an independent mpmath
backprop with plain loops; the other topics' keys compare each hand formula with symnn's
calculus (gradient, directional derivative, Taylor prediction, Jacobian, descent steps) by
``symnn.verify`` claims, which must all verify over many seeds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mpmath
import pytest
import sympy as sp

from symnn.errors import SymnnError
from symnn.exercise import TOPICS, generate, key_json, verify
from symnn.exercise.expression import from_tree, to_tree
from symnn.exercise.figures import judge_number, rounded_text
from symnn.latex import decimal_text

sys.path.insert(0, str(Path(__file__).parent / "exercise_cases"))
from handwork import value, work

CHEAP = ["gradient", "descent", "jacobian", "chain-rule"]


@pytest.mark.parametrize("topic", CHEAP)
def test_every_key_verifies_over_many_seeds(topic):
    for seed in range(12):
        for checked in map(verify, generate(topic, seed=seed, variants=2)):
            assert checked.ok, [r.reason for q in checked.questions for r in q.results if not r.ok]
            assert checked.count("verified") == 2 * len(checked.exercise.questions)


@pytest.mark.parametrize(
    "options", [{}, {"activation": "relu"}, {"activation": "tanh"}, {"activation": "identity"}, {"layers": "2-2-3-2"}]
)
def test_backprop_keys_verify(options):
    for checked in map(verify, generate("backprop", seed=11, variants=2, options=options)):
        assert checked.ok and checked.count("failed") == checked.count("unchecked") == 0


@pytest.mark.parametrize("options", [{}, {"activation": "tanh"}, {"activation": "identity"}, {"layers": "2-2-3-2"}])
def test_backprop_answers_agree_with_an_independent_backprop(options):
    key = key_json([verify(s) for s in generate("backprop", seed=4, options=options)])
    sheet = key["variants"][0]
    layers = [int(n) for n in key["options"]["layers"].split("-")]
    hand = work(layers, key["options"]["activation"], sheet["givens"])
    for q in sheet["questions"]:
        assert abs(value(q["value"]) - hand[q["name"]]) < mpmath.mpf(10) ** -35, q["name"]


def test_identity_network_answers_are_exact():
    (sheet,) = generate("backprop", seed=2, options={"activation": "identity"})
    assert all(q.answer.is_Rational for q in sheet.questions)
    assert sheet.question("q1").digits is None  # z[2]_1: a sum of products of one-place decimals


@pytest.mark.parametrize("topic", list(TOPICS))
def test_numbers_are_short_decimals(topic):
    for sheet in generate(topic, seed=3, variants=5):
        for name, given in sheet.givens.items():
            text = decimal_text(given)
            assert text is not None and len(text.partition(".")[2]) <= 3, (name, given)
        for q in sheet.questions:
            if q.digits is None:
                assert len((decimal_text(q.answer) or "x.1234567").partition(".")[2]) <= 6, q


def test_same_seed_same_sheets_and_variants_differ():
    first = generate("jacobian", seed=5, variants=3)
    again = generate("jacobian", seed=5, variants=3)
    assert [s.givens for s in first] == [s.givens for s in again]
    assert [q.answer for s in first for q in s.questions] == [q.answer for s in again for q in s.questions]
    assert len({s.statement for s in first}) == 3


def test_dependencies_name_earlier_questions_only():
    for topic in TOPICS:
        (sheet,) = generate(topic, seed=1)
        ids = [q.id for q in sheet.questions]
        for q in sheet.questions:
            assert all(ids.index(u) < ids.index(q.id) for u in q.uses), (topic, q.id)
    descent = generate("descent", seed=1)[0]
    assert descent.question("q4").uses == ("q1",)  # x_1 = x_0 - eta f_x(x_0, y_0)


def test_bad_topic_and_options_are_refused():
    with pytest.raises(SymnnError, match="unknown topic"):
        generate("integrals")
    with pytest.raises(SymnnError, match="no option"):
        generate("gradient", options={"layers": "2-2-2"})
    with pytest.raises(SymnnError, match="between 1 and"):
        generate("descent", variants=0)


@pytest.mark.parametrize(
    ("student", "exact", "digits", "verdict"),
    [
        ("8.246", sp.sqrt(68), 4, "right"),  # sqrt(68) = 8.24621...
        ("8.2462", sp.sqrt(68), 4, "right"),  # more figures, all agreeing
        ("8.247", sp.sqrt(68), 4, "rounding"),  # within one unit, not the rounding
        ("8.245", sp.sqrt(68), 4, "wrong"),
        ("0.5933", sp.Rational("0.59336"), 4, "rounding"),  # truncated
        ("0.5934", sp.Rational("0.59336"), 4, "right"),
        ("0.59", sp.Rational("0.59336"), 4, "rounding"),  # too few figures
        ("0.0602", sp.Rational("0.0602"), None, "right"),
        ("0.06", sp.Rational("0.0602"), None, "wrong"),
        ("301/5000", sp.Rational("0.0602"), None, "right"),
    ],
)
def test_figures_judged_by_hand_worked_cases(student, exact, digits, verdict):
    written = student if "/" not in student else ""
    assert judge_number(sp.Rational(student), exact, digits, written) == verdict


def test_rounding_by_hand():
    assert rounded_text(sp.sqrt(68), 4) == "8.246"
    assert rounded_text(sp.Rational(2, 3), 4) == "0.6667"
    assert rounded_text(sp.Rational(-1, 7), 3) == "-0.143"
    assert rounded_text(1 / (1 + sp.exp(sp.Rational(9, 100))), 4) == "0.4775"  # 0.477515...


def test_key_formulas_refuse_anything_outside_the_table():
    x = sp.Symbol("x")
    assert from_tree(to_tree(x * (1 - x))) == x * (1 - x)
    for bad in ({"f": "eval", "a": [{"s": "x"}]}, {"s": "__import__('os')"}, {"n": "1e999999"}, [1, 2], {"f": "Add"}):
        with pytest.raises(SymnnError):
            from_tree(bad)
    deep: dict = {"s": "x"}
    for _ in range(100):
        deep = {"f": "exp", "a": [deep]}
    with pytest.raises(SymnnError, match="deeper"):
        from_tree(deep)


def test_the_command_knows_every_topic():
    from symnn.commands import exercise as command

    assert tuple(command.TOPICS) == tuple(TOPICS)


@pytest.mark.parametrize("topic", list(TOPICS))
def test_sheets_and_keys_render_to_html_without_math_errors(topic):
    from symnn.document.write import render
    from symnn.exercise.documents import key_document, sheet_document

    (sheet,) = generate(topic, seed=6)
    for page in (render(sheet_document(sheet), ".html"), render(key_document(verify(sheet)), ".html")):
        assert "<math" in page and "<merror" not in page
