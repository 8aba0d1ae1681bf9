r"""What an exercise is made of: givens, questions, and how each answer follows from earlier ones.

An :class:`Exercise` is pure data, built by a topic (see :mod:`symnn.exercise.topics`) from a
seed. Every :class:`Question` has one scalar answer and a *formula* in named quantities: the
givens of the sheet (``eta``, ``w_11__3``) and the names of earlier questions (``f_x``,
``a_1__3``). The formula is what a student works by hand, what the key prints as
"formula = substitution = value", and what the marker re-evaluates with the student's own
earlier answers to give credit carried forward. ``check`` is the same answer computed by
another route through symnn (:mod:`symnn.calculus`, :mod:`symnn.backprop`), so the key
verifies the working instead of repeating it.

Examples:
    >>> fx = sp.Symbol("f_x")
    >>> q = Question("q1", "f_x", r"\partial f/\partial x", "the slope in x", 2 * fx, {}, 6, 6)
    >>> q.uses, q.inputs
    ((), {})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

__all__ = ["Exercise", "Part", "Question"]


@dataclass(frozen=True)
class Question:
    r"""One question with a scalar answer.

    Attributes:
        id: ``"q1"``, ``"q2"``, ...: what a student writes in an answers file.
        name: the SymPy name of the quantity (``"a_1__3"``, ``"f_x"``), used in later formulas.
        lhs: LaTeX of the quantity asked for (``r"a^{[3]}_{1}"``).
        prompt: the question in words (plain text with ``$...$`` math allowed).
        formula: the answer as a SymPy expression in givens and earlier questions' names.
        inputs: name -> question id of every earlier question the formula uses.
        answer: the exact answer (formula at the exact earlier answers).
        check: the exact answer by another route through symnn (must equal ``answer``).
        digits: significant figures required, or None when the answer must be exact.
        marks: what the question is worth.
    """

    id: str
    name: str
    lhs: str
    prompt: str
    formula: sp.Expr
    inputs: Mapping[str, str]
    answer: sp.Expr
    check: sp.Expr
    digits: int | None = None
    marks: int = 1

    @property
    def uses(self) -> tuple[str, ...]:
        """The ids of the earlier questions this one is worked from, in order."""
        return tuple(sorted(set(self.inputs.values()), key=_question_number))


def _question_number(qid: str) -> int:
    return int(qid[1:])


@dataclass(frozen=True)
class Part:
    """A titled group of questions on the sheet ("Forward pass", "Backward pass")."""

    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Exercise:
    r"""One numbered sheet of one topic.

    Attributes:
        topic: the topic name (``"backprop"``).
        seed: the seed it was drawn from.
        variant: its number among the sheets of that seed (1-based).
        title: plain-text title.
        statement: the problem statement, plain text with ``$...$`` math.
        givens: name -> exact value of every number the sheet gives (parameters, point, η).
        shown: LaTeX lines the sheet displays (the function, the network's equations).
        parts: the questions, in groups, in order.
        options: the topic options (``{"layers": "2-2-2", "activation": "sigmoid"}``), as text.
    """

    topic: str
    seed: int
    variant: int
    title: str
    statement: str
    givens: Mapping[str, sp.Expr]
    shown: tuple[str, ...]
    parts: tuple[Part, ...]
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in order."""
        return tuple(q for part in self.parts for q in part.questions)

    def question(self, qid: str) -> Question:
        """The question with id ``qid``."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)
