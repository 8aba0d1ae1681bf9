r"""The machine-readable answer key (JSON): each question's exact answer, the figures required,
the questions it depends on, and the formula that recomputes it from earlier answers.

Layout (``KEY_FORMAT`` version ``KEY_VERSION``)::

    {"format": "symnn-exercise-key", "version": 1, "topic": "backprop", "seed": 3,
     "options": {"layers": "2-2-2", "activation": "sigmoid"},
     "scheme": {"right": 1, "carried": 1, "rounding": 0.5, "wrong": 0, "missing": 0, "not read": 0},
     "verified": true,
     "variants": [{"variant": 1, "givens": {"w_11__2": "-3/10", ...},
                   "questions": [{"id": "q10", "name": "delta_1__3", "lhs": "\\delta^{[3]}_{1}",
                                  "prompt": "...", "answer": "...", "value": "0.1362355713...",
                                  "printed": "0.1362", "digits": 4, "marks": 1,
                                  "depends_on": ["q7"], "inputs": {"a_1__3": "q7"},
                                  "formula": "a_1__3*(1 - a_1__3)*(a_1__3 - y_1)",
                                  "recompute": {...tree...}, "verified": true}, ...]}]}

``answer`` is exact (``"23/50"``, or SymPy's text of an exact constant); ``value`` is it as
a decimal, exact when it terminates, else to :data:`symnn.exercise.figures.PRECISION` digits;
``recompute`` is the formula as a JSON tree (:mod:`symnn.exercise.expression`), which
the marker rebuilds from a fixed table of classes: nothing in a key is eval'ed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy as sp

from symnn.errors import SymnnError
from symnn.exercise.answer_key import VerifiedSheet
from symnn.exercise.expression import from_tree, to_tree
from symnn.exercise.figures import as_rational
from symnn.latex import decimal_text

__all__ = ["KEY_FORMAT", "KEY_VERSION", "SCHEME", "Key", "KeyQuestion", "KeySheet", "key_json", "read_key"]

KEY_FORMAT = "symnn-exercise-key"
KEY_VERSION = 1
#: The fraction of a question's marks each verdict earns.
SCHEME: dict[str, float] = {"right": 1, "carried": 1, "rounding": 0.5, "wrong": 0, "missing": 0, "not read": 0}


@dataclass(frozen=True)
class KeyQuestion:
    """One question as the marker needs it (read from the key, not regenerated)."""

    id: str
    name: str
    lhs: str
    prompt: str
    answer_text: str
    value: sp.Rational
    printed: str
    digits: int | None
    marks: int
    inputs: Mapping[str, str]
    formula: sp.Expr

    @property
    def depends_on(self) -> tuple[str, ...]:
        """Ids of the earlier questions this one is worked from."""
        return tuple(sorted(set(self.inputs.values()), key=lambda q: int(q[1:])))


@dataclass(frozen=True)
class KeySheet:
    """One variant: its givens and questions."""

    variant: int
    givens: Mapping[str, sp.Rational]
    questions: tuple[KeyQuestion, ...]

    def question(self, qid: str) -> KeyQuestion | None:
        """The question ``qid``, or None."""
        return next((q for q in self.questions if q.id == qid), None)


@dataclass(frozen=True)
class Key:
    """A whole key file."""

    topic: str
    seed: int
    options: Mapping[str, str]
    scheme: Mapping[str, float]
    sheets: tuple[KeySheet, ...]

    def sheet(self, variant: int) -> KeySheet | None:
        """Variant ``variant``, or None."""
        return next((s for s in self.sheets if s.variant == variant), None)


def _value_text(value: sp.Expr) -> str:
    if value.is_Rational:
        return decimal_text(value) or str(value)
    return decimal_text(as_rational(value)) or str(as_rational(value))


def _text(expr: sp.Expr) -> str:
    # SymPy's text in its own argument order: the default printer sorts every Add and Mul,
    # which took 3 s of a 2-2-3-2 sheet's nested sigmoids (order="none": 0.1 s, same value).
    return sp.sstr(expr, order="none")


def key_json(sheets: Sequence[VerifiedSheet]) -> dict[str, Any]:
    """The key of ``sheets`` (one topic, one seed) as a JSON object."""
    first = sheets[0].exercise
    variants = []
    for checked in sheets:
        exercise = checked.exercise
        questions = [
            {
                "id": q.question.id,
                "name": q.question.name,
                "lhs": q.question.lhs,
                "prompt": q.question.prompt,
                "answer": _text(q.question.check),
                "value": _value_text(q.question.check),
                "printed": q.printed,
                "digits": q.question.digits,
                "marks": q.question.marks,
                "depends_on": list(q.question.uses),
                "inputs": dict(q.question.inputs),
                "formula": _text(q.question.formula),
                "recompute": to_tree(q.question.formula),
                "verified": q.ok,
            }
            for q in checked.questions
        ]
        givens = {name: str(value) for name, value in exercise.givens.items()}
        variants.append({"variant": exercise.variant, "givens": givens, "questions": questions})
    return {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "topic": first.topic,
        "seed": first.seed,
        "options": dict(first.options),
        "scheme": SCHEME,
        "verified": all(s.ok for s in sheets),
        "variants": variants,
    }


def read_key(path: Path | str) -> Key:
    """Read a key file written by :func:`key_json`.

    Raises:
        SymnnError: when the file is missing, is not JSON, is not a symnn key, or was
            written by another key version (one line saying which).
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise SymnnError(f"cannot read key {source}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SymnnError(f"key {source} is not JSON (write one with symnn exercise --key)") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise SymnnError(f"{source} is not a symnn exercise key")
    if data.get("version") != KEY_VERSION:
        raise SymnnError(
            f"key {source} has format version {data.get('version')!r}; this symnn reads version {KEY_VERSION}: "
            "write the key again with this symnn"
        )
    try:
        sheets = tuple(_sheet(v) for v in data["variants"])
        return Key(str(data["topic"]), int(data["seed"]), dict(data["options"]), dict(data["scheme"]), sheets)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SymnnError(f"key {source} is damaged: {type(error).__name__} {error}") from None


def _sheet(data: Mapping[str, Any]) -> KeySheet:
    givens = {str(k): sp.Rational(str(v)) for k, v in data["givens"].items()}
    questions = tuple(
        KeyQuestion(
            str(q["id"]),
            str(q["name"]),
            str(q["lhs"]),
            str(q["prompt"]),
            str(q["answer"]),
            sp.Rational(str(q["value"])),
            str(q["printed"]),
            None if q["digits"] is None else int(q["digits"]),
            int(q["marks"]),
            {str(k): str(v) for k, v in q["inputs"].items()},
            from_tree(q["recompute"]),
        )
        for q in data["questions"]
    )
    return KeySheet(int(data["variant"]), givens, questions)
