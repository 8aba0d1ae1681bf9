r"""The sheet, the answer key and the feedback page as documents of the one model.

Each is a :class:`symnn.document.model.Document`, rendered by the shared renderers to PDF,
LaTeX, Markdown or HTML (:func:`symnn.document.write.write_document`). The key's lines are
:class:`~symnn.document.model.Step` blocks "formula = substitution = value" holding the
claims of :mod:`symnn.exercise.answer_key`, judged already (no claim is judged twice).
"""

from __future__ import annotations

import sympy as sp

from symnn.document.latex import escape
from symnn.document.model import Document, Judged, Mark, Math, Prose, Section, Step, Table, judge
from symnn.exercise.answer_key import CheckedQuestion, VerifiedSheet
from symnn.exercise.build import DIGITS
from symnn.exercise.marking import MarkedSubmission
from symnn.exercise.model import Exercise, Question
from symnn.latex import latex, latex_substituted
from symnn.verify import ClaimResult

__all__ = ["feedback_document", "key_document", "sheet_document"]

_VERDICT = {
    "right": ("verified", "right"),
    "carried": ("verified", "right given your earlier answer"),
    "rounding": ("failed", "rounding"),
    "wrong": ("failed", "wrong"),
    "missing": ("unchecked", "missing"),
    "not read": ("unchecked", "not read"),
}


def _title(exercise: Exercise) -> str:
    return f"{exercise.title}: sheet {exercise.variant}"


def _how(question: Question) -> str:
    return "exactly" if question.digits is None else f"{question.digits} significant figures"


def _instructions(exercise: Exercise, variants: int) -> Prose:
    first = "variant: " + str(exercise.variant) + r"\\ " if variants > 1 else ""
    return Prose(
        rf"Topic \texttt{{{escape(exercise.topic)}}}, seed {exercise.seed}, sheet {exercise.variant}. "
        r"Hand in a plain-text file with one answer a line, such as "
        rf"\texttt{{{first}q1: 0.25}}. Give each answer as the table says: \emph{{exactly}} (a decimal "
        rf"or a fraction such as \texttt{{23/50}}), or to {DIGITS} significant figures. Later answers "
        r"worked correctly from a wrong earlier one still earn their marks."
    )


def _problem(exercise: Exercise) -> Section:
    blocks: list = [Prose(exercise.statement)]
    blocks.extend(Math((line,), aligned=False) for line in exercise.shown)
    return Section("The problem", tuple(blocks), numbered=False)


def sheet_document(exercise: Exercise, variants: int = 1) -> Document:
    """The exercise sheet a student works from (no answers)."""
    sections = [_problem(exercise)]
    for part in exercise.parts:
        rows = tuple((rf"\textbf{{{q.id}}}", q.prompt, _how(q)) for q in part.questions)
        sections.append(Section(part.title or "Questions", (Table(("", "find", "give"), rows),), numbered=False))
    return Document(_title(exercise), tuple(sections), front=(_instructions(exercise, variants),))


#: LaTeX of givens whose SymPy names print otherwise (``Delta_x`` would print as a subscripted Delta).
_GIVEN_NAMES = {"Delta_x": r"\Delta x", "Delta_y": r"\Delta y"}


def _names(exercise: Exercise) -> dict[sp.Symbol, str]:
    """LaTeX of every question's quantity (and of a few givens), for the formulas that use them."""
    names = {sp.Symbol(name): text for name, text in _GIVEN_NAMES.items()}
    names.update({sp.Symbol(q.name): q.lhs for q in exercise.questions})
    return names


def _step(exercise: Exercise, checked: CheckedQuestion, shown: dict[str, sp.Expr], names: dict[sp.Symbol, str]) -> Step:
    q = checked.question
    formula = latex(q.formula, order="none", symbol_names=names)
    values = {sp.Symbol(k): v for k, v in {**exercise.givens, **shown}.items()}
    substitution = latex_substituted(
        q.formula, {s: v for s, v in values.items() if s in q.formula.free_symbols}, order="none", symbol_names=names
    )
    sides = tuple(side for side in (formula, substitution) if side and side != checked.printed)
    if q.digits is None:
        return Step(q.lhs, (*sides, checked.printed), tuple(r.claim for r in checked.results))
    return Step(q.lhs, sides, tuple(r.claim for r in checked.results), approx=checked.printed)


def key_document(checked: VerifiedSheet) -> Judged:
    """The verified answer key of one sheet: every line's claims judged by symnn."""
    exercise = checked.exercise
    names = _names(exercise)
    shown: dict[str, sp.Expr] = {}
    sections = [_problem(exercise)]
    results: list[ClaimResult] = []
    for part in exercise.parts:
        blocks: list = []
        for item in (c for c in checked.questions if c.question in part.questions):
            q = item.question
            uses = f" (from {', '.join(q.uses)})" if q.uses else ""
            blocks.append(Prose(rf"\textbf{{{q.id}}}{uses}: {q.prompt}, {_how(q)}."))
            blocks.append(_step(exercise, item, shown, names))
            results.extend(item.results)
            shown[q.name] = sp.Rational(item.printed)
        sections.append(Section(part.title or "Answers", tuple(blocks), numbered=False))
    lead = Prose(
        rf"Answer key of sheet {exercise.variant} (topic \texttt{{{escape(exercise.topic)}}}, seed {exercise.seed}). "
        r"Each line is formula = substitution = value; the substitution uses the earlier answers as "
        r"printed. symnn checked every value: the formula at the exact earlier answers against its own "
        r"calculus or backprop, and the printed value against the exact one."
    )
    document = Document(f"Answer key: {_title(exercise)}", tuple(sections), front=(lead,))
    return judge(document, results)


def _given_text(text: str) -> str:
    return r"\texttt{" + escape(text[:60]) + "}" if text else "--"


def feedback_document(marked: MarkedSubmission, topic: str, title: str) -> Document:
    """One student's feedback page: a verdict, mark and comment per question, and the total."""
    rows = []
    for m in marked.marks:
        status, word = _VERDICT[m.status]
        rows.append(
            (
                rf"\textbf{{{m.question.id}}}",
                f"${m.question.lhs}$",
                _given_text(m.given),
                Mark(status),
                word,
                f"{m.marks:g}/{m.question.marks}",
                escape_comment(m.comment),
            )
        )
    total = f"{marked.total:g}/{marked.out_of}"
    table = Table(
        ("", "quantity", "your answer", "", "verdict", "mark", "comment"),
        tuple(rows),
        columns=r"llp{2cm}cp{2.3cm}cp{5.4cm}",
        footer=(("", "", "", "", r"\textbf{total}", total, ""),),
    )
    student = escape(marked.submission.student)
    lead = Prose(
        rf"Student \textbf{{{student}}}, sheet {marked.variant} of \texttt{{{escape(topic)}}}: "
        rf"\textbf{{{total}}} marks."
    )
    return Document(
        f"Feedback: {marked.submission.student[:60]}, {title} sheet {marked.variant}",
        (Section("Your answers", (lead, table), numbered=False),),
    )


def escape_comment(comment: str) -> str:
    """A comment's words escaped for LaTeX, its ``$...$`` math (from the key, never the student's) kept."""
    pieces = comment.split("$")
    return "".join(f"${piece}$" if i % 2 else escape(piece) for i, piece in enumerate(pieces))
