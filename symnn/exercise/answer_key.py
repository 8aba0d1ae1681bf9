r"""The answer key as verified working: every value of every question checked by symnn.

For each question the key shows "formula = substitution = value". Two claims
(:mod:`symnn.verify`) back it:

1. the formula, worked at the exact earlier answers, equals the value symnn computes by
   another route (the calculus functions, or the backprop program): ``equal``;
2. the value printed in the key is that exact value: ``equal`` for an exact answer, or
   ``approx`` (correct to the printed figures) for one given to significant figures.

Examples:
    >>> from symnn.exercise.generate import generate
    >>> checked = verify(generate("descent", seed=1)[0])
    >>> checked.ok, checked.count("verified"), checked.count("failed")
    (True, 22, 0)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symnn.exercise.figures import rounded_text
from symnn.exercise.model import Exercise, Question
from symnn.latex import decimal_text, latex
from symnn.verify import Claim, ClaimResult, approx, check_claims, equal

__all__ = ["CheckedQuestion", "VerifiedSheet", "printed_value", "verify"]


def printed_value(question: Question) -> str:
    """The answer as the key prints it: the exact decimal, a fraction, or the rounded figures.

    Examples:
        >>> from symnn.exercise.generate import generate
        >>> [printed_value(q) for q in generate("descent", seed=1)[0].questions][:4]
        ['6', '8', '17', '-0.3']
    """
    if question.digits is not None:
        return rounded_text(question.check, question.digits)
    value = question.answer
    return decimal_text(value) or str(value)


@dataclass(frozen=True)
class CheckedQuestion:
    """A question with the judgements of its claims."""

    question: Question
    printed: str
    results: tuple[ClaimResult, ...]

    @property
    def ok(self) -> bool:
        """True when every claim of the question is verified."""
        return all(r.ok for r in self.results)


@dataclass(frozen=True)
class VerifiedSheet:
    """One sheet and the verdicts on its key."""

    exercise: Exercise
    questions: tuple[CheckedQuestion, ...]

    @property
    def ok(self) -> bool:
        """True when every claim of the key is verified."""
        return all(q.ok for q in self.questions)

    def count(self, status: str) -> int:
        """How many claims have ``status``."""
        return sum(r.status == status for q in self.questions for r in q.results)


def _claims(exercise: Exercise, question: Question, printed: str) -> list[Claim]:
    where = f"{exercise.topic} sheet {exercise.variant}, {question.id}"
    working = equal(
        where, rf"{question.lhs} = {latex(question.formula, order='none')}", question.answer, question.check
    )
    if question.digits is None:
        shown = equal(where, rf"{question.lhs} = {printed}", sp.Rational(printed), question.check)
    else:
        shown = approx(where, rf"{question.lhs} \approx {printed}", printed, question.check)
    return [working, shown]


def verify(exercise: Exercise) -> VerifiedSheet:
    """Check the key of one sheet; a failed claim is a result, never an exception."""
    checked = []
    for question in exercise.questions:
        printed = printed_value(question)
        checked.append(CheckedQuestion(question, printed, check_claims(_claims(exercise, question, printed))))
    return VerifiedSheet(exercise, tuple(checked))
