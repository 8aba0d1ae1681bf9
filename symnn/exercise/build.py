r"""Assembling an exercise question by question: the answer follows from the formula.

A topic calls :meth:`SheetBuilder.ask` once per question with the formula a student works
by hand (in givens and the names of earlier questions) and the same quantity computed by
another route through symnn. The builder numbers the question, finds which earlier
questions it uses, evaluates the formula exactly at the exact earlier answers, and decides
how the answer must be given (see :func:`digits_for`).

Examples:
    >>> b = SheetBuilder({"x": sp.Integer(3)})
    >>> b.part("Slope")
    >>> fx = b.ask("f_x", "f'(3)", "the slope at $x = 3$", 2 * sp.Symbol("x"), check=6)
    >>> q = b.parts()[0].questions[0]
    >>> q.id, q.answer, q.digits
    ('q1', 6, None)
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from symnn.errors import SymnnError
from symnn.exercise.model import Part, Question
from symnn.latex import decimal_text

__all__ = ["DIGITS", "EXACT_PLACES", "SheetBuilder", "digits_for", "evaluate"]

#: Significant figures asked for when an answer has no short exact decimal.
DIGITS = 4
#: An answer whose exact decimal has at most this many places must be given exactly.
EXACT_PLACES = 6


def digits_for(answer: sp.Expr) -> int | None:
    """None (give it exactly) for a short terminating decimal, else :data:`DIGITS` significant figures.

    Examples:
        >>> digits_for(sp.Rational("0.0602")), digits_for(sp.Rational(1, 3)), digits_for(sp.sqrt(2))
        (None, 4, 4)
    """
    if answer.is_Rational:
        text = decimal_text(answer)
        if text is not None and len(text.partition(".")[2]) <= EXACT_PLACES:
            return None
    return DIGITS


def evaluate(formula: sp.Expr, values: Mapping[str, sp.Expr]) -> sp.Expr:
    """``formula`` with every named quantity replaced by its value; rationals come out exact.

    Examples:
        >>> evaluate(sp.Symbol("a") * (1 - sp.Symbol("a")), {"a": sp.Rational(1, 2)})
        1/4
    """
    by_symbol = {sp.Symbol(name): value for name, value in values.items()}
    return sp.sympify(formula).xreplace(by_symbol).doit()


class SheetBuilder:
    """Collects the parts and questions of one sheet, in order."""

    def __init__(self, givens: Mapping[str, sp.Expr]) -> None:
        self.givens = dict(givens)
        self._answers: dict[str, sp.Expr] = {}
        self._ids: dict[str, str] = {}
        self._parts: list[tuple[str, list[Question]]] = []

    def part(self, title: str) -> None:
        """Start a new group of questions."""
        self._parts.append((title, []))

    def value(self, name: str) -> sp.Expr:
        """The exact value of a given or of an earlier question's answer."""
        return self.givens[name] if name in self.givens else self._answers[name]

    def ask(self, name: str, lhs: str, prompt: str, formula: sp.Expr, check: object, marks: int = 1) -> sp.Symbol:
        """Add a question; return its name as a symbol, for later formulas.

        Args:
            name: the quantity's SymPy name (``"a_1__3"``); unique on the sheet.
            lhs: LaTeX of the quantity.
            prompt: the question in words.
            formula: the working, in givens and earlier questions' names.
            check: the exact answer by another route (a symnn calculus or backprop result).
            marks: what the question is worth.

        Raises:
            SymnnError: if the formula names something neither given nor asked before.
        """
        if not self._parts:
            self.part("")
        if name in self._answers or name in self.givens:
            raise SymnnError(f"quantity {name} is asked twice")
        formula = sp.sympify(formula)
        inputs = {}
        for symbol in sorted(formula.free_symbols, key=lambda s: s.name):
            if symbol.name in self._ids:
                inputs[symbol.name] = self._ids[symbol.name]
            elif symbol.name not in self.givens:
                raise SymnnError(f"the formula of {name} uses {symbol.name}, which is neither given nor asked")
        answer = evaluate(formula, {**self.givens, **self._answers})
        qid = f"q{len(self._answers) + 1}"
        question = Question(
            qid, name, lhs, prompt, formula, inputs, answer, sp.sympify(check), digits_for(answer), marks
        )
        self._parts[-1][1].append(question)
        self._answers[name] = answer
        self._ids[name] = qid
        return sp.Symbol(name)

    def parts(self) -> tuple[Part, ...]:
        """The parts so far."""
        return tuple(Part(title, tuple(questions)) for title, questions in self._parts if questions)
