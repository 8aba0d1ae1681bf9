r"""Marking a submission against a key, with credit carried forward.

Each question gets one verdict:

- ``right``: the exact answer, or the answer to the figures required (a correct rounding,
  or a longer decimal that agrees); also an answer worked correctly from the student's own
  *right but rounded* earlier answers;
- ``carried`` ("right given your earlier answer"): wrong against the key, but what the key's
  formula gives from the student's own earlier answers, where one of those was wrong; the
  first wrong step upstream is named;
- ``rounding``: within one unit of the last required figure but not a correct rounding, or
  a correct rounding to fewer figures than required;
- ``wrong`` (with the expected value), ``missing``, ``not read`` (math that could not be read).

The recomputation is the key's own formula for the question (a SymPy tree rebuilt from a
fixed table of classes, :mod:`symnn.exercise.expression`) at the givens and the student's
earlier values; nothing a student wrote is ever evaluated as code.

Examples:
    >>> import sympy as sp
    >>> from symnn.exercise.keyfile import SCHEME
    >>> from symnn.exercise.submission import read_answers
    >>> x = sp.Symbol("x_1")
    >>> q1 = KeyQuestion("q1", "x_1", "x_1", "", "3/5", sp.Rational(3, 5), "0.6", None, 1, {}, sp.Rational(3, 5))
    >>> q2 = KeyQuestion("q2", "x_2", "x_2", "", "6/5", sp.Rational(6, 5), "1.2", None, 1, {"x_1": "q1"}, 2 * x)
    >>> sheet = KeySheet(1, {}, (q1, q2))
    >>> marked = mark(sheet, read_answers("q1: 0.7\nq2: 1.4", "ann.txt"), SCHEME)
    >>> [(m.question.id, m.status) for m in marked.marks], marked.total
    ([('q1', 'wrong'), ('q2', 'carried')], 1.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from symnn.errors import SymnnError
from symnn.exercise.figures import as_rational, judge_number, rounded_text
from symnn.exercise.keyfile import Key, KeyQuestion, KeySheet
from symnn.exercise.submission import Submission
from symnn.latex import decimal_text

__all__ = ["Mark", "MarkedSubmission", "mark", "mark_all", "sheet_for"]


@dataclass(frozen=True)
class Mark:
    """The verdict on one question.

    Attributes:
        question: the key's question.
        status: ``right``, ``carried``, ``rounding``, ``wrong``, ``missing`` or ``not read``.
        given: what the student wrote ("" when missing).
        expected: the key's printed answer.
        recomputed: the value the key's formula gives from the student's earlier answers, printed, or "".
        first_wrong: the id of the first wrong step upstream (for ``carried``), or "".
        comment: one sentence for the feedback page.
        marks: the marks earned.
    """

    question: KeyQuestion
    status: str
    given: str
    expected: str
    recomputed: str
    first_wrong: str
    comment: str
    marks: float


@dataclass(frozen=True)
class MarkedSubmission:
    """One student's marked submission."""

    submission: Submission
    variant: int
    marks: tuple[Mark, ...]

    @property
    def total(self) -> float:
        """Marks earned."""
        return float(sum(m.marks for m in self.marks))

    @property
    def out_of(self) -> int:
        """Marks available."""
        return sum(m.question.marks for m in self.marks)


def _shown(value: sp.Expr, digits: int | None) -> str:
    """A value as the feedback prints it: to the figures required, else exactly."""
    if digits is not None:
        return rounded_text(value, digits)
    return decimal_text(value) or str(value)


def _recompute(question: KeyQuestion, givens: Mapping[str, sp.Rational], held: Mapping[str, sp.Expr]) -> sp.Expr | None:
    """The key's formula at the givens and the values the student holds; None if it has no value."""
    values = {sp.Symbol(name): value for name, value in givens.items()}
    values.update({sp.Symbol(name): held[qid] for name, qid in question.inputs.items()})
    try:
        result = question.formula.xreplace(values).doit()
        if result.free_symbols or result.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return None
        return as_rational(result)
    except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
        return None


def _ancestors(sheet: KeySheet, qid: str) -> list[str]:
    """Every question ``qid`` is worked from, directly or through others, in order."""
    seen: list[str] = []
    stack = [qid]
    while stack:
        found = sheet.question(stack.pop())
        for upstream in found.depends_on if found else ():
            if upstream not in seen:
                seen.append(upstream)
                stack.append(upstream)
    return sorted(seen, key=lambda q: int(q[1:]))


def _describe(sheet: KeySheet, qid: str) -> str:
    q = sheet.question(qid)
    return f"{qid} (${q.lhs}$)" if q else qid


def mark(sheet: KeySheet, submission: Submission, scheme: Mapping[str, float]) -> MarkedSubmission:
    """Mark ``submission`` against one variant of the key."""
    held: dict[str, sp.Expr] = {}
    verdicts: dict[str, str] = {}
    marks: list[Mark] = []
    for q in sheet.questions:
        answer = submission.answers.get(q.id)
        status, given, recomputed, first_wrong, comment = "", "", "", "", ""
        if answer is None:
            status, comment = "missing", f"no answer; the answer is {q.printed}"
        elif answer.value is None:
            status, given = "not read", answer.text
            comment = f"could not read this as a number ({answer.reason}); the answer is {q.printed}"
        else:
            given = answer.text
            student = as_rational(answer.value)
            status = judge_number(student, q.value, q.digits, answer.text)
            if status != "right" and q.inputs:
                again = _recompute(q, sheet.givens, held)
                if again is not None and judge_number(student, again, q.digits, answer.text) == "right":
                    recomputed = _shown(again, q.digits)
                    upstream = [
                        u for u in _ancestors(sheet, q.id) if verdicts.get(u) in ("wrong", "rounding", "carried")
                    ]
                    roots = [u for u in upstream if verdicts[u] in ("wrong", "rounding")]
                    if not upstream:
                        status = "right"
                        comment = "worked correctly from your rounded earlier answers"
                    else:
                        status = "carried"
                        first_wrong = (roots or upstream)[0]
                        comment = (
                            f"from your values the working gives {recomputed}; "
                            f"the first wrong step is {_describe(sheet, first_wrong)}"
                        )
            if status == "wrong":
                comment = f"expected {q.printed}"
            elif status == "rounding":
                comment = (
                    f"a rounding slip: {q.printed} to {q.digits} significant figures"
                    if q.digits
                    else f"expected {q.printed}"
                )
            held[q.id] = student
        if q.id not in held:
            held[q.id] = q.value
        verdicts[q.id] = status
        marks.append(Mark(q, status, given, q.printed, recomputed, first_wrong, comment, scheme[status] * q.marks))
    variant = sheet.variant
    return MarkedSubmission(submission, variant, tuple(marks))


def sheet_for(key: Key, submission: Submission) -> KeySheet:
    """The variant of ``key`` the submission answers.

    Raises:
        SymnnError: when the key has several variants and the submission names none, or an unknown one.
    """
    if submission.variant is None and len(key.sheets) != 1:
        raise SymnnError(
            f"{submission.source}: the key has {len(key.sheets)} variants; write 'variant: N' in the submission"
        )
    sheet = key.sheets[0] if submission.variant is None else key.sheet(submission.variant)
    if sheet is None:
        raise SymnnError(
            f"{submission.source}: variant {submission.variant} is not in the key (it has 1..{len(key.sheets)})"
        )
    unknown = sorted(set(submission.answers) - {q.id for q in sheet.questions}, key=lambda q: int(q[1:]))
    if unknown and len(unknown) == len(submission.answers):
        raise SymnnError(f"{submission.source} answers {', '.join(unknown[:3])}, which the key does not have")
    return sheet


def mark_all(key: Key, submissions: Sequence[Submission]) -> list[MarkedSubmission]:
    """Mark every submission against its variant of ``key``."""
    return [mark(sheet_for(key, s), s, key.scheme) for s in submissions]
